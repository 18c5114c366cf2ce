package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// seriesWorld is a world where room A is closed on 27 April 2026 and B holds Monday 4 May
// 10:30–11:30: of four Mondays 10:00–11:00 from 20 April, two cannot be booked.
func seriesWorld(t *testing.T) *world {
	t.Helper()
	w := newWorld(t)
	ctx := context.Background()
	day := time.Date(2026, 4, 27, 0, 0, 0, 0, time.UTC)
	if _, err := w.bookings.AddClosure(ctx, access.System, booking.ClosureInput{RoomID: w.roomA.ID, FirstDay: day, LastDay: day, Reason: "Städning"}); err != nil {
		t.Fatal(err)
	}
	w.bookAt(w.b.ID, w.roomA.ID, time.Date(2026, 5, 4, 10, 30, 0, 0, stockholm), time.Hour)
	return w
}

// seriesFields are four Mondays 10:00–11:00 from 20 April 2026 for org.
func seriesFields(org int64, title string) []string {
	return append(bookingFields(org, time.Date(2026, 4, 20, 0, 0, 0, 0, stockholm), title),
		"repeat", "weekly", "repeat_count", "4")
}

// listed returns the lines of the list items under selector.
func listed(p page, selector string) []string {
	var out []string
	p.doc.Find(selector).Each(func(_ int, s *goquery.Selection) {
		out = append(out, strings.Join(strings.Fields(s.Text()), " "))
	})
	return out
}

// bookingsOf returns every booking of org, as the system sees them.
func (w *world) bookingsOf(org int64) []booking.Booking {
	w.t.Helper()
	page, err := w.bookings.FindBookings(context.Background(), booking.Filter{OrganisationID: org, Limit: 200})
	if err != nil {
		w.t.Fatal(err)
	}
	return page.Items
}

func TestBookingFormSeriesRefused(t *testing.T) {
	t.Parallel()
	w := seriesWorld(t)
	b := w.browsers[bookerA]
	path := fmt.Sprintf("/rum/%d/boka", w.roomA.ID)
	p := b.post(path, bookingForm(t, b, w.roomA.ID, seriesFields(w.a.ID, "Kör")...))
	p.status(t, http.StatusConflict)
	want := []string{
		"2026-04-27 10:00–11:00: Rummet är stängt då: Städning.",
		"2026-05-04 10:00–11:00: Krockar med en annan bokning 2026-05-04 10:30–11:30.",
	}
	if diff := cmp.Diff(want, listed(p, ".refused li")); diff != "" {
		t.Errorf("refused occurrences (-want +got):\n%s", diff)
	}
	if got := p.text(".error-summary h2"); got != "Alla tillfällen kunde inte bokas" {
		t.Errorf("summary %q", got)
	}
	for name, want := range map[string]string{"title": "Kör", "repeat_count": "4", "date": "2026-04-20", "starts_at": "10:00"} {
		if v, _ := p.doc.Find("#" + name).Attr("value"); v != want {
			t.Errorf("%s kept as %q, want %q", name, v, want)
		}
	}
	if p.doc.Find(`#repeat option[value="weekly"][selected]`).Length() != 1 {
		t.Error("the choice to repeat weekly is not kept")
	}
	if n := len(w.bookingsOf(w.a.ID)); n != 0 {
		t.Errorf("%d bookings stored after the refusal", n)
	}
	var series int
	if err := w.db.NewRaw(`SELECT count(*) FROM booking_series`).Scan(context.Background(), &series); err != nil || series != 0 {
		t.Errorf("%d series stored after the refusal (%v)", series, err)
	}
	// In English too, the reasons are the one-off form's messages.
	b.get(path + "?lang=en")
	en := b.post(path, bookingForm(t, b, w.roomA.ID, seriesFields(w.a.ID, "Kör")...))
	if got := listed(en, ".refused li"); len(got) != 2 || !strings.Contains(got[1], "Clashes with another booking") {
		t.Errorf("English refusals %q", got)
	}
}

