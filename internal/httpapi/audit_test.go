package httpapi_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/httpapi"
	"github.com/borasstad/lokalbanken/internal/server"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// auditEntry finds the one entry of the action about the object through GET /audit, as the
// city administrator.
func (e *env) auditEntry(action, objectType, objectID string) map[string]any {
	e.t.Helper()
	q := url.Values{"action": {action}, "object_type": {objectType}}
	if objectID != "" {
		q.Set("object_id", objectID)
	}
	r := e.do("GET", "/api/v1/audit?"+q.Encode(), "")
	if r.status != 200 || len(r.items()) != 1 {
		e.t.Errorf("audit %s of %s %s: want one entry, got %d: %s", action, objectType, objectID, r.status, r.raw)
		return map[string]any{}
	}
	return r.items()[0]
}

// TestAuditChanges makes each kind of change through the API and finds it in the audit log
// with who made it, from where, and the object's state before and after.
func TestAuditChanges(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	adminAToken, cityID, adminAID := w.tokens[adminA], float64(w.city.ID), float64(w.people[adminA].ID)
	orgA := idStr(w.a.ID)
	must := func(token, method, path, body string, status int) response {
		t.Helper()
		r := w.doAs(token, method, path, body)
		if r.status != status {
			t.Fatalf("%s %s: %d, want %d: %s", method, path, r.status, status, r.raw)
		}
		return r
	}
	org := must(w.cityToken, "POST", "/api/v1/organisations", `{"kind":"other","name":"Granskad"}`, 201).id(t)
	must(w.cityToken, "PUT", "/api/v1/organisations/"+org, `{"kind":"other","name":"Granskad igen"}`, 200)
	must(w.cityToken, "POST", "/api/v1/organisations/"+org+"/archive", "", 200)
	v := must(adminAToken, "POST", "/api/v1/venues", `{"owner_id":`+orgA+`,"name":"V","street_address":"G 1","postal_code":"50335","town":"Borås"}`, 201).id(t)
	must(adminAToken, "PUT", "/api/v1/venues/"+v, `{"owner_id":`+orgA+`,"name":"V2","street_address":"G 1","postal_code":"50335","town":"Borås"}`, 200)
	room := must(adminAToken, "POST", "/api/v1/venues/"+v+"/rooms", `{"name":"R","capacity":3}`, 201).id(t)
	must(adminAToken, "PUT", "/api/v1/rooms/"+room, `{"name":"R2","capacity":4}`, 200)
	must(adminAToken, "POST", "/api/v1/rooms/"+room+"/archive", "", 200)
	must(adminAToken, "POST", "/api/v1/venues/"+v+"/archive", "", 200)
	newcomer := w.outsider()
	must(adminAToken, "PUT", fmt.Sprintf("/api/v1/organisations/%s/members/%d", orgA, newcomer.ID), `{"role":"booker"}`, 200)
	must(adminAToken, "PUT", fmt.Sprintf("/api/v1/organisations/%s/members/%d", orgA, newcomer.ID), `{"role":"admin"}`, 200)
	must(adminAToken, "DELETE", fmt.Sprintf("/api/v1/organisations/%s/members/%d", orgA, newcomer.ID), "", 204)
	must(adminAToken, "POST", "/api/v1/organisations/"+orgA+"/invitations", `{"email":"inbjuden@example.se","role":"booker"}`, 201)
	tok := must(adminAToken, "POST", "/api/v1/tokens", `{"name":"granskad"}`, 201).id(t)
	must(adminAToken, "DELETE", "/api/v1/tokens/"+tok, "", 204)
	user := must(w.cityToken, "POST", "/api/v1/users", `{"email":"granskad@example.se","name":"G","password":"ett långt lösenord"}`, 201).id(t)
	must(w.cityToken, "PUT", "/api/v1/users/"+user, `{"email":"granskad@example.se","name":"G2"}`, 200)
	must(w.cityToken, "DELETE", "/api/v1/users/"+user, "", 204)

	newcomerID := idStr(newcomer.ID)
	for _, tc := range []struct {
		action, objectType, objectID string
		actor                        float64
		org                          string // the organisation_id wanted, "" for none
		before, after                bool   // whether a state is wanted
	}{
		{"organisation.create", "organisation", org, cityID, org, false, true},
		{"organisation.update", "organisation", org, cityID, org, true, true},
		{"organisation.archive", "organisation", org, cityID, org, true, true},
		{"venue.create", "venue", v, adminAID, orgA, false, true},
		{"venue.update", "venue", v, adminAID, orgA, true, true},
		{"venue.archive", "venue", v, adminAID, orgA, true, true},
		{"room.create", "room", room, adminAID, orgA, false, true},
		{"room.update", "room", room, adminAID, orgA, true, true},
		{"room.archive", "room", room, adminAID, orgA, true, true},
		{"membership.remove", "membership", newcomerID, adminAID, orgA, true, false},
		{"membership.invite", "membership", "", adminAID, orgA, false, true},
		{"token.create", "token", tok, adminAID, "", false, true},
		{"token.revoke", "token", tok, adminAID, "", false, true},
		{"user.delete", "user", user, cityID, "", false, false},
	} {
		got := w.auditEntry(tc.action, tc.objectType, tc.objectID)
		label := tc.action + " " + tc.objectID
		if got["actor_user_id"] != tc.actor || got["ip"] != "127.0.0.1" {
			t.Errorf("%s: actor %v from %v, want %v from 127.0.0.1", label, got["actor_user_id"], got["ip"], tc.actor)
		}
		if want := any(nil); tc.org != "" && fmt.Sprint(got["organisation_id"]) != tc.org || tc.org == "" && got["organisation_id"] != want {
			t.Errorf("%s: organisation_id %v, want %q", label, got["organisation_id"], tc.org)
		}
		if (got["before"] != nil) != tc.before || (got["after"] != nil) != tc.after {
			t.Errorf("%s: before %v, after %v; want before %v, after %v", label, got["before"], got["after"], tc.before, tc.after)
		}
	}
	// A membership set twice is two entries: joining, then a change of role.
	r := w.do("GET", "/api/v1/audit?action=membership.set&object_id="+newcomerID, "")
	if items := r.items(); len(items) != 2 || items[0]["before"] == nil || items[1]["before"] != nil {
		t.Errorf("membership.set: want a role change after a join, newest first: %s", r.raw)
	}
	// The deleted person's account entries lose their states; the log never held a secret.
	for _, action := range []string{"user.create", "user.update"} {
		if got := w.auditEntry(action, "user", user); got["before"] != nil || got["after"] != nil {
			t.Errorf("%s of a deleted person keeps their data: %v", action, got)
		}
	}
	if all := w.do("GET", "/api/v1/audit?limit=200", ""); regexp.MustCompile(`argon2|lösenord|lb_[A-Za-z0-9_-]{20}`).MatchString(all.raw) {
		t.Errorf("a secret in the audit log:\n%s", all.raw)
	}
}

