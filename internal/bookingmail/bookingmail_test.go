package bookingmail_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/calendar/interop"
	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/bookingmail"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/feed"
	"github.com/borasstad/lokalbanken/internal/mailtest"
	"github.com/borasstad/lokalbanken/internal/notify"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	return loc
}()

// now is the bookings' clock: Tuesday 1 September 2026, 10:00 in Stockholm.
var now = time.Date(2026, 9, 1, 10, 0, 0, 0, stockholm)

const base = "https://lokalbanken.example"

// world is an association's room that needs approval, its admin (the approver), a club that
// books it, the club's booker (who reads English) and an admin of the club who wants copies,
// with the outbox delivering to a loopback SMTP server.
type world struct {
	db        *bun.DB
	bookings  *booking.Service
	mail      *mailtest.Server
	owner     *organisation.Organisation
	club      *organisation.Organisation
	room      *venue.Room
	approver  access.Actor
	booker    access.Actor
	clubAdmin access.Actor
	people    atomic.Int64
}

func newWorld(t *testing.T, ownerKind string) *world {
	t.Helper()
	w := newBareWorld(t, ownerKind)
	out := w.outbox(t)
	if err := out.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = out.Stop(ctx)
	})
	w.bookings.Announce()
	return w
}

// newBareWorld is the world without its outbox.
func newBareWorld(t testing.TB, ownerKind string) *world {
	t.Helper()
	ctx := context.Background()
	db := dbtest.New(t)
	v := validation.New()
	clock := func() time.Time { return now }
	w := &world{db: db, bookings: booking.NewService(db, v, clock, stockholm), mail: mailtest.Start(t, mailtest.Options{})}
	orgs, venues := organisation.NewService(db, v, clock), venue.NewService(db, v, clock)
	var err error
	if w.owner, err = orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: ownerKind, Name: "Kulturföreningen Ägaren"}); err != nil {
		t.Fatal(err)
	}
	if w.club, err = orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: "Borås Schackklubb"}); err != nil {
		t.Fatal(err)
	}
	ven, err := venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: w.owner.ID, Name: "Sjöbo fritidsgård",
		StreetAddress: "Sjöbogatan 1", PostalCode: "50630", Town: "Borås"})
	if err != nil {
		t.Fatal(err)
	}
	if w.room, err = venues.CreateRoom(ctx, access.System, ven.ID, venue.RoomInput{Name: "Samlingssalen", Capacity: 40}); err != nil {
		t.Fatal(err)
	}
	w.exec(t, `INSERT INTO booking_rules (room_id, needs_approval, created_at, updated_at) VALUES (?, true, ?, ?)`, w.room.ID, now, now)
	w.approver = w.member(t, w.owner.ID, access.RoleAdmin, "sv", false)
	w.booker = w.member(t, w.club.ID, access.RoleBooker, "en", false)
	w.clubAdmin = w.member(t, w.club.ID, access.RoleAdmin, "sv", true)
	return w
}

// outbox is the world's outbox, delivering to its mail server, with booking changes
// composed by bookingmail; not started.
func (w *world) outbox(tb testing.TB) *notify.Service {
	tb.Helper()
	out, err := notify.New(notify.Options{DB: w.db, BaseURL: base, SMTPURL: w.mail.URL, From: "lokalbanken@example.org", PollInterval: 50 * time.Millisecond})
	if err != nil {
		tb.Fatal(err)
	}
	feeds := feed.New(feed.Options{DB: w.db, BaseURL: base, Location: stockholm, Now: func() time.Time { return now }})
	out.Handle(booking.Topic, bookingmail.New(feeds, stockholm).Compose)
	out.Relay(booking.Topic, bookingmail.Take)
	return out
}

