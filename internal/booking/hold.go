package booking

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// place inserts b and the holds on every atom of its room, or returns a *ConflictError when
// another booking holds any of them. The holds go in with ON CONFLICT DO NOTHING: a loser of
// a race waits only for the winner's commit and then inserts nothing, instead of inserting,
// failing the exclusion check and perhaps being picked as a deadlock victim. Atoms are
// inserted in id order, so two bookings of overlapping rooms take them in the same order.
// The caller's transaction must be rolled back when place fails.
func place(ctx context.Context, tx bun.IDB, r *room, b *Booking) error {
	if _, err := tx.NewInsert().Model(b).Returning("id").Exec(ctx); err != nil {
		return fmt.Errorf("insert booking: %w", err)
	}
	if !b.Status.Holds() {
		return nil
	}
	return holdAll(ctx, tx, r, b)
}

// holdAll inserts the holds of the stored booking b on every atom of its room r, or returns a
// *ConflictError naming the bookings that hold any of them.
func holdAll(ctx context.Context, tx bun.IDB, r *room, b *Booking) error {
	// A clash that disappears before it can be named (cancelled meanwhile) is tried again.
	held := 0
	for attempt := 0; attempt < 3; attempt++ {
		n, err := hold(ctx, tx, b.ID, r.Atoms)
		if err != nil {
			return err
		}
		if held += n; held == len(r.Atoms) {
			return nil
		}
		clashes, err := findClashes(ctx, tx, b, r.Atoms)
		if err != nil {
			return err
		}
		if len(clashes) > 0 {
			return &ConflictError{Clashes: clashes, Start: b.StartsAt}
		}
	}
	return &ConflictError{Start: b.StartsAt}
}

// hold inserts the holds of booking id on those of atoms that are free and not yet held by
// it, and returns how many it inserted (counted from the insert itself, not by asking again).
func hold(ctx context.Context, tx bun.IDB, id int64, atoms []int64) (int, error) {
	res, err := tx.NewRaw(`INSERT INTO booking_holds (booking_id, atom_room_id, span)
		SELECT b.id, a.atom, b.span FROM bookings b, unnest(?::bigint[]) AS a (atom)
		WHERE b.id = ? ORDER BY a.atom
		ON CONFLICT DO NOTHING`, pgdialect.Array(atoms), id).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("hold booking %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// release deletes the holds of booking id, freeing its time.
func release(ctx context.Context, tx bun.IDB, id int64) error {
	if _, err := tx.NewRaw(`DELETE FROM booking_holds WHERE booking_id = ?`, id).Exec(ctx); err != nil {
		return fmt.Errorf("release booking %d: %w", id, err)
	}
	return nil
}

// findClashes returns the other bookings holding any of atoms during b, in time order.
func findClashes(ctx context.Context, tx bun.IDB, b *Booking, atoms []int64) ([]Clash, error) {
	var found []Booking
	err := tx.NewSelect().Model(&found).
		Where("b.id IN (SELECT h.booking_id FROM booking_holds h WHERE h.atom_room_id = ANY(?) AND h.span && tstzrange(?, ?, '[)') AND h.booking_id <> ?)",
			pgdialect.Array(atoms), b.StartsAt, b.EndsAt, b.ID).
		OrderExpr("b.starts_at, b.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("find clashes: %w", err)
	}
	clashes := make([]Clash, len(found))
	for i, f := range found {
		clashes[i] = Clash{BookingID: f.ID, RoomID: f.RoomID, StartsAt: f.StartsAt, EndsAt: f.EndsAt,
			Own: f.OrganisationID == b.OrganisationID}
	}
	return clashes, nil
}
