package report

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// ErrVenueNotFound: the use statistics were asked for a venue that does not exist.
var ErrVenueNotFound = fault.New(fault.NotFound, "venue_not_found")

// Usage is the use of one venue's rooms during a period: booked hours (confirmed bookings,
// clipped to the period, elapsed time) against opening hours (each room's weekly opening
// hours laid out on the period's local days; closures and holidays are not subtracted), by
// weekday and hour of day, and by organisation.
//
// Private bookings follow the rule of the sharing report (see the package comment): they
// are busy time of their room, in every figure keyed by the room or the time, but to a
// viewer who may not see every booking they are never tied to an organisation: their hours
// are in Private instead of ByOrganisation.
type Usage struct {
	Period       Period
	VenueID      int64
	VenueName    string
	Rooms        []RoomUsage
	Total        RoomUsage // all rooms; ID 0
	Heat         [7][24]float64
	ByOrg        []OrgUsage
	Private      UseFigures // private bookings not attributed to the viewer; zero when PrivateSplit
	PrivateSplit bool
}

// UseFigures are booked hours, bookings and their attendees (participants) summed.
type UseFigures struct {
	Hours     float64
	Bookings  int
	Attendees int
}

func (f *UseFigures) add(g UseFigures) {
	f.Hours += g.Hours
	f.Bookings += g.Bookings
	f.Attendees += g.Attendees
}

// RoomUsage is one room's booked against opening hours.
type RoomUsage struct {
	ID   int64
	Name string
	UseFigures
	OpenHours float64 // 0 when the room gives no opening hours (open at any time)
}

// Share is booked hours as a share of opening hours, or -1 when there are none.
func (r RoomUsage) Share() float64 {
	if r.OpenHours <= 0 {
		return -1
	}
	return r.Hours / r.OpenHours
}

// OrgUsage is what one organisation booked in the venue.
type OrgUsage struct {
	ID   int64
	Name string
	UseFigures
}

// usedRow is one confirmed booking in the venue, clipped to the period.
type usedRow struct {
	RoomID    int64     `bun:"room_id"`
	OrgID     int64     `bun:"organisation_id"`
	OrgName   string    `bun:"org_name"`
	Public    bool      `bun:"public"`
	Attendees int       `bun:"attendees"`
	Start     time.Time `bun:"clip_start"`
	End       time.Time `bun:"clip_end"`
}

