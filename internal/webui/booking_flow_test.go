package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// TestRoomPageLoginToBook: a visitor not signed in is offered the way to the booking form
// through the login page; a booker the form itself.
func TestRoomPageLoginToBook(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	path := fmt.Sprintf("/rum/%d", w.roomA.ID)
	form := fmt.Sprintf("/rum/%d/boka", w.roomA.ID)
	p := w.browsers[anon].get(path)
	p.status(t, http.StatusOK)
	if got := p.doc.Find(`main a[href="/logga-in?next=` + url.QueryEscape(form) + `"]`).Text(); got != "Logga in för att boka" {
		t.Errorf("visitor's link to book %q", got)
	}
	b := w.browsers[bookerA].get(path)
	if b.doc.Find(`main a[href="`+form+`"]`).Length() == 0 || b.doc.Find(`main a[href^="/logga-in"]`).Length() != 0 {
		t.Error("a booker is not offered the booking form, or is asked to log in")
	}
}

// TestBookingFormNative: the form's date and times are the browser's own date and time
// inputs, filled in from the link that opened the form.
func TestBookingFormNative(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.browsers[bookerA].get(fmt.Sprintf("/rum/%d/boka?date=2026-04-21&starts_at=18:00&ends_at=19:30&attendees=9&organisation_id=99", w.roomA.ID))
	p.status(t, http.StatusOK)
	for id, want := range map[string][2]string{
		"date": {"date", "2026-04-21"}, "starts_at": {"time", "18:00"}, "ends_at": {"time", "19:30"},
		"repeat_until": {"date", ""}, "attendees": {"text", "9"},
	} {
		in := p.doc.Find("#" + id)
		if typ, val := in.AttrOr("type", ""), in.AttrOr("value", ""); typ != want[0] || val != want[1] {
			t.Errorf("#%s: type %q value %q, want %q %q", id, typ, val, want[0], want[1])
		}
	}
	// Who books is never taken from a link.
	if v := p.doc.Find("#organisation_id option[selected]").AttrOr("value", ""); v != fmt.Sprint(w.a.ID) {
		t.Errorf("organisation %q, want the booker's own", v)
	}
}

// TestBookingFormAllErrors: one submit of a repeated booking with everything wrong names
// every field at once.
func TestBookingFormAllErrors(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[bookerA]
	values := bookingForm(t, b, w.roomA.ID, "title", " ", "attendees", "", "date", "", "starts_at", "", "ends_at", "",
		"repeat", "weekly", "repeat_until", "", "repeat_count", "")
	p := b.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), values)
	p.status(t, http.StatusUnprocessableEntity)
	for _, id := range []string{"title", "attendees", "date", "starts_at", "ends_at", "repeat_until"} {
		if p.doc.Find("#"+id+"-error").Length() != 1 || p.doc.Find(`.error-summary a[href="#`+id+`"]`).Length() != 1 {
			t.Errorf("no message for %s", id)
		}
	}
}

