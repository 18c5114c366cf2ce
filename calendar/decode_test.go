package calendar_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/calendar"
)

// TestRoundTrip: Decode gives back exactly what Encode was given.
func TestRoundTrip(t *testing.T) {
	for name, mk := range goldens {
		t.Run(name, func(t *testing.T) {
			want := mk()
			got, err := calendar.Decode(bytes.NewReader(encode(t, want)))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

// TestRoundTripText: every tricky text comes back identical from every field that holds text.
func TestRoundTripText(t *testing.T) {
	for _, s := range trickyTexts {
		c := &calendar.Calendar{Name: s, Description: s, Location: stockholm, Events: []calendar.Event{{
			UID: s, Stamp: stamp, Start: local(2026, 6, 2, 18, 0), Summary: s, Description: s, Location: s,
		}}}
		data := encode(t, c)
		checkWellFormed(t, data)
		got, err := calendar.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("Decode %q: %v", s, err)
		}
		if diff := cmp.Diff(c, got, cmpOpts); diff != "" {
			t.Errorf("text %q (-want +got):\n%s", s, diff)
		}
	}
}

// TestDecodeUntil: a UTC UNTIL comes back as wall-clock time in DTSTART's zone, whatever the
// calendar's own zone.
func TestDecodeUntil(t *testing.T) {
	const ics = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:u\nDTSTAMP:20260101T000000Z\n" +
		"DTSTART;TZID=America/New_York:20260105T090000\nRRULE:FREQ=DAILY;UNTIL=20260110T140000Z\n" +
		"END:VEVENT\nEND:VCALENDAR\n"
	c, err := calendar.Decode(strings.NewReader(ics))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Events[0].RRule, "FREQ=DAILY;UNTIL=20260110T090000"; got != want {
		t.Errorf("RRule = %q, want %q", got, want)
	}
	if c.Location != time.UTC {
		t.Errorf("Location = %v, want UTC (no X-WR-TIMEZONE, no VTIMEZONE)", c.Location)
	}
}

// thirdParty is the kind of file other programs write: bare LF, a comma-separated EXDATE,
// DURATION instead of DTEND, unescaped commas, an unknown escape, a folded line, a VTODO,
// lower-case names, and an X-WR-TIMEZONE with no VTIMEZONE.
const thirdParty = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Other//EN\nX-WR-CALNAME:Their, calendar\n" +
	"X-WR-TIMEZONE:Europe/Stockholm\nX-PUBLISHED-TTL:P1D\n" +
	"BEGIN:VTODO\nUID:todo\nDTSTAMP:20260101T000000Z\nEND:VTODO\n" +
	"BEGIN:VEVENT\nuid:x@other\nDTSTAMP:20260101T000000Z\nDTSTART:20261013T180000\nDURATION:PT1H30M\n" +
	"RRULE:FREQ=WEEKLY;COUNT=5\nEXDATE:20261020T180000,20261027T180000\n" +
	"SUMMARY:Kör, övning\\: lång\n  fortsättning\nCLASS:CONFIDENTIAL\nSEQUENCE:2\nEND:VEVENT\nEND:VCALENDAR\n"

func TestDecodeThirdParty(t *testing.T) {
	c, err := calendar.Decode(strings.NewReader(thirdParty))
	if err != nil {
		t.Fatal(err)
	}
	want := &calendar.Calendar{
		Name: "Their, calendar", Location: stockholm, RefreshInterval: 24 * time.Hour,
		Events: []calendar.Event{{
			UID: "x@other", Sequence: 2, Stamp: utc("2026-01-01T00:00:00Z"),
			Summary: "Kör, övning: lång fortsättning", Private: true,
			// Floating times are read in the calendar's zone.
			Start: local(2026, 10, 13, 18, 0), End: local(2026, 10, 13, 19, 30),
			RRule:   "FREQ=WEEKLY;COUNT=5",
			ExDates: []time.Time{local(2026, 10, 20, 18, 0), local(2026, 10, 27, 18, 0)},
		}},
	}
	if diff := cmp.Diff(want, c, cmpOpts); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// malformed holds inputs that must give ErrMalformed, among them lines on which go-ical's
// decoder panics.
var malformed = map[string]string{
	"Empty":           "",
	"NotCalendar":     "BEGIN:VEVENT\r\nEND:VEVENT\r\n",
	"NoEnd":           "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
	"WrongEnd":        "BEGIN:VCALENDAR\r\nEND:VEVENT\r\n",
	"NoColon":         "BEGIN:VCALENDAR\r\nVERSION\r\nEND:VCALENDAR\r\n",
	"ParamNoColon":    "BEGIN:VCALENDAR\r\nX-A;B=c\r\nEND:VCALENDAR\r\n",
	"QuotedThenJunk":  "BEGIN:VCALENDAR\r\nX-A;B=\"c\"d:e\r\nEND:VCALENDAR\r\n",
	"BadDate":         event("DTSTART:2026-10-13"),
	"UnknownTZID":     event("DTSTART;TZID=Mars/Olympus:20261013T180000"),
	"NoDTSTART":       event(""),
	"BadSequence":     event("DTSTART:20261013T180000Z\r\nSEQUENCE:many"),
	"BadGeo":          event("DTSTART:20261013T180000Z\r\nGEO:north"),
	"BadDuration":     event("DTSTART:20261013T180000Z\r\nDURATION:1h"),
	"BadExDate":       event("DTSTART:20261013T180000Z\r\nRRULE:FREQ=DAILY\r\nEXDATE:20261013T180000Z,soon"),
	"BadRefresh":      "BEGIN:VCALENDAR\r\nREFRESH-INTERVAL;VALUE=DURATION:often\r\nEND:VCALENDAR\r\n",
	"BadUntil":        event("DTSTART:20261013T180000Z\r\nRRULE:FREQ=DAILY;UNTIL=2026Z"),
	"BadRecurrenceID": event("DTSTART:20261013T180000Z\r\nRECURRENCE-ID:x"),
}

func event(props string) string {
	return "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260101T000000Z\r\n" + props +
		"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
}

func TestDecodeMalformed(t *testing.T) {
	for name, in := range malformed {
		t.Run(name, func(t *testing.T) {
			c, err := calendar.Decode(strings.NewReader(in))
			if !errors.Is(err, calendar.ErrMalformed) {
				t.Errorf("Decode: got %v, %+v; want ErrMalformed", err, c)
			}
		})
	}
}

// FuzzDecode: whatever a file holds, Decode answers without panicking, with an error that
// wraps ErrMalformed or with a calendar; and a calendar it reads and Encode can write is a
// fixed point: decoding what Encode wrote and encoding it again gives the same bytes. What
// Encode writes never holds a control character but the CRLF of its lines (and a tab),
// nor U+2028, U+2029 or U+FEFF.
func FuzzDecode(f *testing.F) {
	for _, in := range malformed {
		f.Add([]byte(in))
	}
	f.Add([]byte(thirdParty))
	files, _ := filepath.Glob(filepath.Join("testdata", "*.ics"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nDTSTAMP:20260101T000000Z\nDTSTART:20260329T020000\nDURATION:PT1H\nSUMMARY:Möte\u2028i kväll\u0085\nEND:VEVENT\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/Stockholm\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261025\r\nRRULE:FREQ=WEEKLY;UNTIL=20261231T230000Z\r\nEXDATE:20261101,20261108\r\nSUMMARY:a\\,b\\;c\\nd\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY;X=\"unterminated:x\nEND:VEVENT\nEND:VCALENDAR\n",
		"BEGIN:VCALENDAR\nREFRESH-INTERVAL:P-1D\nEND:VCALENDAR\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := calendar.Decode(bytes.NewReader(data))
		if (c == nil) == (err == nil) {
			t.Fatalf("Decode gave %v and %v", c, err)
		}
		if err != nil {
			if !errors.Is(err, calendar.ErrMalformed) {
				t.Fatalf("Decode: %v, which does not wrap ErrMalformed", err)
			}
			return
		}
		var first bytes.Buffer
		if err := calendar.Encode(&first, c); err != nil {
			return // not every file read is one Encode may write (no DTSTAMP, end before start)
		}
		checkClean(t, first.String())
		c2, err := calendar.Decode(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("Decode of what Encode wrote: %v\n%s", err, first.String())
		}
		var second bytes.Buffer
		if err := calendar.Encode(&second, c2); err != nil {
			t.Fatalf("Encode of %+v, read back from what Encode wrote: %v\n%s", c2, err, first.String())
		}
		if first.String() != second.String() {
			t.Fatalf("not a fixed point:\n%s\nbecame\n%s", first.String(), second.String())
		}
	})
}

// checkClean fails when an encoded calendar holds a character no TEXT may carry.
func checkClean(t *testing.T, s string) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if !utf8.ValidString(line) {
			t.Fatalf("line %d is not UTF-8: %q", i+1, line)
		}
		for _, r := range line {
			if (r < 0x20 && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
				t.Fatalf("line %d holds %U: %q", i+1, r, line)
			}
		}
	}
}

// TestRoundTripExDates: several EXDATEs, each its own property, next to the properties
// built after them.
func TestRoundTripExDates(t *testing.T) {
	start := local(2026, 10, 6, 18, 0)
	want := &calendar.Calendar{Location: stockholm, Events: []calendar.Event{{
		UID: "u", Stamp: stamp, Start: start, End: start.Add(time.Hour), RRule: "FREQ=WEEKLY;COUNT=10",
		ExDates: []time.Time{start.AddDate(0, 0, 7), start.AddDate(0, 0, 21), start.AddDate(0, 0, 28)},
	}}}
	data := encode(t, want)
	if n := strings.Count(string(data), "\r\nEXDATE;TZID=Europe/Stockholm:"); n != 3 {
		t.Errorf("%d EXDATE lines, want 3:\n%s", n, data)
	}
	got, err := calendar.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
