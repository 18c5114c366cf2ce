package booking

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// CreateAllocatedSeriesIn books, inside the caller's transaction tx, a weekly series that
// the room's owner allocated to in.OrganisationID in an application round (internal/round).
// It is the owner's decision, so the owner's admins book it (access.ApproveBooking on the
// room's owner; city administrators), not the organisation's bookers, and the room's rule of
// who may book, its approval, notice and horizon do not apply: the round chose the
// organisation, and its term the dates. Every other rule does, through the same booking path
// and exclusion constraint as every booking: occurrences in the past, on a closure or a
// public holiday the room is closed on, outside its opening hours, too many for its
// capacity, or on time another booking holds are skipped and listed in Skipped with their
// reason (in.SkipUnavailable is implied). Every occurrence booked is confirmed. It returns
// access errors, field errors as CreateSeries, or a *SeriesError when no occurrence could
// be booked; the caller must then roll tx back (to a savepoint) as for any error.
func (s *Service) CreateAllocatedSeriesIn(ctx context.Context, tx bun.IDB, actor access.Actor, in SeriesInput) (*SeriesResult, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	in.SkipUnavailable = true
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	starts, err := Occurrences(in.RRule, in.Start, s.loc)
	if err != nil {
		return nil, err
	}
	return s.createSeriesTx(ctx, tx, actor, in, starts, true)
}

// prepareAllocated loads the room and checks that the organisation exists unarchived and
// that the actor may decide on the room's bookings.
func (s *Service) prepareAllocated(ctx context.Context, tx bun.IDB, actor access.Actor, roomID, org int64, now time.Time) (*room, error) {
	r, _, err := s.readRoomFor(ctx, tx, roomID, org, now)
	if err != nil {
		return nil, err
	}
	if err := access.Check(actor, access.ApproveBooking, r.OwnerID); err != nil {
		return nil, err
	}
	return r, nil
}

// bookAllocated is book for an occurrence the owner allocated: the rules of time and size
// but notice and horizon, and confirmed.
func (s *Service) bookAllocated(ctx context.Context, tx bun.IDB, r *room, b *Booking, now time.Time) error {
	var fe fault.FieldErrors
	for _, f := range r.checkSlot(b.StartsAt, b.EndsAt, b.Attendees, now, s.loc) {
		switch f.Code {
		case CodeTooSoon, CodeTooFarAhead, CodeEndsTooFarAhead:
		default:
			fe = append(fe, f)
		}
	}
	if len(fe) > 0 {
		return fe
	}
	b.Status = StatusConfirmed
	return place(ctx, tx, b)
}
