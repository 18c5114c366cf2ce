package booking_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
)

func TestCreateBookingRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	room := f.room.ID
	f.rules(t, room, `min_notice = '2 days', horizon = '3 months', max_duration = '4 hours', holidays_closed = true`)
	// Open Monday–Friday 08:00–22:00, Saturday 10:00–24:00 and Sunday 00:00–16:00.
	for wd := 1; wd <= 5; wd++ {
		f.exec(t, `INSERT INTO room_opening_hours VALUES (?, ?, '08:00', '22:00')`, room, wd)
	}
	f.exec(t, `INSERT INTO room_opening_hours VALUES (?, 6, '10:00', '24:00'), (?, 7, '00:00', '16:00')`, room, room)
	f.exec(t, `INSERT INTO closures (room_id, first_day, last_day, reason, created_at) VALUES (?, '2026-10-26', '2026-10-30', 'Höstlov', ?)`, room, now)
	f.exec(t, `INSERT INTO closures (venue_id, first_day, last_day, reason, created_at) VALUES (?, '2026-11-16', '2026-11-16', '', ?)`, f.venue.ID, now)

	t.Run("OK", func(t *testing.T) {
		f.mustBook(t, booker, f.input(room, at(2026, 9, 7, 8, 0), at(2026, 9, 7, 12, 0)))
		// Across midnight from Saturday into Sunday: the hours join.
		f.mustBook(t, booker, f.input(room, at(2026, 9, 12, 22, 0), at(2026, 9, 13, 1, 0)))
	})
	for _, tc := range []struct {
		name       string
		start, end time.Time
		field      string
		code       string
	}{
		{"ErrTooSoon", at(2026, 9, 2, 18, 0), at(2026, 9, 2, 19, 0), "starts_at", booking.CodeTooSoon},
		{"ErrTooFarAhead", at(2026, 12, 2, 18, 0), at(2026, 12, 2, 19, 0), "starts_at", booking.CodeTooFarAhead},
		{"ErrTooLong", at(2026, 9, 8, 8, 0), at(2026, 9, 8, 12, 1), "ends_at", booking.CodeTooLong},
		{"ErrOutsideOpeningHours", at(2026, 9, 8, 21, 0), at(2026, 9, 8, 22, 30), "starts_at", booking.CodeOutsideOpeningHours},
		{"ErrOutsideOpeningHoursSunday", at(2026, 9, 13, 15, 0), at(2026, 9, 13, 17, 0), "starts_at", booking.CodeOutsideOpeningHours},
		{"ErrClosed", at(2026, 10, 28, 18, 0), at(2026, 10, 28, 19, 0), "starts_at", booking.CodeClosed},
		{"ErrClosedVenue", at(2026, 11, 16, 18, 0), at(2026, 11, 16, 19, 0), "starts_at", booking.CodeClosed},
		// Saturday 31 October 2026 is All Saints' Day.
		{"ErrHoliday", at(2026, 10, 31, 12, 0), at(2026, 10, 31, 13, 0), "starts_at", booking.CodeHoliday},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.bookings.CreateBooking(ctx, booker, f.input(room, tc.start, tc.end))
			if diff := cmp.Diff(map[string]string{tc.field: tc.code}, fieldCodes(err)); diff != "" {
				t.Fatalf("field errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCreateBookingWhoMayBook(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	ownerAdmin := f.member(t, f.owner.ID, access.RoleAdmin)
	slot := func(day int) booking.Input {
		return f.input(f.room.ID, at(2026, 9, day, 18, 0), at(2026, 9, day, 19, 0))
	}
	ownIn := func(day int) booking.Input { in := slot(day); in.OrganisationID = f.owner.ID; return in }

	for _, tc := range []struct {
		who    string
		rule   string
		permit func(t *testing.T) // lets the club book, for the second attempt
	}{
		{"owner", booking.RuleOwner, nil},
		{"compact", booking.RuleCompact, func(t *testing.T) { f.exec(t, signCompact, f.club.ID) }},
		{"partners", booking.RulePartners, func(t *testing.T) { f.share(t, f.sharing("Salen delas", f.club.ID, f.room.ID)) }},
	} {
		t.Run("ErrRuleRefused/"+tc.who, func(t *testing.T) {
			f.rules(t, f.room.ID, "who_may_book = '"+tc.who+"'")
			_, err := f.bookings.CreateBooking(ctx, booker, slot(14))
			var re *booking.RuleError
			if !errors.As(err, &re) || re.Rule != tc.rule || fault.KindOf(err) != fault.Forbidden {
				t.Fatalf("got %v", err)
			}
			// The owner may always book its own room.
			f.mustBook(t, ownerAdmin, ownIn(14+len(tc.who)))
			if tc.permit != nil {
				tc.permit(t)
				f.mustBook(t, booker, slot(20+len(tc.who)))
			}
		})
	}
	t.Run("ErrNotBookable", func(t *testing.T) {
		f.rules(t, f.room.ID, "who_may_book = 'any'")
		f.exec(t, `UPDATE rooms SET bookable = false WHERE id = ?`, f.room.ID)
		_, err := f.bookings.CreateBooking(ctx, booker, slot(15))
		var re *booking.RuleError
		if !errors.As(err, &re) || re.Rule != booking.RuleNotBookable {
			t.Fatalf("got %v", err)
		}
	})
}
