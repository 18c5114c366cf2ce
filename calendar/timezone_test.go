package calendar_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/calendar"
)

// TestVTimezone compares the generated VTIMEZONE with hand-written ones: the EU rule for
// Stockholm (last Sunday of March and of October, since 1996), the US rule (second Sunday of
// March, first of November, since 2007), a southern zone whose summer spans the new year,
// and a zone without daylight saving.
func TestVTimezone(t *testing.T) {
	for _, tc := range []struct{ zone, want string }{
		{"Europe/Stockholm", `BEGIN:VTIMEZONE
TZID:Europe/Stockholm
BEGIN:DAYLIGHT
DTSTART:19960331T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
TZNAME:CEST
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:19961027T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
TZNAME:CET
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
END:VTIMEZONE`},
		{"America/New_York", `BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
DTSTART:20070311T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
TZNAME:EDT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
END:DAYLIGHT
BEGIN:STANDARD
DTSTART:20071104T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
TZNAME:EST
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
END:STANDARD
END:VTIMEZONE`},
		{"Australia/Sydney", `BEGIN:VTIMEZONE
TZID:Australia/Sydney
BEGIN:STANDARD
DTSTART:20080406T030000
RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU
TZNAME:AEST
TZOFFSETFROM:+1100
TZOFFSETTO:+1000
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:20081005T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU
TZNAME:AEDT
TZOFFSETFROM:+1000
TZOFFSETTO:+1100
END:DAYLIGHT
END:VTIMEZONE`},
		{"Asia/Tokyo", `BEGIN:VTIMEZONE
TZID:Asia/Tokyo
BEGIN:STANDARD
DTSTART:19700101T000000
TZNAME:JST
TZOFFSETFROM:+0900
TZOFFSETTO:+0900
END:STANDARD
END:VTIMEZONE`},
	} {
		t.Run(tc.zone, func(t *testing.T) {
			text := string(encode(t, &calendar.Calendar{Location: mustLoad(tc.zone)}))
			begin, end := strings.Index(text, "BEGIN:VTIMEZONE"), strings.Index(text, "END:VTIMEZONE")
			if begin < 0 || end < 0 {
				t.Fatalf("no VTIMEZONE in\n%s", text)
			}
			got := strings.ReplaceAll(text[begin:end+len("END:VTIMEZONE")], "\r\n", "\n")
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("VTIMEZONE (-want +got):\n%s", diff)
			}
		})
	}
}