// TestWeekGridSpringForward is the room's week of 29 March 2026, when summer time begins,
// seen at noon that day (the test clock): the days before are past, the hour 02 does not
// exist, nothing before noon is bookable, a booking at 18:00 local sits in the 18:00 row on
// either side of the change, and a closed day offers nothing to book.
func TestWeekGridSpringForward(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	for _, d := range []int{28, 29, 30} {
		if _, err := w.bookings.CreateBooking(ctx, access.System, booking.Input{RoomID: w.roomA.ID, OrganisationID: w.a.ID,
			Title: "Kör", Attendees: 5, Public: true, StartsAt: booking.WallClock(2026, 3, d, 18, 0, 0, stockholm),
			EndsAt: booking.WallClock(2026, 3, d, 19, 0, 0, stockholm)}); err != nil && d != 28 {
			t.Fatal(err)
		}
	}
	// Wednesday 1 April closed.
	if _, err := w.bookings.AddClosure(ctx, access.System, booking.ClosureInput{RoomID: w.roomA.ID,
		FirstDay: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		week, day, hour, want string
	}{
		{"2026-W13", "lördag 28 mars", "18:00", "Passerat"}, // in the past: could not be booked
		{"2026-W13", "måndag 23 mars", "10:00", "Passerat"},
		{"2026-W13", "söndag 29 mars", "11:00", "Passerat"},
		{"2026-W13", "söndag 29 mars", "15:00", "Ledigt"},
		{"2026-W13", "söndag 29 mars", "18:00", "Kör"},
		{"2026-W14", "måndag 30 mars", "18:00", "Kör"},
		{"2026-W14", "måndag 30 mars", "17:00", "Ledigt"},
		{"2026-W14", "onsdag 1 april", "10:00", "Går ej att boka"},
		{"2026-W14", "onsdag 1 april", "18:00", "Går ej att boka"},
	} {
		p := w.browsers[bookerA].get(fmt.Sprintf("/rum/%d?vecka=%s", w.roomA.ID, tc.week))
		p.status(t, http.StatusOK)
		if got := cellText(p, tc.day, tc.hour); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.day, tc.hour, got, tc.want)
		}
	}
	// The night of the change a year on: 01:00–04:00 local is two hours, and the row of the
	// hour that does not exist says so, between two that are booked.
	if _, err := w.bookings.CreateBooking(ctx, access.System, booking.Input{RoomID: w.roomA.ID, OrganisationID: w.a.ID,
		Title: "Natt", Attendees: 5, Public: true, StartsAt: booking.WallClock(2027, 3, 28, 1, 0, 0, stockholm),
		EndsAt: booking.WallClock(2027, 3, 28, 4, 0, 0, stockholm)}); err != nil {
		t.Fatal(err)
	}
	night := w.browsers[bookerA].get(fmt.Sprintf("/rum/%d?vecka=2027-W12", w.roomA.ID))
	for hour, want := range map[string]string{"01:00": "Natt", "02:00": "Timmen finns inte (sommartid)", "03:00": "Natt", "04:00": "Ledigt"} {
		if got := cellText(night, "söndag 28 mars", hour); got != want {
			t.Errorf("28 March 2027 %s: %q, want %q", hour, got, want)
		}
	}
	// Only free hours link to the form; none of the past or closed ones.
	p := w.browsers[bookerA].get(fmt.Sprintf("/rum/%d?vecka=2026-W14", w.roomA.ID))
	p.doc.Find("#vecka td a[href*='/boka?']").Each(func(_ int, a *goquery.Selection) {
		u, _ := url.Parse(a.AttrOr("href", ""))
		if u.Query().Get("date") == "2026-04-01" {
			t.Errorf("a closed day is offered: %s", a.AttrOr("href", ""))
		}
	})
	if n := p.doc.Find("#vecka td.grid__cell--free a").Length(); n == 0 {
		t.Error("no free hour to book")
	}
	// A visitor is led through the login page.
	v := w.browsers[anon].get(fmt.Sprintf("/rum/%d?vecka=2026-W14", w.roomA.ID))
	if v.doc.Find(`#vecka td.grid__cell--free a[href^="/logga-in?next=%2Frum%2F"]`).Length() == 0 {
		t.Error("a visitor's free hours do not lead to the login page")
	}
}

// TestVenueGrid shows a venue's rooms side by side on the day summer time begins, for a
// booker: the booking in its room's column, free hours linking to each room's form.
func TestVenueGrid(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	if _, err := w.bookings.CreateBooking(context.Background(), access.System, booking.Input{RoomID: w.approvalA.ID, OrganisationID: w.a.ID,
		Title: "Styrelsemöte", Attendees: 5, Public: true, StartsAt: booking.WallClock(2026, 3, 30, 18, 0, 0, stockholm),
		EndsAt: booking.WallClock(2026, 3, 30, 20, 0, 0, stockholm)}); err != nil {
		t.Fatal(err)
	}
	p := w.browsers[bookerA].get(fmt.Sprintf("/lokaler/%d/schema?datum=2026-03-30", w.venueA.ID))
	p.status(t, http.StatusOK)
	var cols []string
	p.doc.Find(".grid thead th").Each(func(_ int, th *goquery.Selection) { cols = append(cols, th.Text()) })
	if len(cols) != 3 || !slices.Contains(cols, w.roomA.Name) || !slices.Contains(cols, w.approvalA.Name) {
		t.Fatalf("columns %q", cols)
	}
	col := slices.Index(cols, w.approvalA.Name)
	row := p.doc.Find(".grid tbody tr").FilterFunction(func(_ int, tr *goquery.Selection) bool { return tr.Find("th").Text() == "19:00" })
	if got := strings.TrimSpace(row.Children().Eq(col).Text()); got != "Styrelsemöte" {
		t.Errorf("19:00 in %s: %q", w.approvalA.Name, got)
	}
	free := row.Children().Eq(slices.Index(cols, w.roomA.Name)).Find("a").AttrOr("href", "")
	if want := fmt.Sprintf("/rum/%d/boka?date=2026-03-30&ends_at=20%%3A00&starts_at=19%%3A00", w.roomA.ID); free != want {
		t.Errorf("19:00 in %s links %q, want %q", w.roomA.Name, free, want)
	}
	if p.doc.Find(`a[rel="prev"][href$="datum=2026-03-29"]`).Length() != 1 || p.doc.Find(`a[rel="next"][href$="datum=2026-03-31"]`).Length() != 1 {
		t.Error("no links to the days around")
	}
	// The day of the change itself: no hour 02 row holds a link, and the page reads in English.
	en := w.browsers[anon].get(fmt.Sprintf("/lokaler/%d/schema?datum=2026-03-29&lang=en", w.venueA.ID))
	if en.resp.StatusCode == http.StatusSeeOther {
		en = w.browsers[anon].get(en.resp.Header.Get("Location"))
	}
	en.status(t, http.StatusOK)
	if got := en.text("h1"); got != "The rooms of "+w.venueA.Name {
		t.Errorf("English heading %q", got)
	}
}

