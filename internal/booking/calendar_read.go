package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// The reads of the calendar feeds (internal/feed): the feed package builds calendars, this
// package owns the queries of its tables.

// CalendarBooking is a booking as a calendar needs it, with its room, venue and
// organisation. It has no column that names a person (created_by, status_by,
// status_reason): what is not read cannot leak into a feed.
type CalendarBooking struct {
	ID             int64      `bun:"id"`
	RoomID         int64      `bun:"room_id"`
	OrganisationID int64      `bun:"organisation_id"`
	Title          string     `bun:"title"`
	Purpose        string     `bun:"purpose"`
	Attendees      int        `bun:"attendees"`
	Public         bool       `bun:"public"`
	StartsAt       time.Time  `bun:"starts_at"`
	EndsAt         time.Time  `bun:"ends_at"`
	Status         Status     `bun:"status"`
	StatusAt       *time.Time `bun:"status_at"`
	Revision       int        `bun:"revision"`
	SeriesID       *int64     `bun:"series_id"`
	OriginalStart  *time.Time `bun:"original_start"`
	CreatedAt      time.Time  `bun:"created_at"`
	UpdatedAt      time.Time  `bun:"updated_at"`

	RoomName  string `bun:"room_name"`
	VenueID   int64  `bun:"venue_id"`
	VenueName string `bun:"venue_name"`
	// RoomOwner is the organisation owning the room's venue, for access.BookingSight.
	RoomOwner        int64    `bun:"room_owner"`
	StreetAddress    string   `bun:"street_address"`
	PostalCode       string   `bun:"postal_code"`
	Town             string   `bun:"town"`
	Latitude         *float64 `bun:"latitude"`
	Longitude        *float64 `bun:"longitude"`
	OrganisationName string   `bun:"organisation_name"`
	// Latest is the last change to the booking, its room, venue or organisation.
	Latest time.Time `bun:"latest"`
}

// CalendarSeries is a booking_series row with the venue of its room.
type CalendarSeries struct {
	ID             int64     `bun:"id"`
	RoomID         int64     `bun:"room_id"`
	VenueID        int64     `bun:"venue_id"`
	OrganisationID int64     `bun:"organisation_id"`
	RRule          string    `bun:"rrule"`
	DTStart        time.Time `bun:"dtstart"`
	Duration       Interval  `bun:"duration"`
	TimeZone       string    `bun:"timezone"`
	Revision       int       `bun:"revision"`
	CreatedAt      time.Time `bun:"created_at"`
	UpdatedAt      time.Time `bun:"updated_at"`
}

// CalendarScope says which bookings a calendar holds: those of a room and the rooms that
// share space with it (RoomCalendar), of a venue's rooms (VenueCalendar) or of an
// organisation (OrganisationCalendar). The zero scope holds none.
type CalendarScope struct {
	rooms        map[int64]bool
	venue        int64
	organisation int64
	// seriesWhere selects the series of the scope (on alias se), bookingWhere its bookings
	// (on alias b), roomsWhere its rooms' calendar versions (on alias c, empty for a scope
	// not of rooms); all use ?0 for the scope's id.
	seriesWhere, bookingWhere, roomsWhere string
}

// RoomCalendar is the calendar of the rooms ids: a room's and those sharing space with it
// (RoomsSharingSpace), since a booking of the whole sports hall takes its halves too and
// whoever subscribes to a half must see that time as taken.
func RoomCalendar(ids []int64) CalendarScope {
	in := make(map[int64]bool, len(ids))
	lits := make([]string, len(ids))
	for i, id := range ids {
		// Typed: the GiST index on (room_id, span) has no operator for bigint = integer,
		// and without the cast PostgreSQL reads the whole bookings table.
		in[id], lits[i] = true, strconv.FormatInt(id, 10)+"::bigint"
	}
	list := " IN (" + strings.Join(lits, ", ") + ")" // formatted integers only
	if len(ids) == 0 {
		list = " IN (NULL::bigint)"
	}
	return CalendarScope{rooms: in, seriesWhere: "se.room_id" + list, bookingWhere: "b.room_id" + list, roomsWhere: "c.room_id" + list}
}

// VenueCalendar is the calendar of all the venue's rooms.
func VenueCalendar(id int64) CalendarScope {
	in := " IN (SELECT id FROM rooms WHERE venue_id = ?0::bigint)"
	return CalendarScope{venue: id, seriesWhere: "se.room_id" + in, bookingWhere: "b.room_id" + in, roomsWhere: "c.room_id" + in}
}

