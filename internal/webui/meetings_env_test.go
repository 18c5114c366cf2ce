package webui_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// publicMeeting makes a public series organised by org with one online meeting a week
// after the site's clock, as the System.
func (w *world) publicMeeting(org int64) *meeting.Meeting {
	w.t.Helper()
	ctx := context.Background()
	se, err := w.meetings.CreateSeries(ctx, access.System, meeting.SeriesInput{Kind: "network", Name: "Nätverket", OrganiserID: org, Public: true})
	if err != nil {
		w.t.Fatal(err)
	}
	start := testNow.Add(7 * 24 * time.Hour)
	ms, err := w.meetings.CreateMeetings(ctx, access.System, se.ID, meeting.MeetingInput{Title: "Nätverksträff",
		StartsAt: start, EndsAt: start.Add(2 * time.Hour), OnlineURL: "https://meet.example/natverk"})
	if err != nil {
		w.t.Fatal(err)
	}
	return &ms[0]
}

// TestFollowUpCSV: the follow-up as CSV, one row per public series and a total, with the
// FRÖ meetings held against the target.
func TestFollowUpCSV(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	city := s.orgNamed(t, "Borås Stad")
	fro, err := s.meetings.CreateSeries(ctx, access.System, meeting.SeriesInput{Kind: "fro", Name: "FRÖ-möten", OrganiserID: city.ID, Public: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []int{10, 24} { // both in March 2026, before the site's clock
		start := time.Date(2026, 3, d, 9, 0, 0, 0, stockholm)
		if _, err := s.meetings.CreateMeetings(ctx, access.System, fro.ID, meeting.MeetingInput{Title: "FRÖ", StartsAt: start,
			EndsAt: start.Add(2 * time.Hour), Address: "Stora torget"}); err != nil {
			t.Fatal(err)
		}
	}
	req, err := http.NewRequest(http.MethodGet, s.url+"/moten/uppfoljning.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Language", "en")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	rows, err := csv.NewReader(resp.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Series", "Kind", "Meetings held 2026", "Meetings held 2025", "Organisations taking part 2026", "Organisations taking part 2025"},
		{"FRÖ-möten", "FRÖ meeting", "2", "0", "0", "0"},
		{"FRÖ meetings (target: 4)", "FRÖ meeting", "2", "", "", ""},
		{"All public series", "", "", "", "0", "0"},
	}
	if resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("CSV %q %q, want %q", resp.Header.Get("Content-Type"), rows, want)
	}
}
