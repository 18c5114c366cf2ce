package webui_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestSeriesFormNamesWhoOrganises: an association's admin who asks for one of the Compact's
// own kinds gets the form back (422) saying at the kind what to choose, with what was typed,
// and nothing is stored; a network is theirs to organise.
func TestSeriesFormNamesWhoOrganises(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[adminA]
	form := url.Values{"kind": {"samrad"}, "name": {"Vårt samråd"}, "organiser_id": {fmt.Sprint(w.a.ID)}, "invite": {"chosen"},
		"csrf": {b.csrf()}}
	p := b.post("/moten/serier/ny", form)
	p.status(t, 422)
	if got := p.text("#kind-error"); !strings.Contains(got, "förvaltningar") {
		t.Errorf("kind error %q", got)
	}
	if got := p.formValues(t, "main form.form").Get("name"); got != "Vårt samråd" {
		t.Errorf("name kept as %q", got)
	}
	var n int
	if err := w.db.NewRaw(`SELECT count(*) FROM meeting_series WHERE organiser_id = ?`, w.a.ID).Scan(t.Context(), &n); err != nil || n != 0 {
		t.Errorf("%d series stored (%v)", n, err)
	}
	form.Set("kind", "network")
	if p := b.post("/moten/serier/ny", form); p.resp.StatusCode != 303 || !strings.HasPrefix(p.resp.Header.Get("Location"), "/moten/serier/") {
		t.Errorf("a network: %d %s", p.resp.StatusCode, p.resp.Header.Get("Location"))
	}
}

// TestMeetingPatternFromTheForm: the meeting form makes a pattern — every other week three
// times in A's room, each booked; monthly on the same weekday until a date — and a meeting
// whose room is taken comes back (409) naming the clash, with nothing stored.
func TestMeetingPatternFromTheForm(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[adminA]
	m := w.publicMeeting(w.a.ID)
	path := fmt.Sprintf("/moten/serier/%d/nytt-mote", m.SeriesID)
	count := func() int {
		var n int
		if err := w.db.NewRaw(`SELECT count(*) FROM meetings WHERE series_id = ?`, m.SeriesID).Scan(t.Context(), &n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Wednesday 15 April 2026 is the month's third Wednesday.
	form := url.Values{"title": {"Träff"}, "date": {"2026-04-15"}, "starts_at": {"18:00"}, "ends_at": {"20:00"}, "place": {"room"},
		"room_id": {fmt.Sprint(w.roomA.ID)}, "attendees": {"5"}, "repeat": {"biweekly"}, "repeat_count": {"3"}, "csrf": {b.csrf()}}
	if p := b.post(path, form); p.resp.StatusCode != 303 || !strings.HasSuffix(p.resp.Header.Get("Location"), "?klart=moten-skapade") {
		t.Fatalf("every other week: %d %s %s", p.resp.StatusCode, p.resp.Header.Get("Location"), p.text(".error-summary"))
	}
	var starts []string
	err := w.db.NewRaw(`SELECT to_char(m.starts_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI') FROM meetings m
		JOIN bookings b ON b.id = m.booking_id WHERE m.series_id = ? AND b.room_id = ? ORDER BY 1`, m.SeriesID, w.roomA.ID).Scan(t.Context(), &starts)
	if err != nil || strings.Join(starts, ",") != "2026-04-15 18:00,2026-04-29 18:00,2026-05-13 18:00" {
		t.Errorf("booked meetings %v (%v)", starts, err)
	}
	form.Set("repeat", "monthly")
	form.Del("repeat_count")
	form.Set("repeat_until", "2026-06-30")
	form.Set("starts_at", "10:00")
	form.Set("ends_at", "11:00")
	if p := b.post(path, form); p.resp.StatusCode != 303 {
		t.Fatalf("monthly: %d %s", p.resp.StatusCode, p.text(".error-summary"))
	}
	err = w.db.NewRaw(`SELECT to_char(starts_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI') FROM meetings
		WHERE series_id = ? AND title = 'Träff' AND extract(hour FROM starts_at AT TIME ZONE 'Europe/Stockholm') = 10 ORDER BY 1`, m.SeriesID).Scan(t.Context(), &starts)
	if err != nil || strings.Join(starts, ",") != "2026-04-15 10:00,2026-05-20 10:00,2026-06-17 10:00" {
		t.Errorf("monthly on the third Wednesday: %v (%v)", starts, err)
	}
	before := count()
	form.Set("repeat", "none")
	form.Del("repeat_until")
	p := b.post(path, form)
	if p.resp.StatusCode != 409 || !strings.Contains(p.text("main"), "2026-04-15 10:00–11:00") || count() != before {
		t.Errorf("a taken room: %d %.300s", p.resp.StatusCode, p.text("main"))
	}
}
