package httpapi_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/httpapi"
)

// TestAccessAcrossOrganisations has people change ids to reach what is not theirs: each
// attempt is refused with 403 or 404, never a success, and changes nothing.
func TestAccessAcrossOrganisations(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	venueB := w.venueOf(w.b.ID, "Lokal B")
	adminAToken, _, err := w.accounts.CreateToken(w.ctx(), access.Actor{UserID: w.people[adminA].ID}, "a", nil)
	if err != nil {
		t.Fatal(err)
	}
	tokens := w.do("GET", "/api/v1/tokens", "", "Authorization", "Bearer "+adminAToken).items()
	adminATokenID := int64(tokens[0]["id"].(float64))
	for _, tc := range []struct {
		name, method, path, body string
		as                       int
	}{
		{"B's admin hands B's venue to A", "PUT", fmt.Sprintf("/api/v1/venues/%d", venueB.ID),
			fmt.Sprintf(`{"owner_id":%d,"name":"Lokal B","street_address":"Storgatan 1","postal_code":"50335","town":"Borås"}`, w.a.ID), adminB},
		{"B's admin makes themselves admin of A", "PUT", fmt.Sprintf("/api/v1/organisations/%d/members/%d", w.a.ID, w.people[adminB].ID), `{"role":"admin"}`, adminB},
		{"B's admin removes A's admin", "DELETE", fmt.Sprintf("/api/v1/organisations/%d/members/%d", w.a.ID, w.people[adminA].ID), "", adminB},
		{"B's admin invites to A", "POST", fmt.Sprintf("/api/v1/organisations/%d/invitations", w.a.ID), `{"email":"b@example.se","role":"admin"}`, adminB},
		{"B's admin renames A's room", "PUT", fmt.Sprintf("/api/v1/rooms/%d", w.roomA.ID), `{"name":"Tagen","capacity":1}`, adminB},
		{"B's admin adds a room to A's venue", "POST", fmt.Sprintf("/api/v1/venues/%d/rooms", w.venueA.ID), `{"name":"Tagen","capacity":1}`, adminB},
		{"B's admin revokes A's admin's token", "DELETE", fmt.Sprintf("/api/v1/tokens/%d", adminATokenID), "", adminB},
		{"B's admin reads A's admin", "GET", fmt.Sprintf("/api/v1/users/%d", w.people[adminA].ID), "", adminB},
		{"B's admin deletes A's admin", "DELETE", fmt.Sprintf("/api/v1/users/%d", w.people[adminA].ID), "", adminB},
		{"A's booker makes themselves admin", "PUT", fmt.Sprintf("/api/v1/organisations/%d/members/%d", w.a.ID, w.people[bookerA].ID), `{"role":"admin"}`, bookerA},
		{"A's admin makes themselves city administrator", "PUT", fmt.Sprintf("/api/v1/users/%d", w.people[adminA].ID), `{"email":"admin-a@example.se","name":"admin-a","city_admin":true}`, adminA},
		{"A's admin archives A", "POST", fmt.Sprintf("/api/v1/organisations/%d/archive", w.a.ID), "", adminA},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := changes(w)
			r := w.doAs(w.tokens[tc.as], tc.method, tc.path, tc.body)
			if r.status != http.StatusForbidden && r.status != http.StatusNotFound {
				t.Fatalf("status %d, want 403 or 404: %s", r.status, r.raw)
			}
			if after := changes(w); after != before {
				t.Errorf("the refused request changed something: %d changes audited before, %d after", before, after)
			}
		})
	}
	if got := w.do("GET", fmt.Sprintf("/api/v1/venues/%d", venueB.ID), ""); got.body["owner_id"] != float64(w.b.ID) {
		t.Errorf("B's venue changed owner: %s", got.raw)
	}
	if me := w.doAs(w.tokens[adminA], "GET", "/api/v1/users/me", ""); me.body["city_admin"] != false {
		t.Errorf("A's admin became city administrator: %s", me.raw)
	}
	if r := w.do("GET", "/api/v1/users/me", "", "Authorization", "Bearer "+adminAToken); r.status != 200 {
		t.Errorf("A's admin's token was revoked by B's admin: %d", r.status)
	}
}

// changes counts the changes in the audit log: its entries but the refusals.
func changes(w *world) int {
	n := 0
	for _, it := range w.do("GET", "/api/v1/audit?limit=200", "").items() {
		if it["action"] != "access.denied" {
			n++
		}
	}
	return n
}