// TestAuditRefusals records every 403 as access.denied, with the actor, the route and the
// client address that TCP saw, whatever X-Forwarded-For claims; and only city
// administrators read the log.
func TestAuditRefusals(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	venue := idStr(w.venueA.ID)
	body := fmt.Sprintf(`{"owner_id":%d,"name":"Tagen","street_address":"G 1","postal_code":"50335","town":"Borås"}`, w.a.ID)
	if r := w.doAs(w.tokens[adminB], "PUT", "/api/v1/venues/"+venue, body, "X-Forwarded-For", "203.0.113.9"); r.status != 403 {
		t.Fatalf("B's admin changes A's venue: %d", r.status)
	}
	got := w.auditEntry(audit.ActionDenied, "/api/v1/venues/:id", venue)
	if got["actor_user_id"] != float64(w.people[adminB].ID) || got["ip"] != "127.0.0.1" {
		t.Errorf("refusal: actor %v from %v, want %d from 127.0.0.1", got["actor_user_id"], got["ip"], w.people[adminB].ID)
	}
	if after, _ := got["after"].(map[string]any); after["method"] != "PUT" {
		t.Errorf("refusal: after %v, want the method", got["after"])
	}
	for _, a := range []int{bookerA, adminA, adminB} {
		if r := w.doAs(w.tokens[a], "GET", "/api/v1/audit", ""); r.status != 403 {
			t.Errorf("%s reads the audit log: %d", actorNames[a], r.status)
		}
	}
	if r := w.doAs(anonymous, "GET", "/api/v1/audit", ""); r.status != 401 {
		t.Errorf("anonymous reads the audit log: %d", r.status)
	}
	// Anonymous requests are 401, not refusals of a person, and not recorded as such.
	if r := w.do("GET", "/api/v1/audit?action=access.denied&object_type=/api/v1/audit&limit=200", ""); len(r.items()) != 3 {
		t.Errorf("refused reads of the log: want 3 entries: %s", r.raw)
	}
}

// TestAuditRefusalFailure: a refusal that cannot be recorded is still answered 403, the same
// as ever.
func TestAuditRefusalFailure(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	broken := dbtest.New(t)
	brokenAudit := audit.NewService(broken, validation.New(), time.Now)
	broken.Close()
	var logged lockedBuffer
	srv := httptest.NewServer(server.New(server.Options{
		Log: slog.New(slog.NewTextHandler(&logged, nil)), DB: w.db, MaxBodyBytes: 1 << 16, Auth: w.accounts,
		API: mustAPI(t, httpapi.Deps{Organisations: w.orgs, Venues: w.venues, Accounts: w.accounts, Audit: brokenAudit,
			Bookings: w.bookings, FeedTokens: w.feeds, Agreements: w.agree, Meetings: w.meetings, Rounds: w.rounds}),
	}))
	t.Cleanup(srv.Close)
	w.srv = srv
	r := w.doAs(w.tokens[adminB], "POST", fmt.Sprintf("/api/v1/venues/%d/archive", w.venueA.ID), "")
	if r.status != 403 || r.problem() != "forbidden" {
		t.Fatalf("refusal with a broken audit log: %d %s", r.status, r.raw)
	}
	if !regexp.MustCompile(`record refusal failed`).MatchString(logged.String()) {
		t.Errorf("the failure to record was not logged:\n%s", logged.String())
	}
}

// lockedBuffer is a bytes.Buffer that the server's goroutines may write concurrently.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
