package webui_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/browsertest"
	"github.com/borasstad/lokalbanken/internal/document"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// TestMeetingsPageInBrowser opens the meeting calendar in headless Chromium with JavaScript
// off, in Swedish and English: the council's upcoming meetings in a room with its
// accessibility facts, a cancelled one marked, a past FRÖ meeting, the filter by series, the
// webcal links, and the follow-up page; every page passes axe's WCAG 2.1 AA rules and fits
// a 375 px wide phone.
func TestMeetingsPageInBrowser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	city := s.orgNamed(t, "Borås Stad")
	ven, err := s.venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: city.ID, Name: "Stadshuset",
		StreetAddress: "Kungsgatan 55", PostalCode: "50335", Town: "Borås",
		Accessibility: venue.Accessibility{StepFreeEntrance: true, HearingLoop: true}})
	if err != nil {
		t.Fatal(err)
	}
	room, err := s.venues.CreateRoom(ctx, access.System, ven.ID, venue.RoomInput{Name: "Sessionssalen", Capacity: 60})
	if err != nil {
		t.Fatal(err)
	}
	council, err := s.meetings.CreateSeries(ctx, access.System, meeting.SeriesInput{Kind: "samrad", Name: "Samrådet", OrganiserID: city.ID, Public: true})
	if err != nil {
		t.Fatal(err)
	}
	fro, err := s.meetings.CreateSeries(ctx, access.System, meeting.SeriesInput{Kind: "fro", Name: "FRÖ-möten", OrganiserID: city.ID, Public: true})
	if err != nil {
		t.Fatal(err)
	}
	local := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, stockholm) }
	held, err := s.meetings.CreateMeetings(ctx, access.System, council.ID, meeting.MeetingInput{Title: "Samråd", StartsAt: local(4, 1, 18),
		EndsAt: local(4, 1, 20), RoomID: room.ID, Agenda: "1. Mötet öppnas\n2. Lokalbanken",
		Recurrence: &meeting.RecurrenceInput{RRule: "FREQ=MONTHLY;BYDAY=1WE;COUNT=3"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.meetings.CancelMeeting(ctx, access.System, held[1].ID, meeting.CancelInput{Reason: "Lov"}); err != nil {
		t.Fatal(err)
	}
	past, err := s.meetings.CreateMeetings(ctx, access.System, fro.ID, meeting.MeetingInput{Title: "FRÖ-möte om lokaler",
		StartsAt: local(3, 10, 9), EndsAt: local(3, 10, 11), Address: "Stora torget, Borås"})
	if err != nil {
		t.Fatal(err)
	}
	up, err := document.Check("Protokoll FRÖ-möte", "Protokoll.pdf", "application/pdf", strings.NewReader("%PDF-1.7\nprotokoll\n%%EOF\n"))
	if err != nil {
		t.Fatal(err)
	}
	minutes, err := s.meetings.AddDocument(ctx, access.System, past[0].ID, up)
	if err != nil {
		t.Fatal(err)
	}
	minutesURL := "/api/v1/meetings/" + strconv.FormatInt(past[0].ID, 10) + "/documents/" + strconv.FormatInt(minutes.ID, 10)
	b := browsertest.New(t)
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tab := b.Tab(t)
			load := func(action chromedp.Action[chromedp.Void]) int {
				t.Helper()
				tab.Do(scripts(false))
				defer tab.Do(scripts(true))
				return tab.Load(action)
			}
			check := func(name string, want meetingsView) {
				t.Helper()
				var got meetingsView
				tab.Eval(`(() => {
					const up = document.querySelector("section[aria-labelledby=upcoming-title]");
					const past = document.querySelector("section[aria-labelledby=past-title]");
					return {
						Lang: document.documentElement.lang,
						Upcoming: up.querySelectorAll("li.meeting").length,
						Cancelled: up.querySelectorAll("li.meeting--cancelled").length,
						Past: past.querySelectorAll("li.meeting").length,
						Access: up.querySelector(".access-summary")?.textContent.replace(/\s+/g, " ") ?? "",
						Place: up.querySelector("li.meeting dd a[href^='/rum/']")?.textContent ?? "",
						Webcal: [...document.querySelectorAll("a[href^='webcal://']")].length,
						Time: up.querySelector("li.meeting time")?.textContent ?? "",
						Minutes: past.querySelector("li.meeting a[type='application/pdf']")?.getAttribute("href") ?? "",
					};
				})()`, &got)
				if got.Lang != lang || got.Upcoming != want.Upcoming || got.Cancelled != want.Cancelled || got.Past != want.Past ||
					got.Webcal != want.Webcal || got.Minutes != minutesURL || (want.Upcoming > 0 && (got.Place != "Sessionssalen" || got.Time != "2026-04-01 18:00" ||
					!strings.Contains(got.Access, want.Access))) {
					t.Errorf("%s: %+v\nwant %+v", name, got, want)
				}
				tab.AssertAccessible(lang + " " + name)
				tab.Viewport(375, 800, true)
				if n := tab.HorizontalOverflow(); n > 0 {
					t.Errorf("%s: %d px wider than a 375 px phone", name, n)
				}
				tab.Viewport(1280, 900, false)
			}
			access := map[string]string{"sv": "Entré utan trappsteg", "en": "Step-free entrance"}[lang]
			if status := load(chromedp.Navigate(s.url + "/moten?lang=" + lang)); status != 200 {
				t.Fatalf("status %d", status)
			}
			// All series: the council's three (one cancelled), the past FRÖ meeting; the
			// feed of all and one per series.
			check("all", meetingsView{Upcoming: 3, Cancelled: 1, Past: 1, Access: access, Webcal: 3})

			tab.Do(chromedp.SetValue(chromedp.CSS("#serie"), strconv.FormatInt(fro.ID, 10)))
			load(chromedp.Click(chromedp.CSS(`form[role=search] button[type=submit]`)))
			check("FRÖ only", meetingsView{Upcoming: 0, Past: 1, Webcal: 3})

			if status := load(chromedp.Navigate(s.url + "/moten/uppfoljning?lang=" + lang)); status != 200 {
				t.Fatalf("follow-up: status %d", status)
			}
			tab.AssertAccessible(lang + " follow-up")
		})
	}
}

// meetingsView is what TestMeetingsPageInBrowser reads off the page.
type meetingsView struct {
	Lang                      string
	Upcoming, Cancelled, Past int
	Access, Place, Time       string
	Webcal                    int
	Minutes                   string // the href of the past meeting's minutes
}