// TestAPITextIsData stores SQL and HTML in every kind of text field and reads it back as the
// same text.
func TestAPITextIsData(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	const evil = `<script>alert("x")</script>'; DROP TABLE users;--`
	org := e.do("POST", "/api/v1/organisations", `{"kind":"association","name":`+jsonStr(evil)+`,"description":`+jsonStr(evil)+`}`)
	venue := e.do("POST", "/api/v1/venues", `{"owner_id":`+org.id(t)+`,"name":`+jsonStr(evil)+`,"street_address":`+jsonStr(evil)+`,"postal_code":"50335","town":`+jsonStr(evil)+`}`)
	room := e.do("POST", "/api/v1/venues/"+venue.id(t)+"/rooms", `{"name":`+jsonStr(evil)+`,"capacity":5,"description":`+jsonStr(evil)+`}`)
	user := e.do("POST", "/api/v1/users", `{"email":"evil@example.se","name":`+jsonStr(evil)+`}`)
	token := e.do("POST", "/api/v1/tokens", `{"name":`+jsonStr(evil)+`}`)
	for _, tc := range []struct {
		name    string
		created response
		path    string
		fields  []string
	}{
		{"organisation", org, "/api/v1/organisations/", []string{"name", "description"}},
		{"venue", venue, "/api/v1/venues/", []string{"name", "street_address", "town"}},
		{"room", room, "/api/v1/rooms/", []string{"name", "description"}},
		{"user", user, "/api/v1/users/", []string{"name"}},
	} {
		if tc.created.status != 201 {
			t.Fatalf("create %s: %d %s", tc.name, tc.created.status, tc.created.raw)
		}
		got := e.do("GET", tc.path+tc.created.id(t), "")
		for _, f := range tc.fields {
			if got.body[f] != evil {
				t.Errorf("%s %s read back as %q", tc.name, f, got.body[f])
			}
		}
		if strings.Contains(got.raw, "<script>") || got.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: HTML is not escaped in JSON, or the type may be sniffed", tc.name)
		}
	}
	if token.status != 201 || token.body["name"] != evil {
		t.Errorf("token: %d %s", token.status, token.raw)
	}
	// The users table is still there, and a search for the SQL finds the text.
	if r := e.do("GET", "/api/v1/users?q="+strings.ReplaceAll("DROP TABLE", " ", "+"), ""); r.status != 200 || len(r.items()) != 1 {
		t.Errorf("search users for the SQL: %d %s", r.status, r.raw)
	}
	if r := e.do("GET", "/api/v1/organisations?q=%27%3B", ""); r.status != 200 || len(r.items()) != 1 {
		t.Errorf("search organisations for '; : %d %s", r.status, r.raw)
	}
}

// TestAPIOverlongFields refuses every over-long field with 422 naming it.
func TestAPIOverlongFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	org := e.org("association", "Förening")
	v := e.venueOf(org.ID, "Lokal")
	long := func(n int) string { return strings.Repeat("ä", n) }
	for _, tc := range []struct {
		name, method, path, body, field string
	}{
		{"organisation name", "POST", "/api/v1/organisations", `{"kind":"other","name":"` + long(201) + `"}`, "name"},
		{"organisation description", "PUT", fmt.Sprintf("/api/v1/organisations/%d", org.ID), `{"kind":"other","name":"A","description":"` + long(5001) + `"}`, "description"},
		{"venue name", "POST", "/api/v1/venues", fmt.Sprintf(`{"owner_id":%d,"name":"%s","street_address":"G 1","postal_code":"50335","town":"Borås"}`, org.ID, long(201)), "name"},
		{"room name", "POST", fmt.Sprintf("/api/v1/venues/%d/rooms", v.ID), `{"name":"` + long(201) + `","capacity":5}`, "name"},
		{"user name", "POST", "/api/v1/users", `{"email":"a@example.se","name":"` + long(201) + `"}`, "name"},
		{"user email", "POST", "/api/v1/users", `{"email":"` + strings.Repeat("a", 250) + `@example.se","name":"A"}`, "email"},
		{"user password", "POST", "/api/v1/users", `{"email":"a@example.se","name":"A","password":"` + long(257) + `"}`, "password"},
		{"user name on update", "PUT", fmt.Sprintf("/api/v1/users/%d", e.city.ID), `{"email":"stadsadmin@boras.example","name":"` + long(201) + `","city_admin":true}`, "name"},
		{"token name", "POST", "/api/v1/tokens", `{"name":"` + long(101) + `"}`, "name"},
		{"invitation email", "POST", fmt.Sprintf("/api/v1/organisations/%d/invitations", org.ID), `{"email":"` + strings.Repeat("a", 250) + `@example.se","role":"admin"}`, "email"},
		{"user search", "GET", "/api/v1/users?q=" + long(201), "", "q"},
		{"audit action", "GET", "/api/v1/audit?action=" + long(101), "", "action"},
	} {
		r := e.do(tc.method, tc.path, tc.body)
		if r.status != 422 || r.fields()[tc.field] == "" {
			t.Errorf("%s: %d, errors %v, want 422 on %s\n%s", tc.name, r.status, r.fields(), tc.field, r.raw)
		}
	}
}

