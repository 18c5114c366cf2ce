package httpapi_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
)

func exerciseFeedTokens(t *testing.T, e *env, c *oaClient, maxBody int) {
	org := e.org("association", "Kalenderföreningen")
	booker := e.user("kalender@example.se", false)
	e.member(org.ID, booker, access.RoleBooker)
	bookerToken := e.token(booker)
	path := fmt.Sprintf("/organisations/%d/feed-tokens", org.ID)

	// Create: the secret and both addresses, once, and never kept by a cache.
	made := c.do(call{name: "create feed token", method: "POST", path: path, as: bookerToken, body: `{"name":"Styrelsen"}`, status: 201})
	id := made.id(t)
	secret, _ := made.body["token"].(string)
	wantURL := testBaseURL + "/calendar/private/" + secret + ".ics"
	if !strings.HasPrefix(secret, feedtoken.Prefix) || !strings.HasPrefix(secret, fmt.Sprint(made.body["prefix"])) ||
		made.body["url"] != wantURL || made.body["webcal_url"] != "webcal://"+strings.TrimPrefix(wantURL, "https://") {
		t.Fatalf("create feed token: %s", made.raw)
	}
	if cc := made.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("create feed token: Cache-Control %q, want no-store", cc)
	}
	if got, err := e.feeds.Resolve(e.ctx(), secret); err != nil || got != org.ID {
		t.Errorf("the new link resolves to %d, %v; want %d", got, err, org.ID)
	}
	c.refuse(call{name: "create feed token", method: "POST", path: path, body: `{"name":"Kalender"}`})
	for _, k := range []call{
		{name: "feed token malformed", body: `{"name"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "feed token not JSON", contentType: "text/plain", body: `{"name":"A"}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "feed token too large", body: padded(maxBody, `{"name":"A"}`), status: 413, problem: "too-large"},
		{name: "feed token blank name", body: `{"name":"  "}`, docRejects: true, status: 422, problem: "validation", field: "name"},
		{name: "feed token name too long", body: `{"name":"` + strings.Repeat("n", 101) + `"}`, docRejects: true, status: 422, problem: "validation", field: "name"},
		{name: "feed token unknown field", body: `{"name":"A","secret":"x"}`, docRejects: true, status: 422, problem: "validation", field: "secret"},
		{name: "feed token for unknown organisation", path: "/organisations/999999/feed-tokens", body: `{"name":"A"}`, status: 404, problem: "organisation-not-found"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = path
		}
		c.do(k)
	}
	exerciseFeedTokenLimits(t, e, c)

	// List: the link, without its secret.
	listed := c.do(call{name: "list feed tokens", method: "GET", path: path, as: bookerToken, status: 200})
	if !listed.hasItem(id) || strings.Contains(string(listed.raw), secret) {
		t.Errorf("list feed tokens: %d missing, or its secret shown:\n%s", id, listed.raw)
	}
	c.refuse(call{name: "list feed tokens", method: "GET", path: path})
	c.do(call{name: "feed tokens of unknown organisation", method: "GET", path: "/organisations/999999/feed-tokens", status: 404, problem: "organisation-not-found"})

	// Revoke: the link stops at once.
	one := fmt.Sprintf("/feed-tokens/%d", id)
	c.refuse(call{name: "revoke feed token", method: "DELETE", path: one})
	c.do(call{name: "revoke feed token", method: "DELETE", path: one, as: bookerToken, status: 204})
	if _, err := e.feeds.Resolve(e.ctx(), secret); !errors.Is(err, feedtoken.ErrNotFound) {
		t.Errorf("the revoked link resolves: %v", err)
	}
	c.do(call{name: "revoke feed token again", method: "DELETE", path: one, status: 204})
	c.do(call{name: "revoke unknown feed token", method: "DELETE", path: "/feed-tokens/999999", status: 404, problem: "feed-token-not-found"})
}

// exerciseFeedTokenLimits: a full organisation gets a field error, an archived one a conflict.
func exerciseFeedTokenLimits(t *testing.T, e *env, c *oaClient) {
	full := e.org("association", "Fulla föreningen")
	for range feedtoken.MaxLive {
		if _, _, err := e.feeds.Create(e.ctx(), access.System, full.ID, "Kalender"); err != nil {
			t.Fatal(err)
		}
	}
	c.do(call{name: "feed token beyond the limit", method: "POST", path: fmt.Sprintf("/organisations/%d/feed-tokens", full.ID),
		body: `{"name":"En till"}`, status: 422, problem: "validation", field: "name"})
	archived := e.org("association", "Arkiverade föreningen")
	if _, err := e.orgs.ArchiveOrganisation(e.ctx(), access.System, archived.ID); err != nil {
		t.Fatal(err)
	}
	c.do(call{name: "feed token of archived organisation", method: "POST", path: fmt.Sprintf("/organisations/%d/feed-tokens", archived.ID),
		body: `{"name":"Kalender"}`, status: 409, problem: "organisation-archived"})
}
