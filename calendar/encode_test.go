package calendar_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	ical "github.com/emersion/go-ical"
	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/calendar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var goldens = map[string]func() *calendar.Calendar{
	"empty": func() *calendar.Calendar {
		return &calendar.Calendar{Name: "Sal 3", Location: stockholm, RefreshInterval: time.Hour}
	},
	"series": seriesCalendar,
	"events": eventsCalendar,
}

// TestGolden compares whole encoded calendars with testdata/*.ics; `go test ./calendar
// -update` rewrites them, to be reviewed as a diff.
func TestGolden(t *testing.T) {
	for name, mk := range goldens {
		t.Run(name, func(t *testing.T) {
			got := encode(t, mk())
			checkWellFormed(t, got)
			path := filepath.Join("testdata", name+".ics")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs (-want +got):\n%s", path, diff)
			}
		})
	}
}

// TestEncodeDeterministic: the same calendar gives the same bytes, so a feed's ETag only
// changes when its content does.
func TestEncodeDeterministic(t *testing.T) {
	first := encode(t, seriesCalendar())
	for range 20 {
		if got := encode(t, seriesCalendar()); !bytes.Equal(got, first) {
			t.Fatalf("second encoding differs:\n%s\n---\n%s", first, got)
		}
	}
}

// TestEncodeLines checks single properties in the unfolded output, where the golden files
// would only show a difference.
func TestEncodeLines(t *testing.T) {
	text := unfold(encode(t, seriesCalendar())) + unfold(encode(t, eventsCalendar()))
	for _, want := range []string{
		"DTSTART;TZID=Europe/Stockholm:20261013T180000",
		"DTEND;TZID=Europe/Stockholm:20261013T193000",
		// 23:59:59 CEST on 6 April is 21:59:59 UTC.
		"RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270406T215959Z",
		"EXDATE;TZID=Europe/Stockholm:20261229T180000",
		"RECURRENCE-ID;TZID=Europe/Stockholm:20270216T180000",
		"RECURRENCE-ID;TZID=Europe/Stockholm:20270330T180000",
		"DTSTAMP:20260901T080000Z",
		"CREATED:20260801T100000Z",
		"LAST-MODIFIED:20260815T123000Z",
		// 01:30 UTC on the spring-forward night is 03:30 CEST: 02:30 does not exist.
		"DTSTART;TZID=Europe/Stockholm:20270328T033000",
		// 01:30 UTC on the autumn night is the second 02:30 local; a TZID would name the
		// first one, so it is written in UTC.
		"DTSTART:20261025T013000Z",
		"SUMMARY:Styrelsemöte\\, PRO Norrby\\; årsmöte \\\\ budget",
		"SUMMARY:Två rader\\nandra raden",
		"SUMMARY:Semikolon\\;komma\\,backslash\\\\slut\\\\",
		"X-WR-CALNAME:PRO Norrby\\; bokningar",
		"NAME:PRO Norrby\\; bokningar",
		"X-WR-CALDESC:Bokningar i Sal 2",
		"X-WR-TIMEZONE:Europe/Stockholm",
		"REFRESH-INTERVAL;VALUE=DURATION:PT1H30M",
		"X-PUBLISHED-TTL:PT1H30M",
		"METHOD:PUBLISH",
		"CALSCALE:GREGORIAN",
		"GEO:57.7311;12.9401",
		"STATUS:TENTATIVE",
		"TRANSP:TRANSPARENT",
		"CLASS:PRIVATE",
		"SEQUENCE:5",
		"URL:https://lokalbanken.test/bookings/12",
	} {
		if !strings.Contains(text, "\r\n"+want+"\r\n") {
			t.Errorf("no line %q", want)
		}
	}
}

// unfold joins folded lines (RFC 5545 §3.1).
func unfold(data []byte) string {
	return strings.ReplaceAll(string(data), "\r\n ", "")
}

func TestEncodeUntil(t *testing.T) {
	for _, tc := range []struct{ rule, want string }{
		// A date means through that local day: 23:59:59 CET is 22:59:59 UTC.
		{"FREQ=WEEKLY;UNTIL=20261215", "FREQ=WEEKLY;UNTIL=20261215T225959Z"},
		{"FREQ=WEEKLY;UNTIL=20261215T200000", "FREQ=WEEKLY;UNTIL=20261215T190000Z"},
		{"FREQ=WEEKLY;UNTIL=20260615T200000", "FREQ=WEEKLY;UNTIL=20260615T180000Z"},
		// A trailing Z is wall-clock time too, as internal/booking reads it.
		{"FREQ=WEEKLY;UNTIL=20260615T200000Z", "FREQ=WEEKLY;UNTIL=20260615T180000Z"},
		{"RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=TU,TH", "FREQ=WEEKLY;COUNT=10;BYDAY=TU,TH"},
	} {
		ev := calendar.Event{UID: "u", Stamp: stamp, Start: local(2026, 6, 2, 18, 0), RRule: tc.rule}
		text := unfold(encode(t, &calendar.Calendar{Location: stockholm, Events: []calendar.Event{ev}}))
		if !strings.Contains(text, "\r\nRRULE:"+tc.want+"\r\n") {
			t.Errorf("RRule %q: want RRULE:%s in\n%s", tc.rule, tc.want, text)
		}
	}
}