func TestBookingFormSeriesSkipsTaken(t *testing.T) {
	t.Parallel()
	w := seriesWorld(t)
	b := w.browsers[bookerA]
	values := bookingForm(t, b, w.roomA.ID, append(seriesFields(w.a.ID, "Kör"), "skip_unavailable", "yes")...)
	p := b.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), values)
	// Redirect after POST: the series' own page, which a reload reads without booking again.
	p.status(t, http.StatusSeeOther)
	loc := p.resp.Header.Get("Location")
	if !regexp.MustCompile(`^/bokningar/\d+/serie\?klart=serie$`).MatchString(loc) {
		t.Fatalf("redirected to %q, want the series page", loc)
	}
	for range 2 {
		p = b.get(loc)
		p.status(t, http.StatusOK)
	}
	if got := p.text(".notice--ok"); got != "Den återkommande bokningen är gjord." {
		t.Errorf("notice %q", got)
	}
	if got := p.text(".lead"); got != "2 tillfällen är bokade. 2 tillfällen hoppades över." {
		t.Errorf("summary %q", got)
	}
	wantBooked := []string{"2026-04-20 10:00–11:00 – Bekräftad", "2026-05-11 10:00–11:00 – Bekräftad"}
	if diff := cmp.Diff(wantBooked, listed(p, ".booked li")); diff != "" {
		t.Errorf("booked (-want +got):\n%s", diff)
	}
	if got := listed(p, ".skipped li"); len(got) != 2 || !strings.HasPrefix(got[0], "2026-04-27 10:00–11:00: ") ||
		!strings.HasPrefix(got[1], "2026-05-04 10:00–11:00: ") {
		t.Errorf("skipped %q", got)
	}
	stored := w.bookingsOf(w.a.ID)
	if len(stored) != 2 || stored[0].SeriesID == nil || stored[1].SeriesID == nil || *stored[0].SeriesID != *stored[1].SeriesID {
		t.Fatalf("stored %+v, want two bookings of one series", stored)
	}
	// Each booking's page says it is part of a series and leads to the other occurrence.
	first := b.get(fmt.Sprintf("/bokningar/%d", stored[0].ID))
	first.status(t, http.StatusOK)
	if got := first.text(".series p"); got != "Den här bokningen är ett av 2 tillfällen i en återkommande bokning." {
		t.Errorf("series text %q", got)
	}
	if first.doc.Find(fmt.Sprintf(`.series a[href="/bokningar/%d"]`, stored[1].ID)).Length() != 1 {
		t.Error("no link to the other occurrence")
	}
	if got := listed(first, ".occurrences li"); len(got) != 2 || !strings.Contains(got[0], "(den här)") {
		t.Errorf("occurrences %q", got)
	}
	// A one-off booking's page has no series.
	one := w.book(w.a.ID, w.roomA.ID, true)
	if b.get(fmt.Sprintf("/bokningar/%d", one.ID)).doc.Find(".series").Length() != 0 {
		t.Error("a one-off booking is shown as part of a series")
	}
}

