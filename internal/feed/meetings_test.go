package feed_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/calendar/interop"
	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// meetingWorld is the Compact's council, a public series that meets on the first Wednesday
// of each month from September 2026 to January 2027 at 18:00–20:00 in the city hall, across
// the end of summer time on 25 October; the October meeting is then moved and the December
// one cancelled. There is also a public FRÖ series meeting online with an agenda that TEXT
// escaping must survive, and a series that is not public, which no feed may show.
type meetingWorld struct {
	*fixture
	meetings        *meeting.Service
	council, fro    *meeting.Series
	internal        *meeting.Series
	held            []meeting.Meeting // the council's meetings as made
	moved, dropped  meeting.Meeting
	online, private meeting.Meeting
}

func newMeetingWorld(t *testing.T) *meetingWorld {
	t.Helper()
	f := newFixture(t)
	w := &meetingWorld{fixture: f}
	w.meetings = meeting.NewService(f.db, validation.New(), f.clock.Now, stockholm, f.bookings)
	ctx := context.Background()
	city := f.org(t, "city", "Kommunstyrelsen")
	organiser := f.member(t, city.ID) // a person with a name, which no feed may show
	organiser.Roles[city.ID] = access.RoleAdmin
	ven := must(f.venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: city.ID, Name: "Stadshuset",
		StreetAddress: "Kungsgatan 55", PostalCode: "50335", Town: "Borås"}))(t)
	room := must(f.venues.CreateRoom(ctx, access.System, ven.ID, venue.RoomInput{Name: "Sessionssalen", Capacity: 80}))(t)
	series := func(in meeting.SeriesInput) *meeting.Series {
		in.OrganiserID = city.ID
		return must(w.meetings.CreateSeries(ctx, access.System, in))(t)
	}
	w.council = series(meeting.SeriesInput{Kind: "samrad", Name: "Samrådet", Public: true, Description: "Samrådet mellan Borås Stad och det idéburna."})
	w.fro = series(meeting.SeriesInput{Kind: "fro", Name: "FRÖ-möten", Public: true})
	w.internal = series(meeting.SeriesInput{Kind: "other", Name: "Internt planeringsmöte"})
	w.held = must(w.meetings.CreateMeetings(ctx, organiser, w.council.ID, meeting.MeetingInput{Title: "Samråd",
		StartsAt: at(2026, 9, 2, 18, 0), EndsAt: at(2026, 9, 2, 20, 0), RoomID: room.ID, Attendees: 30,
		Agenda: "1. Mötet öppnas\n2. Lokalbanken", Recurrence: &meeting.RecurrenceInput{RRule: "FREQ=MONTHLY;BYDAY=1WE;COUNT=5"}}))(t)
	// Moved and cancelled the day before the feeds are read, so that the cancellation is
	// within the feeds' retention.
	f.clock.Set(feedNow.Add(-24 * time.Hour))
	moved := must(w.meetings.UpdateMeeting(ctx, organiser, w.held[2].ID, meeting.MeetingInput{Title: "Samråd (flyttat)",
		StartsAt: at(2026, 11, 5, 17, 0), EndsAt: at(2026, 11, 5, 19, 0), RoomID: room.ID, Attendees: 30, Agenda: w.held[2].Agenda}))(t)
	w.moved = *moved
	w.dropped = *must(w.meetings.CancelMeeting(ctx, organiser, w.held[3].ID, meeting.CancelInput{Reason: "Jullov"}))(t)
	w.online = must(w.meetings.CreateMeetings(ctx, organiser, w.fro.ID, meeting.MeetingInput{Title: trickyTitle,
		StartsAt: at(2026, 10, 29, 9, 0), EndsAt: at(2026, 10, 29, 11, 30), OnlineURL: "https://meet.example/fro?id=1&x=2",
		Agenda: "Punkt 1; punkt 2, \\ och \"citat\""}))(t)[0]
	w.private = must(w.meetings.CreateMeetings(ctx, organiser, w.internal.ID, meeting.MeetingInput{Title: "Hemligt planeringsmöte",
		StartsAt: at(2026, 10, 20, 9, 0), EndsAt: at(2026, 10, 20, 10, 0), Address: "Hemliga vägen 1"}))(t)[0]
	w.clock.Set(feedNow)
	return w
}

