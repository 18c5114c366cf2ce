package httpapi_test

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/calendar/interop"
	"github.com/borasstad/lokalbanken/internal/access"
)

// TestMeetingsEndToEnd drives the meetings through the API and reads the series feed over
// real HTTP with the real parsers: the council meets on the first Wednesday of each month,
// 18:00–20:00 in a room, from February to May 2027, across the change to summer time on 28
// March; one meeting is moved and another cancelled through the API, the room's booking
// following each in the same transaction; a third meeting's booking is moved through the
// booking route and the meeting follows it.
func TestMeetingsEndToEnd(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	stockholm, _ := time.LoadLocation("Europe/Stockholm")
	local := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, stockholm) }
	e.clock.advance(local(2026, 12, 1, 10).Sub(e.now()))

	city := e.org("city", "Kommunstyrelsen")
	guest := e.org("association", "Borås Schackklubb")
	stranger := e.org("association", "Ej inbjuden förening")
	room := e.roomIn(e.venueOf(city.ID, "Stadshuset").ID, "Sessionssalen")
	organiser := e.user("samordnare@boras.example", false)
	e.member(city.ID, organiser, access.RoleAdmin)
	orgToken := e.token(organiser)
	guestBooker := e.user("bokare@schack.example", false)
	e.member(guest.ID, guestBooker, access.RoleBooker)

	series := e.do("POST", "/api/v1/meeting-series", fmt.Sprintf(`{"kind":"samrad","name":"Samrådet","organiser_id":%d,"public":true,"invitees":[%d]}`, city.ID, guest.ID))
	if series.status != 201 {
		t.Fatalf("create series: %d %s", series.status, series.raw)
	}
	seriesID := series.id(t)
	made := e.doAs(orgToken, "POST", "/api/v1/meeting-series/"+seriesID+"/meetings", fmt.Sprintf(
		`{"title":"Samråd","starts_at":%q,"ends_at":%q,"room_id":%d,"attendees":8,"agenda":"1. Lokalbanken","recurrence":{"rrule":"FREQ=MONTHLY;BYDAY=1WE;COUNT=4"}}`,
		local(2027, 2, 3, 18).Format(time.RFC3339), local(2027, 2, 3, 20).Format(time.RFC3339), room.ID))
	meetings := made.items()
	if made.status != 201 || len(meetings) != 4 {
		t.Fatalf("create pattern: %d %s", made.status, made.raw)
	}
	ids := make([]string, len(meetings))
	for i, m := range meetings {
		ids[i] = fmt.Sprint(int64(m["id"].(float64)))
	}
	feedPath := "/calendar/meeting-series/" + seriesID + ".ics"
	_, before, tag := fetchICS(t, e, feedPath, "")

	// Move the March meeting a week on; cancel the April one.
	moved := e.doAs(orgToken, "PUT", "/api/v1/meetings/"+ids[1], fmt.Sprintf(`{"title":"Samråd","starts_at":%q,"ends_at":%q,"room_id":%d,"attendees":8}`,
		local(2027, 3, 10, 18).Format(time.RFC3339), local(2027, 3, 10, 20).Format(time.RFC3339), room.ID))
	cancelled := e.doAs(orgToken, "POST", "/api/v1/meetings/"+ids[2]+"/cancel", `{"reason":"Påsklov"}`)
	if moved.status != 200 || moved.body["revision"] != float64(2) || cancelled.status != 200 || cancelled.body["status"] != "cancelled" {
		t.Fatalf("move %d %s; cancel %d %s", moved.status, moved.raw, cancelled.status, cancelled.raw)
	}
	// The bookings, read with SQL: the moved one holds the new time, the cancelled one nothing.
	checkBooking(t, e, ids[1], "confirmed", local(2027, 3, 10, 18), true)
	checkBooking(t, e, ids[2], "cancelled", local(2027, 4, 7, 18), false)
	checkBooking(t, e, ids[3], "confirmed", local(2027, 5, 5, 18), true)

	// The May meeting's booking moved through the booking route: the meeting follows.
	bookingID := fmt.Sprint(int64(meetings[3]["booking_id"].(float64)))
	if r := e.doAs(orgToken, "POST", "/api/v1/bookings/"+bookingID+"/move", fmt.Sprintf(`{"starts_at":%q,"ends_at":%q}`,
		local(2027, 5, 12, 18).Format(time.RFC3339), local(2027, 5, 12, 20).Format(time.RFC3339))); r.status != 200 {
		t.Fatalf("move booking: %d %s", r.status, r.raw)
	}
	if r := e.do("GET", "/api/v1/meetings/"+ids[3], ""); r.body["starts_at"] != local(2027, 5, 12, 18).UTC().Format(time.RFC3339) || r.body["revision"] != float64(2) {
		t.Fatalf("the meeting did not follow its booking: %s", r.raw)
	}

	status, after, newTag := fetchICS(t, e, feedPath, tag)
	if status != 200 || newTag == tag || after == before {
		t.Fatalf("feed after the changes: %d, ETag %s (was %s)", status, newTag, tag)
	}
	cal, err := calendar.Decode(strings.NewReader(after))
	if err != nil || len(cal.Events) != 4 {
		t.Fatalf("decode: %v, %d events", err, len(cal.Events))
	}
	type want struct {
		start    time.Time
		sequence int
		status   string
	}
	wants := []want{
		{local(2027, 2, 3, 18), 0, ""},
		{local(2027, 3, 10, 18), 1, ""},
		{local(2027, 4, 7, 18), 1, "CANCELLED"},
		{local(2027, 5, 12, 18), 1, ""},
	}
	from, to := local(2026, 12, 1, 0), local(2028, 1, 1, 0)
	for parser, got := range map[string][]interop.Occurrence{
		"ical.js":          interop.ExpandICalJS(t, []byte(after), from, to),
		"python-icalendar": interop.ExpandPython(t, []byte(after), from, to),
	} {
		if len(got) != len(wants) {
			t.Fatalf("%s: %d occurrences, want %d: %+v", parser, len(got), len(wants), got)
		}
		for i, w := range wants {
			o := got[i]
			status := o.Status
			if status == "CONFIRMED" {
				status = ""
			}
			if !o.Start.Equal(w.start) || !o.End.Equal(w.start.Add(2*time.Hour)) || o.Sequence != w.sequence || status != w.status ||
				o.Start.In(stockholm).Hour() != 18 || o.UID != "meeting-"+ids[i]+"@lokalbanken.example" {
				t.Errorf("%s: occurrence %d = %+v, want %v SEQUENCE %d %s at 18:00 local", parser, i, o, w.start, w.sequence, w.status)
			}
		}
	}

	// Replies: the invited organisation's booker answers; an uninvited one is refused.
	guestToken := e.token(guestBooker)
	if r := e.doAs(guestToken, "POST", "/api/v1/meetings/"+ids[0]+"/replies", fmt.Sprintf(`{"organisation_id":%d,"attending":true,"participants":3}`, guest.ID)); r.status != 200 {
		t.Errorf("reply: %d %s", r.status, r.raw)
	}
	if r := e.do("POST", "/api/v1/meetings/"+ids[0]+"/replies", fmt.Sprintf(`{"organisation_id":%d,"attending":true,"participants":3}`, stranger.ID)); r.status != 422 || r.fields()["organisation_id"] != "not_invited" {
		t.Errorf("uninvited reply: %d %s", r.status, r.raw)
	}
	if r := e.doAs(orgToken, "GET", "/api/v1/meetings/"+ids[0]+"/invitations", ""); len(r.items()) != 1 || r.items()[0]["participants"] != float64(3) {
		t.Errorf("the organiser's view of the replies: %s", r.raw)
	}

	// Sixteen requests for a meeting in the same room at the same time: one is booked.
	const n = 16
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = e.doAs(orgToken, "POST", "/api/v1/meeting-series/"+seriesID+"/meetings", fmt.Sprintf(`{"title":"Extra","starts_at":%q,"ends_at":%q,"room_id":%d}`,
				local(2027, 6, 2, 18).Format(time.RFC3339), local(2027, 6, 2, 20).Format(time.RFC3339), room.ID)).status
		}()
	}
	wg.Wait()
	slices.Sort(statuses)
	if statuses[0] != 201 || statuses[1] != 409 || statuses[n-1] != 409 {
		t.Errorf("concurrent meetings in one slot: %v, want one 201 and the rest 409", statuses)
	}
	if c := e.count(`SELECT count(*) FROM meetings WHERE title = 'Extra'`); c != 1 {
		t.Errorf("%d concurrent meetings stored, want 1", c)
	}
}