// TestBookingFormSeriesAcrossDST books Tuesdays and Thursdays 18:00–20:00 every other week
// across the end of summer time (25 October 2026), and a weekend across its start (28 March
// 2027): 18:00 stays 18:00 on the clock.
func TestBookingFormSeriesAcrossDST(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[bookerA]
	values := bookingForm(t, b, w.roomA.ID, "organisation_id", fmt.Sprint(w.a.ID), "title", "Kör", "attendees", "8",
		"date", "2026-10-20", "starts_at", "18:00", "ends_at", "20:00", "repeat", "biweekly", "repeat_until", "2026-11-05")
	values["repeat_days"] = []string{"2", "4"}
	p := b.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), values)
	p.status(t, http.StatusSeeOther)
	p = b.get(p.resp.Header.Get("Location"))
	var got []string
	for _, bk := range w.bookingsOf(w.a.ID) {
		got = append(got, bk.StartsAt.UTC().Format("2006-01-02 15:04Z")+"/"+bk.EndsAt.Sub(bk.StartsAt).String())
	}
	want := []string{"2026-10-20 16:00Z/2h0m0s", "2026-10-22 16:00Z/2h0m0s", "2026-11-03 17:00Z/2h0m0s", "2026-11-05 17:00Z/2h0m0s"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bookings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"2026-10-20 18:00–20:00 – Bekräftad", "2026-10-22 18:00–20:00 – Bekräftad",
		"2026-11-03 18:00–20:00 – Bekräftad", "2026-11-05 18:00–20:00 – Bekräftad"}, listed(p, ".booked li")); diff != "" {
		t.Errorf("page (-want +got):\n%s", diff)
	}
	// Spring: Saturday 27 and Sunday 28 March 2027, either side of the change, for B.
	other := w.browsers[adminB]
	values = bookingForm(t, other, w.roomA.ID, "organisation_id", fmt.Sprint(w.b.ID), "title", "Vårkör", "attendees", "8",
		"date", "2027-03-27", "starts_at", "18:00", "ends_at", "20:00", "repeat", "weekly", "repeat_count", "2")
	values["repeat_days"] = []string{"6", "7"}
	other.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), values).status(t, http.StatusSeeOther)
	got = nil
	for _, bk := range w.bookingsOf(w.b.ID) {
		got = append(got, bk.StartsAt.UTC().Format("2006-01-02 15:04Z"))
	}
	if diff := cmp.Diff([]string{"2027-03-27 17:00Z", "2027-03-28 16:00Z"}, got); diff != "" {
		t.Errorf("spring bookings (-want +got):\n%s", diff)
	}
}

func TestBookingFormSeriesFieldErrors(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[bookerA]
	path := fmt.Sprintf("/rum/%d/boka", w.roomA.ID)
	for _, tc := range []struct {
		name  string
		kv    []string
		field string
		want  string
	}{
		{"no end", []string{"repeat_count", ""}, "repeat_until", "Sista datum måste anges när antal gånger saknas."},
		{"both ends", []string{"repeat_until", "2026-06-01"}, "repeat_count", "Antal gånger får inte anges när sista datum anges."},
		{"too many", []string{"repeat_count", "201"}, "repeat_count", "Antal gånger får vara högst 200."},
		{"not a number", []string{"repeat_count", "fyra"}, "repeat_count", "Antal gånger har fel typ: värdet ska vara ett heltal."},
		{"until before start", []string{"repeat_count", "", "repeat_until", "2026-04-01"}, "repeat_until", "Sista datum får inte vara före första dagen."},
		{"until too far", []string{"repeat_count", "", "repeat_until", "2029-01-01"}, "repeat_until",
			"Upprepningen måste ha ett slut (UNTIL eller COUNT) och får vara högst 200 tillfällen inom två år."},
		{"until past the horizon", []string{"repeat_count", "", "repeat_until", "2027-06-01"}, "repeat_until",
			"Upprepningen måste sluta senast 2027-03-29 14:00; längre fram än så kan rummet inte bokas."},
		{"end before start", []string{"starts_at", "12:00", "ends_at", "11:00"}, "ends_at", "Sluttid måste vara efter starttiden."},
		{"no end time", []string{"ends_at", ""}, "ends_at", "Sluttid måste anges."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			values := bookingForm(t, b, w.roomA.ID, append(seriesFields(w.a.ID, "Fel"), tc.kv...)...)
			p := b.post(path, values)
			p.status(t, http.StatusUnprocessableEntity)
			field := p.doc.Find("#" + tc.field).Parent()
			if got := strings.TrimPrefix(strings.Join(strings.Fields(field.Find(".field__error").Text()), " "), "Fel: "); got != tc.want {
				t.Errorf("error next to %s: %q, want %q", tc.field, got, tc.want)
			}
			if p.doc.Find(".error-summary a[href='#"+tc.field+"']").Length() != 1 {
				t.Errorf("the summary does not link to %s", tc.field)
			}
			if n := len(w.bookingsOf(w.a.ID)); n != 0 {
				t.Errorf("%d bookings stored", n)
			}
		})
	}
}
