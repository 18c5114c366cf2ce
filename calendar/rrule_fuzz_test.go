package calendar

import (
	"errors"
	"testing"
	"time"
)

// FuzzRRule: a rule Encode accepts is written with a UTC UNTIL that Decode turns back into
// wall-clock time, and writing that again gives the same rule: encodeRRule and decodeRRule
// round-trip in any zone, across daylight-saving changes.
func FuzzRRule(f *testing.F) {
	for _, rule := range []string{
		"FREQ=WEEKLY;BYDAY=TU;UNTIL=20270406", "FREQ=WEEKLY;UNTIL=20260329T023000", "FREQ=WEEKLY;UNTIL=20261025T023000Z",
		"RRULE:FREQ=MONTHLY;BYDAY=1WE;COUNT=12", "FREQ=WEEKLY;until=20261025", "FREQ=WEEKLY;UNTIL=2026", "FREQ=WEEKLY;UNTIL=",
		"FREQ=WEEKLY;DTSTART=20260101T000000Z;COUNT=2", "FREQ=WEEKLY;UNTIL=20260101;UNTIL=20270101", "FREQ=DAILY;INTERVAL=0",
	} {
		f.Add(rule, "Europe/Stockholm")
		f.Add(rule, "America/Sao_Paulo")
	}
	f.Fuzz(func(t *testing.T, rule, zone string) {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			loc = time.UTC
		}
		enc, err := encodeRRule(rule, loc)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("encodeRRule(%q): %v, which does not wrap ErrInvalid", rule, err)
			}
			return
		}
		dec, err := decodeRRule(enc, loc)
		if err != nil {
			t.Fatalf("encodeRRule(%q) = %q, which does not decode: %v", rule, enc, err)
		}
		again, err := encodeRRule(dec, loc)
		if err != nil || again != enc {
			t.Fatalf("%q in %s: encoded %q, decoded %q, encoded again %q, %v", rule, loc, enc, dec, again, err)
		}
	})
}
