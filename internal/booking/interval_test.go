package booking_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/booking"
)

func TestIntervalMinutes(t *testing.T) {
	for _, tc := range []struct {
		in            booking.Interval
		minutes, days int
	}{
		{booking.Interval{}, 0, 0},
		{booking.Hours(36), 36 * 60, 2},
		{booking.Interval{Microseconds: 90 * 60e6}, 90, 0},
		{booking.DaysOf(90), 90 * 24 * 60, 90},
		{booking.MonthsOf(12), 365 * 24 * 60, 365},
		{booking.MonthsOf(1), 365 * 24 * 60 / 12, 30},
		{booking.Interval{Months: 1, Days: 2, Microseconds: 3 * 60e6}, 365*24*60/12 + 2*24*60 + 3, 32},
	} {
		if got := tc.in.Minutes(); got != tc.minutes {
			t.Errorf("%+v.Minutes() = %d, want %d", tc.in, got, tc.minutes)
		}
		if got := tc.in.WholeDays(); got != tc.days {
			t.Errorf("%+v.WholeDays() = %d, want %d", tc.in, got, tc.days)
		}
	}
}
