package httpapi_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestRoomRulesRoundTrip sends back the rules a client fetched, read-only revision and all,
// and refuses terms longer than the service takes without storing anything. (The OpenAPI
// test cannot: the document rejects read-only members in requests, and its body limit is
// smaller than the longest terms.)
func TestRoomRulesRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	room := e.roomIn(e.venueOf(e.org("association", "Bygdegården").ID, "Bygdegården").ID, "Salen")
	path := "/api/v1/rooms/" + idStr(room.ID) + "/rules"

	got := e.do("GET", path, "")
	rules := got.body["rules"].(map[string]any)
	rules["needs_approval"], rules["terms"] = true, "Nyckel hos vaktmästaren"
	b, err := json.Marshal(rules)
	if err != nil {
		t.Fatal(err)
	}
	put := e.do("PUT", path, string(b))
	if put.status != 200 || put.body["revision"] != float64(1) || put.body["needs_approval"] != true || put.body["horizon_days"] != float64(365) {
		t.Fatalf("put back: %d %s", put.status, put.raw)
	}
	rules["terms"] = strings.Repeat("å", 5001)
	b, _ = json.Marshal(rules)
	long := e.do("PUT", path, string(b))
	if long.status != 422 || long.fields()["terms"] != "max_len" {
		t.Fatalf("terms too long: %d %s", long.status, long.raw)
	}
	if n := e.count(`SELECT revision FROM booking_rules WHERE room_id = ?`, room.ID); n != 1 {
		t.Errorf("terms too long: stored anyway, revision %d", n)
	}
}
