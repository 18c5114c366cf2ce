package booking_test

import (
	"context"
	"errors"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

func TestCancelBooking(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	ownerAdmin := f.member(t, f.owner.ID, access.RoleAdmin)
	f.rules(t, f.room.ID, `cancel_before = '2 days'`)
	slot := f.input(f.room.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 20, 0))

	t.Run("OK", func(t *testing.T) {
		b := f.mustBook(t, booker, slot)
		got, err := f.bookings.CancelBooking(ctx, booker, b.ID, " Sjuk ")
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != booking.StatusCancelled || got.StatusReason != "Sjuk" || got.Revision != 2 || *got.StatusBy != booker.UserID {
			t.Fatalf("got %+v", got)
		}
		if f.auditCount(t, "booking.cancel", b.ID) != 1 {
			t.Fatal("no audit entry")
		}
		// The slot is free again.
		f.mustBook(t, booker, slot)
	})
	t.Run("ErrNotActive", func(t *testing.T) {
		b := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 9, 18, 0), at(2026, 9, 9, 20, 0)))
		if _, err := f.bookings.CancelBooking(ctx, booker, b.ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.bookings.CancelBooking(ctx, booker, b.ID, ""); !errors.Is(err, booking.ErrNotActive) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrCancelTooLate", func(t *testing.T) {
		b := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 2, 18, 0), at(2026, 9, 2, 20, 0)))
		if _, err := f.bookings.CancelBooking(ctx, booker, b.ID, ""); !errors.Is(err, booking.ErrCancelTooLate) {
			t.Fatalf("booker: %v", err)
		}
		// The owner may cancel until the start.
		if _, err := f.bookings.CancelBooking(ctx, ownerAdmin, b.ID, "Vattenläcka"); err != nil {
			t.Fatalf("owner: %v", err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		b := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 10, 18, 0), at(2026, 9, 10, 20, 0)))
		stranger := f.member(t, f.org(t, "association", "Främlingarna").ID, access.RoleAdmin)
		if _, err := f.bookings.CancelBooking(ctx, stranger, b.ID, ""); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("stranger: %v", err)
		}
		if _, err := f.bookings.CancelBooking(ctx, access.Anonymous(""), b.ID, ""); !errors.Is(err, access.ErrUnauthenticated) {
			t.Fatalf("anonymous: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := f.bookings.CancelBooking(ctx, booker, 1<<40, ""); !errors.Is(err, booking.ErrNotFound) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestApproveBooking(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	ownerAdmin := f.member(t, f.owner.ID, access.RoleAdmin)
	ownerBooker := f.member(t, f.owner.ID, access.RoleBooker)
	f.rules(t, f.room.ID, `needs_approval = true`)

	t.Run("OK", func(t *testing.T) {
		b := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 20, 0)))
		if b.Status != booking.StatusPending {
			t.Fatalf("status %s", b.Status)
		}
		// A pending request holds the slot.
		if _, err := f.bookings.CreateBooking(ctx, booker, f.input(f.room.ID, at(2026, 9, 8, 19, 0), at(2026, 9, 8, 21, 0))); !errors.Is(err, booking.ErrConflict) {
			t.Fatalf("pending did not hold: %v", err)
		}
		if _, err := f.bookings.ApproveBooking(ctx, ownerBooker, b.ID, ""); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("owner's booker: %v", err)
		}
		if _, err := f.bookings.ApproveBooking(ctx, booker, b.ID, ""); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("booking organisation: %v", err)
		}
		got, err := f.bookings.ApproveBooking(ctx, ownerAdmin, b.ID, "Välkomna")
		if err != nil || got.Status != booking.StatusConfirmed || got.Revision != 2 {
			t.Fatalf("approve: %+v %v", got, err)
		}
		if f.auditCount(t, "booking.approve", b.ID) != 1 {
			t.Fatal("no audit entry")
		}
		if _, err := f.bookings.ApproveBooking(ctx, ownerAdmin, b.ID, ""); !errors.Is(err, booking.ErrNotPending) {
			t.Fatalf("approve twice: %v", err)
		}
	})
	t.Run("Reject", func(t *testing.T) {
		slot := f.input(f.room.ID, at(2026, 9, 9, 18, 0), at(2026, 9, 9, 20, 0))
		b := f.mustBook(t, booker, slot)
		got, err := f.bookings.RejectBooking(ctx, ownerAdmin, b.ID, "Upptaget av skolan")
		if err != nil || got.Status != booking.StatusRejected || got.StatusReason != "Upptaget av skolan" {
			t.Fatalf("reject: %+v %v", got, err)
		}
		if f.auditCount(t, "booking.reject", b.ID) != 1 {
			t.Fatal("no audit entry")
		}
		// The rejected request frees the slot.
		f.mustBook(t, booker, slot)
	})
	t.Run("OwnerConfirmedAtOnce", func(t *testing.T) {
		in := f.input(f.room.ID, at(2026, 9, 10, 18, 0), at(2026, 9, 10, 20, 0))
		in.OrganisationID = f.owner.ID
		if b := f.mustBook(t, ownerBooker, in); b.Status != booking.StatusConfirmed {
			t.Fatalf("status %s", b.Status)
		}
	})
}

func TestFindBookings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	a := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 20, 0)))
	b := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 9, 18, 0), at(2026, 9, 9, 20, 0)))
	c := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 10, 18, 0), at(2026, 9, 10, 20, 0)))
	if _, err := f.bookings.CancelBooking(ctx, booker, c.ID, ""); err != nil {
		t.Fatal(err)
	}
	page, err := f.bookings.FindBookings(ctx, booking.Filter{RoomID: f.room.ID, Limit: 1})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != a.ID || page.Next == nil {
		t.Fatalf("first page: %+v %v", page, err)
	}
	page, err = f.bookings.FindBookings(ctx, booking.Filter{RoomID: f.room.ID, Cursor: page.Next.Encode()})
	if err != nil || len(page.Items) != 2 || page.Items[0].ID != b.ID || page.Next != nil {
		t.Fatalf("second page: %+v %v", page, err)
	}
	// The window is half-open: a booking ending at From is outside it.
	page, err = f.bookings.FindBookings(ctx, booking.Filter{OrganisationID: f.club.ID, From: at(2026, 9, 8, 20, 0),
		Status: []booking.Status{booking.StatusConfirmed}})
	if err != nil || len(page.Items) != 1 || page.Items[0].ID != b.ID {
		t.Fatalf("window: %+v %v", page, err)
	}
}
