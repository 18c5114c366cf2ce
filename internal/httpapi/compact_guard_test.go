package httpapi_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// One PUT turned the active Compact into a draft before issue 12, after which its page was
// a 404 and every booking rule "compact" refused. Now it takes "confirm": true.
func TestCompactStaysInForce(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	owner, club := e.org("city", "Fritidsförvaltningen"), e.org("association", "Sjöbo schack")
	room := e.roomIn(e.venueOf(owner.ID, "Sjöbo fritidsgård").ID, "Samlingssalen")
	e.setRules(room.ID, booking.WhoCompact, false)
	booker := e.user("bokare@sjoboschack.example", false)
	e.member(club.ID, booker, access.RoleBooker)
	e.signCompact(club.ID)
	book := func(n int64) response {
		start, end := e.slot(n)
		return e.doAs(e.token(booker), "POST", "/api/v1/bookings", bookingBody(club.ID, room.ID, start, end, ""))
	}
	path := e.compactPath()
	with := func(changes map[string]any) string {
		body := map[string]any{}
		if err := json.Unmarshal([]byte(e.do("GET", path, "").raw), &body); err != nil {
			t.Fatal(err)
		}
		for k, v := range changes {
			body[k] = v
		}
		b, _ := json.Marshal(body)
		return string(b)
	}

	for _, change := range []map[string]any{{"status": "draft"}, {"status": "ended"}, {"kind": "other"}} {
		if r := e.do("PUT", path, with(change)); r.status != http.StatusConflict || r.problem() != "compact-in-force" {
			t.Errorf("%v without confirm: %d %s", change, r.status, r.raw)
		}
	}
	if r := e.do("GET", path, "", "Authorization", ""); r.status != http.StatusOK || r.body["status"] != "active" {
		t.Fatalf("the Compact after refused changes: %d %s", r.status, r.raw)
	}
	if r := book(0); r.status != http.StatusCreated {
		t.Fatalf("a signatory books under the Compact: %d %s", r.status, r.raw)
	}
	// Other changes need no confirmation.
	if r := e.do("PUT", path, with(map[string]any{"summary": "Ny sammanfattning"})); r.status != http.StatusOK {
		t.Fatalf("change the summary: %d %s", r.status, r.raw)
	}
	if r := e.do("PUT", path, with(map[string]any{"status": "draft", "confirm": true})); r.status != http.StatusOK || r.body["status"] != "draft" {
		t.Fatalf("draft, confirmed: %d %s", r.status, r.raw)
	}
	if r := book(1); r.status != http.StatusForbidden {
		t.Errorf("booking under a draft Compact: %d %s", r.status, r.raw)
	}
}
