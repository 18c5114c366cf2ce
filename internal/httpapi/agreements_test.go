package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// compactPath is the API path of the Compact that the migrations seed.
func (e *env) compactPath() string {
	e.t.Helper()
	a, err := e.agree.FindCompact(e.ctx(), access.System)
	if err != nil {
		e.fail("find the Compact: %v", err)
	}
	return fmt.Sprintf("/api/v1/agreements/%d", a.ID)
}

// signCompact records a current signature of the Compact by org, as the System, and
// returns its id.
func (e *env) signCompact(org int64) int64 {
	e.t.Helper()
	a, err := e.agree.FindCompact(e.ctx(), access.System)
	if err != nil {
		e.fail("find the Compact: %v", err)
	}
	s, err := e.agree.Sign(e.ctx(), access.System, a.ID, agreement.SignInput{OrganisationID: org, SignedOn: "2025-01-01"})
	if err != nil {
		e.fail("sign the Compact for %d: %v", org, err)
	}
	return s.ID
}

// TestCompactRuleThroughTheAPI: a room open to Compact signatories takes the bookings of an
// organisation while its signature is current, refuses them (403 booking-refused, rule
// compact) once it is withdrawn, and takes them again when the organisation signs anew.
func TestCompactRuleThroughTheAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	owner, club := e.org("city", "Fritidsförvaltningen"), e.org("association", "Sjöbo schack")
	room := e.roomIn(e.venueOf(owner.ID, "Sjöbo fritidsgård").ID, "Samlingssalen")
	e.setRules(room.ID, booking.WhoCompact, false)
	booker := e.user("bokare@sjoboschack.example", false)
	e.member(club.ID, booker, access.RoleBooker)
	token := e.token(booker)
	book := func(n int64) response {
		start, end := e.slot(n)
		return e.doAs(token, "POST", "/api/v1/bookings", bookingBody(club.ID, room.ID, start, end, ""))
	}

	if r := book(0); r.status != http.StatusForbidden || r.problem() != "booking-refused" {
		t.Fatalf("before signing: %d %s", r.status, r.raw)
	}
	sig := e.signCompact(club.ID)
	if r := book(1); r.status != http.StatusCreated {
		t.Fatalf("signed: %d %s", r.status, r.raw)
	}
	if r := e.do("POST", fmt.Sprintf("/api/v1/signatories/%d/withdraw", sig), ""); r.status != http.StatusOK {
		t.Fatalf("withdraw: %d %s", r.status, r.raw)
	}
	if r := book(2); r.status != http.StatusForbidden || r.problem() != "booking-refused" || r.body["rule"] != booking.RuleCompact {
		t.Fatalf("withdrawn: %d %s, want 403 booking-refused by the rule compact", r.status, r.raw)
	}
	again := e.do("POST", e.compactPath()+"/signatories", fmt.Sprintf(`{"organisation_id":%d,"signed_on":"2025-06-01"}`, club.ID))
	if again.status != http.StatusCreated {
		t.Fatalf("sign again: %d %s", again.status, again.raw)
	}
	if r := book(2); r.status != http.StatusCreated {
		t.Fatalf("signed again: %d %s", r.status, r.raw)
	}
}
