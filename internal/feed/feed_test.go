package feed_test

import (
	"bytes"
	"context"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden compares whole feeds with testdata/*.ics. Everything variable is pinned: the
// clock, the base URL and the ids of a fresh database. Rewrite with
// `go test ./internal/feed -run Golden -update` and review the diff.
func TestGolden(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	for name, path := range map[string]string{
		"room.ics":    roomPath(w.hall.ID),
		"room2.ics":   roomPath(w.small.ID),
		"venue.ics":   venuePath(w.venue.ID),
		"private.ics": w.privatePath(),
		"booking.ics": bookingPath(w.night.ID),
	} {
		t.Run(name, func(t *testing.T) {
			_, body := w.mustGet(t, path)
			golden := filepath.Join("testdata", name)
			if *update {
				if err := os.WriteFile(golden, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), body); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", path, golden, diff)
			}
		})
	}
}

// TestFeedContent reads the feeds back with the calendar package and checks the rules that
// a golden file shows but does not hold: who sees what, the series' shape, retention.
func TestFeedContent(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	t.Run("OK public feeds hide private bookings and all personal data", func(t *testing.T) {
		for _, path := range []string{roomPath(w.hall.ID), roomPath(w.small.ID), venuePath(w.venue.ID), bookingPath(w.pending.ID)} {
			_, body := w.mustGet(t, path)
			for _, secret := range []string{"Styrelsemöte", "Förberedelser", "Hemligt planeringsmöte", personName, personEmail,
				contactName, contactEmail, "Föreläsaren är sjuk", "Syfte: Hemligt"} {
				if strings.Contains(unfold(body), secret) {
					t.Errorf("%s shows %q", path, secret)
				}
			}
			if !strings.Contains(body, "SUMMARY:Upptaget") || !strings.Contains(body, "CLASS:PRIVATE") {
				t.Errorf("%s does not show the private bookings as busy", path)
			}
		}
	})
	t.Run("OK the private feed has the details and no person", func(t *testing.T) {
		_, body := w.mustGet(t, w.privatePath())
		for _, want := range []string{"SUMMARY:Styrelsemöte", "SUMMARY:Hemligt planeringsmöte", "Bokad av Borås Schackklubb",
			"STATUS:TENTATIVE", "Deltagare: 10"} {
			if !strings.Contains(unfold(body), want) {
				t.Errorf("private feed lacks %q", want)
			}
		}
		for _, secret := range []string{personName, personEmail, contactName, "Föreläsaren är sjuk", "Körövning", "CLASS:PRIVATE"} {
			if strings.Contains(unfold(body), secret) {
				t.Errorf("private feed shows %q", secret)
			}
		}
	})
	t.Run("OK series with EXDATE and RECURRENCE-ID", func(t *testing.T) {
		cal := decode(t, w.mustGetBody(t, venuePath(w.venue.ID)))
		a := eventsOf(cal, "series-", w.seriesA)
		if len(a) != 2 || a[0].RRule == "" || len(a[0].ExDates) != 1 || !a[0].ExDates[0].Equal(at(2026, 11, 3, 18, 0)) {
			t.Fatalf("series A: want a master with one EXDATE (3 Nov) and one override, got %+v", a)
		}
		if a[1].RecurrenceID == nil || !a[1].RecurrenceID.Equal(at(2026, 10, 20, 18, 0)) || !a[1].Start.Equal(at(2026, 10, 20, 19, 0)) {
			t.Errorf("series A override: %+v", a[1])
		}
		if a[0].Sequence != 2 || a[1].Sequence != 2 {
			t.Errorf("series A: SEQUENCE %d and %d, want 2 (one move, one cancellation)", a[0].Sequence, a[1].Sequence)
		}
		b := eventsOf(cal, "series-", w.seriesB)
		if len(b) != 2 || b[1].Status != calendar.StatusTentative || !strings.HasPrefix(b[1].Location, "Lilla salen") {
			t.Errorf("series B in the venue feed: want the move to Lilla salen as a pending override, got %+v", b)
		}
		room := decode(t, w.mustGetBody(t, roomPath(w.hall.ID)))
		if b := eventsOf(room, "series-", w.seriesB); len(b) != 1 || len(b[0].ExDates) != 2 {
			t.Errorf("series B in the hall's feed: want a master with the moved and the cancelled occurrence as EXDATEs, got %+v", b)
		}
	})
	t.Run("OK cancelled bookings stay for a while", func(t *testing.T) {
		body := unfold(w.mustGetBody(t, roomPath(w.hall.ID)))
		if !strings.Contains(body, "SUMMARY:Inställd föreläsning") || strings.Contains(body, "Länge sedan inställd") ||
			strings.Contains(body, "Gammal träff") {
			t.Errorf("want the booking cancelled 14 days ago, and neither the one cancelled 44 days ago nor the one before the window")
		}
		w.clock.Set(feedNow.Add(20 * 24 * time.Hour))
		defer w.clock.Set(feedNow)
		if strings.Contains(w.mustGetBody(t, roomPath(w.hall.ID)), "Inställd föreläsning") {
			t.Errorf("a booking cancelled 34 days ago is still in the feed")
		}
	})
	t.Run("OK download", func(t *testing.T) {
		resp, body := w.mustGet(t, bookingPath(w.pending.ID))
		if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="bokning-`+itoa(w.pending.ID)+`.ics"` {
			t.Errorf("Content-Disposition %q", cd)
		}
		cal := decode(t, body)
		if len(cal.Events) != 1 || cal.Events[0].Summary != "Upptaget" || cal.Events[0].Status != calendar.StatusTentative {
			t.Errorf("download of a private pending booking: %+v", cal.Events)
		}
	})
}

// TestHTTP checks the HTTP side: validators, 304, HEAD, cache headers and 404s.
func TestHTTP(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	path := roomPath(w.hall.ID)
	first, body := w.mustGet(t, path)
	tag, modified := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	t.Run("OK stable bytes and validators", func(t *testing.T) {
		again, body2 := w.mustGet(t, path)
		if body2 != body || again.Header.Get("ETag") != tag || !strings.HasPrefix(tag, `"`) {
			t.Errorf("two fetches differ: ETag %s and %s", tag, again.Header.Get("ETag"))
		}
		if cc := first.Header.Get("Cache-Control"); cc != "public, max-age=3600" {
			t.Errorf("Cache-Control %q", cc)
		}
		if _, err := http.ParseTime(modified); err != nil {
			t.Errorf("Last-Modified %q: %v", modified, err)
		}
	})
	t.Run("OK 304", func(t *testing.T) {
		for _, h := range [][]string{{"If-None-Match", tag}, {"If-None-Match", `"x", W/` + tag}, {"If-Modified-Since", modified}} {
			resp, b := w.get(t, http.MethodGet, path, h...)
			if resp.StatusCode != http.StatusNotModified || b != "" || resp.Header.Get("ETag") != tag {
				t.Errorf("%s: %d, %d bytes", h, resp.StatusCode, len(b))
			}
		}
		resp, _ := w.get(t, http.MethodGet, path, "If-None-Match", `"other"`, "If-Modified-Since", modified)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("a stale ETag with a current date: %d, want 200 (If-None-Match wins)", resp.StatusCode)
		}
	})
	t.Run("OK HEAD", func(t *testing.T) {
		resp, b := w.get(t, http.MethodHead, path)
		if resp.StatusCode != http.StatusOK || b != "" || resp.Header.Get("ETag") != tag ||
			resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
			t.Errorf("HEAD: %d %q %v", resp.StatusCode, b, resp.Header)
		}
	})
	t.Run("OK private feed is private", func(t *testing.T) {
		resp, _ := w.mustGet(t, w.privatePath())
		if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "private") {
			t.Errorf("Cache-Control %q", cc)
		}
	})
	t.Run("OK a change makes a new ETag and a higher SEQUENCE", func(t *testing.T) {
		w.clock.Set(feedNow.Add(time.Hour))
		defer w.clock.Set(feedNow)
		must(w.bookings.CancelBooking(context.Background(), w.booker, w.night.ID, ""))(t)
		resp, b := w.get(t, http.MethodGet, path, "If-None-Match", tag)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == tag {
			t.Fatalf("after a cancellation: %d, ETag %s", resp.StatusCode, resp.Header.Get("ETag"))
		}
		ev := eventsOf(decode(t, b), "booking-", w.night.ID)
		if len(ev) != 1 || ev[0].Status != calendar.StatusCancelled || ev[0].Sequence != 1 {
			t.Errorf("cancelled booking: %+v", ev)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		revoked, tok, err := w.tokens.Create(context.Background(), w.booker, w.club.ID, "Gammal")
		if err != nil {
			t.Fatal(err)
		}
		if err := w.tokens.Revoke(context.Background(), w.booker, tok.ID); err != nil {
			t.Fatal(err)
		}
		_, want := w.get(t, http.MethodGet, "/calendar/rooms/999999.ics")
		for _, p := range []string{"/calendar/rooms/999999.ics", "/calendar/venues/999999.ics", "/calendar/bookings/999999.ics",
			"/calendar/rooms/abc.ics", "/calendar/rooms/01.ics", "/calendar/rooms/-1.ics", "/calendar/rooms/" + itoa(w.hall.ID),
			"/calendar/private/lbf_okand.ics", "/calendar/private/" + revoked + ".ics", "/calendar/private/" + w.secret} {
			for _, method := range []string{http.MethodGet, http.MethodHead} {
				resp, b := w.get(t, method, p)
				if resp.StatusCode != http.StatusNotFound || (method == http.MethodGet && b != want) {
					t.Errorf("%s %s: %d %q, want 404 %q", method, p, resp.StatusCode, b, want)
				}
			}
		}
	})
}

// TestEmptyFeed: a room with no bookings is still a valid calendar, and so is an unused
// organisation's private feed.
func TestEmptyFeed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	owner := f.org(t, "association", "Tom förening")
	v := must(f.venues.CreateVenue(ctx, access.System, venueInput(owner.ID)))(t)
	r := must(f.venues.CreateRoom(ctx, access.System, v.ID, roomInput()))(t)
	cal := decode(t, f.mustGetBody(t, roomPath(r.ID)))
	if len(cal.Events) != 0 || !strings.Contains(cal.Name, "Tomma rummet") {
		t.Errorf("empty room feed: %+v", cal)
	}
}

func (f *fixture) mustGetBody(tb testing.TB, path string) string {
	tb.Helper()
	_, body := f.mustGet(tb, path)
	return body
}

func decode(tb testing.TB, body string) *calendar.Calendar {
	tb.Helper()
	cal, err := calendar.Decode(bytes.NewReader([]byte(body)))
	if err != nil {
		tb.Fatalf("decode: %v\n%s", err, body)
	}
	return cal
}

// eventsOf returns the events of the calendar with the UID kind-{id}@…, in file order.
func eventsOf(cal *calendar.Calendar, kind string, id int64) []calendar.Event {
	var out []calendar.Event
	for _, e := range cal.Events {
		if strings.HasPrefix(e.UID, kind+itoa(id)+"@") {
			out = append(out, e)
		}
	}
	return out
}

var folded = regexp.MustCompile("\r\n[ \t]")

// unfold joins folded lines and undoes TEXT escaping enough to search for plain words.
func unfold(ics string) string {
	s := folded.ReplaceAllString(ics, "")
	return strings.NewReplacer(`\,`, ",", `\;`, ";", `\n`, "\n", `\\`, `\`).Replace(s)
}

// TestWindowBound: a feed reaches WindowBack into the past and WindowAhead into the future,
// however far the bookings go.
func TestWindowBound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	owner := f.org(t, "association", "Långsiktiga föreningen")
	v := must(f.venues.CreateVenue(ctx, access.System, venueInput(owner.ID)))(t)
	r := must(f.venues.CreateRoom(ctx, access.System, v.ID, roomInput()))(t)
	f.exec(t, `INSERT INTO booking_rules (room_id, horizon, created_at, updated_at) VALUES (?, '3 years', ?, ?)`, r.ID, f.clock.Now(), f.clock.Now())
	f.clock.Set(at(2026, 1, 1, 10, 0))
	day := func(d time.Time, title string) {
		in := booking.Input{RoomID: r.ID, OrganisationID: owner.ID, Title: title, Attendees: 2, Public: true,
			StartsAt: d, EndsAt: d.Add(time.Hour)}
		must(f.bookings.CreateBooking(ctx, access.System, in))(t)
	}
	now := at(2026, 9, 1, 12, 0)
	day(now.AddDate(0, 0, -89), "Inom fönstret bakåt")
	day(now.AddDate(0, 0, -92), "Före fönstret")
	day(now.AddDate(0, 0, 538), "Inom fönstret framåt")
	day(now.AddDate(0, 0, 542), "Efter fönstret")
	f.clock.Set(now)
	body := unfold(f.mustGetBody(t, roomPath(r.ID)))
	for title, want := range map[string]bool{"Inom fönstret bakåt": true, "Före fönstret": false,
		"Inom fönstret framåt": true, "Efter fönstret": false} {
		if got := strings.Contains(body, "SUMMARY:"+title); got != want {
			t.Errorf("%s: in the feed %t, want %t", title, got, want)
		}
	}
}

func TestAskedWindow(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	owner := f.org(t, "association", "Terminsföreningen")
	v := must(f.venues.CreateVenue(ctx, access.System, venueInput(owner.ID)))(t)
	r := must(f.venues.CreateRoom(ctx, access.System, v.ID, roomInput()))(t)
	now := at(2026, 9, 1, 12, 0)
	f.clock.Set(now)
	for _, d := range []struct {
		day   time.Time
		title string
	}{{now.AddDate(0, 0, 10), "Hösten"}, {now.AddDate(0, 0, 150), "Våren"}} {
		in := booking.Input{RoomID: r.ID, OrganisationID: owner.ID, Title: d.title, Attendees: 2, Public: true,
			StartsAt: d.day, EndsAt: d.day.Add(time.Hour)}
		must(f.bookings.CreateBooking(ctx, access.System, in))(t)
	}
	path := roomPath(r.ID)
	all, _ := f.mustGet(t, path)
	term, body := f.mustGet(t, path+"?from=2026-09-01&to=2027-01-01")
	if !strings.Contains(body, "SUMMARY:Hösten") || strings.Contains(body, "SUMMARY:Våren") {
		t.Errorf("the autumn term's feed holds:\n%s", body)
	}
	if term.Header.Get("ETag") == all.Header.Get("ETag") {
		t.Error("the narrowed window has the whole feed's ETag")
	}
	for _, q := range []string{"?from=2020-01-01", "?to=2030-01-01", "?from=1 september", "?from=2026-10-01&to=2026-09-01"} {
		resp, body := f.get(t, http.MethodGet, path+q)
		if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(body, "400 ") {
			t.Errorf("%s: %d %q, want 400 saying why", q, resp.StatusCode, body)
		}
	}
}

func TestRoomFeedSharesSpace(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	owner := f.org(t, "association", "Idrottsföreningen")
	v := must(f.venues.CreateVenue(ctx, access.System, venueInput(owner.ID)))(t)
	room := func(name string) int64 {
		return must(f.venues.CreateRoom(ctx, access.System, v.ID, venue.RoomInput{Name: name, Capacity: 10}))(t).ID
	}
	hall, north, south := room("Sporthallen"), room("Norra halvan"), room("Södra halvan")
	if _, err := f.bookings.SetRoomParts(ctx, access.System, hall, []int64{north, south}); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(at(2026, 9, 1, 12, 0))
	book := func(r int64, title string, day int) {
		d := at(2026, 9, day, 18, 0)
		must(f.bookings.CreateBooking(ctx, access.System, booking.Input{RoomID: r, OrganisationID: owner.ID,
			Title: title, Attendees: 2, Public: true, StartsAt: d, EndsAt: d.Add(time.Hour)}))(t)
	}
	book(hall, "Hela hallen", 10)
	book(north, "Norra", 11)
	book(south, "Södra", 12)
	for r, want := range map[int64][]string{
		hall:  {"Hela hallen", "Norra", "Södra"},
		north: {"Hela hallen", "Norra"},
		south: {"Hela hallen", "Södra"},
	} {
		_, body := f.mustGet(t, roomPath(r))
		var got []string
		for _, e := range decode(t, body).Events {
			got = append(got, e.Summary)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("room %d's feed: %v, want %v", r, got, want)
		}
	}
}

// TestVersionFollowsChanges: a room's and a venue's feed get a new ETag from every change to
// what they show, and a room's keeps its ETag (answers 304) when only another room changed.
// The version is read from room_calendar_versions, counted up by triggers, not from the
// feed's bookings; each step names the change a trigger or the version query must see.
func TestVersionFollowsChanges(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	paths := map[string]string{"hall": roomPath(w.hall.ID), "small": roomPath(w.small.ID), "venue": venuePath(w.venue.ID)}
	other := must(w.venues.CreateRoom(ctx, access.System, w.venue.ID, venue.RoomInput{Name: "Ateljén", Capacity: 10}))(t)
	tags := map[string]string{}
	for name, p := range paths {
		resp, _ := w.mustGet(t, p)
		tags[name] = resp.Header.Get("ETag")
	}
	occurrence := func(series int64, original time.Time) int64 {
		var id int64
		if err := w.db.NewRaw(`SELECT id FROM bookings WHERE series_id = ? AND original_start = ?`, series, original).Scan(ctx, &id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	step := func(what string, change func(), changed ...string) {
		t.Helper()
		w.clock.Set(w.clock.Now().Add(time.Minute))
		change()
		for name, p := range paths {
			resp, _ := w.get(t, http.MethodGet, p, "If-None-Match", tags[name])
			want := http.StatusNotModified
			if slices.Contains(changed, name) {
				want = http.StatusOK
			}
			if resp.StatusCode != want {
				t.Errorf("%s: the %s feed answered %d, want %d", what, name, resp.StatusCode, want)
			}
			tags[name] = resp.Header.Get("ETag")
		}
	}
	step("a booking in another room of the venue", func() {
		w.book(t, other.ID, "Målarkurs", true, at(2026, 11, 2, 18, 0), at(2026, 11, 2, 20, 0))
	}, "venue")
	step("a booking in the small room", func() {
		w.book(t, w.small.ID, "Nytt möte", true, at(2026, 11, 2, 18, 0), at(2026, 11, 2, 20, 0))
	}, "small", "venue")
	moved := occurrence(w.seriesA, at(2026, 11, 10, 18, 0))
	step("an occurrence of the hall's series moved to the small room", func() {
		must(w.bookings.MoveBooking(ctx, w.booker, moved, booking.MoveInput{RoomID: w.small.ID,
			StartsAt: at(2026, 11, 10, 19, 0), EndsAt: at(2026, 11, 10, 21, 0)}))(t)
	}, "hall", "small", "venue")
	step("that occurrence, in the small room, cancelled", func() {
		must(w.bookings.CancelBooking(ctx, w.booker, moved, ""))(t)
	}, "hall", "small", "venue")
	step("a booking moved from the small room to another", func() {
		var id int64
		if err := w.db.NewRaw(`SELECT id FROM bookings WHERE title = 'Nytt möte'`).Scan(ctx, &id); err != nil {
			t.Fatal(err)
		}
		must(w.bookings.MoveBooking(ctx, w.booker, id, booking.MoveInput{RoomID: other.ID,
			StartsAt: at(2026, 11, 3, 18, 0), EndsAt: at(2026, 11, 3, 20, 0)}))(t)
	}, "small", "venue")
	step("the organisation of the hall's public bookings renamed", func() {
		must(w.orgs.UpdateOrganisation(ctx, access.System, w.choir.ID, organisation.Input{Kind: "association", Name: "Kören Ton och Takt"}))(t)
	}, "hall", "small", "venue")
	step("nothing", func() {})
}
