package webui_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/export/exporttest"
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

// TestFollowUpExport: the follow-up as CSV and .xlsx, read back by Python's csv module and
// openpyxl: one row per public series and a total, with the FRÖ meetings held against the
// target; a series named like a formula arrives as text.
func TestFollowUpExport(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	city := s.orgNamed(t, "Borås Stad")
	const evil = `=HYPERLINK("https://evil.example";"FRÖ")`
	fro, err := s.meetings.CreateSeries(ctx, access.System, meeting.SeriesInput{Kind: "fro", Name: evil, OrganiserID: city.ID, Public: true})
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
	get := func(path string) (*http.Response, []byte) {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, s.url+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept-Language", "en")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body
	}
	header := []string{"Series", "Kind", "Meetings held 2026", "Meetings held 2025", "Organisations taking part 2026", "Organisations taking part 2025"}

	resp, body := get("/moten/uppfoljning.csv")
	file := exporttest.ReadCSV(t, body)
	want := [][]string{header,
		{"'" + evil, "FRÖ meeting", "2", "0", "0", "0"},
		{"FRÖ meetings (target: 4)", "FRÖ meeting", "2", "", "", ""},
		{"All public series", "", "", "", "0", "0"},
	}
	if resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !file.BOM || !file.CRLF || file.Delimiter != ";" {
		t.Errorf("CSV %q, BOM %v, CRLF %v, delimiter %q", resp.Header.Get("Content-Type"), file.BOM, file.CRLF, file.Delimiter)
	}
	if d := cmp.Diff(want, file.Rows); d != "" {
		t.Errorf("CSV (-want +got):\n%s", d)
	}

	resp, body = get("/moten/uppfoljning.xlsx")
	if ct := resp.Header.Get("Content-Type"); ct != export.XLSX.ContentType() {
		t.Errorf("xlsx Content-Type %q", ct)
	}
	sheets := exporttest.ReadXLSX(t, body)
	if len(sheets) != 1 {
		t.Fatalf("%d sheets", len(sheets))
	}
	wantCells := [][]any{{header[0], header[1], header[2], header[3], header[4], header[5]},
		{evil, "FRÖ meeting", 2.0, 0.0, 0.0, 0.0},
		{"FRÖ meetings (target: 4)", "FRÖ meeting", 2.0, nil, nil, nil},
		{"All public series", nil, nil, nil, 0.0, 0.0},
	}
	if d := cmp.Diff(wantCells, sheets[0].Values()); d != "" {
		t.Errorf("xlsx (-want +got):\n%s", d)
	}
	if c := sheets[0].Rows[1][0]; c.T != "s" {
		t.Errorf("the series' name is a cell of type %q, want text", c.T)
	}
}