func bookingMove(start, end time.Time) booking.MoveInput {
	return booking.MoveInput{StartsAt: start, EndsAt: end}
}

func seriesPath(id int64) string  { return "/calendar/meeting-series/" + itoa(id) + ".ics" }
func meetingPath(id int64) string { return "/calendar/meetings/" + itoa(id) + ".ics" }

func TestMeetingFeeds(t *testing.T) {
	t.Parallel()
	w := newMeetingWorld(t)
	t.Run("OK series feed", func(t *testing.T) {
		_, body := w.mustGet(t, seriesPath(w.council.ID))
		cal := decode(t, body)
		if cal.Name != "Samrådet – Lokalbanken" || len(cal.Events) != 5 {
			t.Fatalf("calendar %q with %d events, want the council's 5", cal.Name, len(cal.Events))
		}
		for i, m := range w.held {
			ev := eventsOf(cal, "meeting-", m.ID)
			if len(ev) != 1 {
				t.Fatalf("meeting %d: %d events", m.ID, len(ev))
			}
			e := ev[0]
			wantSeq, wantStatus := 0, calendar.StatusConfirmed
			switch m.ID {
			case w.moved.ID:
				wantSeq = 1
			case w.dropped.ID:
				wantSeq, wantStatus = 1, calendar.StatusCancelled
			}
			if e.Sequence != wantSeq || e.Status != wantStatus {
				t.Errorf("meeting %d: SEQUENCE %d STATUS %s, want %d %s", i, e.Sequence, e.Status, wantSeq, wantStatus)
			}
			local := e.Start.In(stockholm)
			if m.ID != w.moved.ID && (local.Hour() != 18 || local.Minute() != 0 || e.End.In(stockholm).Hour() != 20) {
				t.Errorf("meeting %d at %v–%v, want 18:00–20:00 local", i, local, e.End.In(stockholm))
			}
			if e.Location != "Sessionssalen, Stadshuset, Kungsgatan 55, 503 35 Borås" || !strings.Contains(e.Description, "2. Lokalbanken") ||
				!strings.Contains(e.Description, "Arrangör: Kommunstyrelsen") {
				t.Errorf("meeting %d: LOCATION %q DESCRIPTION %q", i, e.Location, e.Description)
			}
		}
		if e := eventsOf(cal, "meeting-", w.moved.ID)[0]; !e.Start.Equal(at(2026, 11, 5, 17, 0)) || e.Summary != "Samråd (flyttat)" {
			t.Errorf("moved meeting: %+v", e)
		}
	})
	t.Run("OK all meetings: public series only, no person", func(t *testing.T) {
		_, body := w.mustGet(t, "/calendar/meetings.ics")
		cal := decode(t, body)
		if len(cal.Events) != 6 || len(eventsOf(cal, "meeting-", w.private.ID)) != 0 {
			t.Fatalf("%d events, want the council's 5 and the FRÖ meeting", len(cal.Events))
		}
		e := eventsOf(cal, "meeting-", w.online.ID)[0]
		if e.Summary != trickyTitle || e.Location != "https://meet.example/fro?id=1&x=2" || e.URL != "https://meet.example/fro?id=1&x=2" ||
			!strings.HasPrefix(e.Description, "Punkt 1; punkt 2, \\ och \"citat\"") {
			t.Errorf("online meeting: %+v", e)
		}
		for _, secret := range []string{personName, personEmail, "Hemligt planeringsmöte", "Hemliga vägen", "Jullov"} {
			if strings.Contains(unfold(body), secret) {
				t.Errorf("the feed shows %q", secret)
			}
		}
	})
	t.Run("OK download", func(t *testing.T) {
		resp, body := w.mustGet(t, meetingPath(w.dropped.ID))
		cal := decode(t, body)
		if len(cal.Events) != 1 || cal.Events[0].Status != calendar.StatusCancelled || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("download: %+v %v", cal.Events, resp.Header)
		}
	})
	// Every meeting names its organiser (ORGANIZER, which METHOD:PUBLISH asks for) by the
	// organisation's page, never a person's name or address; the invited organisations
	// are no ATTENDEEs, which PUBLISH does not allow.
	t.Run("OK organiser", func(t *testing.T) {
		ctx := context.Background()
		chess := w.org(t, "association", "Borås Schackklubb")
		m := must(w.meetings.CreateMeetings(ctx, access.System, w.fro.ID, meeting.MeetingInput{Title: "FRÖ-möte",
			StartsAt: at(2026, 11, 12, 9, 0), EndsAt: at(2026, 11, 12, 11, 0), Address: "Stora torget"}))(t)[0]
		must(w.meetings.SetInvitations(ctx, access.System, m.ID, meeting.InvitationsInput{OrganisationIDs: []int64{chess.ID}}))(t)
		want := "ORGANIZER;CN=Kommunstyrelsen:" + baseURL + "/organisationer/" + itoa(w.council.OrganiserID)
		for _, path := range []string{meetingPath(m.ID), seriesPath(w.fro.ID), "/calendar/meetings.ics"} {
			_, body := w.mustGet(t, path)
			got := unfold(body)
			if strings.Count(got, "ORGANIZER") != strings.Count(got, "BEGIN:VEVENT") || !strings.Contains(got, want) {
				t.Errorf("%s: every event's organiser is not %q:\n%s", path, want, got)
			}
			if strings.Contains(got, "ATTENDEE") || strings.Contains(got, "mailto:") || strings.Contains(got, personEmail) || strings.Contains(got, personName) {
				t.Errorf("%s shows an attendee, an address or a person:\n%s", path, got)
			}
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, want := w.get(t, http.MethodGet, "/calendar/rooms/999999.ics")
		for _, p := range []string{seriesPath(w.internal.ID), meetingPath(w.private.ID), seriesPath(999999), meetingPath(999999),
			"/calendar/meeting-series/abc.ics", "/calendar/meetings/01.ics"} {
			for _, method := range []string{http.MethodGet, http.MethodHead} {
				if resp, b := w.get(t, method, p); resp.StatusCode != http.StatusNotFound || method == http.MethodGet && b != want {
					t.Errorf("%s %s: %d %q", method, p, resp.StatusCode, b)
				}
			}
		}
	})
}

