package booking

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
)

// place inserts b and the holds on every atom of its room, or returns a *ConflictError when
// another booking holds any of them. The holds go in with ON CONFLICT DO NOTHING: a loser of
// a race waits only for the winner's commit and then inserts nothing, instead of inserting,
// failing the exclusion check and perhaps being picked as a deadlock victim. The caller's
// transaction must be rolled back when place fails.
//
// The booking and its holds go in with two statements, not one: the booking's insert takes
// a key-share lock on its room (the foreign key), waiting for an owner's change of the room's
// parts to commit, and only a statement begun after that wait sees the new parts. In one
// statement the holds would be read from the snapshot taken before the wait, and the booking
// refused at commit (bookings_holds_match), again and again while parts change.
func place(ctx context.Context, tx bun.IDB, b *Booking) error {
	if _, err := tx.NewInsert().Model(b).Returning("id, fee_ore, fee_currency, fee_unit, fee_rate_ore, fee_description").Exec(ctx); err != nil {
		return fmt.Errorf("insert booking: %w", err)
	}
	if !b.Status.Holds() {
		return nil
	}
	return holdAll(ctx, tx, b)
}

// holdAll inserts the holds of the stored booking b on every atom of its room, or returns a
// *ConflictError naming the bookings that hold any of them.
//
// The atoms are read by the insert itself, not taken from the room as read at the start:
// by then the booking row holds a key-share lock on its room (the foreign key), which the
// owner's change of the room's parts must wait for, so the atoms the insert reads are the
// ones that count at commit. A booking that used atoms read earlier could lose a race with
// a change of parts and fail at commit (bookings_holds_match), again and again while an
// owner changes parts.
func holdAll(ctx context.Context, tx bun.IDB, b *Booking) error {
	// A clash that disappears before it can be named (cancelled meanwhile) is tried again.
	for attempt := 0; attempt < 3; attempt++ {
		held, want, err := holdRoom(ctx, tx, b.ID)
		if err != nil {
			return err
		}
		if held == want {
			return nil
		}
		clashes, err := findClashes(ctx, tx, b)
		if err != nil {
			return err
		}
		if len(clashes) > 0 {
			return &ConflictError{Clashes: clashes, Start: b.StartsAt}
		}
	}
	return &ConflictError{Start: b.StartsAt}
}

// holdRoom inserts the holds of the stored booking id on the atoms of its room that are free
// and not yet held by it, in atom order (so two bookings of overlapping rooms take them in
// the same order), and returns how many holds the booking has and how many atoms its room
// occupies, all as one statement sees them.
func holdRoom(ctx context.Context, tx bun.IDB, id int64) (held, want int, err error) {
	err = tx.NewRaw(`WITH b AS (SELECT id, room_id, span FROM bookings WHERE id = ?),
			a AS (SELECT atom FROM b, room_atoms(b.room_id) AS atom),
			ins AS (INSERT INTO booking_holds (booking_id, atom_room_id, span)
				SELECT b.id, a.atom, b.span FROM b, a ORDER BY a.atom
				ON CONFLICT DO NOTHING RETURNING 1)
		SELECT (SELECT count(*) FROM ins) + (SELECT count(*) FROM booking_holds WHERE booking_id = ?), (SELECT count(*) FROM a)`,
		id, id).Scan(ctx, &held, &want)
	if err != nil {
		return 0, 0, fmt.Errorf("hold booking %d: %w", id, err)
	}
	return held, want, nil
}

// release deletes the holds of booking id, freeing its time.
func release(ctx context.Context, tx bun.IDB, id int64) error {
	if _, err := tx.NewRaw(`DELETE FROM booking_holds WHERE booking_id = ?`, id).Exec(ctx); err != nil {
		return fmt.Errorf("release booking %d: %w", id, err)
	}
	return nil
}

// findClashes returns the other bookings holding any atom of b's room during b, in time
// order, each marked Own when it is b's organisation's.
func findClashes(ctx context.Context, tx bun.IDB, b *Booking) ([]Clash, error) {
	found, err := holders(ctx, tx, b)
	if err != nil {
		return nil, err
	}
	clashes := make([]Clash, len(found))
	for i := range found {
		clashes[i] = clashOf(&found[i], b.OrganisationID)
	}
	return clashes, nil
}

// holders returns the other bookings holding any atom of b's room during b, in time order.
func holders(ctx context.Context, tx bun.IDB, b *Booking) ([]Booking, error) {
	var found []Booking
	err := tx.NewSelect().Model(&found).
		Where(`b.id IN (SELECT h.booking_id FROM booking_holds h
			WHERE h.atom_room_id IN (SELECT room_atoms(?)) AND h.span && tstzrange(?, ?, '[)') AND h.booking_id <> ?)`,
			b.RoomID, b.StartsAt, b.EndsAt, b.ID).
		OrderExpr("b.starts_at, b.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("find clashes of booking %d: %w", b.ID, err)
	}
	return found, nil
}

// clashOf describes b as a clash, Own when it is org's.
func clashOf(b *Booking, org int64) Clash {
	return Clash{BookingID: b.ID, RoomID: b.RoomID, StartsAt: b.StartsAt, EndsAt: b.EndsAt, Own: b.OrganisationID == org}
}