// TestEncodeNilLocation: a calendar without a Location is refused; the zone is loaded once
// by the caller and passed in, never guessed here.
func TestEncodeNilLocation(t *testing.T) {
	var buf bytes.Buffer
	err := calendar.Encode(&buf, &calendar.Calendar{Name: "Sal 3", RefreshInterval: time.Hour})
	if !errors.Is(err, calendar.ErrInvalid) {
		t.Errorf("nil Location: %v, want ErrInvalid", err)
	}
}

func TestEncodeInvalid(t *testing.T) {
	ok := calendar.Event{UID: "u", Stamp: stamp, Start: local(2026, 6, 2, 18, 0), End: local(2026, 6, 2, 19, 0)}
	for name, tc := range map[string]struct {
		cal  *calendar.Calendar
		edit func(*calendar.Event)
	}{
		"NoUID":          {edit: func(e *calendar.Event) { e.UID = " " }},
		"NoStamp":        {edit: func(e *calendar.Event) { e.Stamp = time.Time{} }},
		"NoStart":        {edit: func(e *calendar.Event) { e.Start = time.Time{} }},
		"EndBeforeStart": {edit: func(e *calendar.Event) { e.End = e.Start.Add(-time.Minute) }},
		"BadRRule":       {edit: func(e *calendar.Event) { e.RRule = "FREQ=SOMETIMES" }},
		"DTSTARTInRule":  {edit: func(e *calendar.Event) { e.RRule = "DTSTART:20260101T000000\nRRULE:FREQ=DAILY" }},
		"BadUntil":       {edit: func(e *calendar.Event) { e.RRule = "FREQ=DAILY;UNTIL=tomorrow" }},
		"OverrideRule":   {edit: func(e *calendar.Event) { e.RRule, e.RecurrenceID = "FREQ=DAILY;COUNT=2", &e.Start }},
		"ExDateNoRule":   {edit: func(e *calendar.Event) { e.ExDates = []time.Time{e.Start} }},
		"BadStatus":      {edit: func(e *calendar.Event) { e.Status = "MAYBE" }},
		"BadGeo":         {edit: func(e *calendar.Event) { e.Geo = &calendar.Geo{Lat: 91} }},
		"NegSequence":    {edit: func(e *calendar.Event) { e.Sequence = -1 }},
		"URLNewline":     {edit: func(e *calendar.Event) { e.URL = "https://x\r\nX-EVIL:1" }},
		"LocalZone":      {cal: &calendar.Calendar{Location: time.Local}},
		"Nil":            {},
	} {
		t.Run(name, func(t *testing.T) {
			c := tc.cal
			if tc.edit != nil {
				ev := ok
				tc.edit(&ev)
				c = &calendar.Calendar{Location: stockholm, Events: []calendar.Event{ev}}
			}
			var b bytes.Buffer
			if err := calendar.Encode(&b, c); !errors.Is(err, calendar.ErrInvalid) {
				t.Errorf("Encode: got %v, want ErrInvalid", err)
			}
		})
	}
}

func TestEncodeTextCleaning(t *testing.T) {
	ev := calendar.Event{UID: "u", Stamp: stamp, Start: local(2026, 6, 2, 18, 0),
		Summary: "a\r\nb\rc\x00d\x1be\tf\xffg"}
	text := unfold(encode(t, &calendar.Calendar{Location: stockholm, Events: []calendar.Event{ev}}))
	// Line breaks become \n, control characters but tab go, invalid UTF-8 becomes U+FFFD.
	if want := "\r\nSUMMARY:a\\nb\\ncde\tf\uFFFDg\r\n"; !strings.Contains(text, want) {
		t.Errorf("want %q in\n%q", want, text)
	}
}

// TestWriterMatchesGoICal: Encode's own writer lays out the go-ical tree byte for byte as
// go-ical's Encoder does, apart from folding; go-ical's Encoder also checks the tree
// (exactly one UID and DTSTAMP per event, at most one of most properties, …).
func TestWriterMatchesGoICal(t *testing.T) {
	for name, mk := range goldens {
		t.Run(name, func(t *testing.T) {
			tree, err := calendar.ToICal(mk())
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := ical.NewEncoder(&want).Encode(tree); err != nil {
				t.Fatalf("go-ical refuses the tree: %v", err)
			}
			if diff := cmp.Diff(want.String(), unfold(encode(t, mk()))); diff != "" {
				t.Errorf("(-go-ical +ours):\n%s", diff)
			}
		})
	}
}

// TestEncodeConcurrent: feeds encode in parallel and share the cached VTIMEZONE; run with
// -race.
func TestEncodeConcurrent(t *testing.T) {
	want := encode(t, seriesCalendar())
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			var b bytes.Buffer
			if err := calendar.Encode(&b, seriesCalendar()); err != nil || !bytes.Equal(b.Bytes(), want) {
				t.Errorf("parallel Encode: %v, same bytes: %v", err, bytes.Equal(b.Bytes(), want))
			}
		})
	}
	wg.Wait()
}
