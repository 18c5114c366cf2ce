package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// The methods in this file do what CreateBooking, MoveBooking and CancelBooking do, with the
// same checks and errors, but inside the caller's transaction tx, so that another
// capability (a meeting in a room) changes its own rows and the booking together or not at
// all. They do not retry: on any error the caller must roll tx back.

// CreateBookingIn is CreateBooking inside tx.
func (s *Service) CreateBookingIn(ctx context.Context, tx bun.IDB, actor access.Actor, in Input) (*Booking, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	if err := access.Check(actor, access.Book, in.OrganisationID); err != nil {
		return nil, err
	}
	now := s.now()
	b := newBooking(actor, in, now)
	r, err := s.prepare(ctx, tx, b.RoomID, b.OrganisationID, now)
	if err != nil {
		return nil, err
	}
	if err := s.book(ctx, tx, r, b, now); err != nil {
		return nil, err
	}
	if b.Status == StatusPending {
		if err := s.publish(ctx, tx, actor, Change{Kind: ChangeRequested, BookingID: b.ID}); err != nil {
			return nil, err
		}
	}
	if err := record(ctx, tx, actor, "booking.create", nil, b); err != nil {
		return nil, err
	}
	return b, nil
}

// MoveBookingIn is MoveBooking inside tx.
func (s *Service) MoveBookingIn(ctx context.Context, tx bun.IDB, actor access.Actor, id int64, in MoveInput) (*Booking, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	b, err := findBooking(ctx, tx, id, true)
	if err != nil {
		return nil, fmt.Errorf("move booking %d: %w", id, err)
	}
	if err := s.newMover(tx, actor).move(ctx, b, in.RoomID, in.StartsAt, in.EndsAt); err != nil {
		return nil, fmt.Errorf("move booking %d: %w", id, err)
	}
	return b, nil
}

// CancelBookingIn is CancelBooking inside tx.
func (s *Service) CancelBookingIn(ctx context.Context, tx bun.IDB, actor access.Actor, id int64, reason string) (*Booking, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := checkReason("reason", reason); err != nil {
		return nil, err
	}
	b, err := s.changeStatusTx(ctx, tx, actor, id, "booking.cancel", time.Time{}, s.cancel(actor, reason))
	if err != nil {
		return nil, fmt.Errorf("cancel booking %d: %w", id, err)
	}
	return b, nil
}