// TestMeetingFeedHTTP: validators, 304 and HEAD as the booking feeds have them, and a
// change to a meeting or to its booking making a new ETag and a higher SEQUENCE.
func TestMeetingFeedHTTP(t *testing.T) {
	t.Parallel()
	w := newMeetingWorld(t)
	for _, path := range []string{seriesPath(w.council.ID), "/calendar/meetings.ics", meetingPath(w.held[0].ID)} {
		first, body := w.mustGet(t, path)
		tag, modified := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
		if again, body2 := w.mustGet(t, path); body2 != body || again.Header.Get("ETag") != tag || tag == "" {
			t.Errorf("%s: two fetches differ", path)
		}
		for _, h := range [][]string{{"If-None-Match", tag}, {"If-Modified-Since", modified}} {
			if resp, b := w.get(t, http.MethodGet, path, h...); resp.StatusCode != http.StatusNotModified || b != "" {
				t.Errorf("%s %s: %d", path, h, resp.StatusCode)
			}
		}
		if resp, b := w.get(t, http.MethodHead, path); resp.StatusCode != http.StatusOK || b != "" || resp.Header.Get("ETag") != tag ||
			resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8" || resp.Header.Get("Cache-Control") != "public, max-age=3600" {
			t.Errorf("HEAD %s: %d %v", path, resp.StatusCode, resp.Header)
		}
	}
	path := seriesPath(w.council.ID)
	first, _ := w.mustGet(t, path)
	tag := first.Header.Get("ETag")
	// The booking of the first meeting moved through the booking service, as the booking
	// routes move it: the meeting follows, and subscribers see it.
	w.clock.Set(feedNow.Add(time.Hour))
	must(w.bookings.MoveBooking(context.Background(), access.System, *w.held[4].BookingID, bookingMove(at(2027, 1, 7, 18, 0), at(2027, 1, 7, 20, 0))))(t)
	w.clock.Set(feedNow)
	resp, body := w.get(t, http.MethodGet, path, "If-None-Match", tag)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == tag {
		t.Fatalf("after the booking moved: %d", resp.StatusCode)
	}
	e := eventsOf(decode(t, body), "meeting-", w.held[4].ID)
	if len(e) != 1 || e[0].Sequence != 1 || !e[0].Start.Equal(at(2027, 1, 7, 18, 0)) {
		t.Errorf("meeting after its booking moved: %+v", e)
	}
}

