package booking

import (
	"errors"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// Observer is told how each request to book ended (CreateBooking, CreateSeries), after its
// transaction, for the operators' numbers (internal/server's metrics). It must be quick and
// safe for concurrent use. Bookings made inside another capability's transaction
// (CreateBookingIn) are not told: that transaction may still roll back.
type Observer interface {
	// Booked is told that n bookings were stored with status (pending or confirmed).
	Booked(status Status, n int)
	// Refused is told that a request stored nothing, and why (see RefusalReason).
	Refused(reason string)
	// Clashed is told that n of the times asked for (a one-off booking, or occurrences of a
	// series) were taken by other bookings.
	Clashed(n int)
}

// Observe makes the service tell o of every request to book. Call it before the service is
// used.
func (s *Service) Observe(o Observer) { s.observer = o }

// Reasons a request to book is refused, as RefusalReason names them besides the field error
// codes and the Rule constants.
const (
	ReasonConflict        = "conflict"        // the time is taken
	ReasonForbidden       = "forbidden"       // the actor may not book for the organisation
	ReasonUnauthenticated = "unauthenticated" // no one signed in
	ReasonOther           = "other"           // anything else, an internal error included
)

// RefusalReason names why err refused a request to book, from a small fixed set: conflict,
// a rule (compact, partners, owner, not_bookable), the code of the first field error
// (outside_opening_hours, closed, too_soon, required, …), forbidden, unauthenticated or
// other. For a series it is the reason of its first refused occurrence.
func RefusalReason(err error) string {
	var se *SeriesError
	if errors.As(err, &se) && len(se.Refused) > 0 {
		return RefusalReason(se.Refused[0].Err)
	}
	var re *RuleError
	if errors.As(err, &re) {
		return re.Rule
	}
	if errors.Is(err, ErrConflict) {
		return ReasonConflict
	}
	if fe := fault.Fields(err); len(fe) > 0 {
		return fe[0].Code
	}
	switch fault.KindOf(err) {
	case fault.Forbidden:
		return ReasonForbidden
	case fault.Unauthenticated:
		return ReasonUnauthenticated
	}
	return ReasonOther
}

// observeBooking tells the observer how a request for one booking ended.
func (s *Service) observeBooking(b *Booking, err error) {
	if s.observer == nil {
		return
	}
	if err == nil {
		s.observer.Booked(b.Status, 1)
		return
	}
	if errors.Is(err, ErrConflict) {
		s.observer.Clashed(1)
	}
	s.observer.Refused(RefusalReason(err))
}

// observeSeries tells the observer how a request for a series ended.
func (s *Service) observeSeries(res *SeriesResult, err error) {
	if s.observer == nil {
		return
	}
	var refused []Refusal
	var se *SeriesError
	switch {
	case errors.As(err, &se):
		refused = se.Refused
	case err == nil && res != nil:
		refused = res.Skipped
	}
	clashes := 0
	for _, r := range refused {
		if errors.Is(r.Err, ErrConflict) {
			clashes++
		}
	}
	if clashes == 0 && errors.Is(err, ErrConflict) {
		clashes = 1 // the transaction lost to concurrent ones (settled)
	}
	if clashes > 0 {
		s.observer.Clashed(clashes)
	}
	if err != nil {
		s.observer.Refused(RefusalReason(err))
		return
	}
	counts := map[Status]int{}
	for i := range res.Bookings {
		counts[res.Bookings[i].Status]++
	}
	for st, n := range counts {
		s.observer.Booked(st, n)
	}
}
