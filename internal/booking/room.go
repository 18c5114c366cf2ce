package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// room is what booking a room needs to know about it, read once per operation.
type room struct {
	ID       int64
	OwnerID  int64
	Capacity int
	Bookable bool
	Archived bool
	Rules    Rules
	Hours    []OpeningHours
	Closures []Closure
	Atoms    []int64
}

// loadRoom reads the room, its venue's owner, its rules, opening hours, the closures that
// end on or after from, and the atoms it occupies. It returns errRoomNotFound.
func loadRoom(ctx context.Context, db bun.IDB, id int64, from time.Time) (*room, error) {
	r := &room{ID: id}
	err := db.NewRaw(`SELECT v.owner_id, r.capacity, r.bookable, (r.archived_at IS NOT NULL OR v.archived_at IS NOT NULL)
		FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE r.id = ?`, id).
		Scan(ctx, &r.OwnerID, &r.Capacity, &r.Bookable, &r.Archived)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errRoomNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("load room: %w", err)
	}
	r.Rules = DefaultRules(id)
	err = db.NewSelect().Model(&r.Rules).Where("br.room_id = ?", id).Scan(ctx)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("load booking rules: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT weekday, extract(epoch FROM opens)::int, extract(epoch FROM closes)::int
		FROM room_opening_hours WHERE room_id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("load opening hours: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var h OpeningHours
		var opens, closes int
		if err := rows.Scan(&h.Weekday, &opens, &closes); err != nil {
			return nil, err
		}
		h.Opens, h.Closes = time.Duration(opens)*time.Second, time.Duration(closes)*time.Second
		r.Hours = append(r.Hours, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	err = db.NewRaw(`SELECT c.first_day, c.last_day, c.reason FROM closures c
		WHERE (c.room_id = ? OR c.venue_id = (SELECT venue_id FROM rooms WHERE id = ?)) AND c.last_day >= ?::date
		ORDER BY c.first_day`, id, id, from.Format(time.DateOnly)).Scan(ctx, &r.Closures)
	if err != nil {
		return nil, fmt.Errorf("load closures: %w", err)
	}
	err = db.NewRaw(`SELECT a FROM room_atoms(?) AS a ORDER BY a`, id).Scan(ctx, &r.Atoms)
	if err != nil {
		return nil, fmt.Errorf("load room atoms: %w", err)
	}
	return r, nil
}

// mayBook returns nil when the room's rules let the organisation book it, or a *RuleError.
// The owner may always book its own rooms.
func (r *room) mayBook(ctx context.Context, db bun.IDB, org int64) error {
	if org == r.OwnerID {
		return nil
	}
	if !r.Bookable {
		return &RuleError{Rule: RuleNotBookable}
	}
	var query string
	args := []any{org}
	switch r.Rules.WhoMayBook {
	case WhoAny:
		return nil
	case WhoOwner:
		return &RuleError{Rule: RuleOwner}
	case WhoCompact:
		query = `SELECT EXISTS (SELECT 1 FROM compact_signatories WHERE organisation_id = ?)`
	case WhoPartners:
		query = `SELECT EXISTS (SELECT 1 FROM room_partners WHERE organisation_id = ? AND room_id = ?)`
		args = append(args, r.ID)
	default:
		return fmt.Errorf("unknown booking rule %q", r.Rules.WhoMayBook)
	}
	var ok bool
	if err := db.NewRaw(query, args...).Scan(ctx, &ok); err != nil {
		return fmt.Errorf("check booking rule: %w", err)
	}
	if !ok {
		return &RuleError{Rule: string(r.Rules.WhoMayBook)}
	}
	return nil
}
