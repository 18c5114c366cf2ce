package booking_test

import (
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// TestRecurrenceSubset: a recurrence is weekly (plain weekdays) or, for meetings, monthly by
// numbered weekday, with INTERVAL 1–52 and COUNT or UNTIL; anything else is refused with a
// field error on recurrence.rrule naming the part. FREQ=WEEKLY;INTERVAL=0 and
// BYHOUR=1,2,3 were once stored, and the first made node-ical and libical refuse the room's
// feed.
func TestRecurrenceSubset(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 9, 2, 18, 0, 0, 0, time.UTC) // a Wednesday
	for _, rule := range []string{
		"FREQ=WEEKLY;COUNT=3", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20261231",
		"RRULE:FREQ=WEEKLY;INTERVAL=52;COUNT=2", "FREQ=WEEKLY;UNTIL=20261108T235959Z",
	} {
		if _, err := booking.Occurrences(rule, start, stockholm); err != nil {
			t.Errorf("Occurrences(%q): %v", rule, err)
		}
	}
	for _, rule := range []string{"FREQ=MONTHLY;BYDAY=1WE;COUNT=4", "FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=3;COUNT=4", "FREQ=WEEKLY;BYDAY=TU;COUNT=2"} {
		if _, err := booking.Pattern(rule, start, stockholm); err != nil {
			t.Errorf("Pattern(%q): %v", rule, err)
		}
	}
	for _, tc := range []struct {
		rule, code, param string
		pattern           bool
	}{
		{"FREQ=WEEKLY;INTERVAL=0;COUNT=3", booking.CodeRRuleInterval, "52", false},
		{"FREQ=WEEKLY;INTERVAL=53;COUNT=3", booking.CodeRRuleInterval, "52", false},
		{"FREQ=WEEKLY;INTERVAL=-1;COUNT=3", booking.CodeRRuleInterval, "52", false},
		{"FREQ=WEEKLY;INTERVAL=x;COUNT=3", booking.CodeRRuleInterval, "52", false},
		{"FREQ=WEEKLY;BYHOUR=1,2,3;COUNT=3", booking.CodeRRulePart, "BYHOUR", false},
		{"FREQ=WEEKLY;BYMINUTE=0,30;COUNT=3", booking.CodeRRulePart, "BYMINUTE", false},
		{"FREQ=WEEKLY;WKST=SU;COUNT=3", booking.CodeRRulePart, "WKST", false},
		{"FREQ=WEEKLY;BYSETPOS=1;COUNT=3", booking.CodeRRulePart, "BYSETPOS", false},
		{"FREQ=WEEKLY;COUNT=3;COUNT=4", booking.CodeRRulePart, "COUNT", false},
		{"FREQ=WEEKLY;COUNT=3;UNTIL=20261231", booking.CodeRRuleEnd, "", false},
		{"FREQ=WEEKLY;BYDAY=1MO;COUNT=3", booking.CodeRRuleByDay, "1MO", false},
		{"FREQ=WEEKLY;BYDAY=MO,XX;COUNT=3", booking.CodeRRuleByDay, "XX", false},
		{"FREQ=MONTHLY;BYDAY=1WE;COUNT=3", booking.CodeRRuleInvalid, "", false},
		{"FREQ=MONTHLY;BYDAY=WE;COUNT=3", booking.CodeRRuleByDay, "WE", true},
		{"FREQ=MONTHLY;BYDAY=6WE;COUNT=3", booking.CodeRRuleByDay, "6WE", true},
		{"FREQ=MONTHLY;COUNT=3", booking.CodeRRuleByDay, "", true},
		{"FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3", booking.CodeRRulePart, "BYMONTHDAY", true},
		{"FREQ=DAILY;COUNT=3", booking.CodeRRuleInvalid, "", true},
		{"FREQ=MONTHLY;BYDAY=1WE;INTERVAL=0;COUNT=3", booking.CodeRRuleInterval, "52", true},
	} {
		expand := booking.Occurrences
		if tc.pattern {
			expand = booking.Pattern
		}
		_, err := expand(tc.rule, start, stockholm)
		fe := fault.Fields(err)
		if len(fe) != 1 || fe[0].Field != "recurrence.rrule" || fe[0].Code != tc.code || fe[0].Param != tc.param {
			t.Errorf("%q: %v, want %s (%s) on recurrence.rrule", tc.rule, fe, tc.code, tc.param)
		}
	}
}
