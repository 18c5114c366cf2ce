package feed_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// world is a venue with two rooms and a season of bookings that touches every rule of the
// feeds: two weekly series across the daylight-saving changes of 25 October 2026 and
// 28 March 2027, each with an occurrence moved (one in time, one to the other room) and one
// cancelled; a series with an occurrence skipped when it was booked; a booking at 02:30 on
// the night the clocks go forward; public and private bookings; one pending; one cancelled
// lately and one long ago; and one before the window.
type world struct {
	*fixture
	owner, club, choir *organisation.Organisation
	venue              *venue.Venue
	hall, small        *venue.Room
	booker             access.Actor
	seriesA, seriesB   int64
	night, pending     *booking.Booking
	secret             string // the club's private feed
}

// feedNow is the clock when the feeds are read: the window runs from 17 July 2026.
var feedNow = at(2026, 10, 15, 12, 0)

func newWorld(t testing.TB) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{fixture: newFixture(t)}
	w.owner = w.org(t, "city", "Fritidsförvaltningen")
	w.club = w.org(t, "association", "Borås Schackklubb")
	w.choir = w.org(t, "association", "Kören Ton & Takt")
	lat, lon := 57.7211, 12.9401
	w.venue = must(w.venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: w.owner.ID,
		Name: "Sjöbo fritidsgård", StreetAddress: "Sjöbogatan 1", PostalCode: "50630", Town: "Borås",
		Latitude: &lat, Longitude: &lon, ContactName: contactName, ContactEmail: contactEmail}))(t)
	w.hall = must(w.venues.CreateRoom(ctx, access.System, w.venue.ID, venue.RoomInput{Name: "Samlingssalen", Capacity: 40}))(t)
	w.small = must(w.venues.CreateRoom(ctx, access.System, w.venue.ID, venue.RoomInput{Name: "Lilla salen", Capacity: 40}))(t)
	w.exec(t, `INSERT INTO booking_rules (room_id, needs_approval, created_at, updated_at) VALUES (?, true, ?, ?)`,
		w.small.ID, w.clock.Now(), w.clock.Now())
	w.booker = w.member(t, w.club.ID)

	// Before the window.
	w.clock.Set(at(2026, 5, 1, 10, 0))
	w.book(t, w.hall.ID, "Gammal träff", true, at(2026, 6, 10, 18, 0), at(2026, 6, 10, 20, 0))

	w.clock.Set(at(2026, 9, 1, 10, 0))
	choir := booking.Input{RoomID: w.hall.ID, OrganisationID: w.choir.ID, Title: "Körövning", Attendees: 20, Public: true,
		StartsAt: at(2026, 10, 12, 10, 0), EndsAt: at(2026, 10, 12, 11, 0)}
	must(w.bookings.CreateBooking(ctx, access.System, choir))(t)
	w.seriesA = w.series(t, w.hall.ID, "Schackträning", true, at(2026, 10, 6, 18, 0), 120, "FREQ=WEEKLY;BYDAY=TU;COUNT=6")
	// The Monday of 12 October collides with the choir: skipped, so never booked.
	w.series(t, w.hall.ID, "Förberedelser", false, at(2026, 10, 5, 10, 0), 120, "FREQ=WEEKLY;BYDAY=MO;COUNT=4")
	w.seriesB = w.series(t, w.hall.ID, "Styrelsemöte", false, at(2027, 3, 11, 18, 30), 90, "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270415")
	// 02:30 does not exist on 28 March 2027: it is 03:30 summer time.
	w.night = w.book(t, w.hall.ID, trickyTitle, true, at(2027, 3, 28, 2, 30), at(2027, 3, 28, 4, 0))
	w.pending = w.book(t, w.small.ID, "Hemligt planeringsmöte", false, at(2026, 11, 10, 17, 0), at(2026, 11, 10, 19, 0))
	old := w.book(t, w.hall.ID, "Länge sedan inställd", true, at(2026, 11, 20, 18, 0), at(2026, 11, 20, 20, 0))
	must(w.bookings.CancelBooking(ctx, w.booker, old.ID, ""))(t)
	lately := w.book(t, w.hall.ID, "Inställd föreläsning", true, at(2026, 10, 20, 12, 0), at(2026, 10, 20, 13, 0))

	w.clock.Set(at(2026, 10, 1, 9, 0))
	must(w.bookings.CancelBooking(ctx, w.booker, lately.ID, "Föreläsaren är sjuk"))(t)
	w.move(t, w.seriesA, at(2026, 10, 20, 18, 0), 0, at(2026, 10, 20, 19, 0), at(2026, 10, 20, 21, 0))
	must(w.bookings.CancelOccurrence(ctx, w.booker, w.seriesA, at(2026, 11, 3, 18, 0), ""))(t)
	w.move(t, w.seriesB, at(2027, 3, 25, 18, 30), w.small.ID, at(2027, 3, 25, 18, 30), at(2027, 3, 25, 20, 0))
	must(w.bookings.CancelOccurrence(ctx, w.booker, w.seriesB, at(2027, 4, 1, 18, 30), ""))(t)

	secret, _, err := w.tokens.Create(ctx, w.booker, w.club.ID, "Styrelsens kalender")
	if err != nil {
		t.Fatal(err)
	}
	w.secret = secret
	w.clock.Set(feedNow)
	return w
}

func (w *world) book(t testing.TB, room int64, title string, public bool, start, end time.Time) *booking.Booking {
	t.Helper()
	return must(w.bookings.CreateBooking(context.Background(), w.booker, booking.Input{RoomID: room,
		OrganisationID: w.club.ID, Title: title, Purpose: "Syfte: " + title, Attendees: 8, Public: public,
		StartsAt: start, EndsAt: end}))(t)
}

func (w *world) series(t testing.TB, room int64, title string, public bool, start time.Time, minutes int, rule string) int64 {
	t.Helper()
	res := must(w.bookings.CreateSeries(context.Background(), w.booker, booking.SeriesInput{RoomID: room,
		OrganisationID: w.club.ID, Title: title, Purpose: "Varje vecka, " + title, Attendees: 10, Public: public,
		Start: start, DurationMinutes: minutes, RRule: rule, SkipUnavailable: true}))(t)
	return res.Series.ID
}

// move moves the occurrence of the series generated for original.
func (w *world) move(t testing.TB, series int64, original time.Time, room int64, start, end time.Time) {
	t.Helper()
	var id int64
	err := w.db.NewRaw(`SELECT id FROM bookings WHERE series_id = ? AND original_start = ?`, series, original).
		Scan(context.Background(), &id)
	if err != nil {
		t.Fatalf("occurrence of series %d at %s: %v", series, original, err)
	}
	must(w.bookings.MoveBooking(context.Background(), w.booker, id, booking.MoveInput{RoomID: room, StartsAt: start, EndsAt: end}))(t)
}

func itoa(id int64) string        { return strconv.FormatInt(id, 10) }
func roomPath(id int64) string    { return "/calendar/rooms/" + itoa(id) + ".ics" }
func venuePath(id int64) string   { return "/calendar/venues/" + itoa(id) + ".ics" }
func bookingPath(id int64) string { return "/calendar/bookings/" + itoa(id) + ".ics" }

func venueInput(owner int64) venue.VenueInput {
	return venue.VenueInput{OwnerID: owner, Name: "Tomma huset", StreetAddress: "Allégatan 1", PostalCode: "50332", Town: "Borås"}
}

func roomInput() venue.RoomInput     { return venue.RoomInput{Name: "Tomma rummet", Capacity: 10} }
func (w *world) privatePath() string { return "/calendar/private/" + w.secret + ".ics" }
