package feed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/booking"
)

// row is a booking as a feed needs it, with its room, venue and organisation. It has no
// column that names a person (created_by, status_by, status_reason): what is not read
// cannot leak into a feed.
type row struct {
	ID             int64          `bun:"id"`
	RoomID         int64          `bun:"room_id"`
	OrganisationID int64          `bun:"organisation_id"`
	Title          string         `bun:"title"`
	Purpose        string         `bun:"purpose"`
	Attendees      int            `bun:"attendees"`
	Public         bool           `bun:"public"`
	StartsAt       time.Time      `bun:"starts_at"`
	EndsAt         time.Time      `bun:"ends_at"`
	Status         booking.Status `bun:"status"`
	StatusAt       *time.Time     `bun:"status_at"`
	Revision       int            `bun:"revision"`
	SeriesID       *int64         `bun:"series_id"`
	OriginalStart  *time.Time     `bun:"original_start"`
	CreatedAt      time.Time      `bun:"created_at"`
	UpdatedAt      time.Time      `bun:"updated_at"`

	RoomName         string   `bun:"room_name"`
	VenueID          int64    `bun:"venue_id"`
	VenueName        string   `bun:"venue_name"`
	StreetAddress    string   `bun:"street_address"`
	PostalCode       string   `bun:"postal_code"`
	Town             string   `bun:"town"`
	Latitude         *float64 `bun:"latitude"`
	Longitude        *float64 `bun:"longitude"`
	OrganisationName string   `bun:"organisation_name"`
	// Latest is the last change to the booking, its room, venue or organisation.
	Latest time.Time `bun:"latest"`
}

// active reports whether the booking holds its room (pending or confirmed).
func (r *row) active() bool { return r.Status.Holds() }

// seriesRow is a booking_series row with the venue of its room.
type seriesRow struct {
	ID             int64            `bun:"id"`
	RoomID         int64            `bun:"room_id"`
	VenueID        int64            `bun:"venue_id"`
	OrganisationID int64            `bun:"organisation_id"`
	RRule          string           `bun:"rrule"`
	DTStart        time.Time        `bun:"dtstart"`
	Duration       booking.Interval `bun:"duration"`
	TimeZone       string           `bun:"timezone"`
	Revision       int              `bun:"revision"`
	CreatedAt      time.Time        `bun:"created_at"`
	UpdatedAt      time.Time        `bun:"updated_at"`
}

// scope says which bookings a feed holds. seriesWhere selects the series that belong to the
// feed (on alias se), bookingWhere the bookings (on alias b); both use ?0 for id. contains
// and holds are the same two questions asked in Go of rows already read. The id is cast to
// bigint: bun writes it as an integer literal, and btree_gist's index on (room_id, span)
// has no operator for bigint = integer, so without the cast PostgreSQL reads the whole
// bookings table (a room feed's 304 went from 22 ms to 4 ms with it).
type scope struct {
	id           int64
	detailed     bool // the organisation's own feed: every booking with its details
	seriesWhere  string
	bookingWhere string
	contains     func(r *row) bool
	holds        func(se *seriesRow) bool
	// places holds what every event in a room repeats, made once per room and build.
	places map[int64]*place
}

// roomScope is a room's feed: its own bookings and those of every room that shares space
// with it (relatedRooms), since a booking of the whole sports hall takes its halves too and
// whoever subscribes to a half must see that time as taken.
func roomScope(id int64, related []int64) scope {
	in := make(map[int64]bool, len(related))
	ids := make([]string, len(related))
	for i, r := range related {
		in[r], ids[i] = true, strconv.FormatInt(r, 10)
	}
	list := " IN (" + strings.Join(ids, ", ") + ")" // ids read from the database: integers only
	return scope{id: id, seriesWhere: "se.room_id" + list, bookingWhere: "b.room_id" + list,
		contains: func(r *row) bool { return in[r.RoomID] },
		holds:    func(se *seriesRow) bool { return in[se.RoomID] }, places: map[int64]*place{}}
}

// relatedRooms returns the room and every room that shares a leaf space (atom) with it: its
// parts, the rooms it is part of, and rooms sharing a part with it, in id order.
func (s *Service) relatedRooms(ctx context.Context, id int64) ([]int64, error) {
	var ids []int64
	err := s.db.NewRaw(`WITH RECURSIVE up (id) AS (
			SELECT a FROM room_atoms(?::bigint) AS a
			UNION
			SELECT p.whole_id FROM room_parts p JOIN up ON p.part_id = up.id)
		SELECT id FROM up UNION SELECT ?::bigint ORDER BY 1`, id, id).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("rooms sharing space with %d: %w", id, err)
	}
	return ids, nil
}

func venueScope(id int64) scope {
	in := " IN (SELECT id FROM rooms WHERE venue_id = ?0::bigint)"
	return scope{id: id, seriesWhere: "se.room_id" + in, bookingWhere: "b.room_id" + in,
		contains: func(r *row) bool { return r.VenueID == id },
		holds:    func(se *seriesRow) bool { return se.VenueID == id }, places: map[int64]*place{}}
}

