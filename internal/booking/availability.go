package booking

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// MaxWindowDays bounds the window of RoomAvailability and of a one-window FindFreeRooms.
const MaxWindowDays = 62

// CodeWindowTooLong: the window is longer than MaxWindowDays (reported on "to", parameter the
// days).
const CodeWindowTooLong = "window_too_long"

// Slot is a stretch of time [Start, End) in a room's availability. A busy slot is a booking
// that holds the room or a part or whole of it; Status is the booking's. Who booked is never
// shown: BookingID and Title are filled only when the visibility policy shows them to anyone
// (access.BookingSight of an anonymous viewer: a public booking), and are zero otherwise.
// A free slot has only Start and End.
type Slot struct {
	Start     time.Time
	End       time.Time
	Status    Status
	Public    bool
	BookingID int64
	Title     string
}

// Availability is a room's busy and free time in the window [From, To), each in time order.
type Availability struct {
	RoomID int64
	From   time.Time
	To     time.Time
	Busy   []Slot
	Free   []Slot
}

// RoomAvailability returns the room's busy and free time within [from, to), a window of at
// most MaxWindowDays. Busy are the bookings holding the room or any part or whole of it
// (pending and confirmed), whole, even where they reach outside the window. Free is the time
// one could book now: inside the opening hours, outside closures (and public holidays when
// the room closes on them) and busy time, no earlier than the minimum notice and no later
// than the horizon allow — read by the same code that checks a booking. The data is public:
// no actor is needed. It returns venue.ErrRoomNotFound or field errors on "from" and "to".
func (s *Service) RoomAvailability(ctx context.Context, roomID int64, from, to time.Time) (*Availability, error) {
	if fe := checkWindow(from, to); len(fe) > 0 {
		return nil, fe
	}
	from, to = from.UTC(), to.UTC()
	now := s.now()
	r, err := loadRoom(ctx, s.db, roomID, localDate(from, s.loc))
	if isRoomNotFound(err) {
		return nil, venue.ErrRoomNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("room availability: %w", err)
	}
	a := &Availability{RoomID: roomID, From: from, To: to}
	if a.Busy, err = busySlots(ctx, s.db, r.Atoms, from, to); err != nil {
		return nil, fmt.Errorf("room availability: %w", err)
	}
	free := r.openTime(from, to, now, s.loc)
	for _, b := range a.Busy {
		free = cut(free, span{b.Start, b.End})
	}
	a.Free = make([]Slot, len(free))
	for i, f := range free {
		a.Free[i] = Slot{Start: f.start, End: f.end}
	}
	return a, nil
}

// isRoomNotFound reports whether err is loadRoom's errRoomNotFound.
func isRoomNotFound(err error) bool {
	var fe fault.FieldErrors
	return errors.As(err, &fe) && len(fe) == 1 && fe[0] == errRoomNotFound[0]
}

// checkWindow returns the field errors of a search window.
func checkWindow(from, to time.Time) fault.FieldErrors {
	switch {
	case from.IsZero():
		return fault.FieldErrors{{Field: "from", Code: "required"}}
	case to.IsZero():
		return fault.FieldErrors{{Field: "to", Code: "required"}}
	case !to.After(from):
		return fault.FieldErrors{{Field: "to", Code: CodeEndNotAfterStart}}
	case to.Sub(from) > MaxWindowDays*24*time.Hour+time.Hour: // an hour more for a DST change
		return fault.FieldErrors{{Field: "to", Code: CodeWindowTooLong, Param: strconv.Itoa(MaxWindowDays)}}
	}
	return nil
}

// openTime returns the time within [from, to) that the room's rules leave open to a booking
// made at now: opening hours less closed days, within the notice and the horizon.
func (r *room) openTime(from, to, now time.Time, loc *time.Location) []span {
	first, last := localDate(from, loc), localDate(to, loc)
	var open []span
	if len(r.Hours) == 0 {
		open = []span{{from, to}}
	} else {
		open = openSpans(r.Hours, loc, first.AddDate(0, 0, -1), last)
	}
	lo, hi := from, to
	if e := r.Rules.MinNotice.AddTo(now, loc); e.After(lo) {
		lo = e
	}
	if h := r.Rules.Horizon.AddTo(now, loc); h.Before(hi) {
		hi = h
	}
	open = clip(open, lo, hi)
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		start, end := atClock(d, 0, loc), atClock(d, 24*time.Hour, loc)
		if code, _ := closedDays(r.Closures, r.Rules.HolidaysClosed, loc, start, end); code != "" {
			open = cut(open, span{start, end})
		}
	}
	return open
}

// clip returns the parts of the ordered spans within [lo, hi).
func clip(spans []span, lo, hi time.Time) []span {
	var out []span
	for _, s := range spans {
		if s.start.Before(lo) {
			s.start = lo
		}
		if s.end.After(hi) {
			s.end = hi
		}
		if s.end.After(s.start) {
			out = append(out, s)
		}
	}
	return out
}

// cut returns the ordered spans less c.
func cut(spans []span, c span) []span {
	out := make([]span, 0, len(spans)+1)
	for _, s := range spans {
		if !c.start.Before(s.end) || !s.start.Before(c.end) {
			out = append(out, s)
			continue
		}
		if s.start.Before(c.start) {
			out = append(out, span{s.start, c.start})
		}
		if c.end.Before(s.end) {
			out = append(out, span{c.end, s.end})
		}
	}
	return out
}

// busySlots returns the bookings that hold any of the atoms (a room's) during [from, to).
func busySlots(ctx context.Context, db bun.IDB, atoms []int64, from, to time.Time) ([]Slot, error) {
	var rows []struct {
		ID             int64
		OrganisationID int64
		StartsAt       time.Time
		EndsAt         time.Time
		Status         Status
		Public         bool
		Title          string
	}
	err := db.NewRaw(`SELECT DISTINCT b.id, b.organisation_id, b.starts_at, b.ends_at, b.status, b.public, b.title
		FROM unnest(?::bigint[]) AS a (atom)
		JOIN booking_holds h ON h.atom_room_id = a.atom AND h.span && tstzrange(?, ?, '[)')
		JOIN bookings b ON b.id = h.booking_id
		ORDER BY b.starts_at, b.id`, pgdialect.Array(atoms), from, to).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("busy time: %w", err)
	}
	out := make([]Slot, len(rows))
	for i, b := range rows {
		out[i] = Slot{Start: b.StartsAt, End: b.EndsAt, Status: b.Status, Public: b.Public}
		// Availability carries no credential: it shows what anyone may see.
		if access.BookingSight(access.Anonymous(""), access.BookingFacts{Organisation: b.OrganisationID, Public: b.Public}).Organisation() {
			out[i].BookingID, out[i].Title = b.ID, b.Title
		}
	}
	slices.SortFunc(out, func(a, b Slot) int { return a.Start.Compare(b.Start) })
	return out, nil
}
