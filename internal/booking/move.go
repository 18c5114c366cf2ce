package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// ErrMoveTooLate: a move gives up the old time, so the booker may move a booking only as
// long as they could cancel it.
var ErrMoveTooLate = fault.New(fault.Conflict, "booking_move_too_late")

// MoveInput is where and when a booking should be instead. RoomID 0 keeps the room.
type MoveInput struct {
	RoomID   int64     `json:"room_id" form:"room_id" validate:"gte=0"`
	StartsAt time.Time `json:"starts_at" form:"starts_at" validate:"required"`
	EndsAt   time.Time `json:"ends_at" form:"ends_at" validate:"required"`
}

// SeriesMoveInput moves an occurrence of a series and all that follow it. From is the
// original start (RECURRENCE-ID) of the first occurrence to move; StartsAt and EndsAt are its
// new time. Every following occurrence moves the same way in local wall-clock time: the
// same number of days from its original date, to the same clock time, for the same length,
// so 18:00 stays 18:00 across a daylight-saving change.
type SeriesMoveInput struct {
	From     time.Time `json:"from" form:"from" validate:"required"`
	RoomID   int64     `json:"room_id" form:"room_id" validate:"gte=0"`
	StartsAt time.Time `json:"starts_at" form:"starts_at" validate:"required"`
	EndsAt   time.Time `json:"ends_at" form:"ends_at" validate:"required"`
}

// MoveBooking moves a pending or confirmed booking that has not started to another time, and
// to another room when in.RoomID is set; an occurrence of a series moves alone and keeps its
// original start (RECURRENCE-ID). The booking organisation's admins and bookers may
// (access.Book) until the room's cancel-before limit (ErrMoveTooLate after it). Everything
// CreateBooking checks is checked again for the new time and room, and the status is decided
// afresh: moving into time that needs the owner's approval makes the booking pending again.
// The old time is given up only if the new one is held; on any error nothing changes. A move
// to the booking's own room and time changes nothing: no status, no revision, no audit. It
// returns ErrNotFound, access errors, ErrNotActive, ErrStarted, field errors, a *RuleError or
// a *ConflictError.
func (s *Service) MoveBooking(ctx context.Context, actor access.Actor, id int64, in MoveInput) (*Booking, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	var b *Booking
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if b, err = findBooking(ctx, tx, id, true); err != nil {
			return err
		}
		m := s.newMover(tx, actor)
		rev := b.Revision
		if err := m.move(ctx, b, in.RoomID, in.StartsAt, in.EndsAt); err != nil || b.Revision == rev {
			return err
		}
		return s.publish(ctx, tx, actor, Change{Kind: ChangeMoved, BookingID: b.ID})
	})
	if err != nil {
		return nil, fmt.Errorf("move booking %d: %w", id, settled(err))
	}
	return b, nil
}

// MoveSeriesFrom moves the occurrence of the series that was generated for in.From, and every
// later one that holds its room and has not started, as SeriesMoveInput describes ("this and
// all following"), in one transaction. Each goes through MoveBooking's checks; if any is
// refused, none moves and a *SeriesError lists every refusal with its reason. It returns the
// moved bookings in order (those already where they should be, unchanged), ErrSeriesNotFound, ErrNotFound when the series has no occurrence
// generated for in.From, or ErrNotActive when nothing is left to move.
func (s *Service) MoveSeriesFrom(ctx context.Context, actor access.Actor, seriesID int64, in SeriesMoveInput) ([]Booking, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	if !in.EndsAt.After(in.StartsAt) {
		return nil, fault.FieldErrors{{Field: "ends_at", Code: CodeEndNotAfterStart}}
	}
	var out []Booking
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		out = nil
		se, err := seriesAccess(ctx, tx, actor, seriesID, mayMove)
		if err != nil {
			return err
		}
		bookings, err := s.followingOccurrences(ctx, tx, seriesID, in.From)
		if err != nil {
			return err
		}
		shift := s.wallShift(in.From, in.StartsAt, in.EndsAt)
		m := s.newMover(tx, actor)
		// Give up the time of all that move first: moving a week later, each occurrence lands
		// where the next one was. Those that stay where they are keep their time, status and
		// revision (move does nothing for them).
		moving := 0
		for i := range bookings {
			b := &bookings[i]
			if start, end := shift(*b.OriginalStart); unmoved(b, in.RoomID, start, end) {
				continue
			}
			moving++
			if err := release(ctx, tx, b.ID); err != nil {
				return err
			}
		}
		var refused []Refusal
		for i := range bookings {
			b := &bookings[i]
			start, end := shift(*b.OriginalStart)
			err := tx.RunInTx(ctx, nil, func(ctx context.Context, _ bun.Tx) error {
				return m.move(ctx, b, in.RoomID, start, end)
			})
			var fe fault.FieldErrors
			var ce *ConflictError
			switch {
			case err == nil:
				out = append(out, *b)
			case errors.As(err, &fe) || errors.As(err, &ce):
				refused = append(refused, Refusal{Occurrence: deref32(b.Occurrence), StartsAt: start, EndsAt: end, Err: err})
			default:
				return err
			}
		}
		if len(refused) > 0 {
			return &SeriesError{Refused: refused}
		}
		if moving == 0 {
			return nil
		}
		var moved []int64
		for i := range bookings {
			if bookings[i].UpdatedAt.Equal(m.now) { // move stamped it
				moved = append(moved, bookings[i].ID)
			}
		}
		if err := s.publish(ctx, tx, actor, Change{Kind: ChangeMoved, SeriesID: seriesID, BookingIDs: moved}); err != nil {
			return err
		}
		return touchSeries(ctx, tx, actor, se, m.now, "series.move")
	})
	if err != nil {
		return nil, fmt.Errorf("move series %d: %w", seriesID, err)
	}
	return out, nil
}