// checkBooking reads a meeting's booking with SQL: its status, start, whether it holds its
// room, and that it is the meeting's time.
func checkBooking(t *testing.T, e *env, meetingID, status string, start time.Time, holds bool) {
	t.Helper()
	var row struct {
		Status   string    `bun:"status"`
		StartsAt time.Time `bun:"starts_at"`
		Same     bool      `bun:"same"`
		Holds    int       `bun:"holds"`
	}
	err := e.db.NewRaw(`SELECT b.status, b.starts_at, (b.starts_at, b.ends_at) = (m.starts_at, m.ends_at) AS same,
		(SELECT count(*) FROM booking_holds h WHERE h.booking_id = b.id) AS holds
		FROM meetings m JOIN bookings b ON b.id = m.booking_id WHERE m.id = ?`, meetingID).Scan(e.ctx(), &row)
	if err != nil {
		t.Fatal(err)
	}
	if row.Status != status || !row.StartsAt.Equal(start) || !row.Same || (row.Holds > 0) != holds {
		t.Errorf("booking of meeting %s: %+v, want %s at %v holding %v", meetingID, row, status, start, holds)
	}
}

// fetchICS gets a feed, conditionally on tag when given, and returns status, body and ETag.
func fetchICS(t *testing.T, e *env, path, tag string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest("GET", e.url(path), nil)
	if err != nil {
		t.Fatal(err)
	}
	if tag != "" {
		req.Header.Set("If-None-Match", tag)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode == 200 && res.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("%s: Content-Type %q", path, res.Header.Get("Content-Type"))
	}
	return res.StatusCode, string(body), res.Header.Get("ETag")
}
