package meeting

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// CreateMeetings adds a meeting to the series, or with in.Recurrence one for each occurrence
// of the pattern, each then its own meeting to change on its own. Each new meeting invites
// the series' default invitees. A meeting in a room books the room for the organiser under
// the room's rules, as CreateBooking does. All or nothing: if any meeting cannot be made,
// none is. The organiser's admins and city administrators may (access.ManageMeetings). It
// returns ErrSeriesNotFound, access errors, field errors, or what the booking service
// returns for a room (a *booking.RuleError, a *booking.ConflictError naming the clashes).
func (s *Service) CreateMeetings(ctx context.Context, actor access.Actor, seriesID int64, in MeetingInput) ([]Meeting, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	if fe := checkMeeting(&in); len(fe) > 0 {
		return nil, fe
	}
	starts, err := s.starts(in)
	if err != nil {
		return nil, err
	}
	var out []Meeting
	err = database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		out = out[:0]
		se, err := shareSeries(ctx, tx, seriesID)
		if err != nil {
			return err
		}
		if err := access.Check(actor, access.ManageMeetings, se.OrganiserID); err != nil {
			return err
		}
		invitees, err := defaultInvitees(ctx, tx, se)
		if err != nil {
			return err
		}
		now := s.now()
		for _, st := range starts {
			m, err := s.createOne(ctx, tx, actor, se, in, st[0], st[1], now)
			if err != nil {
				return err
			}
			if err := invite(ctx, tx, m.ID, invitees, now); err != nil {
				return err
			}
			if err := record(ctx, tx, actor, now, "meeting.create", "meeting", m.ID, se.OrganiserID, nil,
				map[string]any{"meeting": m, "invited": invitees}); err != nil {
				return err
			}
			if len(invitees) > 0 {
				if err := s.publish(ctx, tx, actor, Change{Kind: ChangeInvited, MeetingID: m.ID, OrganisationIDs: invitees}); err != nil {
					return err
				}
			}
			out = append(out, *m)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("create meetings of series %d: %w", seriesID, err)
	}
	return out, nil
}

// createOne stores one meeting at [start, end), with its booking when in a room.
func (s *Service) createOne(ctx context.Context, tx bun.IDB, actor access.Actor, se *Series, in MeetingInput, start, end time.Time, now time.Time) (*Meeting, error) {
	m := &Meeting{SeriesID: se.ID, Title: strings.TrimSpace(in.Title), StartsAt: start.UTC(), EndsAt: end.UTC(),
		Agenda: strings.TrimSpace(in.Agenda), Status: StatusPlanned, Revision: 1, CreatedAt: now, UpdatedAt: now}
	place(m, &in)
	if in.RoomID != 0 {
		b, err := s.bookings.CreateBookingIn(ctx, tx, actor, bookingInput(se, m, in))
		if err != nil {
			return nil, err
		}
		m.BookingID, m.RoomID = &b.ID, &b.RoomID
	}
	if _, err := tx.NewInsert().Model(m).Returning("id").Exec(ctx); err != nil {
		return nil, err
	}
	return m, nil
}

// bookingInput is the booking of meeting m in the room in.RoomID, for the organiser.
func bookingInput(se *Series, m *Meeting, in MeetingInput) booking.Input {
	return booking.Input{RoomID: in.RoomID, OrganisationID: se.OrganiserID, Title: m.Title, Purpose: se.Name,
		Attendees: max(1, in.Attendees), Public: se.Public, StartsAt: m.StartsAt, EndsAt: m.EndsAt}
}

// starts returns the [start, end) of each meeting in asks for: one, or each occurrence of
// its pattern, lasting as long on the local wall clock as the first, so that 18:00–20:00
// stays 18:00–20:00 across a daylight-saving change.
func (s *Service) starts(in MeetingInput) ([][2]time.Time, error) {
	if in.Recurrence == nil {
		return [][2]time.Time{{in.StartsAt, in.EndsAt}}, nil
	}
	st, en := in.StartsAt.In(s.loc), in.EndsAt.In(s.loc)
	occ, err := booking.Pattern(in.Recurrence.RRule, st, s.loc)
	if err != nil {
		return nil, err
	}
	length := wall(en).Sub(wall(st))
	out := make([][2]time.Time, len(occ))
	for i, o := range occ {
		e := wall(o.In(s.loc)).Add(length)
		out[i] = [2]time.Time{o, booking.WallClock(e.Year(), e.Month(), e.Day(), e.Hour(), e.Minute(), e.Second(), s.loc)}
	}
	return out, nil
}

// wall is t's local date and clock read as UTC, so that differences are wall-clock ones.
func wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// shareSeries reads the series and keeps it from changing or going until the transaction
// ends.
func shareSeries(ctx context.Context, tx bun.IDB, id int64) (*Series, error) {
	se := new(Series)
	err := tx.NewSelect().Model(se).Where("ms.id = ?", id).For("SHARE").Scan(ctx)
	if err != nil {
		return nil, notFound(err, ErrSeriesNotFound)
	}
	return se, loadInvitees(ctx, tx, se)
}

// defaultInvitees is who a new meeting of se invites: the named organisations, or every
// organisation that has currently signed the Compact (agreement.CurrentCompactSignatories),
// archived ones left out.
func defaultInvitees(ctx context.Context, tx bun.IDB, se *Series) ([]int64, error) {
	if !se.InviteSignatories {
		return se.Invitees, nil
	}
	var orgs []int64
	if err := tx.NewRaw(`SELECT id FROM organisations WHERE archived_at IS NULL ORDER BY id`).Scan(ctx, &orgs); err != nil {
		return nil, notFound(err, nil)
	}
	signed, err := agreement.CurrentCompactSignatories(ctx, tx, orgs)
	if err != nil {
		return nil, err
	}
	if signed == nil {
		signed = []int64{}
	}
	return signed, nil
}
