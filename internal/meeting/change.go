package meeting

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// reasonPlaceChanged is the reason kept on a meeting's booking when the meeting leaves the
// room for another kind of place.
const reasonPlaceChanged = "meeting moved elsewhere"

// UpdateMeeting replaces the meeting's title, time, place and agenda with in, and raises its
// revision. A meeting in a room moves its booking in the same transaction (MoveBooking's
// rules: the room must be free and bookable at the new time); a meeting that leaves its room
// cancels the booking, and one that moves into a room books it. The organiser's admins and
// city administrators may. It returns ErrNotFound, access errors, ErrCancelled, field errors
// (recurrence is not allowed here), or the booking service's errors.
func (s *Service) UpdateMeeting(ctx context.Context, actor access.Actor, id int64, in MeetingInput) (*Meeting, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	fe := checkMeeting(&in)
	if in.Recurrence != nil {
		fe = append(fe, fault.FieldError{Field: "recurrence", Code: CodeNotAllowed})
	}
	if len(fe) > 0 {
		return nil, fe
	}
	var m *Meeting
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var se *Series
		var err error
		if m, se, err = s.lockForChange(ctx, tx, actor, id); err != nil {
			return err
		}
		rev := m.Revision
		if err := s.update(ctx, tx, actor, se, m, in); err != nil || m.Revision == rev {
			return err
		}
		return s.publish(ctx, tx, actor, Change{Kind: ChangeUpdated, MeetingID: m.ID})
	})
	if err != nil {
		return nil, fmt.Errorf("update meeting %d: %w", id, err)
	}
	return m, nil
}

// update writes the meeting first and its booking second, so that the trigger that carries
// booking changes to the meeting finds nothing left to carry.
func (s *Service) update(ctx context.Context, tx bun.IDB, actor access.Actor, se *Series, m *Meeting, in MeetingInput) error {
	before := *m
	now := s.now()
	m.Title, m.Agenda = strings.TrimSpace(in.Title), strings.TrimSpace(in.Agenda)
	m.StartsAt, m.EndsAt = in.StartsAt.UTC(), in.EndsAt.UTC()
	place(m, &in)
	oldBooking := m.BookingID
	moved := !m.StartsAt.Equal(before.StartsAt) || !m.EndsAt.Equal(before.EndsAt) || !sameRoom(before.RoomID, in.RoomID)
	if !moved && audit.Unchanged(&before, m, "revision", "updated_at") {
		*m = before // an identical PUT: no new revision, no audit entry
		return nil
	}
	if in.RoomID == 0 {
		m.BookingID, m.RoomID = nil, nil
	} else if oldBooking != nil {
		m.RoomID = &in.RoomID
	}
	m.Revision++
	m.UpdatedAt = now
	if oldBooking == nil && in.RoomID != 0 {
		// Into a room: book it first, the meeting row must name the booking.
		b, err := s.bookings.CreateBookingIn(ctx, tx, actor, bookingInput(se, m, in))
		if err != nil {
			return err
		}
		m.BookingID, m.RoomID = &b.ID, &b.RoomID
	}
	if _, err := tx.NewUpdate().Model(m).WherePK().ExcludeColumn("id", "series_id", "created_at").Exec(ctx); err != nil {
		return err
	}
	switch {
	case oldBooking != nil && in.RoomID == 0:
		if _, err := s.bookings.CancelBookingIn(ctx, tx, actor, *oldBooking, reasonPlaceChanged); err != nil {
			return err
		}
	case oldBooking != nil && moved:
		mi := booking.MoveInput{RoomID: in.RoomID, StartsAt: m.StartsAt, EndsAt: m.EndsAt}
		if _, err := s.bookings.MoveBookingIn(ctx, tx, actor, *oldBooking, mi); err != nil {
			return err
		}
	}
	action := "meeting.update"
	if moved || before.Address != nil != (m.Address != nil) || before.OnlineURL != nil != (m.OnlineURL != nil) {
		action = "meeting.move"
	}
	return record(ctx, tx, actor, now, action, "meeting", m.ID, se.OrganiserID, &before, m)
}