// TestMeetingFeedInterop has ical.js and python-icalendar read the series feed: the
// meetings they see, all but the cancelled one, are exactly the planned meetings in the
// database, at their times across the change to winter time, and the cancelled one is
// there as CANCELLED with its SEQUENCE raised.
func TestMeetingFeedInterop(t *testing.T) {
	t.Parallel()
	w := newMeetingWorld(t)
	_, body := w.mustGet(t, seriesPath(w.council.ID))
	want := w.plannedMeetings(t, w.council.ID)
	if len(want) != 4 {
		t.Fatalf("%d planned meetings, want 4", len(want))
	}
	from, to := at(2026, 7, 1, 0, 0), at(2028, 1, 1, 0, 0)
	for parser, got := range map[string][]interop.Occurrence{
		"ical.js":          interop.ExpandICalJS(t, []byte(body), from, to),
		"python-icalendar": interop.ExpandPython(t, []byte(body), from, to),
	} {
		if diff := cmp.Diff(want, active(got)); diff != "" {
			t.Errorf("%s: occurrences differ from the database (-want +got):\n%s", parser, diff)
		}
		var cancelled []interop.Occurrence
		for _, o := range got {
			if o.Status == "CANCELLED" {
				cancelled = append(cancelled, o)
			}
		}
		if len(cancelled) != 1 || cancelled[0].Sequence != 1 || !cancelled[0].Start.Equal(w.dropped.StartsAt) {
			t.Errorf("%s: cancelled %+v, want the December meeting with SEQUENCE 1", parser, cancelled)
		}
	}
}

func (w *meetingWorld) plannedMeetings(t *testing.T, seriesID int64) []occurrence {
	t.Helper()
	var rows []struct {
		StartsAt time.Time `bun:"starts_at"`
		EndsAt   time.Time `bun:"ends_at"`
		Title    string    `bun:"title"`
	}
	err := w.db.NewRaw(`SELECT starts_at, ends_at, title FROM meetings WHERE series_id = ? AND status = 'planned'`, seriesID).
		Scan(context.Background(), &rows)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]occurrence, 0, len(rows))
	for _, r := range rows {
		out = append(out, occurrence{Start: r.StartsAt.UTC(), End: r.EndsAt.UTC(), Summary: r.Title})
	}
	return sorted(out)
}

// TestMeetingGolden compares the council's feed and a download with testdata; rewrite with
// -update and review the diff.
func TestMeetingGolden(t *testing.T) {
	t.Parallel()
	w := newMeetingWorld(t)
	for name, path := range map[string]string{
		"meeting-series.ics": seriesPath(w.council.ID),
		"meeting.ics":        meetingPath(w.online.ID),
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