// FindUsage computes the use statistics of venue during p (which CheckPeriod must accept) as
// actor may see them. Anyone may read them (rooms' busy times and opening hours are public).
func (s *Service) FindUsage(ctx context.Context, actor access.Actor, venue int64, p Period) (*Usage, error) {
	if err := CheckPeriod(p); err != nil {
		return nil, err
	}
	u := &Usage{Period: p, VenueID: venue, PrivateSplit: access.BookingScopeOf(actor).All}
	err := s.db.NewRaw(`SELECT name FROM venues WHERE id = ?`, venue).Scan(ctx, &u.VenueName)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrVenueNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("use statistics: venue: %w", err)
	}
	var rooms []struct {
		ID   int64
		Name string
	}
	if err := s.db.NewRaw(`SELECT id, name FROM rooms WHERE venue_id = ? ORDER BY name, id`, venue).Scan(ctx, &rooms); err != nil {
		return nil, fmt.Errorf("use statistics: rooms: %w", err)
	}
	var hours []struct {
		RoomID  int64 `bun:"room_id"`
		Weekday int
		Opens   int // seconds after midnight
		Closes  int
	}
	if err := s.db.NewRaw(`SELECT h.room_id, h.weekday, extract(epoch FROM h.opens)::int AS opens, extract(epoch FROM h.closes)::int AS closes
		FROM room_opening_hours h JOIN rooms r ON r.id = h.room_id WHERE r.venue_id = ?`, venue).Scan(ctx, &hours); err != nil {
		return nil, fmt.Errorf("use statistics: opening hours: %w", err)
	}
	from, to := p.bounds(s.loc)
	var rows []usedRow
	if err := s.db.NewRaw(`
		SELECT b.room_id, b.organisation_id, o.name AS org_name, b.public, b.attendees,
			greatest(b.starts_at, ?1) AS clip_start, least(b.ends_at, ?2) AS clip_end
		FROM rooms r
		JOIN bookings b ON b.room_id = r.id AND b.span && tstzrange(?1, ?2)
		JOIN organisations o ON o.id = b.organisation_id
		WHERE r.venue_id = ?0 AND b.status = 'confirmed'`, venue, from, to).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("use statistics: bookings: %w", err)
	}

	byRoom := map[int64]*RoomUsage{}
	for _, r := range rooms {
		u.Rooms = append(u.Rooms, RoomUsage{ID: r.ID, Name: r.Name})
	}
	for i := range u.Rooms {
		byRoom[u.Rooms[i].ID] = &u.Rooms[i]
	}
	for i := range u.Rooms {
		var week [8][][2]int
		for _, h := range hours {
			if h.RoomID == u.Rooms[i].ID {
				week[h.Weekday] = append(week[h.Weekday], [2]int{h.Opens, h.Closes})
			}
		}
		u.Rooms[i].OpenHours = openHours(week, p, s.loc)
	}
	orgs := map[int64]*OrgUsage{}
	for _, row := range rows {
		f := UseFigures{Hours: row.End.Sub(row.Start).Hours(), Bookings: 1, Attendees: row.Attendees}
		if ru := byRoom[row.RoomID]; ru != nil {
			ru.add(f)
		}
		u.Total.add(f)
		addHeat(&u.Heat, row.Start, row.End, s.loc)
		if !row.Public && !u.PrivateSplit {
			u.Private.add(f)
			continue
		}
		o, ok := orgs[row.OrgID]
		if !ok {
			o = &OrgUsage{ID: row.OrgID, Name: row.OrgName}
			orgs[row.OrgID] = o
		}
		o.add(f)
	}
	for _, r := range u.Rooms {
		u.Total.OpenHours += r.OpenHours
	}
	for _, o := range orgs {
		u.ByOrg = append(u.ByOrg, *o)
	}
	slices.SortFunc(u.ByOrg, func(a, b OrgUsage) int {
		return cmp.Or(cmp.Compare(b.Hours, a.Hours), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return u, nil
}

// openHours lays a room's week (periods by ISO weekday, seconds after local midnight) out on
// the period's local days, joining periods that overlap on a day, and returns the elapsed
// hours: a day's 00:00–24:00 is 23 hours on the night summer time begins.
func openHours(week [8][][2]int, p Period, loc *time.Location) float64 {
	var total time.Duration
	for d := p.From; !d.After(p.To); d = d.AddDate(0, 0, 1) {
		wd := int(d.Weekday())
		if wd == 0 {
			wd = 7
		}
		periods := slices.Clone(week[wd])
		slices.SortFunc(periods, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
		var merged [][2]int
		for _, q := range periods {
			if n := len(merged); n > 0 && q[0] <= merged[n-1][1] {
				merged[n-1][1] = max(merged[n-1][1], q[1])
				continue
			}
			merged = append(merged, q)
		}
		at := func(secs int) time.Time {
			return booking.WallClock(d.Year(), d.Month(), d.Day(), secs/3600, secs%3600/60, secs%60, loc)
		}
		for _, q := range merged {
			total += at(q[1]).Sub(at(q[0]))
		}
	}
	return total.Hours()
}

// addHeat adds [start, end) to the heat map: each piece between local hour boundaries counts
// its elapsed time to its local weekday (Monday first) and hour.
func addHeat(heat *[7][24]float64, start, end time.Time, loc *time.Location) {
	for t := start; t.Before(end); {
		l := t.In(loc)
		next := l.Truncate(time.Hour).Add(time.Hour) // zones of whole-hour offsets
		if next.After(end) {
			next = end
		}
		wd := (int(l.Weekday()) + 6) % 7
		heat[wd][l.Hour()] += next.Sub(t).Hours()
		t = next
	}
}
