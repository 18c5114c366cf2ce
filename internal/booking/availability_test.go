package booking_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/venue"
)

func TestRoomAvailability(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	admin := f.member(t, f.owner.ID, access.RoleAdmin)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	_, err := f.bookings.SetOpeningHours(ctx, admin, f.room.ID, []booking.OpeningHours{
		{Weekday: 2, Opens: 18 * time.Hour, Closes: 22 * time.Hour},
		{Weekday: 3, Opens: 18 * time.Hour, Closes: 22 * time.Hour},
		{Weekday: 7, Opens: 1 * time.Hour, Closes: 4 * time.Hour},
	})
	if err != nil {
		t.Fatal(err)
	}
	wed := time.Date(2026, 9, 9, 0, 0, 0, 0, time.UTC)
	if _, err := f.bookings.AddClosure(ctx, admin, booking.ClosureInput{RoomID: f.room.ID, FirstDay: wed, LastDay: wed}); err != nil {
		t.Fatal(err)
	}
	private := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 8, 19, 0), at(2026, 9, 8, 20, 0)))
	free := func(a *booking.Availability) [][2]time.Time {
		var out [][2]time.Time
		for _, s := range a.Free {
			out = append(out, [2]time.Time{s.Start, s.End})
		}
		return out
	}

	t.Run("OK", func(t *testing.T) {
		a, err := f.bookings.RoomAvailability(ctx, f.room.ID, at(2026, 9, 7, 0, 0), at(2026, 9, 14, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		wantBusy := []booking.Slot{{Start: private.StartsAt, End: private.EndsAt, Status: booking.StatusConfirmed}}
		if diff := cmp.Diff(wantBusy, a.Busy, cmpTimes); diff != "" {
			t.Fatalf("busy (-want +got):\n%s", diff)
		}
		// Wednesday is closed; Sunday 13 September 01:00–04:00 is open.
		want := [][2]time.Time{{at(2026, 9, 8, 18, 0), at(2026, 9, 8, 19, 0)}, {at(2026, 9, 8, 20, 0), at(2026, 9, 8, 22, 0)},
			{at(2026, 9, 13, 1, 0), at(2026, 9, 13, 4, 0)}}
		if diff := cmp.Diff(want, free(a), cmpTimes); diff != "" {
			t.Fatalf("free (-want +got):\n%s", diff)
		}
	})
	t.Run("OKPublic", func(t *testing.T) {
		in := f.input(f.room.ID, at(2026, 9, 15, 18, 0), at(2026, 9, 15, 19, 0))
		in.Public, in.Title = true, "Öppet hus"
		b := f.mustBook(t, booker, in)
		a, err := f.bookings.RoomAvailability(ctx, f.room.ID, at(2026, 9, 15, 0, 0), at(2026, 9, 16, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Busy) != 1 || a.Busy[0].BookingID != b.ID || a.Busy[0].Title != "Öppet hus" || !a.Busy[0].Public {
			t.Fatalf("busy %+v", a.Busy)
		}
	})
	t.Run("OKDaylightSaving", func(t *testing.T) {
		// Sunday 25 October: 01:00–04:00 local spans the repeated hour, four hours of time.
		a, err := f.bookings.RoomAvailability(ctx, f.room.ID, at(2026, 10, 24, 0, 0), at(2026, 10, 26, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		want := [][2]time.Time{{time.Date(2026, 10, 24, 23, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 3, 0, 0, 0, time.UTC)}}
		if diff := cmp.Diff(want, free(a), cmpTimes); diff != "" {
			t.Fatalf("free (-want +got):\n%s", diff)
		}
	})
	t.Run("OKNotice", func(t *testing.T) {
		// Today, 1 September 10:00: the past is not free.
		f2 := newFixture(t)
		a, err := f2.bookings.RoomAvailability(ctx, f2.room.ID, at(2026, 9, 1, 0, 0), at(2026, 9, 2, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		want := [][2]time.Time{{now, at(2026, 9, 2, 0, 0)}}
		if diff := cmp.Diff(want, free(a), cmpTimes); diff != "" {
			t.Fatalf("free (-want +got):\n%s", diff)
		}
	})
	t.Run("OKParts", func(t *testing.T) {
		hall := f.newRoom(t, "Sporthallen", 200)
		half := f.newRoom(t, "Sporthallen A", 100)
		other := f.newRoom(t, "Sporthallen B", 100)
		f.exec(t, `INSERT INTO room_parts (whole_id, part_id) VALUES (?, ?), (?, ?)`, hall.ID, half.ID, hall.ID, other.ID)
		whole := f.mustBook(t, booker, f.input(hall.ID, at(2026, 9, 10, 18, 0), at(2026, 9, 10, 20, 0)))
		part := f.mustBook(t, booker, f.input(half.ID, at(2026, 9, 11, 18, 0), at(2026, 9, 11, 20, 0)))
		for _, tt := range []struct {
			room int64
			want []time.Time
		}{
			{hall.ID, []time.Time{whole.StartsAt, part.StartsAt}},
			{half.ID, []time.Time{whole.StartsAt, part.StartsAt}},
			{other.ID, []time.Time{whole.StartsAt}},
		} {
			a, err := f.bookings.RoomAvailability(ctx, tt.room, at(2026, 9, 10, 0, 0), at(2026, 9, 12, 0, 0))
			if err != nil {
				t.Fatal(err)
			}
			var got []time.Time
			for _, b := range a.Busy {
				got = append(got, b.Start)
			}
			if diff := cmp.Diff(tt.want, got, cmpTimes); diff != "" {
				t.Fatalf("room %d busy (-want +got):\n%s", tt.room, diff)
			}
			if tt.room == other.ID && (len(a.Free) != 2 || !a.Free[0].End.Equal(whole.StartsAt) || !a.Free[1].Start.Equal(whole.EndsAt)) {
				t.Fatalf("free %+v", a.Free)
			}
		}
	})
	t.Run("OKHoliday", func(t *testing.T) {
		room := f.newRoom(t, "Helgstängt", 20)
		f.rules(t, room.ID, "holidays_closed = true")
		a, err := f.bookings.RoomAvailability(ctx, room.ID, at(2026, 10, 30, 0, 0), at(2026, 11, 2, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		// All Saints' Day, Saturday 31 October, is closed.
		want := [][2]time.Time{{at(2026, 10, 30, 0, 0), at(2026, 10, 31, 0, 0)}, {at(2026, 11, 1, 0, 0), at(2026, 11, 2, 0, 0)}}
		if diff := cmp.Diff(want, free(a), cmpTimes); diff != "" {
			t.Fatalf("free (-want +got):\n%s", diff)
		}
		got, err := f.bookings.FindFreeRooms(ctx, booking.FreeRoomsQuery{Weekly: &booking.WeeklyPattern{Weekday: 6,
			StartTime: 10 * time.Hour, EndTime: 12 * time.Hour,
			FirstDay: time.Date(2026, 10, 24, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 11, 7, 0, 0, 0, 0, time.UTC)}})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range got.Rooms {
			if r.ID == room.ID {
				t.Fatal("closed on a holiday, yet free")
			}
		}
		if len(got.Rooms) == 0 {
			t.Fatal("no room free at all")
		}
	})
	t.Run("ErrValidation", func(t *testing.T) {
		_, err := f.bookings.RoomAvailability(ctx, f.room.ID, at(2026, 9, 1, 0, 0), at(2026, 11, 3, 0, 0))
		if fieldCodes(err)["to"] != booking.CodeWindowTooLong {
			t.Fatalf("too long: %v", err)
		}
		_, err = f.bookings.RoomAvailability(ctx, f.room.ID, at(2026, 9, 1, 0, 0), at(2026, 9, 1, 0, 0))
		if fieldCodes(err)["to"] != booking.CodeEndNotAfterStart {
			t.Fatalf("empty: %v", err)
		}
		if _, err := f.bookings.RoomAvailability(ctx, f.room.ID, at(2026, 9, 1, 0, 0), at(2026, 11, 2, 0, 0)); err != nil {
			t.Fatalf("62 days: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.bookings.RoomAvailability(ctx, 999999, at(2026, 9, 1, 0, 0), at(2026, 9, 2, 0, 0))
		if !errors.Is(err, venue.ErrRoomNotFound) {
			t.Fatalf("got %v", err)
		}
	})
}
