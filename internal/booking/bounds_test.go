package booking_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// TestBookingBounds: under the default rules (no row), a booking may not end past the
// room's horizon (from tomorrow to 9999-12-31 was once 201), may last at most
// DefaultMaxDuration, and at least MinDuration (a one-second booking was accepted).
func TestBookingBounds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	room := f.room.ID
	horizon := booking.DefaultRules(room).Horizon.AddTo(now, stockholm)
	tomorrow := at(2026, 9, 2, 18, 0)

	t.Run("OK", func(t *testing.T) {
		f.mustBook(t, booker, f.input(room, at(2026, 9, 7, 8, 0), at(2026, 9, 7, 8, 15)))
		f.mustBook(t, booker, f.input(room, at(2026, 9, 8, 8, 0), at(2026, 9, 9, 8, 0)))
	})
	for _, tc := range []struct {
		name       string
		start, end time.Time
		want       map[string]string
	}{
		{"ErrToEndOfTime", tomorrow, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
			map[string]string{"ends_at": booking.CodeEndsTooFarAhead}},
		{"ErrEndPastHorizon", horizon.Add(-time.Hour), horizon.Add(time.Hour),
			map[string]string{"ends_at": booking.CodeEndsTooFarAhead}},
		{"ErrLongerThanADay", at(2026, 9, 10, 8, 0), at(2026, 9, 11, 8, 1),
			map[string]string{"ends_at": booking.CodeTooLong}},
		{"ErrOneSecond", at(2026, 9, 14, 8, 0), at(2026, 9, 14, 8, 0).Add(time.Second),
			map[string]string{"ends_at": booking.CodeTooShort}},
		{"ErrFourteenMinutes", at(2026, 9, 14, 8, 0), at(2026, 9, 14, 8, 14),
			map[string]string{"ends_at": booking.CodeTooShort}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.bookings.CreateBooking(ctx, booker, f.input(room, tc.start, tc.end))
			// The end of time is too long as well; each field keeps its first error here.
			got := map[string]string{}
			for _, fe := range fault.Fields(err) {
				if _, ok := got[fe.Field]; !ok {
					got[fe.Field] = fe.Code
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatalf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}
