package round

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// CodeConflict is the refusal code of a date another booking holds.
const CodeConflict = "booking_conflict"

// CodeNoDate is the refusal code of an allocation whose weekday does not occur in the term.
const CodeNoDate = "no_date"

// PublishResult is what publishing did: the round, and each allocation with the series it
// became (none when no date could be booked) and its refused dates.
type PublishResult struct {
	Round       *Round
	Allocations []Allocation
	// Booked and Refused count the occurrences booked and refused over all allocations.
	Booked, Refused int
}

// Publish turns every allocation of the round into a weekly booking series for the
// applicant, from the term's first day to its last, through the booking service's
// CreateAllocatedSeriesIn: the same rules and the same exclusion constraint as every booking,
// the owner's authority. Dates that cannot be booked (a closure, a public holiday the room is
// closed on, opening hours, another booking, a past date) are kept as refusals with their
// reason; an allocation none of whose dates can be booked gets no series. Every allocation
// then waits for the applicant's answer, and every applicant is told the result. All in one
// transaction with the round's change to published: all or nothing. For the owner's admins,
// after applications close. It returns ErrNotFound, access errors, ErrNotAllocating or
// ErrAlreadyPublished.
func (s *Service) Publish(ctx context.Context, actor access.Actor, roundID int64) (*PublishResult, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	res := &PublishResult{}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		*res = PublishResult{}
		r, err := s.allocatingRound(ctx, tx, actor, roundID)
		if err != nil {
			return err
		}
		var allocs []Allocation
		if err := selectAllocations(tx).Where("al.round_id = ?", roundID).OrderExpr("al.id").Scan(ctx, &allocs); err != nil {
			return err
		}
		now := s.now()
		for i := range allocs {
			if err := s.publishOne(ctx, tx, actor, r, &allocs[i], now); err != nil {
				return fmt.Errorf("allocation %d: %w", allocs[i].ID, err)
			}
			res.Refused += len(allocs[i].Refusals)
		}
		err = tx.NewRaw(`SELECT count(*) FROM bookings b JOIN round_allocations al ON al.series_id = b.series_id WHERE al.round_id = ?`,
			roundID).Scan(ctx, &res.Booked)
		if err != nil {
			return err
		}
		before := *r
		r.Stage, r.PublishedAt, r.Revision, r.UpdatedAt = stagePublished, &now, r.Revision+1, now
		if _, err := tx.NewUpdate().Model(r).Column("stage", "published_at", "revision", "updated_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		if err := record(ctx, tx, actor, now, "round.publish", "round", roundID, r.OwnerID, before,
			map[string]any{"round": r, "booked": res.Booked, "refused": res.Refused}); err != nil {
			return err
		}
		res.Allocations = allocs
		return s.tellResults(ctx, tx, r, allocs)
	})
	if err != nil {
		return nil, fmt.Errorf("publish round %d: %w", roundID, err)
	}
	if res.Round, err = s.FindRoundByID(ctx, roundID); err != nil {
		return nil, err
	}
	return res, nil
}

// publishOne books one allocation as a series and records its refusals.
func (s *Service) publishOne(ctx context.Context, tx bun.Tx, actor access.Actor, r *Round, a *Allocation, now time.Time) error {
	a.Refusals = []Refusal{}
	first := r.TermStartsOn
	for isoWeekday(first) != a.Weekday {
		first = first.AddDate(0, 0, 1)
	}
	pending := ResponsePending
	a.Response = &pending
	if first.After(r.TermEndsOn) {
		a.Refusals = append(a.Refusals, Refusal{AllocationID: a.ID, StartsAt: s.at(first, a.Start), EndsAt: s.at(first, a.End), Code: CodeNoDate})
		return s.storePublished(ctx, tx, a)
	}
	var attendees int
	if err := tx.NewRaw(`SELECT attendees FROM round_sections WHERE id = ?`, a.SectionID).Scan(ctx, &attendees); err != nil {
		return err
	}
	in := booking.SeriesInput{RoomID: a.RoomID, OrganisationID: a.OrganisationID, Title: a.Purpose, Purpose: r.Name,
		Attendees: attendees, Start: time.Date(first.Year(), first.Month(), first.Day(), a.Start/60, a.Start%60, 0, 0, time.UTC),
		DurationMinutes: a.End - a.Start, RRule: "FREQ=WEEKLY;UNTIL=" + r.TermEndsOn.Format("20060102") + "T235959"}
	var sr *booking.SeriesResult
	// In a savepoint: when no date can be booked, the series' row goes with the refusal.
	err := tx.RunInTx(ctx, nil, func(ctx context.Context, sp bun.Tx) error {
		var err error
		sr, err = s.bookings.CreateAllocatedSeriesIn(ctx, sp, actor, in)
		return err
	})
	var se *booking.SeriesError
	switch {
	case errors.As(err, &se):
		for _, ref := range se.Refused {
			a.Refusals = append(a.Refusals, refusal(a.ID, ref))
		}
	case err != nil:
		return err
	default:
		a.SeriesID = &sr.Series.ID
		for _, ref := range sr.Skipped {
			a.Refusals = append(a.Refusals, refusal(a.ID, ref))
		}
	}
	return s.storePublished(ctx, tx, a)
}

