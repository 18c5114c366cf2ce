package booking

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
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

// roomColumns and roomFrom are the query of a room as scanRoom reads it; the one argument
// is the first day whose closures count.
const (
	roomColumns = `r.id, v.owner_id, r.capacity, r.bookable, (r.archived_at IS NOT NULL OR v.archived_at IS NOT NULL),
			br.room_id IS NOT NULL, br.who_may_book, br.needs_approval, br.min_notice, br.horizon, br.max_duration,
			br.cancel_before, br.holidays_closed, br.terms, br.revision, br.created_at, br.updated_at,
			ARRAY(SELECT h.weekday FROM room_opening_hours h WHERE h.room_id = r.id ORDER BY h.weekday, h.opens),
			ARRAY(SELECT extract(epoch FROM h.opens)::int FROM room_opening_hours h WHERE h.room_id = r.id ORDER BY h.weekday, h.opens),
			ARRAY(SELECT extract(epoch FROM h.closes)::int FROM room_opening_hours h WHERE h.room_id = r.id ORDER BY h.weekday, h.opens),
			(SELECT json_agg(json_build_object('id', c.id, 'venue_id', c.venue_id, 'room_id', c.room_id,
					'first_day', c.first_day, 'last_day', c.last_day, 'reason', c.reason) ORDER BY c.first_day, c.id)
				FROM closures c WHERE (c.room_id = r.id OR c.venue_id = r.venue_id) AND c.last_day >= ?::date),
			CASE WHEN EXISTS (SELECT FROM room_parts p WHERE p.whole_id = r.id)
				THEN ARRAY(SELECT a FROM room_atoms(r.id) AS a ORDER BY a) ELSE ARRAY[r.id] END`
	roomFrom = `
		FROM rooms r JOIN venues v ON v.id = r.venue_id LEFT JOIN booking_rules br ON br.room_id = r.id
		`
)

// loadRooms reads what loadRoom does for every room of ids that exists, in one query (a
// booking reads its room on every request, so each round trip counts), and returns them in
// the order of ids. Bookings and the free-room search both read rooms through it.
func loadRooms(ctx context.Context, db bun.IDB, ids []int64, from time.Time) ([]*room, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+roomColumns+roomFrom+`WHERE r.id = ANY(?)`, from.Format(time.DateOnly), pgdialect.Array(ids))
	if err != nil {
		return nil, fmt.Errorf("load room: %w", err)
	}
	byID := make(map[int64]*room, len(ids))
	err = eachRow(rows, func() error {
		r, err := scanRoom(rows)
		if err != nil {
			return err
		}
		byID[r.ID] = r
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load room: %w", err)
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

// scanRoom reads one row of roomColumns, and into extra the columns that follow them.
func scanRoom(rows interface{ Scan(...any) error }, extra ...any) (*room, error) {
	r := new(room)
	var (
		hasRules                         bool
		who, terms                       sql.NullString
		approval, holidays               sql.NullBool
		minNotice, horizon, cancelBefore nullInterval
		maxDuration                      nullInterval
		revision                         sql.NullInt64
		created, updated                 sql.NullTime
		weekdays, opens, closes          []int64
		closures                         []byte
	)
	dest := append([]any{&r.ID, &r.OwnerID, &r.Capacity, &r.Bookable, &r.Archived,
		&hasRules, &who, &approval, &minNotice, &horizon, &maxDuration, &cancelBefore, &holidays, &terms, &revision, &created, &updated,
		pgdialect.Array(&weekdays), pgdialect.Array(&opens), pgdialect.Array(&closes), &closures, pgdialect.Array(&r.Atoms)}, extra...)
	err := rows.Scan(dest...)
	if err != nil {
		return nil, err
	}
	r.Rules = DefaultRules(r.ID)
	if hasRules {
		r.Rules = Rules{RoomID: r.ID, WhoMayBook: Who(who.String), NeedsApproval: approval.Bool,
			MinNotice: minNotice.Interval, Horizon: horizon.Interval, CancelBefore: cancelBefore.Interval,
			HolidaysClosed: holidays.Bool, Terms: terms.String, Revision: int(revision.Int64),
			CreatedAt: created.Time, UpdatedAt: updated.Time}
		if maxDuration.Valid {
			r.Rules.MaxDuration = &maxDuration.Interval
		}
	}
	for i := range weekdays {
		r.Hours = append(r.Hours, OpeningHours{Weekday: int(weekdays[i]),
			Opens: time.Duration(opens[i]) * time.Second, Closes: time.Duration(closes[i]) * time.Second})
	}
	if r.Closures, err = decodeClosures(closures); err != nil {
		return nil, err
	}
	return r, nil
}

// nullInterval is an interval column that may be NULL.
type nullInterval struct {
	Interval
	Valid bool
}

// Scan implements sql.Scanner.
func (n *nullInterval) Scan(src any) error {
	n.Valid = src != nil
	if !n.Valid {
		n.Interval = Interval{}
		return nil
	}
	return n.Interval.Scan(src)
}

// decodeClosures reads the closures loadRooms' query aggregates as JSON (NULL for none).
func decodeClosures(raw []byte) ([]Closure, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var in []struct {
		ID       int64
		VenueID  *int64 `json:"venue_id"`
		RoomID   *int64 `json:"room_id"`
		FirstDay string `json:"first_day"`
		LastDay  string `json:"last_day"`
		Reason   string
	}
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, fmt.Errorf("decode closures: %w", err)
	}
	out := make([]Closure, len(in))
	for i, c := range in {
		first, err1 := time.Parse(time.DateOnly, c.FirstDay)
		last, err2 := time.Parse(time.DateOnly, c.LastDay)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("decode closures: %w", err)
		}
		out[i] = Closure{ID: c.ID, VenueID: c.VenueID, RoomID: c.RoomID, FirstDay: first, LastDay: last, Reason: c.Reason}
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

// needsStanding reports whether deciding if org may book the room asks about the
// organisation's standing (loadStanding): its signature of the Compact, its partnerships.
func (r *room) needsStanding(org int64) bool {
	return org != r.OwnerID && r.Bookable && r.Rules.WhoMayBook != WhoAny && r.Rules.WhoMayBook != WhoOwner
}

// mayBook returns nil when the room's rules let the organisation book it today (a date in
// the service's zone), or a *RuleError. The owner may always book its own rooms.
func (r *room) mayBook(ctx context.Context, db bun.IDB, org int64, today time.Time) error {
	st, err := loadStanding(ctx, db, []int64{org}, []*room{r}, today)
	if err != nil {
		return fmt.Errorf("check booking rule: %w", err)
	}
	return r.refusal(org, st)
}
