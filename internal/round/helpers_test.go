package round_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/round"
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

var ctx = context.Background()

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, stockholm)
}

// start is when the tests' clock starts: Tuesday 1 September 2026, 10:00 in Stockholm,
// before the round of newRound opens.
var start = at(2026, 9, 1, 10, 0)

// clock is a time the test moves.
type clock struct{ t atomic.Int64 }

func (c *clock) now() time.Time      { return time.Unix(0, c.t.Load()) }
func (c *clock) set(t time.Time)     { c.t.Store(t.UnixNano()) }
func (c *clock) add(d time.Duration) { c.t.Add(int64(d)) }

type fixture struct {
	db        *bun.DB
	clock     *clock
	orgs      *organisation.Service
	venues    *venue.Service
	bookings  *booking.Service
	rounds    *round.Service
	city      *organisation.Organisation // owns the sports hall
	club      *organisation.Organisation
	other     *organisation.Organisation
	venue     *venue.Venue
	rooms     []*venue.Room
	owner     access.Actor // an admin of the city organisation
	applicant access.Actor // a booker of the club
	outsider  access.Actor // an admin of other
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db := dbtest.New(t)
	v := validation.New()
	c := &clock{}
	c.set(start)
	f := &fixture{db: db, clock: c, orgs: organisation.NewService(db, v, c.now), venues: venue.NewService(db, v, c.now),
		bookings: booking.NewService(db, v, c.now, stockholm)}
	f.rounds = round.NewService(db, v, c.now, stockholm, f.bookings)
	f.city = f.org(t, "city", "Fritids- och folkhälsoförvaltningen")
	f.club = f.org(t, "association", "Borås Basket")
	f.other = f.org(t, "association", "Sjöbo IF")
	var err error
	f.venue, err = f.venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: f.city.ID,
		Name: "Boråshallen", StreetAddress: "Alingsåsvägen 1", PostalCode: "50338", Town: "Borås"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Hall A", "Hall B"} {
		f.rooms = append(f.rooms, f.room(t, f.venue.ID, name, 40))
	}
	f.owner = f.member(t, f.city.ID, access.RoleAdmin)
	f.applicant = f.member(t, f.club.ID, access.RoleBooker)
	f.outsider = f.member(t, f.other.ID, access.RoleAdmin)
	return f
}

func (f *fixture) org(t testing.TB, kind, name string) *organisation.Organisation {
	t.Helper()
	o, err := f.orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: kind, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func (f *fixture) room(t testing.TB, venueID int64, name string, capacity int) *venue.Room {
	t.Helper()
	r, err := f.venues.CreateRoom(ctx, access.System, venueID, venue.RoomInput{Name: name, Capacity: capacity})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// member creates a person with the role in org and returns them as an actor.
func (f *fixture) member(t testing.TB, org int64, role access.Role) access.Actor {
	t.Helper()
	var id int64
	err := f.db.NewRaw(`INSERT INTO users (email, name, created_at, updated_at)
		VALUES ('u' || (SELECT count(*) FROM users) || '@example.org', 'Testperson', ?, ?) RETURNING id`, start, start).Scan(ctx, &id)
	if err != nil {
		t.Fatal(err)
	}
	f.exec(t, `INSERT INTO memberships (user_id, organisation_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
		id, org, role, start, start)
	return access.Actor{UserID: id, Roles: map[int64]access.Role{org: role}, IP: "127.0.0.1"}
}

func (f *fixture) exec(t testing.TB, query string, args ...any) {
	t.Helper()
	if _, err := f.db.NewRaw(query, args...).Exec(ctx); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func (f *fixture) roomIDs() []int64 {
	ids := make([]int64, len(f.rooms))
	for i, r := range f.rooms {
		ids[i] = r.ID
	}
	return ids
}

// roundInput is a round of the city's rooms: applications from 1 to 30 September 2026, the
// term from 5 October 2026 to 14 February 2027 (across the change of 25 October and the
// holidays of Christmas).
func (f *fixture) roundInput() round.RoundInput {
	return round.RoundInput{OwnerID: f.city.ID, Name: "Hallar vårterminen", Criteria: "Barn och unga först.",
		RoomIDs: f.roomIDs(), ApplicationsOpenAt: at(2026, 9, 2, 0, 0), ApplicationsCloseAt: at(2026, 10, 1, 0, 0),
		TermStartsOn: "2026-10-05", TermEndsOn: "2027-02-14", Priorities: []string{round.PriorityChildrenYouth, round.PriorityCompactSignatory}}
}

func (f *fixture) newRound(t testing.TB) *round.Round {
	t.Helper()
	r, err := f.rounds.CreateRound(ctx, f.owner, f.roundInput())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// section is one section in the first room asking for Tuesday 18–20 and Thursday 18–20.
func (f *fixture) section(purpose string, rooms ...int64) round.SectionInput {
	if len(rooms) == 0 {
		rooms = []int64{f.rooms[0].ID}
	}
	return round.SectionInput{Purpose: purpose, AgeGroup: "youth", Attendees: 20, SessionsPerWeek: 1, MinutesPerSession: 90,
		RoomIDs: rooms, Wishes: []round.WishInput{{Weekday: 2, Starts: "18:00", Ends: "20:00", Priority: 1}, {Weekday: 4, Starts: "18:00", Ends: "20:00", Priority: 2}}}
}

// fields returns the fields named by err's field errors.
func fields(err error) []string {
	var out []string
	for _, f := range fault.Fields(err) {
		out = append(out, f.Field)
	}
	return out
}