// mayMove: the booking organisation's members move its series (MoveBooking's rule).
func mayMove(actor access.Actor, se *Series, _ int64) error {
	return access.Check(actor, access.Book, se.OrganisationID)
}

// lockSeries reads and locks the series row, so that two changes to one series queue up.
func lockSeries(ctx context.Context, tx bun.IDB, id int64) (*Series, error) {
	se := new(Series)
	err := tx.NewSelect().Model(se).Where("s.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrSeriesNotFound
	}
	return se, err
}

// followingOccurrences locks and returns the occurrences of the series generated for from and
// after it that hold their room and have not started, in order. ErrNotFound: no occurrence
// was generated for from; ErrNotActive: none of them can move.
func (s *Service) followingOccurrences(ctx context.Context, tx bun.IDB, seriesID int64, from time.Time) ([]Booking, error) {
	var exists bool
	err := tx.NewRaw(`SELECT EXISTS (SELECT 1 FROM bookings WHERE series_id = ? AND original_start = ?)`,
		seriesID, from.UTC()).Scan(ctx, &exists)
	if err != nil {
		return nil, err
	}
	if !exists {
		return nil, ErrNotFound
	}
	var bookings []Booking
	err = tx.NewSelect().Model(&bookings).
		Where("b.series_id = ? AND b.original_start >= ? AND b.status IN ('pending', 'confirmed') AND b.starts_at > ?",
			seriesID, from.UTC(), s.now()).
		OrderExpr("b.original_start").For("UPDATE").Scan(ctx)
	if err != nil {
		return nil, err
	}
	if len(bookings) == 0 {
		return nil, ErrNotActive
	}
	return bookings, nil
}

// wallShift returns the move that takes the occurrence generated for from to [start, end),
// as a function of any occurrence's original start: the same number of local days later (or
// earlier), at start's local clock time, lasting as long on the wall clock as [start, end).
func (s *Service) wallShift(from, start, end time.Time) func(original time.Time) (time.Time, time.Time) {
	f, st, en := from.In(s.loc), start.In(s.loc), end.In(s.loc)
	days := int(localDate(st, s.loc).Sub(localDate(f, s.loc)).Hours() / 24)
	length := wallTime(en).Sub(wallTime(st))
	return func(original time.Time) (time.Time, time.Time) {
		o := original.In(s.loc)
		y, m, d := o.AddDate(0, 0, days).Date()
		ns := WallClock(y, m, d, st.Hour(), st.Minute(), st.Second(), s.loc)
		ne := wallTime(ns.In(s.loc)).Add(length)
		return ns, WallClock(ne.Year(), ne.Month(), ne.Day(), ne.Hour(), ne.Minute(), ne.Second(), s.loc)
	}
}

