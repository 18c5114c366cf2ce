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
	"github.com/borasstad/lokalbanken/internal/venue"
)

// TestFreeRoomsPages walks the free rooms two at a time by the "next page" links: every
// free room once, none taken, and each link keeps the question. The site holds other rooms
// too; the search names ours.
func TestFreeRoomsPages(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	var want []string
	for i := range 7 {
		r, err := w.venues.CreateRoom(ctx, access.System, w.venueA.ID, venue.RoomInput{Name: fmt.Sprintf("Sidsal %d", i), Capacity: 10})
		if err != nil {
			t.Fatal(err)
		}
		if i == 2 {
			w.bookAt(w.a.ID, r.ID, time.Date(2026, 4, 20, 10, 0, 0, 0, stockholm), time.Hour)
			continue
		}
		want = append(want, r.Name)
	}
	query := "mode=once&date=2026-04-20&starts_at=10:00&ends_at=11:00&capacity_min=2&q=Sidsal&limit=2"
	next := "/lediga-lokaler?" + query
	var got []string
	for pages := 0; next != ""; pages++ {
		if pages > len(want) {
			t.Fatalf("more pages than rooms; at %s", next)
		}
		p := w.browsers[anon].get(next)
		p.status(t, http.StatusOK)
		names := freeRoomNames(p)
		if len(names) == 0 || len(names) > 2 {
			t.Fatalf("page %d lists %q", pages, names)
		}
		got = append(got, names...)
		next = p.doc.Find(`#results a[rel="next"]`).AttrOr("href", "")
		if next == "" {
			continue
		}
		u, err := url.Parse(next)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"mode", "date", "starts_at", "ends_at", "capacity_min", "q", "limit"} {
			if u.Query().Get(k) == "" {
				t.Errorf("the next page's link %q drops %s", next, k)
			}
		}
		if p.doc.Find("#results .muted").Text() == "" {
			t.Error("no count on a page with more to come")
		}
	}
	slices.Sort(want)
	sorted := slices.Clone(got)
	slices.Sort(sorted)
	if !slices.Equal(want, sorted) || len(want) != 6 {
		t.Errorf("walked %q, want each of %q once", got, want)
	}
}

// bookLinks maps each free room listed to what the page offers: "book", "login", the
// refusal, or "".
func bookLinks(p page) map[string]string {
	out := map[string]string{}
	p.doc.Find("#results .card").Each(func(_ int, s *goquery.Selection) {
		name := s.Find(".card__title a").Text()
		switch {
		case s.Find(`a[href*="/boka"]`).Length() > 0:
			out[name] = "book"
		case s.Find(`a[href^="/logga-in?next="]`).Length() > 0:
			out[name] = "login"
		default:
			out[name] = strings.TrimSpace(s.Find(".refused").Text())
		}
	})
	return out
}

// TestFreeRoomsBookLinks offers the booking link only where one of the visitor's
// organisations may book the room.
func TestFreeRoomsBookLinks(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	rooms := map[string]booking.Who{"Ägarens sal": booking.WhoOwner, "Partnersalen": booking.WhoPartners,
		"Andra partnersalen": booking.WhoPartners, "Kompaktsalen": booking.WhoCompact}
	ids := map[string]int64{}
	for name, who := range rooms {
		r, err := w.venues.CreateRoom(ctx, access.System, w.venueA.ID, venue.RoomInput{Name: name, Capacity: 10})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.bookings.SetRules(ctx, access.System, r.ID, booking.RulesInput{WhoMayBook: who, HorizonDays: 365}); err != nil {
			t.Fatal(err)
		}
		ids[name] = r.ID
	}
	w.partners(ids["Partnersalen"], w.b.ID)
	search := "/lediga-lokaler?mode=once&date=2026-04-20&starts_at=10:00&ends_at=11:00&limit=200"
	for _, tc := range []struct {
		name  string
		actor int
		want  map[string]string
	}{
		{"OwnerBooksAll", bookerA, map[string]string{w.roomA.Name: "book", w.approvalA.Name: "book", "Ägarens sal": "book",
			"Partnersalen": "book", "Andra partnersalen": "book", "Kompaktsalen": "book"}},
		{"OtherByRules", adminB, map[string]string{w.roomA.Name: "book", w.approvalA.Name: "book",
			"Ägarens sal":        "Bara ägaren själv får boka rummet.",
			"Partnersalen":       "book",
			"Andra partnersalen": "Bara ägarens partnerorganisationer får boka rummet.",
			"Kompaktsalen":       "Bara organisationer som har undertecknat Överenskommelsen får boka rummet."}},
		{"CityAdminBooksAll", city, map[string]string{w.roomA.Name: "book", w.approvalA.Name: "book", "Ägarens sal": "book",
			"Partnersalen": "book", "Andra partnersalen": "book", "Kompaktsalen": "book"}},
		{"AnonymousLogsIn", anon, map[string]string{w.roomA.Name: "login", w.approvalA.Name: "login", "Ägarens sal": "login",
			"Partnersalen": "login", "Andra partnersalen": "login", "Kompaktsalen": "login"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := w.browsers[tc.actor].get(search)
			p.status(t, http.StatusOK)
			got := bookLinks(p)
			for name, want := range tc.want {
				if got[name] != want {
					t.Errorf("%s: %q, want %q", name, got[name], want)
				}
			}
		})
	}
	// The login link returns to the booking form of the room, with the date.
	p := w.browsers[anon].get(search)
	href := p.doc.Find(`#results a[href^="/logga-in?next="]`).First().AttrOr("href", "")
	u, _ := url.Parse(href)
	if next := u.Query().Get("next"); !strings.HasPrefix(next, "/rum/") || !strings.Contains(next, "/boka?date=2026-04-20&") {
		t.Errorf("login link %q returns to %q", href, next)
	}
}