// TestAPIBadCredentials refuses, with 401 and a Bearer challenge, every request whose
// Authorization header is not a live token, reads of public data included.
func TestAPIBadCredentials(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	expiring := e.do("POST", "/api/v1/tokens", `{"name":"kort","expires_at":"`+e.now().Add(time.Hour).Format(time.RFC3339)+`"}`)
	revoked := e.do("POST", "/api/v1/tokens", `{"name":"återkallad"}`)
	if r := e.do("DELETE", "/api/v1/tokens/"+revoked.id(t), ""); r.status != 204 {
		t.Fatalf("revoke: %d %s", r.status, r.raw)
	}
	secret := func(r response) string { s, _ := r.body["token"].(string); return s }
	if r := e.do("GET", "/api/v1/users/me", "", "Authorization", "bearer "+secret(expiring)); r.status != 200 {
		t.Fatalf("a live token, scheme in lower case: %d %s", r.status, r.raw)
	}
	e.clock.advance(2 * time.Hour)
	for _, tc := range []struct{ name, header, problem string }{
		{"expired token", "Bearer " + secret(expiring), "bad-token"},
		{"revoked token", "Bearer " + secret(revoked), "bad-token"},
		{"unknown token", "Bearer lb_" + strings.Repeat("x", 43), "bad-token"},
		{"not a token of ours", "Bearer eyJhbGciOiJub25lIn0.e30.", "bad-token"},
		{"scheme without token", "Bearer", "unauthenticated"},
		{"blank token", "Bearer    ", "unauthenticated"},
		{"basic", "Basic dXNlcjpwYXNzd29yZA==", "unauthenticated"},
		{"token without scheme", secret(expiring), "unauthenticated"},
		{"other scheme", "Token " + secret(expiring), "unauthenticated"},
	} {
		for _, path := range []string{"/api/v1/venues", "/api/v1/users/me"} {
			r := e.do("GET", path, "", "Authorization", tc.header)
			if r.status != 401 || r.problem() != tc.problem {
				t.Errorf("%s on %s: %d %s, want 401 %s", tc.name, path, r.status, r.problem(), tc.problem)
			}
			checkRefusal(t, tc.name, r)
			if tc.problem == "bad-token" && !strings.Contains(r.header.Get("WWW-Authenticate"), `error="invalid_token"`) {
				t.Errorf("%s: WWW-Authenticate %q without invalid_token", tc.name, r.header.Get("WWW-Authenticate"))
			}
		}
	}
	// Two Authorization headers: which one counts would be a guess.
	req, _ := http.NewRequest("GET", e.url("/api/v1/venues"), nil)
	req.Header.Add("Authorization", "Bearer "+e.cityToken)
	req.Header.Add("Authorization", "Bearer "+e.cityToken)
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 401 {
		t.Errorf("two Authorization headers: %v %v", res.StatusCode, err)
	} else {
		res.Body.Close()
	}
}

// TestAPISelfService: people may leave an organisation and delete their own account; their
// token dies with it.
func TestAPISelfService(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	u := e.user("ga@example.se", false)
	tok := e.token(u)
	org := e.org("association", "Förening")
	e.member(org.ID, u, access.RoleBooker)
	if r := e.doAs(tok, "DELETE", fmt.Sprintf("/api/v1/organisations/%d/members/%d", org.ID, u.ID), ""); r.status != 204 {
		t.Fatalf("leave: %d %s", r.status, r.raw)
	}
	if r := e.doAs(tok, "DELETE", fmt.Sprintf("/api/v1/users/%d", u.ID), ""); r.status != 204 || r.raw != "" {
		t.Fatalf("delete self: %d %q", r.status, r.raw)
	}
	if r := e.doAs(tok, "GET", "/api/v1/users/me", ""); r.status != 401 {
		t.Errorf("the deleted person's token: %d", r.status)
	}
	if r := e.do("GET", fmt.Sprintf("/api/v1/users/%d", u.ID), ""); r.status != 404 {
		t.Errorf("the deleted person: %d", r.status)
	}
}

// TestWriteProblemThrottled answers a throttled login with 429 and Retry-After.
func TestWriteProblemThrottled(t *testing.T) {
	rec := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(rec)
	c.Request = httptest.NewRequest("POST", "/api/v1/anything", nil)
	httpapi.WriteProblem(c, fmt.Errorf("login: %w", &account.ThrottledError{RetryAfter: 89500 * time.Millisecond}))
	if rec.Code != 429 || rec.Header().Get("Retry-After") != "90" || rec.Header().Get("WWW-Authenticate") != "" ||
		!strings.Contains(rec.Body.String(), "/problems/login-throttled") {
		t.Errorf("%d %v %s", rec.Code, rec.Header(), rec.Body)
	}
}
