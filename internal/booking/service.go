package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Service books rooms.
type Service struct {
	db       *bun.DB
	validate *validator.Validate
	now      func() time.Time
	loc      *time.Location
	rooms    roomCache // rooms the fast path read, see create.go
	announce bool      // changes are written to booking_changes (Announce)
	observer Observer  // told of every request to book (Observe); may be nil
}

// NewService returns a Service over db; loc is the local time zone of opening hours,
// closures and recurrence (Europe/Stockholm).
func NewService(db *bun.DB, v *validator.Validate, now func() time.Time, loc *time.Location) *Service {
	return &Service{db: db, validate: v, now: now, loc: loc}
}

// Location is the local time zone the Service was given: the zone of opening hours,
// closures and recurrence, in which the edges read and show wall-clock times.
func (s *Service) Location() *time.Location { return s.loc }

// CreateBooking books a room once for in.OrganisationID, whose admin or booker the actor
// must be (access.Book). The booking is pending when the room's rules ask for approval
// (unless the organisation owns the room), otherwise confirmed; either way it holds the
// time at once. It returns access errors, field errors (bad input, an unknown room or
// organisation, or a time or size the room's rules do not allow), a *RuleError when the
// rules do not let the organisation book the room, or a *ConflictError when the time is
// taken. Nothing is stored unless it succeeds.
func (s *Service) CreateBooking(ctx context.Context, actor access.Actor, in Input) (b *Booking, err error) {
	defer func() { s.observeBooking(b, err) }()
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
	nb := newBooking(actor, in, now)
	if err := s.createBooking(ctx, actor, nb, now); err != nil {
		return nil, fmt.Errorf("create booking: %w", settled(err))
	}
	return nb, nil
}

// newBooking is the booking in asks for, not yet stored.
func newBooking(actor access.Actor, in Input, now time.Time) *Booking {
	return &Booking{
		RoomID: in.RoomID, OrganisationID: in.OrganisationID, CreatedBy: userID(actor),
		Title: strings.TrimSpace(in.Title), Purpose: strings.TrimSpace(in.Purpose),
		Attendees: in.Attendees, Public: in.Public,
		StartsAt: in.StartsAt.UTC(), EndsAt: in.EndsAt.UTC(),
		Revision: 1, CreatedAt: now, UpdatedAt: now,
	}
}

// createInTx books once in a transaction, as each occurrence of a series is booked.
func (s *Service) createInTx(ctx context.Context, actor access.Actor, b *Booking, now time.Time) error {
	return database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		b.ID = 0
		r, err := s.prepare(ctx, tx, b.RoomID, b.OrganisationID, now)
		if err != nil {
			return err
		}
		if err := s.book(ctx, tx, r, b, now); err != nil {
			return err
		}
		if b.Status == StatusPending {
			if err := s.publish(ctx, tx, actor, Change{Kind: ChangeRequested, BookingID: b.ID}); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, "booking.create", nil, b)
	})
}

// prepare loads the room and checks that the organisation exists and may book it, in the
// caller's transaction; see readForBooking.
func (s *Service) prepare(ctx context.Context, tx bun.IDB, roomID, org int64, now time.Time) (*room, error) {
	r, _, err := s.readForBooking(ctx, tx, roomID, org, now)
	return r, err
}

// book checks b against every rule of the room and stores it with its holds. One-off
// bookings and every occurrence of a series come through here.
func (s *Service) book(ctx context.Context, tx bun.IDB, r *room, b *Booking, now time.Time) error {
	if fe := r.checkSlot(b.StartsAt, b.EndsAt, b.Attendees, now, s.loc); len(fe) > 0 {
		return fe
	}
	b.Status = StatusConfirmed
	if r.Rules.NeedsApproval && b.OrganisationID != r.OwnerID {
		b.Status = StatusPending
	}
	return place(ctx, tx, b)
}

// FindBookingByID returns the booking or ErrNotFound.
func (s *Service) FindBookingByID(ctx context.Context, id int64) (*Booking, error) {
	b, err := findBooking(ctx, s.db, id, false)
	if err != nil {
		return nil, fmt.Errorf("find booking %d: %w", id, err)
	}
	return b, nil
}

func findBooking(ctx context.Context, db bun.IDB, id int64, lock bool) (*Booking, error) {
	b := new(Booking)
	q := db.NewSelect().Model(b).Where("b.id = ?", id)
	if lock {
		q.For("UPDATE")
	}
	err := q.Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return b, err
}

// record writes the change to the audit log under the booking's organisation, stamped with
// the operation's one now (after.UpdatedAt).
func record(ctx context.Context, tx bun.IDB, actor access.Actor, action string, before, after *Booking) error {
	c := audit.Change{Action: action, ObjectType: "booking", ObjectID: after.ID, OrganisationID: after.OrganisationID, After: after}
	if before != nil {
		c.Before = before
	}
	return audit.Record(ctx, tx, actor, after.UpdatedAt, c)
}

func userID(actor access.Actor) *int64 {
	if actor.UserID == 0 {
		return nil
	}
	id := actor.UserID
	return &id
}
