package booking_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

var stockholm = mustLoad("Europe/Stockholm")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// now is the fixed clock of the tests: Tuesday 1 September 2026, 10:00 in Stockholm.
var now = time.Date(2026, 9, 1, 10, 0, 0, 0, stockholm)

// at returns a local Stockholm time.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, stockholm)
}

type fixture struct {
	db       *bun.DB
	orgs     *organisation.Service
	venues   *venue.Service
	bookings *booking.Service
	owner    *organisation.Organisation // owns the venue
	club     *organisation.Organisation // books
	venue    *venue.Venue
	room     *venue.Room
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db := dbtest.New(t)
	v := validation.New()
	clock := func() time.Time { return now }
	f := &fixture{db: db, orgs: organisation.NewService(db, v, clock), venues: venue.NewService(db, v, clock),
		bookings: booking.NewService(db, v, clock, stockholm)}
	f.owner = f.org(t, "city", "Fritidsförvaltningen")
	f.club = f.org(t, "association", "Borås Schackklubb")
	var err error
	f.venue, err = f.venues.CreateVenue(context.Background(), access.System, venue.VenueInput{OwnerID: f.owner.ID,
		Name: "Sjöbo fritidsgård", StreetAddress: "Sjöbogatan 1", PostalCode: "50630", Town: "Borås"})
	if err != nil {
		t.Fatal(err)
	}
	f.room = f.newRoom(t, "Samlingssalen", 40)
	return f
}

func (f *fixture) org(t testing.TB, kind, name string) *organisation.Organisation {
	t.Helper()
	o, err := f.orgs.CreateOrganisation(context.Background(), access.System, organisation.Input{Kind: kind, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func (f *fixture) newRoom(t testing.TB, name string, capacity int) *venue.Room {
	t.Helper()
	r, err := f.venues.CreateRoom(context.Background(), access.System, f.venue.ID, venue.RoomInput{Name: name, Capacity: capacity})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// member creates a person with the role in org and returns them as an actor.
func (f *fixture) member(t testing.TB, org int64, role access.Role) access.Actor {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := f.db.NewRaw(`INSERT INTO users (email, name, created_at, updated_at)
		VALUES ('u' || (SELECT count(*) FROM users) || '@example.org', 'Testperson', ?, ?) RETURNING id`, now, now).Scan(ctx, &id)
	if err != nil {
		t.Fatal(err)
	}
	f.exec(t, `INSERT INTO memberships (user_id, organisation_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
		id, org, role, now, now)
	return access.Actor{UserID: id, Roles: map[int64]access.Role{org: role}, IP: "127.0.0.1"}
}

func (f *fixture) exec(t testing.TB, query string, args ...any) {
	t.Helper()
	if _, err := f.db.NewRaw(query, args...).Exec(context.Background()); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// rules sets the room's booking rules with SQL, as the owner's settings page will.
func (f *fixture) rules(t testing.TB, roomID int64, set string) {
	t.Helper()
	f.exec(t, `INSERT INTO booking_rules (room_id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, roomID, now, now)
	f.exec(t, `UPDATE booking_rules SET `+set+` WHERE room_id = ?`, roomID)
}

func (f *fixture) input(roomID int64, start, end time.Time) booking.Input {
	return booking.Input{RoomID: roomID, OrganisationID: f.club.ID, Title: "Klubbkväll", Attendees: 12,
		StartsAt: start, EndsAt: end}
}

func (f *fixture) mustBook(t testing.TB, actor access.Actor, in booking.Input) *booking.Booking {
	t.Helper()
	b, err := f.bookings.CreateBooking(context.Background(), actor, in)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (f *fixture) auditCount(t testing.TB, action string, id int64) int {
	t.Helper()
	var n int
	err := f.db.NewRaw(`SELECT count(*) FROM audit_log WHERE action = ? AND object_type = 'booking' AND object_id = ?`, action, id).
		Scan(context.Background(), &n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func fieldCodes(err error) map[string]string {
	out := map[string]string{}
	for _, fe := range fault.Fields(err) {
		out[fe.Field] = fe.Code
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
