package httpapi_test

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/borasstad/lokalbanken/internal/access"
)

// padded is body, a JSON object, with whitespace enough to make it larger than maxBody: a
// conforming body that is too large, for objects with no long field to fill.
func padded(maxBody int, body string) string {
	return "{" + strings.Repeat(" ", maxBody) + body[1:]
}

// secretsIn names anything in raw that looks like a password, a hash or a token secret.
var secretsIn = regexp.MustCompile(`(?i)argon2|password_hash|"password"|lb_[A-Za-z0-9_-]{20,}`)

func exerciseUsers(t *testing.T, c *oaClient, maxBody int) {
	const path = "/users"

	// Create.
	karin := c.do(call{name: "create user", method: "POST", path: path, status: 201,
		body: `{"email":"Karin.Ek@Example.se","name":"Karin Ek","phone":"033-12 34 56","password":"ett långt lösenord"}`})
	karinID := karin.id(t)
	if karin.body["has_password"] != true || secretsIn.Match(karin.raw) {
		t.Errorf("create user: has_password not true, or a secret in the answer:\n%s", karin.raw)
	}
	if got, want := karin.header.Get("Location"), fmt.Sprintf("%s/users/%d", apiBase, karinID); got != want {
		t.Errorf("Location %q, want %q", got, want)
	}
	nilsID := c.do(call{name: "create user without password", method: "POST", path: path, status: 201,
		body: `{"email":"nils@example.se","name":"Nils Berg","city_admin":false}`}).id(t)
	c.refuse(call{name: "create user", method: "POST", path: path, body: `{"email":"obehorig@example.se","name":"X"}`})
	for _, k := range []call{
		{name: "user malformed", body: `{"email":`, docRejects: true, status: 400, problem: "malformed"},
		{name: "user not JSON", contentType: "text/plain", body: `{"email":"a@example.se","name":"A"}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "user too large", body: padded(maxBody, `{"email":"a@example.se","name":"A"}`), status: 413, problem: "too-large"},
		{name: "user address taken, other case", body: `{"email":"karin.ek@example.se","name":"K"}`, status: 422, problem: "validation", field: "email"},
		{name: "user short password", body: `{"email":"a@example.se","name":"A","password":"kort"}`, status: 422, problem: "validation", field: "password"},
		{name: "user common password", body: `{"email":"a@example.se","name":"A","password":"Password123"}`, status: 422, problem: "validation", field: "password"},
		{name: "user bad address", body: `{"email":"inte en adress","name":"A"}`, status: 422, problem: "validation", field: "email"},
		{name: "user name too long", body: `{"email":"a@example.se","name":"` + strings.Repeat("å", 201) + `"}`, docRejects: true, status: 422, problem: "validation", field: "name"},
		{name: "user sets a hash", body: `{"email":"a@example.se","name":"A","password_hash":"x"}`, docRejects: true, status: 422, problem: "validation", field: "password_hash"},
	} {
		k.method, k.path = "POST", path
		c.do(k)
	}

	// Lists.
	page := c.do(call{name: "users, first page", method: "GET", path: path + "?limit=1", status: 200})
	c.do(call{name: "users, second page", method: "GET", path: path + "?limit=1&cursor=" + url.QueryEscape(page.nextCursor(t)), status: 200})
	if found := c.do(call{name: "users by text", method: "GET", path: path + "?q=karin", status: 200}); !found.hasItem(karinID) || len(found.items()) != 1 {
		t.Errorf("users by text: want just %d:\n%s", karinID, found.raw)
	}
	c.do(call{name: "users, foreign cursor", method: "GET", path: path + "?cursor=bm9wZQ", status: 422, problem: "validation", field: "cursor"})
	c.refuse(call{name: "list users", method: "GET", path: path})

	// Get, me, export.
	one := fmt.Sprintf("%s/%d", path, karinID)
	c.do(call{name: "get user", method: "GET", path: one, status: 200})
	c.do(call{name: "get unknown user", method: "GET", path: path + "/999999", status: 404, problem: "user-not-found"})
	c.refuse(call{name: "get user", method: "GET", path: one})
	if me := c.do(call{name: "me", method: "GET", path: "/users/me", status: 200}); me.body["city_admin"] != true {
		t.Errorf("me: not the city administrator:\n%s", me.raw)
	}
	c.do(call{name: "me anonymously", method: "GET", path: "/users/me", as: anonymous, status: 401, problem: "unauthenticated"})
	export := c.do(call{name: "export", method: "GET", path: "/users/me/export", status: 200})
	if !strings.HasPrefix(export.header.Get("Content-Disposition"), "attachment") || secretsIn.Match(export.raw) {
		t.Errorf("export: not an attachment, or a secret in it:\n%v\n%s", export.header, export.raw)
	}
	c.do(call{name: "export anonymously", method: "GET", path: "/users/me/export", as: anonymous, status: 401, problem: "unauthenticated"})

	// Replace.
	body := `{"email":"Karin.Ek@Example.se","name":"Karin Ek","phone":"033-65 43 21","city_admin":false}`
	if upd := c.do(call{name: "replace user", method: "PUT", path: one, body: body, status: 200}); upd.body["phone"] != "033-65 43 21" {
		t.Errorf("replace user: phone not changed:\n%s", upd.raw)
	}
	c.refuse(call{name: "replace user", method: "PUT", path: one, body: `{"email":"karin.ek@example.se","name":"Karin"}`})
	for _, k := range []call{
		{name: "replace unknown user", path: path + "/999999", body: `{"email":"a@example.se","name":"A"}`, status: 404, problem: "user-not-found"},
		{name: "replace user malformed", body: `{"email"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "replace user not JSON", contentType: "text/plain", body: `{"email":"a@example.se","name":"A"}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "replace user too large", body: padded(maxBody, `{"email":"a@example.se","name":"A"}`), status: 413, problem: "too-large"},
		{name: "replace user password", body: `{"email":"a@example.se","name":"A","password":"ett nytt långt lösenord"}`, docRejects: true, status: 422, problem: "validation", field: "password"},
		{name: "replace user blank name", body: `{"email":"a@example.se","name":"  "}`, docRejects: true, status: 422, problem: "validation", field: "name"},
	} {
		k.method = "PUT"
		if k.path == "" {
			k.path = one
		}
		c.do(k)
	}

	// Delete. The signed-in city administrator is the city's only one.
	meID := c.do(call{name: "me, for my id", method: "GET", path: "/users/me", status: 200}).id(t)
	mePath := fmt.Sprintf("%s/%d", path, meID)
	c.do(call{name: "delete the last city administrator", method: "DELETE", path: mePath, status: 409, problem: "last-city-admin"})
	c.do(call{name: "demote the last city administrator", method: "PUT", path: mePath, status: 409, problem: "last-city-admin",
		body: `{"email":"stadsadmin@boras.example","name":"Stadsadmin","city_admin":false}`})
	c.refuse(call{name: "delete user", method: "DELETE", path: one})
	c.do(call{name: "delete user", method: "DELETE", path: fmt.Sprintf("%s/%d", path, nilsID), status: 204})
	c.do(call{name: "delete deleted user", method: "DELETE", path: fmt.Sprintf("%s/%d", path, nilsID), status: 404, problem: "user-not-found"})
}

func exerciseTokens(t *testing.T, c *oaClient, maxBody int) {
	const path = "/tokens"
	expires := time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)
	made := c.do(call{name: "create token", method: "POST", path: path, status: 201,
		body: `{"name":"Importskript","expires_at":"` + expires + `"}`})
	id := made.id(t)
	secret, _ := made.body["token"].(string)
	if !strings.HasPrefix(secret, "lb_") || !strings.HasPrefix(secret, made.body["prefix"].(string)) {
		t.Fatalf("create token: secret %q, prefix %v", secret, made.body["prefix"])
	}
	c.do(call{name: "create token without expiry", method: "POST", path: path, body: `{"name":"Kalender"}`, status: 201})
	for _, k := range []call{
		{name: "token anonymously", body: `{"name":"A"}`, as: anonymous, status: 401, problem: "unauthenticated"},
		{name: "token malformed", body: `{"name"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "token not JSON", contentType: "text/plain", body: `{"name":"A"}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "token too large", body: padded(maxBody, `{"name":"A"}`), status: 413, problem: "too-large"},
		{name: "token expired at birth", body: `{"name":"A","expires_at":"2020-01-01T00:00:00Z"}`, status: 422, problem: "validation", field: "expires_at"},
		{name: "token blank name", body: `{"name":"   "}`, docRejects: true, status: 422, problem: "validation", field: "name"},
		{name: "token name too long", body: `{"name":"` + strings.Repeat("n", 101) + `"}`, docRejects: true, status: 422, problem: "validation", field: "name"},
	} {
		k.method, k.path = "POST", path
		c.do(k)
	}
	tokens := c.do(call{name: "list tokens", method: "GET", path: path, status: 200})
	if !tokens.hasItem(id) || strings.Contains(string(tokens.raw), secret) {
		t.Errorf("list tokens: token %d missing, or its secret shown:\n%s", id, tokens.raw)
	}
	c.do(call{name: "tokens anonymously", method: "GET", path: path, as: anonymous, status: 401, problem: "unauthenticated"})

	// The new token works until it is revoked, and then at once no more.
	one := fmt.Sprintf("%s/%d", path, id)
	c.do(call{name: "me with the new token", method: "GET", path: "/users/me", as: secret, status: 200})
	c.do(call{name: "revoke another's token", method: "DELETE", path: one, as: c.outsider, status: 404, problem: "token-not-found"})
	c.do(call{name: "revoke anonymously", method: "DELETE", path: one, as: anonymous, status: 401, problem: "unauthenticated"})
	c.do(call{name: "revoke token", method: "DELETE", path: one, status: 204})
	c.do(call{name: "revoke again", method: "DELETE", path: one, status: 204})
	c.do(call{name: "revoke unknown token", method: "DELETE", path: path + "/999999", status: 404, problem: "token-not-found"})
	c.do(call{name: "me with the revoked token", method: "GET", path: "/users/me", as: secret, status: 401, problem: "bad-token"})
}

func exerciseMemberships(t *testing.T, e *env, c *oaClient, maxBody int) {
	org := e.org("association", "Medlemsföreningen")
	admin, booker := e.user("ordforande@example.se", false), e.user("kassor@example.se", false)
	adminToken := e.token(admin)
	members := fmt.Sprintf("/organisations/%d/members", org.ID)
	adminPath, bookerPath := fmt.Sprintf("%s/%d", members, admin.ID), fmt.Sprintf("%s/%d", members, booker.ID)

	c.do(call{name: "appoint admin", method: "PUT", path: adminPath, body: `{"role":"admin"}`, status: 200})
	c.do(call{name: "admin adds booker", method: "PUT", path: bookerPath, as: adminToken, body: `{"role":"booker"}`, status: 200})
	c.do(call{name: "booker unchanged", method: "PUT", path: bookerPath, as: adminToken, body: `{"role":"booker"}`, status: 200})
	c.refuse(call{name: "set member", method: "PUT", path: bookerPath, body: `{"role":"admin"}`})
	for _, k := range []call{
		{name: "member malformed", body: `{"role"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "member not JSON", contentType: "text/plain", body: `{"role":"admin"}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "member too large", body: padded(maxBody, `{"role":"admin"}`), status: 413, problem: "too-large"},
		{name: "member unknown role", body: `{"role":"owner"}`, docRejects: true, status: 422, problem: "validation", field: "role"},
		{name: "member of unknown organisation", path: fmt.Sprintf("/organisations/999999/members/%d", booker.ID), body: `{"role":"booker"}`, status: 404, problem: "organisation-not-found"},
		{name: "unknown member", path: members + "/999999", body: `{"role":"booker"}`, status: 404, problem: "user-not-found"},
		{name: "demote the last admin", path: adminPath, body: `{"role":"booker"}`, status: 409, problem: "last-admin"},
	} {
		k.method = "PUT"
		if k.path == "" {
			k.path = bookerPath
		}
		c.do(k)
	}

	list := c.do(call{name: "list members", method: "GET", path: members, as: adminToken, status: 200})
	if got := list.items(); len(got) != 2 || got[0]["user"] == nil {
		t.Errorf("list members: want both, with their people:\n%s", list.raw)
	}
	c.do(call{name: "members of unknown organisation", method: "GET", path: "/organisations/999999/members", status: 404, problem: "organisation-not-found"})
	c.refuse(call{name: "list members", method: "GET", path: members})

	// Invitations.
	invitations := fmt.Sprintf("/organisations/%d/invitations", org.ID)
	inv := c.do(call{name: "invite", method: "POST", path: invitations, as: adminToken, body: `{"email":"ny@example.se","role":"booker"}`, status: 201})
	if u, _ := inv.body["url"].(string); !strings.HasPrefix(u, testBaseURL+"/inbjudan/") || len(u) < len(testBaseURL)+40 {
		t.Errorf("invite: url %q", u)
	}
	if at, err := time.Parse(time.RFC3339, fmt.Sprint(inv.body["expires_at"])); err != nil || at.Before(time.Now().Add(6*24*time.Hour)) {
		t.Errorf("invite: expires_at %v, want about a week ahead", inv.body["expires_at"])
	}
	c.refuse(call{name: "invite", method: "POST", path: invitations, body: `{"email":"ny@example.se","role":"admin"}`})
	for _, k := range []call{
		{name: "invite malformed", body: `{"email"`, docRejects: true, status: 400, problem: "malformed"},
		{name: "invite not JSON", contentType: "text/plain", body: `{"email":"ny@example.se","role":"admin"}`, docRejects: true, status: 415, problem: "unsupported-media-type"},
		{name: "invite too large", body: padded(maxBody, `{"email":"ny@example.se","role":"admin"}`), status: 413, problem: "too-large"},
		{name: "invite bad address", body: `{"email":"ny på example.se","role":"admin"}`, status: 422, problem: "validation", field: "email"},
		{name: "invite unknown role", body: `{"email":"ny@example.se","role":"owner"}`, docRejects: true, status: 422, problem: "validation", field: "role"},
		{name: "invite to unknown organisation", path: "/organisations/999999/invitations", body: `{"email":"ny@example.se","role":"admin"}`, status: 404, problem: "organisation-not-found"},
	} {
		k.method = "POST"
		if k.path == "" {
			k.path = invitations
		}
		c.do(k)
	}

	// Removal.
	c.refuse(call{name: "remove member", method: "DELETE", path: bookerPath})
	c.do(call{name: "remove the last admin", method: "DELETE", path: adminPath, status: 409, problem: "last-admin"})
	c.do(call{name: "remove member", method: "DELETE", path: bookerPath, as: adminToken, status: 204})
	c.do(call{name: "remove non-member", method: "DELETE", path: bookerPath, status: 404, problem: "membership-not-found"})
}

func exerciseAudit(t *testing.T, e *env, c *oaClient) {
	const path = "/audit"
	page := c.do(call{name: "audit, first page", method: "GET", path: path + "?limit=2", status: 200})
	next := c.do(call{name: "audit, second page", method: "GET", path: path + "?limit=2&cursor=" + url.QueryEscape(page.nextCursor(t)), status: 200})
	at := func(m map[string]any) time.Time { v, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(m["at"])); return v }
	if a, b := page.items(), next.items(); len(a) != 2 || len(b) != 2 || at(a[1]).Before(at(b[0])) {
		t.Errorf("audit pages are not newest first:\n%s\n%s", page.raw, next.raw)
	}
	from := url.QueryEscape(time.Now().Add(-time.Hour).Format(time.RFC3339))
	to := url.QueryEscape(time.Now().Add(time.Hour).Format(time.RFC3339))
	found := c.do(call{name: "audit by filters", method: "GET", status: 200,
		path: fmt.Sprintf("%s?actor_user_id=%d&action=token.create&object_type=token&from=%s&to=%s", path, e.city.ID, from, to)})
	if len(found.items()) == 0 {
		t.Errorf("audit by filters: the city administrator's tokens are not there:\n%s", found.raw)
	}
	c.do(call{name: "audit by object and organisation", method: "GET", path: path + "?object_id=1&organisation_id=1", status: 200})
	c.do(call{name: "audit, foreign cursor", method: "GET", path: path + "?cursor=bm9wZQ", status: 422, problem: "validation", field: "cursor"})
	c.do(call{name: "audit, bad instant", method: "GET", path: path + "?from=yesterday", docRejects: true, status: 422, problem: "validation", field: "from"})
	c.refuse(call{name: "read audit", method: "GET", path: path})
}

// pathParam matches the parameters of a document path.
var pathParam = regexp.MustCompile(`\{[a-z_]+\}`)

// exerciseBadToken calls every operation of the document with a revoked token: each answers
// 401 with WWW-Authenticate before looking at anything else, reads of public data included.
func exerciseBadToken(t *testing.T, e *env, c *oaClient, doc *openapi3.T) {
	u := e.user("avslutad@example.se", false)
	secret, tok, err := e.accounts.CreateToken(e.ctx(), access.Actor{UserID: u.ID}, "gammal", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.accounts.RevokeToken(e.ctx(), access.Actor{UserID: u.ID}, tok.ID); err != nil {
		t.Fatal(err)
	}
	ops := operations(doc)
	for _, key := range sortedKeys(ops) {
		method, path, _ := strings.Cut(key, " ")
		op := ops[key]
		// Without the body or query parameters the operation requires: the token is refused
		// before they are read.
		incomplete := op.RequestBody != nil && op.RequestBody.Value != nil && op.RequestBody.Value.Required
		for _, p := range append(doc.Paths.Value(path).Parameters, op.Parameters...) {
			incomplete = incomplete || p.Value != nil && p.Value.In == "query" && p.Value.Required
		}
		c.do(call{name: "revoked token", method: method, path: pathParam.ReplaceAllString(path, "1"),
			as: secret, docRejects: incomplete, status: 401, problem: "bad-token"})
	}
}
