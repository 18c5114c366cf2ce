package httpapi_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestAPIBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 4096)
	org := e.do("POST", "/api/v1/organisations", `{"kind":"association","name":"Röda Korset Borås","org_number":"802400-1177"}`)
	if org.status != http.StatusCreated {
		t.Fatalf("create organisation: %d %s", org.status, org.raw)
	}
	orgID := org.id(t)
	v := e.do("POST", "/api/v1/venues", `{"owner_id":`+orgID+`,"name":"Lokalen","street_address":"Storgatan 1","postal_code":"50335","town":"Borås"}`)
	if v.status != http.StatusCreated {
		t.Fatalf("create venue: %d %s", v.status, v.raw)
	}
	venueID := v.id(t)

	huge := `{"kind":"association","name":"` + strings.Repeat("x", 5000) + `"}`
	for _, tc := range []struct {
		name, method, path, body string
		status                   int
		problem                  string // last segment of the problem type
		field, code              string
	}{
		{"malformed JSON", "POST", "/api/v1/organisations", `{"kind":`, 400, "malformed", "", ""},
		{"trailing data", "POST", "/api/v1/organisations", `{"kind":"other","name":"A"} {}`, 400, "malformed", "", ""},
		{"stray brace", "POST", "/api/v1/organisations", `{"kind":"other","name":"A"}}`, 400, "malformed", "", ""},
		{"unknown field", "POST", "/api/v1/organisations", `{"kind":"other","name":"A","colour":"red"}`, 422, "validation", "colour", "unknown_field"},
		{"wrong type", "POST", "/api/v1/organisations", `{"kind":"other","name":42}`, 422, "validation", "name", "type"},
		{"nested wrong type", "POST", "/api/v1/venues", `{"owner_id":` + orgID + `,"accessibility":{"lift":"yes"}}`, 422, "validation", "accessibility.lift", "type"},
		{"bad check digit", "POST", "/api/v1/organisations", `{"kind":"association","name":"A","org_number":"802400-1178"}`, 422, "validation", "org_number", "orgnr"},
		{"duplicate org number", "POST", "/api/v1/organisations", `{"kind":"association","name":"B","org_number":"8024001177"}`, 422, "validation", "org_number", "duplicate"},
		{"negative capacity", "POST", "/api/v1/venues/" + venueID + "/rooms", `{"name":"Rum","capacity":-1}`, 422, "validation", "capacity", "min"},
		{"absurd capacity", "POST", "/api/v1/venues/" + venueID + "/rooms", `{"name":"Rum","capacity":99999999}`, 422, "validation", "capacity", "max"},
		{"unknown facility", "POST", "/api/v1/venues/" + venueID + "/rooms", `{"name":"Rum","capacity":5,"facilities":["wifi","sauna"]}`, 422, "validation", "facilities[1]", "facility"},
		{"over-long text", "POST", "/api/v1/venues/" + venueID + "/rooms", `{"name":"` + strings.Repeat("å", 201) + `","capacity":5}`, 422, "validation", "name", "max_len"},
		{"unknown owner", "POST", "/api/v1/venues", `{"owner_id":999999,"name":"V","street_address":"G 1","postal_code":"50335","town":"Borås"}`, 422, "validation", "owner_id", "not_found"},
		{"unknown id", "GET", "/api/v1/venues/999999", "", 404, "venue-not-found", "", ""},
		{"non-numeric id", "GET", "/api/v1/rooms/abc", "", 404, "room-not-found", "", ""},
		{"room in unknown venue", "POST", "/api/v1/venues/999999/rooms", `{"name":"Rum","capacity":5}`, 404, "venue-not-found", "", ""},
		{"bad query type", "GET", "/api/v1/venues?capacity_min=many", "", 422, "validation", "capacity_min", "type"},
		{"bad query value", "GET", "/api/v1/rooms?facilities=wifi,sauna", "", 422, "validation", "facilities[1]", "facility"},
		{"bad cursor", "GET", "/api/v1/organisations?cursor=notacursor", "", 422, "validation", "cursor", "malformed"},
		{"body over limit", "POST", "/api/v1/organisations", huge, 413, "too-large", "", ""},
		{"unknown route", "GET", "/api/v1/nothing", "", 404, "route-not-found", "", ""},
		{"wrong method", "DELETE", "/api/v1/venues/" + venueID, "", 405, "method-not-allowed", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := e.do("GET", "/api/v1/organisations?include_archived=true", "")
			r := e.do(tc.method, tc.path, tc.body)
			if r.status != tc.status {
				t.Fatalf("status = %d, want %d: %s", r.status, tc.status, r.raw)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type = %q", ct)
			}
			if typ, _ := r.body["type"].(string); !strings.HasSuffix(typ, "/problems/"+tc.problem) {
				t.Errorf("type = %q, want …/problems/%s", typ, tc.problem)
			}
			if r.body["status"] != float64(tc.status) || r.body["title"] == "" || r.body["request_id"] == "" {
				t.Errorf("incomplete problem: %s", r.raw)
			}
			if tc.field != "" {
				if got := r.fields()[tc.field]; got != tc.code {
					t.Errorf("errors = %v, want %s: %s", r.fields(), tc.field, tc.code)
				}
			}
			after := e.do("GET", "/api/v1/organisations?include_archived=true", "")
			if before.raw != after.raw {
				t.Errorf("bad input changed the organisations")
			}
		})
	}
}

func TestAPILanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 4096)
	body := `{"kind":"association","name":"A","org_number":"802400-1178"}`
	sv := e.do("POST", "/api/v1/organisations", body)
	en := e.do("POST", "/api/v1/organisations", body, "Accept-Language", "en-GB,en;q=0.9")
	msg := func(r response) string { return r.body["errors"].([]any)[0].(map[string]any)["message"].(string) }
	if sv.header.Get("Content-Language") != "sv" || en.header.Get("Content-Language") != "en" {
		t.Fatalf("Content-Language: %q, %q", sv.header.Get("Content-Language"), en.header.Get("Content-Language"))
	}
	if msg(sv) == msg(en) || !strings.Contains(strings.ToLower(msg(sv)), "organisationsnum") ||
		!strings.Contains(strings.ToLower(msg(en)), "organisation number") {
		t.Errorf("messages: sv %q, en %q", msg(sv), msg(en))
	}
}

func TestAPIRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 4096)
	org := e.do("POST", "/api/v1/organisations", `{"kind":"city","name":"Kulturförvaltningen"}`)
	v := e.do("POST", "/api/v1/venues", `{"owner_id":`+org.id(t)+`,"name":"Kulturhuset","street_address":"P A Halls Terrass 1","postal_code":"503 35","town":"Borås","district":"Centrum","accessibility":{"lift":true}}`)
	if v.status != 201 || !strings.HasSuffix(v.header.Get("Location"), "/api/v1/venues/"+v.id(t)) {
		t.Fatalf("create venue: %d %s %v", v.status, v.raw, v.header)
	}
	// A client may send back what it fetched, read-only members included.
	got := e.do("GET", "/api/v1/venues/"+v.id(t), "")
	got.body["name"] = "Kulturhuset Borås"
	b, _ := json.Marshal(got.body)
	put := e.do("PUT", "/api/v1/venues/"+v.id(t), string(b))
	if put.status != 200 || put.body["name"] != "Kulturhuset Borås" || put.body["revision"] != float64(2) {
		t.Fatalf("put: %d %s", put.status, put.raw)
	}
	// The same body again carries revision 1, which is stale now.
	stale := e.do("PUT", "/api/v1/venues/"+v.id(t), string(b))
	if stale.status != 409 || !strings.HasSuffix(stale.body["type"].(string), "stale-revision") {
		t.Fatalf("stale put: %d %s", stale.status, stale.raw)
	}
	room := e.do("POST", "/api/v1/venues/"+v.id(t)+"/rooms", `{"name":"Röda rummet","capacity":60,"facilities":["wifi","projector"]}`)
	if room.status != 201 || room.body["bookable"] != true {
		t.Fatalf("room: %d %s", room.status, room.raw)
	}
	list := e.do("GET", "/api/v1/venues?facilities=projector&accessibility=lift&q=kultur", "")
	items := list.body["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["room_count"] != float64(1) {
		t.Fatalf("list: %s", list.raw)
	}
	arch := e.do("POST", "/api/v1/venues/"+v.id(t)+"/archive", "")
	if arch.status != 200 || arch.body["archived_at"] == nil {
		t.Fatalf("archive: %d %s", arch.status, arch.raw)
	}
	list = e.do("GET", "/api/v1/rooms", "")
	if n := len(list.body["items"].([]any)); n != 0 {
		t.Fatalf("rooms of an archived venue are listed: %s", list.raw)
	}
	if _, ok := list.body["next_cursor"]; ok {
		t.Errorf("next_cursor on the last page: %s", list.raw)
	}
}

func TestAPIPagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 4096)
	for _, n := range []string{"Öst", "Ada", "Åk", "Bo", "Ärr"} {
		if r := e.do("POST", "/api/v1/organisations", `{"kind":"other","name":"`+n+`"}`); r.status != 201 {
			t.Fatal(r.raw)
		}
	}
	var names []string
	path := "/api/v1/organisations?limit=2"
	for i := 0; i < 5; i++ {
		r := e.do("GET", path, "")
		for _, it := range r.body["items"].([]any) {
			names = append(names, it.(map[string]any)["name"].(string))
		}
		next, ok := r.body["next_cursor"].(string)
		if !ok {
			break
		}
		path = "/api/v1/organisations?limit=2&cursor=" + next
	}
	if got := strings.Join(names, ","); got != "Ada,Bo,Åk,Ärr,Öst" {
		t.Fatalf("pages = %s", got)
	}
}

// testWriter sends the server's log to the test's log, shown when a test fails.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(b)))
	return len(b), nil
}
