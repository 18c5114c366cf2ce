package booking_test

import (
	"errors"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
)

func TestPattern(t *testing.T) {
	t.Run("OK/FirstWednesdayAcrossAutumn", func(t *testing.T) {
		// The council: the first Wednesday of each month at 18:00, September to December 2026;
		// summer time ends on 25 October.
		got, err := booking.Pattern("FREQ=MONTHLY;BYDAY=1WE;COUNT=4", time.Date(2026, 9, 2, 18, 0, 0, 0, time.UTC), stockholm)
		if err != nil {
			t.Fatal(err)
		}
		want := []time.Time{
			time.Date(2026, 9, 2, 16, 0, 0, 0, time.UTC),
			time.Date(2026, 10, 7, 16, 0, 0, 0, time.UTC),
			time.Date(2026, 11, 4, 17, 0, 0, 0, time.UTC),
			time.Date(2026, 12, 2, 17, 0, 0, 0, time.UTC),
		}
		if len(got) != len(want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		for i := range want {
			if !got[i].Equal(want[i]) {
				t.Errorf("occurrence %d = %v, want %v", i, got[i].UTC(), want[i])
			}
		}
	})
	t.Run("OK/AcrossSpringForward", func(t *testing.T) {
		got, err := booking.Pattern("FREQ=MONTHLY;BYDAY=1WE;UNTIL=20260430", time.Date(2026, 3, 4, 18, 0, 0, 0, time.UTC), stockholm)
		if err != nil || len(got) != 2 {
			t.Fatalf("%v %v", got, err)
		}
		if want := time.Date(2026, 4, 1, 16, 0, 0, 0, time.UTC); !got[1].Equal(want) {
			t.Errorf("1 April 18:00 CEST = %v, want %v", got[1].UTC(), want)
		}
	})
	t.Run("OK/WeeklyStillWorks", func(t *testing.T) {
		got, err := booking.Pattern("FREQ=WEEKLY;COUNT=2", time.Date(2026, 3, 22, 18, 0, 0, 0, time.UTC), stockholm)
		if err != nil || len(got) != 2 {
			t.Fatalf("%v %v", got, err)
		}
	})
	for name, rule := range map[string]string{
		"ErrDaily":     "FREQ=DAILY;COUNT=3",
		"ErrUnbounded": "FREQ=MONTHLY;BYDAY=1WE",
		"ErrGarbage":   "FREQ=SOMETIMES",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := booking.Pattern(rule, time.Date(2026, 9, 2, 18, 0, 0, 0, time.UTC), stockholm)
			if fe := fault.Fields(err); len(fe) != 1 || fe[0].Field != "recurrence.rrule" {
				t.Fatalf("err = %v, want a field error on recurrence.rrule", err)
			}
		})
	}
	t.Run("BookingsStayWeekly", func(t *testing.T) {
		_, err := booking.Occurrences("FREQ=MONTHLY;BYDAY=1WE;COUNT=2", time.Date(2026, 9, 2, 18, 0, 0, 0, time.UTC), stockholm)
		var fe fault.FieldErrors
		if !errors.As(err, &fe) || fe[0].Code != booking.CodeRRuleInvalid {
			t.Fatalf("err = %v, want rrule_invalid", err)
		}
	})
}