// TestApprovalsInboxGrouped: a series of ten and a one-off request for one room are two
// cards in that room's group, with counts; the series is approved whole from the inbox,
// and the filters keep a room and a status.
func TestApprovalsInboxGrouped(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	series := w.seriesOf(w.b.ID, w.approvalA.ID, 10)
	one := w.book(w.b.ID, w.approvalA.ID, false)
	admin := w.browsers[adminA]
	inbox := fmt.Sprintf("/organisationer/%d/forfragningar", w.a.ID)
	in := admin.get(inbox)
	in.status(t, http.StatusOK)
	if n := in.doc.Find(".request").Length(); n != 2 {
		t.Fatalf("%d cards in the inbox, want 2 (a series and a one-off booking)", n)
	}
	if got := in.text(".inbox-room h2 .count"); got != "(11 bokningar)" {
		t.Errorf("room count %q", got)
	}
	card := in.doc.Find(".request").First()
	if got := strings.Join(strings.Fields(card.Find(".facts__row").First().Find("dd").Text()), " "); !strings.HasPrefix(got, "10 tillfällen, ") {
		t.Errorf("series card says %q", got)
	}
	if n := card.Find("details li").Length(); n != 10 {
		t.Errorf("series card lists %d occasions", n)
	}
	action := card.Find(`form[action$="/serie/godkann"]`).AttrOr("action", "")
	if action != fmt.Sprintf("/bokningar/%d/serie/godkann", series.Bookings[0].ID) {
		t.Fatalf("series form posts to %q", action)
	}
	values := card.Find("form").First()
	if values.Find(`input[name="back"][value="inbox"]`).Length() != 1 {
		t.Error("the series form does not return to the inbox")
	}
	p := admin.post(action, url.Values{"csrf": {admin.csrf()}, "back": {"inbox"}, "note": {"Välkomna"}})
	p.status(t, http.StatusSeeOther)
	if loc := p.resp.Header.Get("Location"); loc != inbox+"?klart=serie-godkand" {
		t.Errorf("after approving the series: to %q", loc)
	}
	for _, b := range series.Bookings {
		if got := w.booking(t, b.ID); got.Status != booking.StatusConfirmed {
			t.Errorf("occurrence %d: %s", b.ID, got.Status)
		}
	}
	after := admin.get(inbox)
	if n := after.doc.Find(".request").Length(); n != 1 || !strings.Contains(after.text(".request__title"), one.Title) {
		t.Errorf("%d cards left, want the one-off booking", n)
	}
	// Filters: the confirmed series in the approval room, with no forms to decide.
	conf := admin.get(fmt.Sprintf("%s?rum=%d&status=confirmed", inbox, w.approvalA.ID))
	conf.status(t, http.StatusOK)
	if n := conf.doc.Find(".request").Length(); n != 1 || conf.doc.Find(".request form").Length() != 0 {
		t.Errorf("confirmed: %d cards, %d forms; want 1 and none", n, conf.doc.Find(".request form").Length())
	}
	if conf.doc.Find(fmt.Sprintf(`#rum option[value="%d"][selected]`, w.approvalA.ID)).Length() != 1 ||
		conf.doc.Find(`#status option[value="confirmed"][selected]`).Length() != 1 {
		t.Error("the filter form does not keep the choices")
	}
	other := admin.get(fmt.Sprintf("%s?rum=%d", inbox, w.roomA.ID))
	if n := other.doc.Find(".request").Length(); n != 0 {
		t.Errorf("room filter: %d cards of another room", n)
	}
	// In English.
	en := admin.get(inbox + "?lang=en")
	if en.resp.StatusCode == http.StatusSeeOther {
		en = admin.get(en.resp.Header.Get("Location"))
	}
	if got := en.text(".inbox-room h2 .count"); got != "(1 booking)" {
		t.Errorf("English count %q", got)
	}
}

// TestBookingFormRulesWithFields: a blank title and a time in the past and over the room's
// size are named in one answer, not one after the other.
func TestBookingFormRulesWithFields(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[bookerA]
	values := bookingForm(t, b, w.roomA.ID, "title", "", "attendees", "500", "date", "2026-03-20", "starts_at", "10:00", "ends_at", "11:00")
	p := b.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), values)
	p.status(t, http.StatusUnprocessableEntity)
	for _, id := range []string{"title", "attendees", "starts_at"} {
		if p.doc.Find("#"+id+"-error").Length() != 1 {
			t.Errorf("no message for %s", id)
		}
	}
	if n := len(w.bookingsOf(w.a.ID)); n != 0 {
		t.Errorf("%d bookings stored", n)
	}
}