func sameRoom(old *int64, room int64) bool {
	return old != nil && *old == room || old == nil && room == 0
}

// CancelMeeting cancels a planned meeting that has not begun, with a reason, and raises its
// revision; it stays, shown as cancelled. A meeting in a room cancels its booking in the
// same transaction (as CancelBooking may: the room's cancel-before limit holds for the
// organiser, not for the room's owner). The organiser's admins and city administrators may.
// It returns ErrNotFound, access errors, ErrCancelled, ErrStarted, field errors, or the
// booking service's errors.
func (s *Service) CancelMeeting(ctx context.Context, actor access.Actor, id int64, in CancelInput) (*Meeting, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	var m *Meeting
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var se *Series
		var err error
		if m, se, err = s.lockForChange(ctx, tx, actor, id); err != nil {
			return err
		}
		now := s.now()
		if !now.Before(m.StartsAt) {
			return ErrStarted
		}
		before := *m
		m.Status, m.StatusReason = StatusCancelled, strings.TrimSpace(in.Reason)
		m.Revision++
		m.UpdatedAt = now
		if _, err := tx.NewUpdate().Model(m).Column("status", "status_reason", "revision", "updated_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		if m.BookingID != nil {
			if _, err := s.bookings.CancelBookingIn(ctx, tx, actor, *m.BookingID, m.StatusReason); err != nil {
				return err
			}
		}
		if err := s.publish(ctx, tx, actor, Change{Kind: ChangeCancelled, MeetingID: m.ID}); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "meeting.cancel", "meeting", m.ID, se.OrganiserID, &before, m)
	})
	if err != nil {
		return nil, fmt.Errorf("cancel meeting %d: %w", id, err)
	}
	return m, nil
}

// lockForChange locks a planned meeting and reads its series, for a change by someone who
// may manage the series' meetings. A meeting the actor may not even see is ErrNotFound.
func (s *Service) lockForChange(ctx context.Context, tx bun.IDB, actor access.Actor, id int64) (*Meeting, *Series, error) {
	m, err := lockMeeting(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	se := new(Series)
	if err := tx.NewSelect().Model(se).Where("ms.id = ?", m.SeriesID).Scan(ctx); err != nil {
		return nil, nil, err
	}
	if err := access.Check(actor, access.ManageMeetings, se.OrganiserID); err != nil {
		if !maySeeSeries(actor, se) {
			return nil, nil, ErrNotFound
		}
		return nil, nil, err
	}
	if m.Status == StatusCancelled {
		return nil, nil, ErrCancelled
	}
	return m, se, nil
}

// lockMeeting locks the meeting for a change, and first its booking if it has one: the
// booking routes lock a booking and then (through the trigger that carries their change to
// the meeting) its meeting, so taking the two in the same order here keeps a change on each
// side from deadlocking the other. The meeting is read once without a lock to learn its
// booking; if the booking changed before the lock was taken (a concurrent move out of or into
// a room), it is read again.
func lockMeeting(ctx context.Context, tx bun.IDB, id int64) (*Meeting, error) {
	var booked *int64
	if err := tx.NewRaw(`SELECT booking_id FROM meetings WHERE id = ?`, id).Scan(ctx, &booked); err != nil {
		return nil, notFound(err, ErrNotFound)
	}
	for {
		if booked != nil {
			if _, err := tx.NewRaw(`SELECT id FROM bookings WHERE id = ? FOR UPDATE`, *booked).Exec(ctx); err != nil {
				return nil, err
			}
		}
		m := new(Meeting)
		if err := tx.NewSelect().Model(m).Where("m.id = ?", id).For("UPDATE").Scan(ctx); err != nil {
			return nil, notFound(err, ErrNotFound)
		}
		if sameID(m.BookingID, booked) {
			return m, nil
		}
		booked = m.BookingID
	}
}

func sameID(a, b *int64) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// notFound turns sql.ErrNoRows into nf (when given), and passes other errors on.
func notFound(err error, nf error) error {
	if errors.Is(err, sql.ErrNoRows) && nf != nil {
		return nf
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}
