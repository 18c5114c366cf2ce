package meeting_test

import (
	"context"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/meeting"
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

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, stockholm)
}

var ctx = context.Background()

type fixture struct {
	db        *bun.DB
	orgs      *organisation.Service
	venues    *venue.Service
	bookings  *booking.Service
	meetings  *meeting.Service
	city      *organisation.Organisation // organises the council and owns the venue
	club      *organisation.Organisation
	other     *organisation.Organisation
	room      *venue.Room
	cityAdmin access.Actor // an admin of the city organisation, not a city administrator
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db := dbtest.New(t)
	v := validation.New()
	clock := func() time.Time { return now }
	f := &fixture{db: db, orgs: organisation.NewService(db, v, clock), venues: venue.NewService(db, v, clock),
		bookings: booking.NewService(db, v, clock, stockholm)}
	f.meetings = meeting.NewService(db, v, clock, stockholm, f.bookings)
	f.city = f.org(t, "city", "Kommunstyrelsen")
	f.club = f.org(t, "association", "Borås Schackklubb")
	f.other = f.org(t, "association", "Sjöbo Idrottsförening")
	ven, err := f.venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: f.city.ID,
		Name: "Stadshuset", StreetAddress: "Kungsgatan 55", PostalCode: "50335", Town: "Borås"})
	if err != nil {
		t.Fatal(err)
	}
	f.room, err = f.venues.CreateRoom(ctx, access.System, ven.ID, venue.RoomInput{Name: "Sessionssalen", Capacity: 60})
	if err != nil {
		t.Fatal(err)
	}
	f.cityAdmin = f.member(t, f.city.ID, access.RoleAdmin)
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

// member creates a person with the role in org and returns them as an actor.
func (f *fixture) member(t testing.TB, org int64, role access.Role) access.Actor {
	t.Helper()
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
	if _, err := f.db.NewRaw(query, args...).Exec(ctx); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// sign makes org a current signatory of the Compact.
func (f *fixture) sign(t testing.TB, org int64) {
	t.Helper()
	f.exec(t, `INSERT INTO signatories (agreement_id, version_id, organisation_id, signed_on, created_at, updated_at)
		SELECT v.agreement_id, v.id, ?, DATE '2025-01-01', ?, ? FROM agreement_versions v
		JOIN agreements a ON a.id = v.agreement_id WHERE a.kind = 'compact' LIMIT 1`, org, now, now)
}

func (f *fixture) series(t testing.TB, in meeting.SeriesInput) *meeting.Series {
	t.Helper()
	se, err := f.meetings.CreateSeries(ctx, access.System, in)
	if err != nil {
		t.Fatal(err)
	}
	return se
}

// council is a public series of the city that invites the named organisations.
func (f *fixture) council(t testing.TB, invitees ...int64) *meeting.Series {
	return f.series(t, meeting.SeriesInput{Kind: "samrad", Name: "Samrådet", OrganiserID: f.city.ID, Public: true, Invitees: invitees})
}

func (f *fixture) roomMeeting(start, end time.Time) meeting.MeetingInput {
	return meeting.MeetingInput{Title: "Samråd", StartsAt: start, EndsAt: end, RoomID: f.room.ID, Agenda: "1. Öppnande", Attendees: 20}
}

func (f *fixture) mustCreate(t testing.TB, actor access.Actor, seriesID int64, in meeting.MeetingInput) []meeting.Meeting {
	t.Helper()
	ms, err := f.meetings.CreateMeetings(ctx, actor, seriesID, in)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// bookingOf reads the meeting's booking row straight from the table.
func (f *fixture) bookingOf(t testing.TB, m *meeting.Meeting) booking.Booking {
	t.Helper()
	if m.BookingID == nil {
		t.Fatalf("meeting %d has no booking", m.ID)
	}
	var b booking.Booking
	if err := f.db.NewSelect().Model(&b).Where("b.id = ?", *m.BookingID).Scan(ctx); err != nil {
		t.Fatal(err)
	}
	return b
}

// holds counts the holds of a booking: a booking that holds its room has one per atom.
func (f *fixture) holds(t testing.TB, bookingID int64) int {
	t.Helper()
	var n int
	if err := f.db.NewRaw(`SELECT count(*) FROM booking_holds WHERE booking_id = ?`, bookingID).Scan(ctx, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.db.NewRaw(query, args...).Scan(ctx, &n); err != nil {
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