// wallTime is t's local date and clock read as if they were UTC, so that differences between
// two are wall-clock differences, whatever daylight saving does in between.
func wallTime(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// mover moves bookings inside one transaction, reading each room once.
type mover struct {
	s     *Service
	tx    bun.IDB
	actor access.Actor
	now   time.Time
	rooms map[int64]*room
	// checked holds the rooms whose booking rules were checked for the booking organisation
	// (one organisation per mover: a booking, or the occurrences of one series).
	checked map[int64]bool
}

func (s *Service) newMover(tx bun.IDB, actor access.Actor) *mover {
	return &mover{s: s, tx: tx, actor: actor, now: s.now(), rooms: map[int64]*room{}, checked: map[int64]bool{}}
}

// move moves the locked booking b to [start, end) in room roomID (0: its own room), stores
// it with its new holds and audits the change; see MoveBooking.
func (m *mover) move(ctx context.Context, b *Booking, roomID int64, start, end time.Time) error {
	if err := access.Check(m.actor, access.Book, b.OrganisationID); err != nil {
		return err
	}
	if !b.Status.Holds() {
		return ErrNotActive
	}
	if !m.now.Before(b.StartsAt) {
		return ErrStarted
	}
	if unmoved(b, roomID, start, end) {
		// Nothing to do: the booking keeps its status, revision and holds, and nothing is
		// audited. Pressing "Flytta" without changing anything must not send an approved
		// booking back to the owner.
		return nil
	}
	old, err := m.room(ctx, b.RoomID, 0)
	if err != nil {
		return err
	}
	if m.now.After(old.Rules.CancelBefore.SubFrom(b.StartsAt, m.s.loc)) {
		return ErrMoveTooLate
	}
	if roomID == 0 {
		roomID = b.RoomID
	}
	to, err := m.room(ctx, roomID, b.OrganisationID)
	if err != nil {
		return err
	}
	if fe := to.checkSlot(start, end, b.Attendees, m.now, m.s.loc); len(fe) > 0 {
		return fe
	}
	before := *b
	if err := release(ctx, m.tx, b.ID); err != nil {
		return err
	}
	b.RoomID, b.StartsAt, b.EndsAt = to.ID, start.UTC(), end.UTC()
	status := StatusConfirmed
	if to.Rules.NeedsApproval && b.OrganisationID != to.OwnerID {
		status = StatusPending
	}
	if status != b.Status {
		b.Status, b.StatusBy, b.StatusAt = status, userID(m.actor), &m.now
	}
	b.Revision++
	b.UpdatedAt = m.now
	_, err = m.tx.NewUpdate().Model(b).
		Column("room_id", "starts_at", "ends_at", "status", "status_by", "status_at", "revision", "updated_at").
		WherePK().Exec(ctx)
	if err != nil {
		return fmt.Errorf("update booking %d: %w", b.ID, err)
	}
	if err := holdAll(ctx, m.tx, b); err != nil {
		return err
	}
	return record(ctx, m.tx, m.actor, "booking.move", &before, b)
}

// unmoved reports whether moving b to [start, end) in room roomID (0: its own room) would
// leave it where it is.
func unmoved(b *Booking, roomID int64, start, end time.Time) bool {
	return (roomID == 0 || roomID == b.RoomID) && start.Equal(b.StartsAt) && end.Equal(b.EndsAt)
}

// room returns the room, read once per mover. With org set it also checks, once per room,
// that the organisation may book it (prepare's checks); a room only given up is not checked.
func (m *mover) room(ctx context.Context, id, org int64) (*room, error) {
	r, ok := m.rooms[id]
	if ok && (org == 0 || m.checked[id]) {
		return r, nil
	}
	var err error
	if org == 0 {
		r, err = loadRoom(ctx, m.tx, id, localDate(m.now, m.s.loc))
	} else {
		r, err = m.s.prepare(ctx, m.tx, id, org, m.now)
	}
	if err != nil {
		return nil, err
	}
	m.rooms[id] = r
	m.checked[id] = m.checked[id] || org != 0
	return r, nil
}

// touchSeries increases the series' revision (the feeds' SEQUENCE of its master) and audits
// the change.
func touchSeries(ctx context.Context, tx bun.IDB, actor access.Actor, se *Series, now time.Time, action string) error {
	before := *se
	se.Revision++
	se.UpdatedAt = now
	if _, err := tx.NewUpdate().Model(se).Column("revision", "updated_at").WherePK().Exec(ctx); err != nil {
		return fmt.Errorf("update series %d: %w", se.ID, err)
	}
	return audit.Record(ctx, tx, actor, now, audit.Change{Action: action, ObjectType: "booking_series",
		ObjectID: se.ID, OrganisationID: se.OrganisationID, Before: &before, After: se})
}

func deref32(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}
