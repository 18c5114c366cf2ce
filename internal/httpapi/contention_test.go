package httpapi_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/dbtest"
)

// TestContentionIsAConflict: a change that loses to concurrent ones every time PostgreSQL
// runs it (a real serialisation failure that outlasts InTx's retries) is a 409 (a booking
// conflict for a new booking, a stale revision for a status change), never a 500, and
// changes nothing. The pages answer the same (webui's TestContentionIsAConflict).
func TestContentionIsAConflict(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	org := e.org("association", "Kören")
	room := e.roomIn(e.venueOf(org.ID, "Huset").ID, "Salen")
	mine := e.book(org.ID, room.ID, e.now().Add(72*time.Hour), e.now().Add(74*time.Hour), false)
	dbtest.Contend(t, e.db, "bookings")

	start, end := e.slot(1)
	r := e.do("POST", "/api/v1/bookings", bookingBody(org.ID, room.ID, start, end, ""))
	if cs, ok := r.body["conflicts"].([]any); r.status != 409 || r.problem() != "booking-conflict" || !ok || len(cs) != 0 {
		t.Errorf("create under contention: %d %s, want 409 booking-conflict with no conflicts named", r.status, r.raw)
	}
	r = e.do("POST", fmt.Sprintf("/api/v1/bookings/%d/cancel", mine.ID), `{"reason":"Sjukdom"}`)
	if r.status != 409 || r.problem() != "stale-revision" {
		t.Errorf("cancel under contention: %d %s, want 409 stale-revision", r.status, r.raw)
	}
	if n := e.count(`SELECT count(*) FROM bookings`); n != 1 {
		t.Errorf("%d bookings, want the one from before", n)
	}
	if n := e.count(`SELECT count(*) FROM bookings WHERE status = 'cancelled'`); n != 0 {
		t.Errorf("%d cancelled bookings, want none", n)
	}
}
