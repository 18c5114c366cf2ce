package booking_test

import (
	"context"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// Pressing "Flytta" without changing anything set an approved booking back to pending
// before issue 12. A move to where a booking already is changes nothing: no status, no
// revision, no holds, no audit entry; for "this and all following" the series too.
func TestMoveUnchanged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	approver := f.member(t, f.owner.ID, access.RoleAdmin)
	room := f.newRoom(t, "Salongen", 20)
	f.rules(t, room.ID, "needs_approval = true")

	approved := func(t *testing.T, b *booking.Booking) *booking.Booking {
		t.Helper()
		if b.Status != booking.StatusPending {
			t.Fatalf("not pending at first: %+v", b)
		}
		got, err := f.bookings.ApproveBooking(ctx, approver, b.ID, "")
		if err != nil || got.Status != booking.StatusConfirmed {
			t.Fatalf("approve: %+v, %v", got, err)
		}
		return got
	}
	same := func(t *testing.T, want *booking.Booking) {
		t.Helper()
		got, err := f.bookings.FindBookingByID(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != booking.StatusConfirmed || got.Revision != want.Revision || !got.UpdatedAt.Equal(want.UpdatedAt) || len(f.heldSpans(t, want.ID)) != 1 {
			t.Errorf("booking %d changed: status %s, revision %d (was %d), updated %v (was %v)",
				want.ID, got.Status, got.Revision, want.Revision, got.UpdatedAt, want.UpdatedAt)
		}
		if n := f.auditCount(t, "booking.move", want.ID); n != 0 {
			t.Errorf("booking %d: %d move entries audited", want.ID, n)
		}
	}

	t.Run("OneBooking", func(t *testing.T) {
		b := approved(t, f.mustBook(t, booker, f.input(room.ID, at(2026, 9, 15, 18, 0), at(2026, 9, 15, 20, 0))))
		for _, in := range []booking.MoveInput{
			{StartsAt: b.StartsAt, EndsAt: b.EndsAt},
			{RoomID: room.ID, StartsAt: b.StartsAt.In(stockholm), EndsAt: b.EndsAt.In(stockholm)},
		} {
			got, err := f.bookings.MoveBooking(ctx, booker, b.ID, in)
			if err != nil || got.Status != booking.StatusConfirmed || got.Revision != b.Revision {
				t.Fatalf("move to where it is: %+v, %v", got, err)
			}
		}
		same(t, b)
	})
	t.Run("ThisAndFollowing", func(t *testing.T) {
		res, err := f.bookings.CreateSeries(ctx, booker, f.seriesInput(room.ID, at(2026, 10, 13, 18, 0), "FREQ=WEEKLY;BYDAY=TU;COUNT=3"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.bookings.ApproveSeries(ctx, approver, res.Series.ID, ""); err != nil {
			t.Fatal(err)
		}
		se, _ := f.bookings.FindSeriesByID(ctx, res.Series.ID)
		var before []*booking.Booking
		for _, b := range res.Bookings {
			again, _ := f.bookings.FindBookingByID(ctx, b.ID)
			before = append(before, again)
		}
		first := before[0]
		got, err := f.bookings.MoveSeriesFrom(ctx, booker, res.Series.ID, booking.SeriesMoveInput{
			From: *first.OriginalStart, StartsAt: first.StartsAt, EndsAt: first.EndsAt})
		if err != nil || len(got) != 3 {
			t.Fatalf("move the series to where it is: %v, %v", got, err)
		}
		for _, b := range before {
			same(t, b)
		}
		if again, _ := f.bookings.FindSeriesByID(ctx, res.Series.ID); again.Revision != se.Revision {
			t.Errorf("series revision %d, was %d", again.Revision, se.Revision)
		}
	})
}
