package interop_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/calendar/interop"
)

// sample is written by hand, not by package calendar, so that these tests check the
// harness alone: a weekly series over the autumn change with one EXDATE and one moved,
// renamed occurrence, and a cancelled single event in UTC with an escaped summary.
const sample = "BEGIN:VCALENDAR\r\n" +
	"VERSION:2.0\r\n" +
	"PRODID:-//hand//test//EN\r\n" +
	"BEGIN:VTIMEZONE\r\n" +
	"TZID:Europe/Stockholm\r\n" +
	"BEGIN:DAYLIGHT\r\n" +
	"DTSTART:19810329T020000\r\n" +
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n" +
	"TZOFFSETFROM:+0100\r\n" +
	"TZOFFSETTO:+0200\r\n" +
	"END:DAYLIGHT\r\n" +
	"BEGIN:STANDARD\r\n" +
	"DTSTART:19961027T030000\r\n" +
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" +
	"TZOFFSETFROM:+0200\r\n" +
	"TZOFFSETTO:+0100\r\n" +
	"END:STANDARD\r\n" +
	"END:VTIMEZONE\r\n" +
	"BEGIN:VEVENT\r\n" +
	"UID:s@test\r\n" +
	"DTSTAMP:20260101T000000Z\r\n" +
	"DTSTART;TZID=Europe/Stockholm:20261013T180000\r\n" +
	"DTEND;TZID=Europe/Stockholm:20261013T190000\r\n" +
	"RRULE:FREQ=WEEKLY;COUNT=4\r\n" +
	"EXDATE;TZID=Europe/Stockholm:20261020T180000\r\n" +
	"SUMMARY:Kör\r\n" +
	"END:VEVENT\r\n" +
	"BEGIN:VEVENT\r\n" +
	"UID:s@test\r\n" +
	"DTSTAMP:20260101T000000Z\r\n" +
	"RECURRENCE-ID;TZID=Europe/Stockholm:20261027T180000\r\n" +
	"DTSTART;TZID=Europe/Stockholm:20261027T190000\r\n" +
	"DTEND;TZID=Europe/Stockholm:20261027T200000\r\n" +
	"SEQUENCE:2\r\n" +
	"SUMMARY:Kör (flyttad)\r\n" +
	"END:VEVENT\r\n" +
	"BEGIN:VEVENT\r\n" +
	"UID:c@test\r\n" +
	"DTSTAMP:20260101T000000Z\r\n" +
	"DTSTART:20261015T100000Z\r\n" +
	"DTEND:20261015T110000Z\r\n" +
	"STATUS:CANCELLED\r\n" +
	"SEQUENCE:1\r\n" +
	"SUMMARY:a\\, b\\; c\\\\ d\\ne\r\n" +
	"END:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func TestExpand(t *testing.T) {
	utc := func(s string) time.Time {
		at, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	want := []interop.Occurrence{
		{UID: "s@test", Start: utc("2026-10-13T16:00:00Z"), End: utc("2026-10-13T17:00:00Z"), Summary: "Kör"},
		{UID: "c@test", Start: utc("2026-10-15T10:00:00Z"), End: utc("2026-10-15T11:00:00Z"), Summary: "a, b; c\\ d\ne", Status: "CANCELLED", Sequence: 1},
		// After the clocks went back, 19:00 local is 18:00 UTC.
		{UID: "s@test", Start: utc("2026-10-27T18:00:00Z"), End: utc("2026-10-27T19:00:00Z"), Summary: "Kör (flyttad)", Sequence: 2},
		{UID: "s@test", Start: utc("2026-11-03T17:00:00Z"), End: utc("2026-11-03T18:00:00Z"), Summary: "Kör"},
	}
	from, to := utc("2026-10-01T00:00:00Z"), utc("2027-01-01T00:00:00Z")
	for name, expand := range map[string]func(testing.TB, []byte, time.Time, time.Time) []interop.Occurrence{
		"ical.js": interop.ExpandICalJS, "python": interop.ExpandPython,
	} {
		t.Run(name, func(t *testing.T) {
			got := expand(t, []byte(sample), from, to)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("occurrences (-want +got):\n%s", diff)
			}
			// The window is [from, to): an occurrence starting at from is in, one at to is out.
			if got := expand(t, []byte(sample), want[1].Start, want[3].Start); len(got) != 2 {
				t.Errorf("window [%v, %v): got %d occurrences, want 2: %v", want[1].Start, want[3].Start, len(got), got)
			}
		})
	}
}