// OrganisationCalendar is the calendar of the organisation's own bookings.
func OrganisationCalendar(id int64) CalendarScope {
	return CalendarScope{organisation: id, seriesWhere: "se.organisation_id = ?0::bigint", bookingWhere: "b.organisation_id = ?0::bigint"}
}

// id is the scope's ?0.
func (sc CalendarScope) id() int64 { return max(sc.venue, sc.organisation) }

// Contains reports whether the booking, read already, belongs to the scope.
func (sc CalendarScope) Contains(b *CalendarBooking) bool {
	switch {
	case sc.rooms != nil:
		return sc.rooms[b.RoomID]
	case sc.venue != 0:
		return b.VenueID == sc.venue
	case sc.organisation != 0:
		return b.OrganisationID == sc.organisation
	}
	return false
}

// Holds reports whether the series, read already, belongs to the scope.
func (sc CalendarScope) Holds(se *CalendarSeries) bool {
	switch {
	case sc.rooms != nil:
		return sc.rooms[se.RoomID]
	case sc.venue != 0:
		return se.VenueID == sc.venue
	case sc.organisation != 0:
		return se.OrganisationID == sc.organisation
	}
	return false
}

// CalendarWindow is the span of a calendar: the bookings overlapping [From, To), and of the
// cancelled and rejected ones only those changed at or after Cutoff.
type CalendarWindow struct {
	From, To, Cutoff time.Time
}

// picked is the calendar's bookings as a CTE: every booking of each series of the scope
// that has an occurrence in the window, and the scope's other bookings in the window
// (single bookings, and occurrences of other series moved into the scope's rooms). A
// cancelled or rejected booking counts only while its change is younger than the cutoff.
// Arguments: ?0 scope id, ?1 and ?2 the window, ?3 the cutoff.
func (sc CalendarScope) picked() string {
	return fmt.Sprintf(`WITH series AS (
	SELECT se.id FROM booking_series se
	WHERE %[1]s AND EXISTS (SELECT FROM bookings b WHERE b.series_id = se.id AND b.span && tstzrange(?1, ?2, '[)')
		AND (b.status IN ('pending', 'confirmed') OR b.status_at >= ?3))
), picked AS (
	SELECT b.* FROM bookings b WHERE b.series_id IN (SELECT id FROM series)
	UNION ALL
	SELECT b.* FROM bookings b LEFT JOIN booking_series se ON se.id = b.series_id
	WHERE %[2]s AND (se.id IS NULL OR NOT (%[1]s)) AND b.span && tstzrange(?1, ?2, '[)')
		AND (b.status IN ('pending', 'confirmed') OR b.status_at >= ?3)
)
`, sc.seriesWhere, sc.bookingWhere)
}

const calendarColumns = `SELECT b.id, b.room_id, b.organisation_id, b.title, b.purpose, b.attendees, b.public,
	b.starts_at, b.ends_at, b.status, b.status_at, b.revision, b.series_id, b.original_start,
	b.created_at, b.updated_at, r.name AS room_name, r.venue_id, v.name AS venue_name, v.owner_id AS room_owner,
	v.street_address, v.postal_code, v.town, v.latitude, v.longitude, o.name AS organisation_name,
	greatest(b.updated_at, r.updated_at, v.updated_at, o.updated_at) AS latest
`

const calendarJoins = `JOIN rooms r ON r.id = b.room_id JOIN venues v ON v.id = r.venue_id
	JOIN organisations o ON o.id = b.organisation_id
`

// CalendarBookings reads the scope's bookings in the window, the occurrences of each series
// together in order of their original start (single bookings first).
func (s *Service) CalendarBookings(ctx context.Context, sc CalendarScope, w CalendarWindow) ([]CalendarBooking, error) {
	var rows []CalendarBooking
	q := sc.picked() + calendarColumns + `FROM picked b ` + calendarJoins +
		`ORDER BY b.series_id NULLS FIRST, b.original_start, b.starts_at, b.id`
	if err := s.db.NewRaw(q, sc.id(), w.From, w.To, w.Cutoff).Scan(ctx, &rows); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read calendar bookings: %w", err)
	}
	return rows, nil
}

