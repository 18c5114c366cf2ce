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
	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// bookAt books room for org from start for d, as the system.
func (w *world) bookAt(org, room int64, start time.Time, d time.Duration) {
	w.t.Helper()
	if _, err := w.bookings.CreateBooking(context.Background(), access.System, booking.Input{
		RoomID: room, OrganisationID: org, Title: w.unique("Möte"), Attendees: 5, StartsAt: start, EndsAt: start.Add(d),
	}); err != nil {
		w.t.Fatal(err)
	}
}

// freeRoomNames are the names of the rooms a free-room search page lists.
func freeRoomNames(p page) []string {
	var names []string
	p.doc.Find("#free-list .card__title a").Each(func(_ int, s *goquery.Selection) { names = append(names, s.Text()) })
	return names
}

func TestFreeRoomsOnce(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.bookAt(w.a.ID, w.roomA.ID, time.Date(2026, 4, 20, 10, 0, 0, 0, stockholm), time.Hour)
	p := w.browsers[bookerA].get("/lediga-lokaler?mode=once&date=2026-04-20&starts_at=10:00&ends_at=11:00")
	p.status(t, http.StatusOK)
	names := freeRoomNames(p)
	if !slices.Contains(names, w.approvalA.Name) || slices.Contains(names, w.roomA.Name) {
		t.Errorf("free rooms %q: want %q and not the booked %q", names, w.approvalA.Name, w.roomA.Name)
	}
	// The booking link carries the date and times asked for.
	link := p.doc.Find(fmt.Sprintf(`#results a[href^="/rum/%d/boka?"]`, w.approvalA.ID)).AttrOr("href", "")
	if u, _ := url.Parse(link); u == nil || u.Query().Get("date") != "2026-04-20" || u.Query().Get("starts_at") != "10:00" ||
		u.Query().Get("ends_at") != "11:00" {
		t.Errorf("booking link %q, want the date and times", link)
	}
	visitor := w.browsers[anon].get("/lediga-lokaler?mode=once&date=2026-04-20&starts_at=11:00&ends_at=12:00")
	visitor.status(t, http.StatusOK)
	if names := freeRoomNames(visitor); !slices.Contains(names, w.roomA.Name) {
		t.Errorf("back-to-back: free rooms %q, want %q", names, w.roomA.Name)
	}
	if visitor.doc.Find(`#results a[href*="/boka"]`).Length() != 0 {
		t.Error("a booking link for an anonymous visitor")
	}
	// The first visit asks; it lists nothing and shows no errors.
	first := w.browsers[anon].get("/lediga-lokaler")
	first.status(t, http.StatusOK)
	if first.doc.Find(".error-summary").Length() != 0 || len(freeRoomNames(first)) != 0 {
		t.Error("the empty form shows errors or results")
	}
}

