package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
)

// TestAllocatedSeriesInFeeds: a published allocation is an ordinary booking series, so it is
// in the room's public feed (busy, without the organisation's details) and, with its title,
// in the applicant's private feed; once declined, its occurrences are cancelled there.
func TestAllocatedSeriesInFeeds(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<20)
	owner := e.org("city", "Fritidsförvaltningen")
	room := e.roomIn(e.venueOf(owner.ID, "Boråshallen").ID, "Hall A")
	club := e.org("association", "Borås Basket")
	a := e.allocation(owner.ID, room.ID, club.ID, true)
	if a.ID == 0 {
		t.Fatal("no allocation")
	}
	public := e.do("GET", fmt.Sprintf("/calendar/rooms/%d.ics", room.ID), "")
	if public.status != http.StatusOK || !strings.Contains(public.raw, "RRULE:FREQ=WEEKLY") || strings.Contains(public.raw, "Basket") {
		t.Errorf("room feed (%d):\n%s", public.status, public.raw)
	}
	secret, _, err := e.feeds.Create(e.ctx(), access.System, club.ID, "Kalender")
	if err != nil {
		t.Fatal(err)
	}
	private := e.do("GET", "/calendar/private/"+secret+".ics", "")
	if private.status != http.StatusOK || !strings.Contains(private.raw, "RRULE:FREQ=WEEKLY") || !strings.Contains(private.raw, "Basket") {
		t.Errorf("private feed (%d):\n%s", private.status, private.raw)
	}
	if _, err := e.rounds.DeclineAllocation(e.ctx(), access.System, a.ID); err != nil {
		t.Fatal(err)
	}
	after := e.do("GET", "/calendar/private/"+secret+".ics", "")
	if !strings.Contains(after.raw, "STATUS:CANCELLED") && strings.Contains(after.raw, "RRULE") {
		t.Errorf("private feed after declining:\n%s", after.raw)
	}
}