func organisationScope(id int64) scope {
	return scope{id: id, detailed: true, seriesWhere: "se.organisation_id = ?0::bigint", bookingWhere: "b.organisation_id = ?0::bigint",
		contains: func(r *row) bool { return r.OrganisationID == id },
		holds:    func(se *seriesRow) bool { return se.OrganisationID == id }, places: map[int64]*place{}}
}

// picked is the feed's bookings as a CTE: every booking of each series of the scope that
// has an occurrence in the window, and the scope's other bookings in the window (single
// bookings, and occurrences of other series moved into the scope's rooms). A cancelled or
// rejected booking counts only while its change is younger than the cutoff. Arguments:
// ?0 scope id, ?1 and ?2 the window, ?3 the cutoff.
func (sc scope) picked() string {
	return fmt.Sprintf(`WITH series AS (
	SELECT DISTINCT b.series_id AS id
	FROM bookings b JOIN booking_series se ON se.id = b.series_id
	WHERE %[1]s AND b.span && tstzrange(?1, ?2, '[)')
		AND (b.status IN ('pending', 'confirmed') OR b.status_at >= ?3)
), picked AS (
	SELECT b.* FROM bookings b WHERE b.series_id IN (SELECT id FROM series)
	UNION ALL
	SELECT b.* FROM bookings b LEFT JOIN booking_series se ON se.id = b.series_id
	WHERE %[2]s AND (se.id IS NULL OR NOT (%[1]s)) AND b.span && tstzrange(?1, ?2, '[)')
		AND (b.status IN ('pending', 'confirmed') OR b.status_at >= ?3)
)
`, sc.seriesWhere, sc.bookingWhere)
}

const rowColumns = `SELECT b.id, b.room_id, b.organisation_id, b.title, b.purpose, b.attendees, b.public,
	b.starts_at, b.ends_at, b.status, b.status_at, b.revision, b.series_id, b.original_start,
	b.created_at, b.updated_at, r.name AS room_name, r.venue_id, v.name AS venue_name,
	v.street_address, v.postal_code, v.town, v.latitude, v.longitude, o.name AS organisation_name,
	greatest(b.updated_at, r.updated_at, v.updated_at, o.updated_at) AS latest
`

const rowJoins = `JOIN rooms r ON r.id = b.room_id JOIN venues v ON v.id = r.venue_id
	JOIN organisations o ON o.id = b.organisation_id
`

// loadRows reads the scope's bookings in the window, the occurrences of each series
// together in order of their original start.
func (s *Service) loadRows(ctx context.Context, sc scope, w window) ([]row, error) {
	var rows []row
	q := sc.picked() + rowColumns + `FROM picked b ` + rowJoins +
		`ORDER BY b.series_id NULLS FIRST, b.original_start, b.starts_at, b.id`
	if err := s.db.NewRaw(q, sc.id, w.from, w.to, w.cutoff).Scan(ctx, &rows); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read feed bookings: %w", err)
	}
	return rows, nil
}

// loadSeries reads the series with the given ids, by id.
func (s *Service) loadSeries(ctx context.Context, ids []int64) (map[int64]*seriesRow, error) {
	out := make(map[int64]*seriesRow, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var list []seriesRow
	err := s.db.NewRaw(`SELECT se.id, se.room_id, r.venue_id, se.organisation_id, se.rrule, se.dtstart,
		se.duration, se.timezone, se.revision, se.created_at, se.updated_at
		FROM booking_series se JOIN rooms r ON r.id = se.room_id WHERE se.id IN (?)`, bun.List(ids)).Scan(ctx, &list)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read feed series: %w", err)
	}
	for i := range list {
		out[list[i].ID] = &list[i]
	}
	return out, nil
}

// version is what a feed's content depends on in the database, read without reading the
// rows out: how many bookings it holds, the sum of their revisions (any change to one of
// them raises it), and the latest change to them, their series, rooms, venues and
// organisations. A booking that leaves the scope lowers the count or the sum; one that
// enters raises the latest change.
type version struct {
	Count    int       `bun:"count"`
	Revision int64     `bun:"revision"`
	Latest   time.Time `bun:"latest"`
}

func (s *Service) loadVersion(ctx context.Context, sc scope, w window) (version, error) {
	var v version
	q := sc.picked() + `SELECT count(*) AS count, coalesce(sum(b.revision), 0) AS revision,
		greatest(max(greatest(b.updated_at, r.updated_at, v.updated_at, o.updated_at)),
			(SELECT max(se.updated_at) FROM booking_series se WHERE se.id IN (SELECT series_id FROM picked)),
			'epoch'::timestamptz) AS latest
	FROM picked b ` + rowJoins
	if err := s.db.NewRaw(q, sc.id, w.from, w.to, w.cutoff).Scan(ctx, &v); err != nil {
		return version{}, fmt.Errorf("read feed version: %w", err)
	}
	return v, nil
}

// loadBooking reads one booking for a download, or booking.ErrNotFound.
func (s *Service) loadBooking(ctx context.Context, id int64) (*row, error) {
	var rows []row
	err := s.db.NewRaw(rowColumns+`FROM bookings b `+rowJoins+`WHERE b.id = ?`, id).Scan(ctx, &rows)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read booking %d: %w", id, err)
	}
	if len(rows) == 0 {
		return nil, booking.ErrNotFound
	}
	return &rows[0], nil
}
