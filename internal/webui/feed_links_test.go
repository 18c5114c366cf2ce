package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// TestFeedLinks: the room and venue pages offer their iCal feed as a webcal:// subscription,
// on Google Calendar, Outlook.com and Microsoft 365, and as the plain address, and that address is served.
func TestFeedLinks(t *testing.T) {
	t.Parallel()
	s := newSiteAt(t, "https://lokalbanken.example")
	rooms, err := s.venues.FindRooms(context.Background(), venue.Filter{Limit: 1})
	if err != nil || len(rooms.Items) == 0 {
		t.Fatalf("a demo room: %v", err)
	}
	r := rooms.Items[0]
	for page, feed := range map[string]string{
		fmt.Sprintf("/rum/%d", r.ID):          fmt.Sprintf("/calendar/rooms/%d.ics", r.ID),
		fmt.Sprintf("/lokaler/%d", r.VenueID): fmt.Sprintf("/calendar/venues/%d.ics", r.VenueID),
	} {
		for _, lang := range []string{"sv", "en"} {
			b := s.browser(t)
			b.header.Set("Accept-Language", lang)
			p := b.get(page)
			if p.resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", page, p.resp.StatusCode)
			}
			hrefs := map[string]bool{}
			p.doc.Find("#feed-title").Parent().Find("a").Each(func(_ int, a *goquery.Selection) {
				hrefs[a.AttrOr("href", "")] = true
			})
			webcal := "webcal://lokalbanken.example" + feed
			for _, want := range []string{
				webcal, "https://lokalbanken.example" + feed,
				"https://calendar.google.com/calendar/render?cid=" + url.QueryEscape(webcal),
			} {
				if !hrefs[want] {
					t.Errorf("%s (%s): no link %s among %v", page, lang, want, hrefs)
				}
			}
			if !hasPrefix(hrefs, "https://outlook.live.com/calendar/0/addfromweb?url="+url.QueryEscape("https://lokalbanken.example"+feed)) {
				t.Errorf("%s (%s): no Outlook link among %v", page, lang, hrefs)
			}
			// Microsoft 365's Outlook (work accounts, the city's staff) is a site of its own.
			if !hasPrefix(hrefs, "https://outlook.office.com/calendar/0/addfromweb?url="+url.QueryEscape("https://lokalbanken.example"+feed)+"&name=") {
				t.Errorf("%s (%s): no Microsoft 365 link among %v", page, lang, hrefs)
			}
		}
		resp, err := http.Get(s.url + feed)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
			t.Errorf("%s: %d %s", feed, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

// TestBookingDownloadLink: a public booking's page links its .ics download, which is served;
// a private one's does not, as the download would show it only as busy.
func TestBookingDownloadLink(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	rooms, err := s.venues.FindRooms(context.Background(), venue.Filter{Limit: 1})
	if err != nil || len(rooms.Items) == 0 {
		t.Fatalf("a demo room: %v", err)
	}
	org := s.orgNamed(t, "PRO Norrby")
	for i, public := range []bool{true, false} {
		start := time.Date(2026, 4, 20+i, 18, 0, 0, 0, stockholm)
		b, err := s.bookings.CreateBooking(context.Background(), access.System, booking.Input{RoomID: rooms.Items[0].ID,
			OrganisationID: org.ID, Title: "Träff", Attendees: 5, Public: public, StartsAt: start, EndsAt: start.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		u := s.person(t, true, nil)
		br := s.browser(t)
		br.login(u.Email)
		href := fmt.Sprintf("/calendar/bookings/%d.ics", b.ID)
		p := br.get(fmt.Sprintf("/bokningar/%d", b.ID))
		if got := p.doc.Find(`a[href="` + href + `"]`).Length(); got != map[bool]int{true: 1, false: 0}[public] {
			t.Errorf("public %t: %d links to %s", public, got, href)
		}
		resp, err := http.Get(s.url + href)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", href, resp.StatusCode)
		}
	}
}

func hasPrefix(set map[string]bool, prefix string) bool {
	for s := range set {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}
