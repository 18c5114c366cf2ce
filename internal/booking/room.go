package booking

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
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
	rooms, err := loadRooms(ctx, db, []int64{id}, from)
	if err != nil {
		return nil, err
	}
	if len(rooms) == 0 {
		return nil, errRoomNotFound
	}
	return rooms[0], nil
}

// loadRooms reads what loadRoom does for every room of ids that exists, in a fixed number of
// queries, and returns them in the order of ids. Bookings and the free-room search both read
// rooms through it.
func loadRooms(ctx context.Context, db bun.IDB, ids []int64, from time.Time) ([]*room, error) {
	arr := pgdialect.Array(ids)
	rows, err := db.QueryContext(ctx, `SELECT r.id, v.owner_id, r.capacity, r.bookable, (r.archived_at IS NOT NULL OR v.archived_at IS NOT NULL)
		FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE r.id = ANY(?)`, arr)
	if err != nil {
		return nil, fmt.Errorf("load room: %w", err)
	}
	byID := make(map[int64]*room, len(ids))
	err = eachRow(rows, func() error {
		r := new(room)
		if err := rows.Scan(&r.ID, &r.OwnerID, &r.Capacity, &r.Bookable, &r.Archived); err != nil {
			return err
		}
		r.Rules = DefaultRules(r.ID)
		byID[r.ID] = r
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load room: %w", err)
	}
	var rules []Rules
	if err := db.NewSelect().Model(&rules).Where("br.room_id = ANY(?)", arr).Scan(ctx); err != nil {
		return nil, fmt.Errorf("load booking rules: %w", err)
	}
	for _, ru := range rules {
		if r := byID[ru.RoomID]; r != nil {
			r.Rules = ru
		}
	}
	rows, err = db.QueryContext(ctx, `SELECT room_id, weekday, extract(epoch FROM opens)::int, extract(epoch FROM closes)::int
		FROM room_opening_hours WHERE room_id = ANY(?) ORDER BY room_id, weekday, opens`, arr)
	if err != nil {
		return nil, fmt.Errorf("load opening hours: %w", err)
	}
	err = eachRow(rows, func() error {
		var id int64
		var h OpeningHours
		var opens, closes int
		if err := rows.Scan(&id, &h.Weekday, &opens, &closes); err != nil {
			return err
		}
		h.Opens, h.Closes = time.Duration(opens)*time.Second, time.Duration(closes)*time.Second
		if r := byID[id]; r != nil {
			r.Hours = append(r.Hours, h)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load opening hours: %w", err)
	}
	var closures []struct {
		ForRoom int64
		Closure
	}
	err = db.NewRaw(`SELECT r.id AS for_room, c.id, c.venue_id, c.room_id, c.first_day, c.last_day, c.reason
		FROM closures c JOIN rooms r ON c.room_id = r.id OR c.venue_id = r.venue_id
		WHERE r.id = ANY(?) AND c.last_day >= ?::date
		ORDER BY r.id, c.first_day, c.id`, arr, from.Format(time.DateOnly)).Scan(ctx, &closures)
	if err != nil {
		return nil, fmt.Errorf("load closures: %w", err)
	}
	for _, c := range closures {
		if r := byID[c.ForRoom]; r != nil {
			r.Closures = append(r.Closures, c.Closure)
		}
	}
	var atoms []struct {
		Room int64
		Atom int64
	}
	err = db.NewRaw(`SELECT r.id AS room, a AS atom FROM unnest(?::bigint[]) AS r (id), room_atoms(r.id) AS a ORDER BY 1, 2`, arr).
		Scan(ctx, &atoms)
	if err != nil {
		return nil, fmt.Errorf("load room atoms: %w", err)
	}
	for _, a := range atoms {
		if r := byID[a.Room]; r != nil {
			r.Atoms = append(r.Atoms, a.Atom)
		}
	}
	out := make([]*room, 0, len(byID))
	for _, id := range ids {
		if r := byID[id]; r != nil {
			out = append(out, r)
			delete(byID, id)
		}
	}
	return out, nil
}

// eachRow calls fn for every row and closes rows.
func eachRow(rows *sql.Rows, fn func() error) error {
	defer rows.Close()
	for rows.Next() {
		if err := fn(); err != nil {
			return err
		}
	}
	return rows.Err()
}

// mayBook returns nil when the room's rules let the organisation book it, or a *RuleError.
// The owner may always book its own rooms.
func (r *room) mayBook(ctx context.Context, db bun.IDB, org int64) error {
	st, err := loadStanding(ctx, db, []int64{org}, []*room{r})
	if err != nil {
		return fmt.Errorf("check booking rule: %w", err)
	}
	return r.refusal(org, st)
}
