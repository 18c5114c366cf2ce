package booking

import (
	"slices"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// FuzzPattern: whatever rule a client sends, Occurrences and Pattern answer without
// panicking, either with a field error on "recurrence.rrule" (a 422) or with 1 to
// MaxOccurrences starts, strictly increasing, the first not before dtstart and all within
// MaxSeriesSpan of the first, as the bounds promise; and the rule, once parsed, serialises
// to a rule that expands to the same starts.
func FuzzPattern(f *testing.F) {
	for _, rule := range []string{
		"FREQ=WEEKLY;COUNT=10", "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260630", "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20261025T020000Z",
		"FREQ=MONTHLY;BYDAY=1WE;COUNT=12", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=6", "FREQ=WEEKLY;INTERVAL=0;COUNT=3",
		"FREQ=WEEKLY;BYHOUR=1,2,3;COUNT=5", "FREQ=DAILY;COUNT=3", "FREQ=WEEKLY", "FREQ=WEEKLY;COUNT=201",
		"FREQ=WEEKLY;INTERVAL=52;COUNT=200", "FREQ=WEEKLY;UNTIL=99991231", "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU;COUNT=4",
		"FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2", "FREQ=WEEKLY;COUNT=3;DTSTART=20260101T000000Z", "freq=weekly;count=2", "",
	} {
		f.Add(rule, int64(time.Date(2026, 3, 22, 18, 0, 0, 0, time.UTC).Unix()), true)
		f.Add(rule, int64(time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC).Unix()), false)
	}
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, rule string, start int64, monthly bool) {
		// Starts between the years 1 and 9999 or so, as a wall-clock time (its zone is ignored).
		dtstart := time.Unix(start%(8000*365*86400), 0).UTC()
		expand := Occurrences
		if monthly {
			expand = Pattern
		}
		got, err := expand(rule, dtstart, stockholm)
		if err != nil {
			fe := fault.Fields(err)
			if len(fe) != 1 || fe[0].Field != "recurrence.rrule" {
				t.Fatalf("%q: %v, want one field error on recurrence.rrule", rule, err)
			}
			return
		}
		if len(got) == 0 || len(got) > MaxOccurrences {
			t.Fatalf("%q from %v: %d occurrences", rule, dtstart, len(got))
		}
		first := WallClock(dtstart.Year(), dtstart.Month(), dtstart.Day(), dtstart.Hour(), dtstart.Minute(), dtstart.Second(), stockholm)
		if got[0].Before(first) {
			t.Fatalf("%q from %v: first occurrence %v is before the start %v", rule, dtstart, got[0], first)
		}
		for i := 1; i < len(got); i++ {
			if !got[i].After(got[i-1]) {
				t.Fatalf("%q from %v: occurrence %d (%v) is not after %v", rule, dtstart, i, got[i], got[i-1])
			}
		}
		// An hour of slack: the span is counted on the wall clock, the starts are instants.
		if span := got[len(got)-1].Sub(got[0]); span > MaxSeriesSpan+time.Hour {
			t.Fatalf("%q from %v: the occurrences span %v, more than MaxSeriesSpan", rule, dtstart, span)
		}

		opt, err := parseRule(rule)
		if err != nil {
			t.Fatalf("%q expands but does not parse: %v", rule, err)
		}
		again := opt.RRuleString()
		got2, err := expand(again, dtstart, stockholm)
		if err != nil || !slices.Equal(got, got2) {
			t.Fatalf("%q re-serialises as %q, which expands to %d starts (%v), not the same %d", rule, again, len(got2), err, len(got))
		}
	})
}