func (w *world) exec(t testing.TB, query string, args ...any) {
	t.Helper()
	if _, err := w.db.NewRaw(query, args...).Exec(context.Background()); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// member makes a person with the role in org, their language and choice of copies.
func (w *world) member(t testing.TB, org int64, role access.Role, lang string, copies bool) access.Actor {
	t.Helper()
	n := w.people.Add(1)
	var id int64
	err := w.db.NewRaw(`INSERT INTO users (email, name, lang, mail_org_bookings, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, fmt.Sprintf("person%d@example.org", n), fmt.Sprintf("Person %d", n), lang, copies, now, now).
		Scan(context.Background(), &id)
	if err != nil {
		t.Fatal(err)
	}
	w.exec(t, `INSERT INTO memberships (user_id, organisation_id, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`, id, org, role, now, now)
	return access.Actor{UserID: id, Roles: map[int64]access.Role{org: role}, IP: "127.0.0.1"}
}

func (w *world) email(t *testing.T, a access.Actor) string {
	t.Helper()
	var e string
	if err := w.db.NewRaw(`SELECT email FROM users WHERE id = ?`, a.UserID).Scan(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// to returns the mails received so far by the actor.
func (w *world) to(t *testing.T, a access.Actor) []mailtest.Mail {
	t.Helper()
	addr := w.email(t, a)
	var out []mailtest.Mail
	for _, m := range w.mail.Mails() {
		if len(m.To) == 1 && m.To[0] == addr {
			out = append(out, m)
		}
	}
	return out
}

// settle waits until every change is relayed and composed and every message sent, and a
// little more for strays.
func (w *world) settle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var pending int
		err := w.db.NewRaw(`SELECT (SELECT count(*) FROM river_job WHERE state NOT IN ('completed', 'cancelled', 'discarded'))
			+ (SELECT count(*) FROM messages WHERE sent_at IS NULL) + (SELECT count(*) FROM booking_changes)`).Scan(context.Background(), &pending)
		if err != nil {
			t.Fatal(err)
		}
		if pending == 0 {
			time.Sleep(200 * time.Millisecond)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d jobs or messages still pending", pending)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// A weekly series of 30 occurrences is one request to the approver and one decision to the
// person who booked (and one copy to the club's admin who asked for copies), never one per
// occurrence; the decision carries the whole series as one calendar file that real parsers
// expand to the 30 occurrences, with the series' UID of the feeds.
func TestSeriesIsOneMessagePerDecision(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "association")
	ctx := context.Background()
	first := time.Date(2026, 9, 8, 18, 0, 0, 0, stockholm)
	res, err := w.bookings.CreateSeries(ctx, w.booker, booking.SeriesInput{RoomID: w.room.ID, OrganisationID: w.club.ID,
		Title: "Schackträning", Purpose: "Träning för juniorer", Attendees: 14, Start: first, DurationMinutes: 120, RRule: "FREQ=WEEKLY;COUNT=30"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Bookings) != 30 || res.Bookings[0].Status != booking.StatusPending {
		t.Fatalf("%d bookings, first %s", len(res.Bookings), res.Bookings[0].Status)
	}
	w.settle(t)
	req := w.to(t, w.approver)
	if len(req) != 1 {
		t.Fatalf("the approver got %d messages for the request, want 1", len(req))
	}
	text := req[0].Text("text/plain")
	for _, want := range []string{"Bokningsförfrågan: Schackträning", "Borås Schackklubb vill boka Samlingssalen i Sjöbo fritidsgård",
		"30 tillfällen, från 8 september 2026 till 30 mars 2027", "tisdag 8 september 2026, 18:00–20:00 (det första tillfället)",
		"Träning för juniorer", fmt.Sprintf("%s/bokningar/%d", base, res.Bookings[0].ID), base + "/avregistrera/"} {
		if !strings.Contains(text, want) {
			t.Errorf("request lacks %q:\n%s", want, text)
		}
	}
	if n := len(w.to(t, w.booker)) + len(w.to(t, w.clubAdmin)); n != 0 {
		t.Errorf("%d messages to the club before the decision", n)
	}

	if _, err := w.bookings.ApproveSeries(ctx, w.approver, *res.Bookings[0].SeriesID, "Välkomna!"); err != nil {
		t.Fatal(err)
	}
	w.settle(t)
	if n := len(w.to(t, w.approver)); n != 1 {
		t.Errorf("the approver now has %d messages, want still 1", n)
	}
	got := w.to(t, w.booker)
	if len(got) != 1 {
		t.Fatalf("the booker got %d messages for the decision, want 1", len(got))
	}
	m := got[0]
	text, html := m.Text("text/plain"), m.Text("text/html")
	for _, want := range []string{"Booking approved: Schackträning", "Kulturföreningen Ägaren has approved the booking of Samlingssalen",
		"30 occurrences, from 8 September 2026 to 30 March 2027", "Note: Välkomna!", "Tuesday 8 September 2026, 18:00–20:00"} {
		if !strings.Contains(text, want) {
			t.Errorf("decision lacks %q:\n%s", want, text)
		}
	}
	if !strings.Contains(html, `<html lang="en">`) || m.Header.Get("List-Unsubscribe") != "" {
		t.Errorf("the decision is not in English or is not essential")
	}
	att := m.Attachments()
	if len(att) != 1 || att[0].ContentType != "text/calendar" || att[0].Params["method"] != "PUBLISH" {
		t.Fatalf("attachments: %+v", att)
	}
	ics := att[0].Body
	for parser, occ := range map[string][]interop.Occurrence{
		"ical.js":          interop.ExpandICalJS(t, ics, first.Add(-time.Hour), first.AddDate(1, 0, 0)),
		"python-icalendar": interop.ExpandPython(t, ics, first.Add(-time.Hour), first.AddDate(1, 0, 0)),
	} {
		if len(occ) != 30 {
			t.Errorf("%s: %d occurrences, want 30", parser, len(occ))
			continue
		}
		last := time.Date(2027, 3, 30, 18, 0, 0, 0, stockholm)
		if occ[0].UID != fmt.Sprintf("series-%d@lokalbanken.example", *res.Bookings[0].SeriesID) ||
			!occ[0].Start.Equal(first) || !occ[29].Start.Equal(last) || occ[0].Summary != "Schackträning" || occ[0].Status != "CONFIRMED" {
			t.Errorf("%s: %+v … %+v", parser, occ[0], occ[29])
		}
	}
	copies := w.to(t, w.clubAdmin)
	if len(copies) != 1 || !strings.Contains(copies[0].Text("text/plain"), "kopia som administratör för Borås Schackklubb") ||
		copies[0].Header.Get("List-Unsubscribe") == "" {
		t.Errorf("the club's admin got %d copies", len(copies))
	}
}

// A rejection tells the person who booked, with the note; a cancellation by the owner tells
// them too, and one's own cancellation tells nobody.
func TestDecisionsOnOneBooking(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "association")
	ctx := context.Background()
	book := func(day int) *booking.Booking {
		b, err := w.bookings.CreateBooking(ctx, w.booker, booking.Input{RoomID: w.room.ID, OrganisationID: w.club.ID, Title: fmt.Sprintf("Möte %d", day),
			Attendees: 5, StartsAt: time.Date(2026, 10, day, 18, 0, 0, 0, stockholm), EndsAt: time.Date(2026, 10, day, 19, 0, 0, 0, stockholm)})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	rejected, approved, own := book(5), book(6), book(7)
	if _, err := w.bookings.RejectBooking(ctx, w.approver, rejected.ID, "Salen renoveras."); err != nil {
		t.Fatal(err)
	}
	if _, err := w.bookings.ApproveBooking(ctx, w.approver, approved.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.bookings.CancelBooking(ctx, w.approver, approved.ID, "Vattenskada."); err != nil {
		t.Fatal(err)
	}
	if _, err := w.bookings.CancelBooking(ctx, w.booker, own.ID, "Vi kan inte."); err != nil {
		t.Fatal(err)
	}
	w.settle(t)
	if n := len(w.to(t, w.approver)); n != 3 {
		t.Errorf("the approver got %d requests, want 3", n)
	}
	subjects := map[string]string{}
	for _, m := range w.to(t, w.booker) {
		subjects[m.Subject()] = m.Text("text/plain")
	}
	want := map[string]string{
		"Booking rejected: Möte 5":  "Note: Salen renoveras.",
		"Booking approved: Möte 6":  "has approved the booking",
		"Booking cancelled: Möte 6": "Note: Vattenskada.",
	}
	if len(subjects) != len(want) {
		t.Errorf("the booker got %d messages, want %d: %v", len(subjects), len(want), subjects)
	}
	for subj, body := range want {
		if !strings.Contains(subjects[subj], body) {
			t.Errorf("%q: want %q in\n%s", subj, body, subjects[subj])
		}
	}
}

// A request for a city room goes to the city's administrators too.
func TestCityRoomRequestGoesToCityAdministrators(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "city")
	var city access.Actor
	city.UserID = w.member(t, w.club.ID, access.RoleBooker, "sv", false).UserID
	w.exec(t, `UPDATE users SET city_admin = true WHERE id = ?`, city.UserID)
	_, err := w.bookings.CreateBooking(context.Background(), w.booker, booking.Input{RoomID: w.room.ID, OrganisationID: w.club.ID, Title: "Möte",
		Attendees: 5, StartsAt: time.Date(2026, 10, 5, 18, 0, 0, 0, stockholm), EndsAt: time.Date(2026, 10, 5, 19, 0, 0, 0, stockholm)})
	if err != nil {
		t.Fatal(err)
	}
	w.settle(t)
	if len(w.to(t, w.approver)) != 1 || len(w.to(t, city)) != 1 {
		t.Errorf("owner's admin got %d, city administrator %d; want 1 each", len(w.to(t, w.approver)), len(w.to(t, city)))
	}
}

// Two instances of the service relay and compose from one database: every request is told
// exactly once.
func TestTwoInstancesTellEachRequestOnce(t *testing.T) {
	t.Parallel()
	w := newWorld(t, "association")
	second := w.outbox(t)
	if err := second.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = second.Stop(context.Background()) })
	const n = 20
	for i := range n {
		start := time.Date(2026, 10, 1+i, 18, 0, 0, 0, stockholm)
		_, err := w.bookings.CreateBooking(context.Background(), w.booker, booking.Input{RoomID: w.room.ID, OrganisationID: w.club.ID,
			Title: fmt.Sprintf("Möte %d", i), Attendees: 5, StartsAt: start, EndsAt: start.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
	}
	w.settle(t)
	seen := map[string]int{}
	for _, m := range w.to(t, w.approver) {
		seen[m.Subject()]++
	}
	if len(seen) != n {
		t.Errorf("%d requests told, want %d", len(seen), n)
	}
	for subj, k := range seen {
		if k != 1 {
			t.Errorf("%q told %d times", subj, k)
		}
	}
}