// TestFreeRoomsWeeklyAcrossDST asks for Tuesdays 18:00–20:30 across the end of summer time
// (25 October 2026): the times are local on every Tuesday.
func TestFreeRoomsWeeklyAcrossDST(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	// 20:00 local on the first Tuesday in winter time overlaps 18:00–20:30 local; a
	// booking 17:00–18:00 local that day does not.
	w.bookAt(w.a.ID, w.roomA.ID, time.Date(2026, 10, 27, 20, 0, 0, 0, stockholm), time.Hour)
	w.bookAt(w.a.ID, w.approvalA.ID, time.Date(2026, 10, 27, 17, 0, 0, 0, stockholm), time.Hour)
	p := w.browsers[anon].get("/lediga-lokaler?mode=weekly&weekday=2&first_day=2026-10-06&last_day=2026-11-03&starts_at=18:00&ends_at=20:30")
	p.status(t, http.StatusOK)
	names := freeRoomNames(p)
	if !slices.Contains(names, w.approvalA.Name) || slices.Contains(names, w.roomA.Name) {
		t.Errorf("free rooms %q: want %q and not %q", names, w.approvalA.Name, w.roomA.Name)
	}
	if n := p.doc.Find("#results .muted").Text(); !strings.Contains(n, "5 tillfällen") {
		t.Errorf("summary %q, want 5 occasions", n)
	}
	if p.doc.Find(`#mode-weekly[checked]`).Length() != 1 {
		t.Error("the weekly choice is not kept")
	}
	// Rum A is taken one Tuesday of five: offered with that week listed, 18:00 local after
	// the change as before it.
	card := p.doc.Find("#partly-list .card").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find(".card__title a").Text() == w.roomA.Name
	})
	if got := strings.Join(strings.Fields(card.Find(".unavailable li").Text()), " "); got != "v. 44: 2026-10-27 18:00–20:30" {
		t.Errorf("weeks not free %q, want week 44", got)
	}
	// A booker's link carries the term: the first Tuesday, the times, weekly on Tuesdays
	// until the last day, skipping the taken week, and the people asked for.
	bp := w.browsers[bookerA].get("/lediga-lokaler?mode=weekly&weekday=2&first_day=2026-10-06&last_day=2026-11-03&starts_at=18:00&ends_at=20:30&capacity_min=8")
	bp.status(t, http.StatusOK)
	link := bp.doc.Find(fmt.Sprintf(`#partly-list a[href^="/rum/%d/boka?"]`, w.roomA.ID)).AttrOr("href", "")
	u, err := url.Parse(link)
	if err != nil || link == "" {
		t.Fatalf("no booking link for the partly free room: %q", link)
	}
	want := url.Values{"date": {"2026-10-06"}, "starts_at": {"18:00"}, "ends_at": {"20:30"}, "repeat": {"weekly"},
		"repeat_days": {"2"}, "repeat_until": {"2026-11-03"}, "skip_unavailable": {"yes"}, "attendees": {"8"}}
	if diff := cmp.Diff(want, u.Query()); diff != "" {
		t.Errorf("booking link (-want +got):\n%s", diff)
	}
	// The approval room is marked.
	approval := bp.doc.Find("#free-list .card").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find(".card__title a").Text() == w.approvalA.Name
	})
	if approval.Find(".tag--approval").Length() != 1 || bp.doc.Find("#free-list .tag--approval").Length() != 1 {
		t.Error("the room that needs approval is not marked, or others are")
	}
	// The form it opens is filled in, and booking it books the four free Tuesdays.
	b := w.browsers[bookerA]
	form := b.get(link)
	form.status(t, http.StatusOK)
	values := form.formValues(t, "main form")
	for k, v := range want {
		if got := values[k]; !cmp.Equal(got, v) {
			t.Errorf("form %s = %q, want %q", k, got, v)
		}
	}
	values.Set("title", "Kör")
	res := b.post(fmt.Sprintf("/rum/%d/boka", w.roomA.ID), values)
	res.status(t, http.StatusSeeOther)
	series := b.get(res.resp.Header.Get("Location"))
	series.status(t, http.StatusOK)
	if diff := cmp.Diff([]string{"2026-10-06 18:00–20:30 – Bekräftad", "2026-10-13 18:00–20:30 – Bekräftad", "2026-10-20 18:00–20:30 – Bekräftad",
		"2026-11-03 18:00–20:30 – Bekräftad"}, listed(series, ".booked li")); diff != "" {
		t.Errorf("booked (-want +got):\n%s", diff)
	}
	if got := listed(series, ".skipped li"); len(got) != 1 || !strings.HasPrefix(got[0], "2026-10-27 18:00–20:30") {
		t.Errorf("skipped %q", got)
	}
}

func TestFreeRoomsInvalid(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.browsers[anon].get("/lediga-lokaler?mode=once&date=20-04-2026&starts_at=25:00&ends_at=11:00&capacity_min=abc")
	p.status(t, http.StatusUnprocessableEntity)
	for _, id := range []string{"date", "starts_at", "capacity_min"} {
		if p.doc.Find("#"+id+"-error").Length() != 1 {
			t.Errorf("no message next to %s", id)
		}
	}
	if v, _ := p.doc.Find("#date").Attr("value"); v != "20-04-2026" {
		t.Errorf("date kept as %q", v)
	}
	if len(freeRoomNames(p)) != 0 {
		t.Error("results shown for invalid input")
	}
	p = w.browsers[anon].get("/lediga-lokaler?mode=weekly&weekday=2&first_day=2026-11-03&last_day=2026-10-06&starts_at=18:00&ends_at=17:00")
	p.status(t, http.StatusUnprocessableEntity)
	if p.doc.Find("#last_day-error").Length()+p.doc.Find("#ends_at-error").Length() == 0 {
		t.Error("no message for a pattern that ends before it starts")
	}
}
