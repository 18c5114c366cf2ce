package booking_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/database"
)

func TestRoomParts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	hall := f.newRoom(t, "Sporthallen", 200)
	north := f.newRoom(t, "Sporthallen norra halvan", 100)
	south := f.newRoom(t, "Sporthallen södra halvan", 100)
	f.exec(t, `INSERT INTO room_parts VALUES (?, ?), (?, ?)`, hall.ID, north.ID, hall.ID, south.ID)

	t.Run("OK", func(t *testing.T) {
		// The two halves are separate spaces.
		f.mustBook(t, booker, f.input(north.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 20, 0)))
		f.mustBook(t, booker, f.input(south.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 20, 0)))
	})
	t.Run("ErrConflict/WholeAfterPart", func(t *testing.T) {
		_, err := f.bookings.CreateBooking(ctx, booker, f.input(hall.ID, at(2026, 9, 8, 19, 0), at(2026, 9, 8, 21, 0)))
		var ce *booking.ConflictError
		if !errors.As(err, &ce) || len(ce.Clashes) != 2 {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrConflict/PartAfterWhole", func(t *testing.T) {
		f.mustBook(t, booker, f.input(hall.ID, at(2026, 9, 9, 18, 0), at(2026, 9, 9, 20, 0)))
		_, err := f.bookings.CreateBooking(ctx, booker, f.input(south.ID, at(2026, 9, 9, 19, 30), at(2026, 9, 9, 20, 30)))
		if !errors.Is(err, booking.ErrConflict) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrExclusion/RawSQL", func(t *testing.T) {
		// A writer that bypasses the service is refused by PostgreSQL itself. It must write
		// the booking and its holds in one transaction (bookings_holds_match checks at commit).
		_, err := f.db.NewRaw(`WITH b AS (INSERT INTO bookings (room_id, organisation_id, title, attendees, starts_at, ends_at, status, created_at, updated_at)
				VALUES (?, ?, 'Smyg', 5, ?, ?, 'confirmed', now(), now()) RETURNING id, span)
			INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, ?, span FROM b`,
			south.ID, f.club.ID, at(2026, 9, 9, 19, 0), at(2026, 9, 9, 19, 30), south.ID).Exec(ctx)
		if !database.IsExclusionViolation(err, "booking_holds_no_overlap") {
			t.Fatalf("raw overlapping hold: %v", err)
		}
	})
}

func TestCreateBookingConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	const clients = 64
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		won       int
		conflicts int
		others    []error
		slowest   time.Duration
	)
	start := make(chan struct{})
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			// Overlapping ranges, each shifted by a minute.
			s := at(2026, 9, 8, 17, 0).Add(time.Duration(i) * time.Minute)
			t0 := time.Now()
			_, err := f.bookings.CreateBooking(ctx, booker, f.input(f.room.ID, s, s.Add(2*time.Hour)))
			d := time.Since(t0)
			mu.Lock()
			defer mu.Unlock()
			slowest = max(slowest, d)
			switch {
			case err == nil:
				won++
			case errors.Is(err, booking.ErrConflict):
				conflicts++
			default:
				others = append(others, err)
			}
		}()
	}
	close(start)
	wg.Wait()
	if won != 1 || conflicts != clients-1 || len(others) > 0 {
		t.Fatalf("won %d, conflicts %d, other errors %v", won, conflicts, others)
	}
	t.Logf("slowest answer %v", slowest)
	var overlaps int
	err := f.db.NewRaw(`SELECT count(*) FROM booking_holds a JOIN booking_holds b
		ON a.atom_room_id = b.atom_room_id AND a.booking_id < b.booking_id AND a.span && b.span`).Scan(ctx, &overlaps)
	if err != nil || overlaps != 0 {
		t.Fatalf("overlapping holds: %d %v", overlaps, err)
	}
	var active int
	err = f.db.NewRaw(`SELECT count(*) FROM bookings WHERE status IN ('pending', 'confirmed')`).Scan(ctx, &active)
	if err != nil || active != 1 {
		t.Fatalf("active bookings: %d %v", active, err)
	}
}
