package httpapi_test

import (
	"fmt"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// slot returns the n-th of a run of two-hour slots three hours apart, starting two days
// from now at a whole hour, so that every n gives a time of its own.
func (e *env) slot(n int64) (start, end time.Time) {
	base := e.now().UTC().Truncate(time.Hour).Add(48 * time.Hour)
	start = base.Add(time.Duration(n) * 3 * time.Hour)
	return start, start.Add(2 * time.Hour)
}

// bookingBody is the JSON of a booking of room for org from start to end.
func bookingBody(org, room int64, start, end time.Time, extra string) string {
	return fmt.Sprintf(`{"room_id":%d,"organisation_id":%d,"title":"Årsmöte","purpose":"Föreningens årsmöte","attendees":5,"public":false,"starts_at":%q,"ends_at":%q%s}`,
		room, org, start.Format(time.RFC3339), end.Format(time.RFC3339), extra)
}

// book books room for org from start to end as the System.
func (e *env) book(org, room int64, start, end time.Time, public bool) *booking.Booking {
	e.t.Helper()
	b, err := e.bookings.CreateBooking(e.ctx(), access.System, booking.Input{
		RoomID: room, OrganisationID: org, Title: "Styrelsemöte", Purpose: "Hemligt syfte", Attendees: 4,
		Public: public, StartsAt: start, EndsAt: end,
	})
	if err != nil {
		e.fail("book room %d for %d: %v", room, org, err)
	}
	return b
}

// setRules gives the room booking rules: who may book it and whether bookings need approval.
func (e *env) setRules(room int64, who booking.Who, approval bool) {
	e.t.Helper()
	_, err := e.db.ExecContext(e.ctx(), `INSERT INTO booking_rules (room_id, who_may_book, needs_approval, created_at, updated_at)
		VALUES (?, ?, ?, now(), now())
		ON CONFLICT (room_id) DO UPDATE SET who_may_book = excluded.who_may_book, needs_approval = excluded.needs_approval`,
		room, string(who), approval)
	if err != nil {
		e.fail("set rules of room %d: %v", room, err)
	}
}

// count returns the single number a query gives.
func (e *env) count(query string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.db.NewRaw(query, args...).Scan(e.ctx(), &n); err != nil {
		e.fail("%s: %v", query, err)
	}
	return n
}

// overlaps counts pairs of bookings that hold overlapping time on one space: holds on the
// same atom, and active bookings of the same room. Both must always be 0.
func (e *env) overlaps() int {
	e.t.Helper()
	return e.count(`SELECT count(*) FROM booking_holds a JOIN booking_holds b
			ON a.atom_room_id = b.atom_room_id AND a.booking_id < b.booking_id AND a.span && b.span`) +
		e.count(`SELECT count(*) FROM bookings a JOIN bookings b
			ON a.room_id = b.room_id AND a.id < b.id AND a.span && b.span
			WHERE a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed')`)
}
