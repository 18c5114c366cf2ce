package booking_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/jackc/pgx/v5"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

func TestCreateBooking(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)

	t.Run("OK", func(t *testing.T) {
		in := f.input(f.room.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 20, 30))
		in.Title = "  Årsmöte "
		b := f.mustBook(t, booker, in)
		if b.ID == 0 || b.Status != booking.StatusConfirmed || b.Revision != 1 || b.Title != "Årsmöte" ||
			*b.CreatedBy != booker.UserID {
			t.Fatalf("got %+v", b)
		}
		got, err := f.bookings.FindBookingByID(ctx, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.StartsAt.Equal(in.StartsAt) || !got.EndsAt.Equal(in.EndsAt) || got.Status != booking.StatusConfirmed {
			t.Fatalf("stored %+v", got)
		}
		if f.auditCount(t, "booking.create", b.ID) != 1 {
			t.Fatal("no audit entry")
		}
	})
	t.Run("BackToBack", func(t *testing.T) {
		f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 9, 18, 0), at(2026, 9, 9, 19, 0)))
		f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 9, 19, 0), at(2026, 9, 9, 20, 0)))
		f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 9, 17, 0), at(2026, 9, 9, 18, 0)))
	})
	t.Run("ErrConflict", func(t *testing.T) {
		first := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 10, 18, 0), at(2026, 9, 10, 20, 0)))
		other := f.org(t, "association", "Borås Bridgeklubb")
		otherBooker := f.member(t, other.ID, access.RoleBooker)
		in := f.input(f.room.ID, at(2026, 9, 10, 19, 0), at(2026, 9, 10, 21, 0))
		in.OrganisationID = other.ID
		_, err := f.bookings.CreateBooking(ctx, otherBooker, in)
		var ce *booking.ConflictError
		if !errors.As(err, &ce) || !errors.Is(err, booking.ErrConflict) || fault.KindOf(err) != fault.Conflict {
			t.Fatalf("got %v", err)
		}
		want := []booking.Clash{{BookingID: first.ID, RoomID: f.room.ID, StartsAt: first.StartsAt, EndsAt: first.EndsAt, Own: false}}
		if diff := cmp.Diff(want, ce.Clashes, cmpTimes); diff != "" {
			t.Fatalf("clashes (-want +got):\n%s", diff)
		}
		// The club's own clash is marked as its own.
		_, err = f.bookings.CreateBooking(ctx, booker, f.input(f.room.ID, at(2026, 9, 10, 17, 0), at(2026, 9, 10, 18, 30)))
		if !errors.As(err, &ce) || len(ce.Clashes) != 1 || !ce.Clashes[0].Own {
			t.Fatalf("own clash: %v %+v", err, ce)
		}
		var n int
		if err := f.db.NewRaw(`SELECT count(*) FROM bookings WHERE room_id = ? AND starts_at >= ? AND starts_at < ?`,
			f.room.ID, at(2026, 9, 10, 0, 0), at(2026, 9, 11, 0, 0)).Scan(ctx, &n); err != nil || n != 1 {
			t.Fatalf("a refused booking was stored: %d %v", n, err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := f.bookings.CreateBooking(ctx, booker, booking.Input{RoomID: f.room.ID, OrganisationID: f.club.ID})
		want := map[string]string{"title": "required", "attendees": "required", "starts_at": "required", "ends_at": "required"}
		if diff := cmp.Diff(want, fieldCodes(err)); diff != "" {
			t.Fatalf("field errors (-want +got):\n%s", diff)
		}
	})
	for _, tc := range []struct {
		name       string
		start, end time.Time
		attendees  int
		want       map[string]string
	}{
		{"ErrEndNotAfterStart", at(2026, 9, 15, 18, 0), at(2026, 9, 15, 18, 0), 10, map[string]string{"ends_at": booking.CodeEndNotAfterStart}},
		{"ErrInPast", at(2026, 9, 1, 9, 0), at(2026, 9, 1, 11, 0), 10, map[string]string{"starts_at": booking.CodeInPast}},
		{"ErrAboveCapacity", at(2026, 9, 15, 18, 0), at(2026, 9, 15, 19, 0), 41, map[string]string{"attendees": booking.CodeAboveCapacity}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := f.input(f.room.ID, tc.start, tc.end)
			in.Attendees = tc.attendees
			_, err := f.bookings.CreateBooking(ctx, booker, in)
			if diff := cmp.Diff(tc.want, fieldCodes(err)); diff != "" {
				t.Fatalf("field errors (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("ErrUnknownRoom", func(t *testing.T) {
		_, err := f.bookings.CreateBooking(ctx, booker, f.input(1<<40, at(2026, 9, 15, 18, 0), at(2026, 9, 15, 19, 0)))
		if fieldCodes(err)["room_id"] != "not_found" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		stranger := f.member(t, f.org(t, "association", "Annan förening").ID, access.RoleAdmin)
		_, err := f.bookings.CreateBooking(ctx, stranger, f.input(f.room.ID, at(2026, 9, 15, 18, 0), at(2026, 9, 15, 19, 0)))
		if !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("booker of another organisation: %v", err)
		}
		_, err = f.bookings.CreateBooking(ctx, access.Anonymous("127.0.0.1"), f.input(f.room.ID, at(2026, 9, 15, 18, 0), at(2026, 9, 15, 19, 0)))
		if !errors.Is(err, access.ErrUnauthenticated) {
			t.Fatalf("anonymous: %v", err)
		}
	})
}

