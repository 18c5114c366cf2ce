package booking

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// CancelBooking cancels a pending or confirmed booking with a reason and frees its time. The
// booking organisation's admins and bookers (access.CancelBooking) may cancel until the
// room's cancel-before limit before the start (ErrCancelTooLate after it); the room owner's
// admins (access.ApproveBooking) until the start. It returns ErrNotFound, access errors,
// ErrNotActive or ErrStarted.
func (s *Service) CancelBooking(ctx context.Context, actor access.Actor, id int64, reason string) (*Booking, error) {
	if err := checkReason("reason", reason); err != nil {
		return nil, err
	}
	return s.changeStatus(ctx, actor, id, "booking.cancel", s.cancel(actor, reason))
}

// cancel returns the change of CancelBooking.
func (s *Service) cancel(actor access.Actor, reason string) func(b *Booking, r *room, now time.Time) error {
	return func(b *Booking, r *room, now time.Time) error {
		if !b.Status.Holds() {
			return ErrNotActive
		}
		if !now.Before(b.StartsAt) {
			return ErrStarted
		}
		if access.Check(actor, access.ApproveBooking, r.OwnerID) != nil {
			if err := access.Check(actor, access.CancelBooking, b.OrganisationID); err != nil {
				return err
			}
			if now.After(r.Rules.CancelBefore.SubFrom(b.StartsAt, s.loc)) {
				return ErrCancelTooLate
			}
		}
		b.Status, b.StatusReason = StatusCancelled, strings.TrimSpace(reason)
		return nil
	}
}

// ApproveBooking confirms a pending booking; the note is kept as the status reason. Only the
// room owner's admins may (access.ApproveBooking). It returns ErrNotFound, access errors,
// ErrNotPending or ErrStarted.
func (s *Service) ApproveBooking(ctx context.Context, actor access.Actor, id int64, note string) (*Booking, error) {
	return s.decide(ctx, actor, id, "booking.approve", StatusConfirmed, note)
}

// RejectBooking refuses a pending booking with a note and frees its time. Only the room
// owner's admins may (access.ApproveBooking). It returns ErrNotFound, access errors,
// ErrNotPending or ErrStarted.
func (s *Service) RejectBooking(ctx context.Context, actor access.Actor, id int64, note string) (*Booking, error) {
	return s.decide(ctx, actor, id, "booking.reject", StatusRejected, note)
}

func (s *Service) decide(ctx context.Context, actor access.Actor, id int64, action string, to Status, note string) (*Booking, error) {
	if err := checkReason("note", note); err != nil {
		return nil, err
	}
	return s.changeStatus(ctx, actor, id, action, decision(actor, to, note))
}

// decision returns the change of ApproveBooking and RejectBooking.
func decision(actor access.Actor, to Status, note string) func(b *Booking, r *room, now time.Time) error {
	return func(b *Booking, r *room, now time.Time) error {
		if err := access.Check(actor, access.ApproveBooking, r.OwnerID); err != nil {
			return err
		}
		if b.Status != StatusPending {
			return ErrNotPending
		}
		if !now.Before(b.StartsAt) {
			return ErrStarted
		}
		b.Status, b.StatusReason = to, strings.TrimSpace(note)
		return nil
	}
}

// MaxReasonLength is the longest reason or note a status change keeps (as the database does).
const MaxReasonLength = 2000

// checkReason refuses a reason or note longer than the database keeps, as a field error
// rather than a failed CHECK.
func checkReason(field, text string) error {
	if utf8.RuneCountInString(strings.TrimSpace(text)) > MaxReasonLength {
		return fault.FieldErrors{{Field: field, Code: "max_len", Param: strconv.Itoa(MaxReasonLength)}}
	}
	return nil
}

// changeStatus locks the booking, lets change decide and set the new status, then stores it,
// releases the time when the booking no longer holds it, and records the change.
func (s *Service) changeStatus(ctx context.Context, actor access.Actor, id int64, action string,
	change func(b *Booking, r *room, now time.Time) error) (*Booking, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	var b *Booking
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		b, err = s.changeStatusTx(ctx, tx, actor, id, action, time.Time{}, change)
		if err != nil {
			return err
		}
		return s.publish(ctx, tx, actor, Change{Kind: changeOf(action), BookingID: b.ID})
	})
	if err != nil {
		return nil, fmt.Errorf("%s %d: %w", action, id, err)
	}
	return b, nil
}

// changeStatusTx is changeStatus inside the caller's transaction, at now, or when now is zero
// at the clock's time once the booking is locked.
func (s *Service) changeStatusTx(ctx context.Context, tx bun.IDB, actor access.Actor, id int64, action string, now time.Time,
	change func(b *Booking, r *room, now time.Time) error) (*Booking, error) {
	b, err := findBooking(ctx, tx, id, true)
	if err != nil {
		return nil, err
	}
	if now.IsZero() {
		now = s.now()
	}
	r, err := loadRoom(ctx, tx, b.RoomID, localDate(now, s.loc))
	if err != nil {
		return nil, err
	}
	before := *b
	if err := change(b, r, now); err != nil {
		return nil, err
	}
	b.StatusBy, b.StatusAt, b.UpdatedAt = userID(actor), &now, now
	b.Revision++
	_, err = tx.NewUpdate().Model(b).
		Column("status", "status_reason", "status_by", "status_at", "updated_at", "revision").
		WherePK().Exec(ctx)
	if err != nil {
		return nil, err
	}
	if !b.Status.Holds() {
		if err := release(ctx, tx, b.ID); err != nil {
			return nil, err
		}
	}
	return b, record(ctx, tx, actor, action, &before, b)
}
