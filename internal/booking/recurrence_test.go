package booking_test

import (
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
)

func TestOccurrences(t *testing.T) {
	t.Run("OK/AcrossSpringForward", func(t *testing.T) {
		got, err := booking.Occurrences("FREQ=WEEKLY;BYDAY=SU;COUNT=3", time.Date(2026, 3, 22, 18, 0, 0, 0, time.UTC), stockholm)
		if err != nil || len(got) != 3 {
			t.Fatalf("%v %v", got, err)
		}
		for _, o := range got {
			if l := o.In(stockholm); l.Hour() != 18 || l.Minute() != 0 {
				t.Errorf("%v is not 18:00 local", l)
			}
		}
		if want := time.Date(2026, 3, 29, 16, 0, 0, 0, time.UTC); !got[1].Equal(want) {
			t.Errorf("29 March 18:00 CEST = %v, want %v", got[1].UTC(), want)
		}
	})
	t.Run("OK/AcrossAutumnEveryOtherWeek", func(t *testing.T) {
		got, err := booking.Occurrences("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;UNTIL=20261108T235959Z", time.Date(2026, 10, 11, 18, 0, 0, 0, time.UTC), stockholm)
		if err != nil || len(got) != 3 {
			t.Fatalf("%v %v", got, err)
		}
		if want := time.Date(2026, 10, 25, 17, 0, 0, 0, time.UTC); !got[1].Equal(want) {
			t.Errorf("25 October 18:00 CET = %v, want %v", got[1].UTC(), want)
		}
	})
	t.Run("OK/UntilADateIncludesThatDay", func(t *testing.T) {
		// Tuesdays 18:00 until Tuesday 13 April 2027: the 13th is the last, as calendar apps read it.
		got, err := booking.Occurrences("FREQ=WEEKLY;UNTIL=20270413", time.Date(2027, 3, 30, 18, 0, 0, 0, time.UTC), stockholm)
		if err != nil || len(got) != 3 {
			t.Fatalf("%v %v", got, err)
		}
		if want := time.Date(2027, 4, 13, 16, 0, 0, 0, time.UTC); !got[2].Equal(want) {
			t.Errorf("last = %v, want %v", got[2].UTC(), want)
		}
	})
	t.Run("OK/GapAndRepeat", func(t *testing.T) {
		// 02:30 does not exist on 29 March and happens twice on 25 October.
		got, err := booking.Occurrences("FREQ=WEEKLY;BYDAY=SU;COUNT=1", time.Date(2026, 3, 29, 2, 30, 0, 0, time.UTC), stockholm)
		if err != nil || !got[0].Equal(time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)) {
			t.Fatalf("gap: %v %v", got, err)
		}
		got, err = booking.Occurrences("FREQ=WEEKLY;BYDAY=SU;COUNT=1", time.Date(2026, 10, 25, 2, 30, 0, 0, time.UTC), stockholm)
		if err != nil || !got[0].Equal(time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)) {
			t.Fatalf("repeat: %v %v", got, err)
		}
	})
	for _, tc := range []struct{ name, rule, code string }{
		{"ErrInvalid", "FREQ=SOMETIMES", booking.CodeRRuleInvalid},
		{"ErrNotWeekly", "FREQ=DAILY;COUNT=3", booking.CodeRRuleInvalid},
		{"ErrUnbounded", "FREQ=WEEKLY;BYDAY=TU", booking.CodeRRuleUnbounded},
		{"ErrTooMany", "FREQ=WEEKLY;COUNT=201", booking.CodeRRuleUnbounded},
		{"ErrTooFar", "FREQ=WEEKLY;UNTIL=20300101T000000Z", booking.CodeRRuleUnbounded},
		{"ErrTooManyUntil", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20280101T000000Z", booking.CodeRRuleUnbounded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := booking.Occurrences(tc.rule, time.Date(2026, 9, 1, 18, 0, 0, 0, time.UTC), stockholm)
			if fe := fault.Fields(err); len(fe) != 1 || fe[0].Code != tc.code {
				t.Fatalf("got %v", err)
			}
		})
	}
}

// TestOccurrencesFuzzFindings holds what FuzzPattern found on the main of issue 12.
func TestOccurrencesFuzzFindings(t *testing.T) {
	start := time.Date(2026, 3, 22, 18, 0, 0, 0, time.UTC)
	t.Run("ErrEmpty/UntilBeforeStart", func(t *testing.T) {
		// Was a series of no bookings at all (201 with nothing booked).
		got, err := booking.Occurrences("FREQ=WEEKLY;UNTIL=20260101", start, stockholm)
		if fe := fault.Fields(err); len(fe) != 1 || fe[0].Code != booking.CodeRRuleEmpty || fe[0].Field != "recurrence.rrule" {
			t.Fatalf("%v %v, want rrule_empty", got, err)
		}
	})
	t.Run("ErrEmpty/NoSuchDay", func(t *testing.T) {
		// Refused now before it is expanded: BYMONTH is outside the subset the forms make.
		got, err := booking.Pattern("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30;COUNT=2", start, stockholm)
		if fe := fault.Fields(err); len(fe) != 1 || fe[0].Code != booking.CodeRRuleEmpty && fe[0].Code != booking.CodeRRulePart {
			t.Fatalf("%v %v, want rrule_empty or rrule_part", got, err)
		}
	})
	t.Run("ErrUnbounded/CountBeyondTwoYears", func(t *testing.T) {
		// Was 200 bookings over 200 years: the span bound held only for UNTIL.
		got, err := booking.Occurrences("FREQ=WEEKLY;INTERVAL=52;COUNT=200", start, stockholm)
		if fe := fault.Fields(err); len(fe) != 1 || fe[0].Code != booking.CodeRRuleUnbounded {
			t.Fatalf("%d occurrences, %v; want rrule_unbounded", len(got), err)
		}
	})
	t.Run("OK/GapIsOneStart", func(t *testing.T) {
		// 02:00 on 2026-03-29 does not exist in Stockholm and moves to 03:00, which the rule
		// also names: one start, not two bookings at the same instant. (A rule with BYHOUR
		// may be refused outright; then there is nothing to check.)
		got, err := booking.Occurrences("FREQ=WEEKLY;BYHOUR=2,3;COUNT=4", start, stockholm)
		if err != nil {
			return
		}
		for i := 1; i < len(got); i++ {
			if !got[i].After(got[i-1]) {
				t.Fatalf("occurrence %d %v is not after %v: %v", i, got[i], got[i-1], got)
			}
		}
	})
}