// CalendarSeriesByID reads the series with the given ids, by id.
func (s *Service) CalendarSeriesByID(ctx context.Context, ids []int64) (map[int64]*CalendarSeries, error) {
	out := make(map[int64]*CalendarSeries, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var list []CalendarSeries
	err := s.db.NewRaw(`SELECT se.id, se.room_id, r.venue_id, se.organisation_id, se.rrule, se.dtstart,
		se.duration, se.timezone, se.revision, se.created_at, se.updated_at
		FROM booking_series se JOIN rooms r ON r.id = se.room_id WHERE se.id IN (?)`, bun.List(ids)).Scan(ctx, &list)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read calendar series: %w", err)
	}
	for i := range list {
		out[list[i].ID] = &list[i]
	}
	return out, nil
}

// CalendarVersion is what a calendar's content depends on in the database, read without
// reading its bookings out. Of a room's or venue's calendar: how many of its rooms have a
// calendar version (room_calendar_versions, counted up by every transaction that changes a
// room's bookings or series), their sum, and the latest change to them or to any room, venue
// or organisation (whose names and addresses the events show). Of an organisation's: how
// many bookings it holds, the sum of their revisions, and the latest change to them, their
// series, rooms, venues and organisations; a booking that leaves it lowers the count or the
// sum, one that enters raises the latest change.
//
// Names holds the latest change to the rooms, venues and organisations each apart: one
// greatest time of all would miss a rename whose time is earlier than another change
// already seen (a rename read at 10:00:00.4 and committed after a booking stamped 10:00:00.5).
type CalendarVersion struct {
	Count    int       `bun:"count"`
	Revision int64     `bun:"revision"`
	Names    string    `bun:"names"`
	Latest   time.Time `bun:"latest"`
}

// FindCalendarVersion reads the version of the scope's calendar in the window. A room's or
// venue's version is a row per room and three index entries, whatever the size of the
// calendar (a 304 for a room of 1 000 bookings cost 5.8 ms of PostgreSQL CPU when it was
// counted from the bookings); it changes with any change to the rooms, in the window or
// not, which only costs a subscriber a full GET.
func (s *Service) FindCalendarVersion(ctx context.Context, sc CalendarScope, w CalendarWindow) (CalendarVersion, error) {
	var v CalendarVersion
	q := sc.picked() + `SELECT count(*) AS count, coalesce(sum(b.revision), 0) AS revision,
		concat_ws(' ', max(r.updated_at), max(v.updated_at), max(o.updated_at)) AS names,
		greatest(max(greatest(b.updated_at, r.updated_at, v.updated_at, o.updated_at)),
			(SELECT max(se.updated_at) FROM booking_series se WHERE se.id IN (SELECT series_id FROM picked)),
			'epoch'::timestamptz) AS latest
	FROM picked b ` + calendarJoins
	if sc.roomsWhere != "" {
		q = `WITH names AS (SELECT (SELECT max(updated_at) FROM rooms) AS r, (SELECT max(updated_at) FROM venues) AS v,
				(SELECT max(updated_at) FROM organisations) AS o)
			SELECT count(c.room_id) AS count, coalesce(sum(c.version), 0) AS revision, concat_ws(' ', n.r, n.v, n.o) AS names,
				greatest(max(c.changed_at), n.r, n.v, n.o, 'epoch'::timestamptz) AS latest
			FROM names n LEFT JOIN room_calendar_versions c ON ` + sc.roomsWhere + `
			GROUP BY n.r, n.v, n.o`
	}
	if err := s.db.NewRaw(q, sc.id(), w.From, w.To, w.Cutoff).Scan(ctx, &v); err != nil {
		return CalendarVersion{}, fmt.Errorf("read calendar version: %w", err)
	}
	return v, nil
}

// FindCalendarBooking reads one booking as a calendar shows it, or ErrNotFound.
func (s *Service) FindCalendarBooking(ctx context.Context, id int64) (*CalendarBooking, error) {
	var rows []CalendarBooking
	err := s.db.NewRaw(calendarColumns+`FROM bookings b `+calendarJoins+`WHERE b.id = ?`, id).Scan(ctx, &rows)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read booking %d: %w", id, err)
	}
	if len(rows) == 0 {
		return nil, ErrNotFound
	}
	return &rows[0], nil
}

// RoomsSharingSpace returns the room and every room that shares a leaf space (atom) with
// it: its parts, the rooms it is part of, and rooms sharing a part with it, in id order.
func (s *Service) RoomsSharingSpace(ctx context.Context, id int64) ([]int64, error) {
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
