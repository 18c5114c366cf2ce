package booking

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/database"
)

// CancelBooking cancels a pending or confirmed booking with a reason and frees its time. The
// booking organisation's admins and bookers (access.CancelBooking) may cancel until the
// room's cancel-before limit before the start (ErrCancelTooLate after it); the room owner's
// admins (access.ApproveBooking) until the start. It returns ErrNotFound, access errors,
// ErrNotActive or ErrStarted.
func (s *Service) CancelBooking(ctx context.Context, actor access.Actor, id int64, reason string) (*Booking, error) {
	return s.changeStatus(ctx, actor, id, "booking.cancel", func(b *Booking, r *room, now time.Time) error {
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
	})
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
	return s.changeStatus(ctx, actor, id, action, func(b *Booking, r *room, now time.Time) error {
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
	})
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
		if b, err = findBooking(ctx, tx, id, true); err != nil {
			return err
		}
		now := s.now()
		r, err := loadRoom(ctx, tx, b.RoomID, localDate(now, s.loc))
		if err != nil {
			return err
		}
		before := *b
		if err := change(b, r, now); err != nil {
			return err
		}
		b.StatusBy, b.StatusAt, b.UpdatedAt = userID(actor), &now, now
		b.Revision++
		_, err = tx.NewUpdate().Model(b).
			Column("status", "status_reason", "status_by", "status_at", "updated_at", "revision").
			WherePK().Exec(ctx)
		if err != nil {
			return err
		}
		if !b.Status.Holds() {
			if err := release(ctx, tx, b.ID); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, action, &before, b)
	})
	if err != nil {
		return nil, fmt.Errorf("%s %d: %w", action, id, err)
	}
	return b, nil
}
