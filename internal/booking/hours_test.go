package booking_test

import (
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
)

func TestWallClock(t *testing.T) {
	utc := func(d, h, m int, month time.Month) time.Time { return time.Date(2026, month, d, h, m, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name           string
		month          time.Month
		day, hour, min int
		want           time.Time
	}{
		{"18:00 before spring forward", time.March, 28, 18, 0, utc(28, 17, 0, time.March)},
		{"18:00 after spring forward", time.March, 29, 18, 0, utc(29, 16, 0, time.March)},
		{"02:30 in the spring gap moves to 03:30 CEST", time.March, 29, 2, 30, utc(29, 1, 30, time.March)},
		{"02:30 repeated in autumn is the first, CEST", time.October, 25, 2, 30, utc(25, 0, 30, time.October)},
		{"18:00 after autumn change", time.October, 25, 18, 0, utc(25, 17, 0, time.October)},
		{"24:00 is next midnight", time.October, 24, 24, 0, utc(24, 22, 0, time.October)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := booking.WallClock(2026, tc.month, tc.day, tc.hour, tc.min, 0, stockholm)
			if !got.Equal(tc.want) {
				t.Fatalf("got %v, want %v", got.UTC(), tc.want)
			}
		})
	}
}

func TestHoliday(t *testing.T) {
	for _, d := range []string{"2026-01-01", "2026-01-06", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01",
		"2026-05-14", "2026-05-24", "2026-06-06", "2026-06-20", "2026-10-31", "2026-12-25", "2026-12-26", "2027-03-26"} {
		day, _ := time.Parse(time.DateOnly, d)
		if !booking.Holiday(day.Year(), day.Month(), day.Day()) {
			t.Errorf("%s is a public holiday", d)
		}
	}
	for _, d := range []string{"2026-06-19", "2026-12-24", "2026-12-31", "2026-11-01", "2026-04-04", "2026-03-29"} {
		day, _ := time.Parse(time.DateOnly, d)
		if booking.Holiday(day.Year(), day.Month(), day.Day()) {
			t.Errorf("%s is not a public holiday", d)
		}
	}
}