var cmpTimes = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

// TestCreateBookingRoundTrips holds a one-off booking to its two round trips (one read, one
// write), and a refused one to a third that names the clash: the API's booking rate rests on
// it. The statements are counted by pgx, so the ones sent around bun count too.
func TestCreateBookingRoundTrips(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	var name string
	if err := f.db.NewRaw(`SELECT current_database()`).Scan(ctx, &name); err != nil {
		t.Fatal(err)
	}
	sc := &statementCounter{}
	db, err := database.Open(ctx, dbtest.URL(t, name), database.Options{Tracer: sc})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	counted := booking.NewService(db, validation.New(), func() time.Time { return now }, stockholm)
	sc.n.Store(0)
	if _, err := counted.CreateBooking(ctx, booker, f.input(f.room.ID, at(2026, 9, 20, 18, 0), at(2026, 9, 20, 20, 0))); err != nil {
		t.Fatal(err)
	}
	if n := sc.n.Swap(0); n != 2 {
		t.Errorf("a booking took %d statements, want 2 (read, write)", n)
	}
	// The room is kept: the next booking of it is the write alone, and a clash one more.
	_, err = counted.CreateBooking(ctx, booker, f.input(f.room.ID, at(2026, 9, 20, 19, 0), at(2026, 9, 20, 21, 0)))
	var ce *booking.ConflictError
	if !errors.As(err, &ce) || len(ce.Clashes) != 1 {
		t.Fatalf("clash: %v", err)
	}
	if n := sc.n.Swap(0); n != 2 {
		t.Errorf("a refused booking took %d statements, want 2 (write, clashes)", n)
	}
	second, err := counted.CreateBooking(ctx, booker, f.input(f.room.ID, at(2026, 9, 21, 18, 0), at(2026, 9, 21, 20, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if n := sc.n.Swap(0); n != 1 {
		t.Errorf("a booking of a room booked before took %d statements, want 1", n)
	}
	// A change of the room's settings makes the write insert nothing; the room is read again.
	f.exec(t, `UPDATE rooms SET capacity = capacity WHERE id = ?`, f.room.ID)
	if _, err := counted.CreateBooking(ctx, booker, f.input(f.room.ID, at(2026, 9, 22, 18, 0), at(2026, 9, 22, 20, 0))); err != nil {
		t.Fatal(err)
	}
	if n := sc.n.Swap(0); n != 3 {
		t.Errorf("a booking after a change of settings took %d statements, want 3 (stale write, read, write)", n)
	}
	for _, id := range []int64{ce.Clashes[0].BookingID, second.ID} {
		if n := f.auditCount(t, "booking.create", id); n != 1 {
			t.Errorf("%d audit entries for booking %d, want 1", n, id)
		}
		var logged int64
		if err := f.db.NewRaw(`SELECT (after->>'id')::bigint FROM audit_log WHERE action = 'booking.create' AND object_id = ?`, id).Scan(ctx, &logged); err != nil || logged != id {
			t.Errorf("the audit entry of booking %d logs id %d (%v)", id, logged, err)
		}
	}
}

// statementCounter counts the statements pgx sends.
type statementCounter struct{ n atomic.Int64 }

func (c *statementCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *statementCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// TestKeptRoomFollowsChanges: the fast path keeps the rooms it read; every change of what a
// booking is checked against, made by any means, counts for the next booking at once.
func TestKeptRoomFollowsChanges(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	day := 20
	book := func() error {
		day++
		_, err := f.bookings.CreateBooking(context.Background(), booker, f.input(f.room.ID, at(2026, 9, day, 18, 0), at(2026, 9, day, 20, 0)))
		return err
	}
	room, club := f.room.ID, f.club.ID
	for _, c := range []struct {
		name, change, undo string
		id                 int64  // of the row changed
		want               string // the field error code or the rule that refuses
	}{
		{"rules", `INSERT INTO booking_rules (room_id, who_may_book, created_at, updated_at) VALUES (?, 'owner', now(), now())`,
			`DELETE FROM booking_rules WHERE room_id = ?`, room, "owner"},
		{"closure", `INSERT INTO closures (room_id, first_day, last_day, reason, created_at) VALUES (?, '2026-09-01', '2026-12-31', 'Renovering', now())`,
			`DELETE FROM closures WHERE room_id = ?`, room, booking.CodeClosed},
		{"capacity", `UPDATE rooms SET capacity = 5 WHERE id = ?`, `UPDATE rooms SET capacity = 40 WHERE id = ?`, room, booking.CodeAboveCapacity},
		{"archived room", `UPDATE rooms SET archived_at = now() WHERE id = ?`, `UPDATE rooms SET archived_at = NULL WHERE id = ?`, room, "archived"},
		{"archived organisation", `UPDATE organisations SET archived_at = now() WHERE id = ?`,
			`UPDATE organisations SET archived_at = NULL WHERE id = ?`, club, "archived"},
	} {
		if err := book(); err != nil {
			t.Fatalf("%s: before the change: %v", c.name, err)
		}
		f.exec(t, c.change, c.id)
		err := book()
		var re *booking.RuleError
		if !(errors.As(err, &re) && re.Rule == c.want) && !slices.Contains(slices.Collect(maps.Values(fieldCodes(err))), c.want) {
			t.Errorf("%s: after the change: %v, want %s", c.name, err, c.want)
		}
		f.exec(t, c.undo, c.id)
		if err := book(); err != nil {
			t.Errorf("%s: after undoing the change: %v", c.name, err)
		}
	}
}