func (s *Service) storePublished(ctx context.Context, tx bun.IDB, a *Allocation) error {
	if _, err := tx.NewUpdate().Model(a).Column("series_id", "response").WherePK().Exec(ctx); err != nil {
		return err
	}
	if len(a.Refusals) == 0 {
		return nil
	}
	_, err := tx.NewInsert().Model(&a.Refusals).Exec(ctx)
	return err
}

// refusal is an occurrence the booking service refused, as a round keeps it.
func refusal(allocation int64, r booking.Refusal) Refusal {
	out := Refusal{AllocationID: allocation, StartsAt: r.StartsAt, EndsAt: r.EndsAt, Code: CodeConflict}
	if fe := fault.Fields(r.Err); len(fe) > 0 {
		out.Code, out.Param = fe[0].Code, fe[0].Param
	}
	return out
}

// at is the instant of minutes after midnight on the local day d (a date).
func (s *Service) at(d time.Time, minutes int) time.Time {
	return booking.WallClock(d.Year(), d.Month(), d.Day(), minutes/60, minutes%60, 0, s.loc)
}

// isoWeekday is d's weekday, 1 = Monday … 7 = Sunday.
func isoWeekday(d time.Time) int {
	if wd := int(d.Weekday()); wd != 0 {
		return wd
	}
	return 7
}

// tellResults tells each organisation with a submitted application what it got.
func (s *Service) tellResults(ctx context.Context, tx bun.IDB, r *Round, allocs []Allocation) error {
	if s.mail == nil {
		return nil
	}
	var orgs []int64
	if err := tx.NewRaw(`SELECT organisation_id FROM round_applications WHERE round_id = ? AND status = ? ORDER BY organisation_id`,
		r.ID, ApplicationSubmitted).Scan(ctx, &orgs); err != nil {
		return err
	}
	for _, org := range orgs {
		var mine []Allocation
		for _, a := range allocs {
			if a.OrganisationID == org {
				mine = append(mine, a)
			}
		}
		if err := s.mail.ResultPublished(ctx, tx, r, org, mine); err != nil {
			return err
		}
	}
	return nil
}

// AcceptAllocation accepts a published allocation for the applicant (its admins and
// bookers): the series stays. It returns ErrAllocationNotFound, access errors,
// ErrNotPublished or ErrAlreadyAnswered.
func (s *Service) AcceptAllocation(ctx context.Context, actor access.Actor, id int64) (*Allocation, error) {
	return s.answer(ctx, actor, id, ResponseAccepted)
}

// DeclineAllocation declines a published allocation for the applicant: every occurrence of
// its series that the room's rules still let the applicant cancel (those starting after the
// rules' latest cancellation time) is cancelled, as the booking service cancels a series,
// which frees the time for ordinary booking; nearer ones stay booked. It returns ErrAllocationNotFound, access errors,
// ErrNotPublished, ErrAlreadyAnswered, or the booking service's refusal to cancel.
func (s *Service) DeclineAllocation(ctx context.Context, actor access.Actor, id int64) (*Allocation, error) {
	return s.answer(ctx, actor, id, ResponseDeclined)
}

func (s *Service) answer(ctx context.Context, actor access.Actor, id int64, response string) (*Allocation, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		a, err := s.findAllocation(ctx, tx, id)
		if err != nil {
			return err
		}
		if _, err := tx.NewSelect().Model((*Allocation)(nil)).Where("al.id = ?", id).For("UPDATE").Exec(ctx); err != nil {
			return err
		}
		r, err := shareRound(ctx, tx, a.RoundID)
		if err != nil {
			return err
		}
		if r.Stage == stageCollecting && access.Check(actor, access.ManageRounds, r.OwnerID) != nil {
			return ErrAllocationNotFound // not yet the applicant's to see
		}
		if err := access.Check(actor, access.Apply, a.OrganisationID); err != nil {
			return err
		}
		switch {
		case r.Stage != stagePublished:
			return ErrNotPublished
		case a.Response == nil || *a.Response != ResponsePending:
			return ErrAlreadyAnswered
		}
		now := s.now()
		before := *a
		a.Response, a.RespondedAt, a.RespondedBy = &response, &now, userID(actor)
		if _, err := tx.NewUpdate().Model(a).Column("response", "responded_at", "responded_by").WherePK().Exec(ctx); err != nil {
			return err
		}
		if response == ResponseDeclined && a.SeriesID != nil {
			// The occurrences the room's rules still let the applicant cancel: those that
			// start after its latest cancellation time. The nearer ones stay booked.
			var before booking.Interval
			err := tx.NewRaw(`SELECT coalesce((SELECT cancel_before FROM booking_rules WHERE room_id = ?), '0')`, a.RoomID).Scan(ctx, &before)
			if err != nil {
				return err
			}
			_, err = s.bookings.CancelSeriesFromIn(ctx, tx, actor, *a.SeriesID, before.AddTo(now, s.loc), "")
			if err != nil && !errors.Is(err, booking.ErrNotActive) {
				return err
			}
		}
		return record(ctx, tx, actor, now, "allocation."+map[string]string{ResponseAccepted: "accept", ResponseDeclined: "decline"}[response],
			"round_allocation", id, a.OrganisationID, before, a)
	})
	if err != nil {
		return nil, fmt.Errorf("answer allocation %d: %w", id, err)
	}
	return s.findAllocation(ctx, s.db, id)
}
