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
	"github.com/borasstad/lokalbanken/internal/validation"
)

// rawTx runs the statements (without arguments) in one transaction, as a writer that bypasses the service
// would, and returns the error of the first that fails or of the commit.
func (f *fixture) rawTx(t testing.TB, stmts ...string) error {
	t.Helper()
	ctx := context.Background()
	tx, err := f.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

// rawBooking inserts a booking of room over [start, end) and, when atoms are given, a hold
// on each over span (the booking's own when span is empty), in one statement.
func (f *fixture) rawBooking(ctx context.Context, room int64, start, end time.Time, status, span string, atoms ...int64) error {
	if span == "" {
		span = "b.span"
	}
	_, err := f.db.ExecContext(ctx, `WITH b AS (INSERT INTO bookings (room_id, organisation_id, title, attendees, starts_at, ends_at, status, created_at, updated_at)
			VALUES (?, ?, 'Rått', 5, ?, ?, ?, now(), now()) RETURNING id, span)
		INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT b.id, a, `+span+` FROM b, unnest(?::bigint[]) AS a`,
		room, f.club.ID, start, end, status, atomsArray(atoms))
	return err
}

func atomsArray(atoms []int64) string {
	s := "{"
	for i, a := range atoms {
		if i > 0 {
			s += ","
		}
		s += itoa(a)
	}
	return s + "}"
}

func isCheck(err error) bool {
	return database.Violates(err, database.CodeCheckViolation, "booking_holds_match")
}

func TestHoldsIntegrity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	hall := f.newRoom(t, "Sporthallen", 200)
	north := f.newRoom(t, "Norra halvan", 100)
	south := f.newRoom(t, "Södra halvan", 100)
	f.exec(t, `INSERT INTO room_parts VALUES (?, ?), (?, ?)`, hall.ID, north.ID, hall.ID, south.ID)
	day := func(d int) (time.Time, time.Time) { return at(2026, 10, d, 18, 0), at(2026, 10, d, 20, 0) }
	count := func() int {
		var n int
		if err := f.db.NewRaw(`SELECT count(*) FROM bookings WHERE title = 'Rått'`).Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	t.Run("OK/BookingAndHoldsTogether", func(t *testing.T) {
		s, e := day(1)
		if err := f.rawBooking(ctx, hall.ID, s, e, "confirmed", "", north.ID, south.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.rawBooking(ctx, f.room.ID, s, e, "cancelled", ""); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ErrNoHolds", func(t *testing.T) {
		before := count()
		s, e := day(2)
		if err := f.rawBooking(ctx, f.room.ID, s, e, "pending", ""); !isCheck(err) {
			t.Fatalf("active booking without holds: %v", err)
		}
		if count() != before {
			t.Fatal("stored")
		}
	})
	t.Run("ErrWrongSpan", func(t *testing.T) {
		s, e := day(3)
		err := f.rawBooking(ctx, hall.ID, s, e, "confirmed", "tstzrange(lower(b.span), upper(b.span) - interval '1 minute')", north.ID, south.ID)
		if !isCheck(err) {
			t.Fatalf("hold over another span: %v", err)
		}
	})
	t.Run("ErrHoldsOnCancelled", func(t *testing.T) {
		s, e := day(4)
		if err := f.rawBooking(ctx, f.room.ID, s, e, "rejected", "", f.room.ID); !isCheck(err) {
			t.Fatalf("rejected booking with a hold: %v", err)
		}
	})
	t.Run("ErrWrongAtoms", func(t *testing.T) {
		// The hall itself is no atom: the holds of a booking that read the room before its
		// parts were set. Running it again would read the parts, so it is retryable.
		s, e := day(5)
		err := f.rawBooking(ctx, hall.ID, s, e, "confirmed", "", hall.ID)
		if !database.IsRetryable(err) || !database.Violates(err, database.CodeSerialization, "booking_holds_match") {
			t.Fatalf("holds on other atoms: %v", err)
		}
		if err := f.rawBooking(ctx, hall.ID, s, e, "confirmed", "", north.ID); !database.IsRetryable(err) {
			t.Fatalf("holds on some atoms: %v", err)
		}
	})
	t.Run("ErrHoldDeleted", func(t *testing.T) {
		s, e := day(6)
		b := f.mustBook(t, booker, f.input(hall.ID, s, e))
		_, err := f.db.ExecContext(ctx, `DELETE FROM booking_holds WHERE booking_id = ? AND atom_room_id = ?`, b.ID, north.ID)
		if !database.IsRetryable(err) {
			t.Fatalf("deleting one hold: %v", err)
		}
		if _, err := f.db.ExecContext(ctx, `DELETE FROM booking_holds WHERE booking_id = ?`, b.ID); !isCheck(err) {
			t.Fatalf("deleting every hold: %v", err)
		}
		_, err = f.db.ExecContext(ctx, `UPDATE booking_holds SET span = tstzrange(lower(span), upper(span) + interval '1 hour') WHERE booking_id = ?`, b.ID)
		if !isCheck(err) {
			t.Fatalf("lengthening the holds: %v", err)
		}
		if got := f.heldAtoms(t, b.ID); len(got) != 2 {
			t.Fatalf("holds %v after refused changes", got)
		}
	})
	t.Run("ErrCancelledByHand", func(t *testing.T) {
		s, e := day(7)
		b := f.mustBook(t, booker, f.input(f.room.ID, s, e))
		cancel := `UPDATE bookings SET status = 'cancelled' WHERE id = ` + itoa(b.ID)
		if err := f.rawTx(t, cancel); !isCheck(err) {
			t.Fatalf("cancelled keeping its holds: %v", err)
		}
		release := `DELETE FROM booking_holds WHERE booking_id = ` + itoa(b.ID)
		if err := f.rawTx(t, cancel, release); err != nil {
			t.Fatalf("cancelled with its holds released: %v", err)
		}
	})
	t.Run("OK/CancelAndReject", func(t *testing.T) {
		admin := f.member(t, f.owner.ID, access.RoleAdmin)
		s, e := day(8)
		b := f.mustBook(t, booker, f.input(hall.ID, s, e))
		if _, err := f.bookings.CancelBooking(ctx, booker, b.ID, "Sjuk"); err != nil {
			t.Fatal(err)
		}
		f.rules(t, north.ID, "needs_approval = true")
		p := f.mustBook(t, booker, f.input(north.ID, s, e))
		if p.Status != booking.StatusPending {
			t.Fatalf("status %s", p.Status)
		}
		if _, err := f.bookings.RejectBooking(ctx, admin, p.ID, "Upptaget"); err != nil {
			t.Fatal(err)
		}
		a := f.mustBook(t, booker, f.input(north.ID, s.Add(24*time.Hour), e.Add(24*time.Hour)))
		if _, err := f.bookings.ApproveBooking(ctx, admin, a.ID, ""); err != nil {
			t.Fatal(err)
		}
		if len(f.heldAtoms(t, b.ID))+len(f.heldAtoms(t, p.ID)) != 0 || len(f.heldAtoms(t, a.ID)) != 1 {
			t.Fatal("holds do not follow the status")
		}
	})
	t.Run("ErrPartsByHand", func(t *testing.T) {
		// A booking that has not ended (by the database's clock) would be left on the old
		// atoms by a change of parts that does not rebuild the holds.
		stage := f.newRoom(t, "Scenen", 50)
		wing := f.newRoom(t, "Sidoscenen", 20)
		s := time.Now().AddDate(0, 1, 0).Truncate(time.Hour)
		if err := f.rawBooking(ctx, stage.ID, s, s.Add(time.Hour), "confirmed", "", stage.ID); err != nil {
			t.Fatal(err)
		}
		_, err := f.db.ExecContext(ctx, `INSERT INTO room_parts VALUES (?, ?)`, stage.ID, wing.ID)
		if !database.Violates(err, database.CodeSerialization, "booking_holds_match") {
			t.Fatalf("parts by hand: %v", err)
		}
	})
	t.Run("ErrCycle", func(t *testing.T) {
		_, err := f.db.ExecContext(ctx, `INSERT INTO room_parts VALUES (?, ?)`, north.ID, hall.ID)
		if !database.Violates(err, database.CodeCheckViolation, "room_parts_no_cycle") {
			t.Fatalf("a cycle: %v", err)
		}
	})
}

// TestSetRoomPartsConcurrent races bookings of a hall and of its north half, each cancelled
// and booked again, against the hall's parts being set and cleared over and over. Whatever
// wins, no two active bookings may share space at the same time, and every booking must hold
// exactly its room's atoms as they are at the end. It books a month from the real clock, so
// that the check of room_parts (which leaves ended bookings alone) takes part too.
func TestSetRoomPartsConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	live := booking.NewService(f.db, validation.New(), time.Now, stockholm)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	admin := f.member(t, f.owner.ID, access.RoleAdmin)
	hall := f.newRoom(t, "Sporthallen", 200)
	north := f.newRoom(t, "Norra halvan", 100)
	south := f.newRoom(t, "Södra halvan", 100)
	base := time.Now().In(stockholm).AddDate(0, 1, 0)
	const slots, rounds = 8, 12

	var (
		mu              sync.Mutex
		booked, refused int
		partsSet        int
		others          []error
	)
	note := func(err error, ok *int) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err == nil:
			*ok++
		case errors.Is(err, booking.ErrConflict):
			refused++
		default:
			others = append(others, err)
		}
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 2 * slots {
		room := []int64{hall.ID, north.ID}[i%2]
		s := time.Date(base.Year(), base.Month(), base.Day()+i/2, 18, 0, 0, 0, stockholm)
		wg.Go(func() {
			<-start
			for r := range rounds {
				b, err := live.CreateBooking(ctx, booker, f.input(room, s, s.Add(2*time.Hour)))
				note(err, &booked)
				if err == nil && r < rounds-1 {
					_, err = live.CancelBooking(ctx, booker, b.ID, "")
					note(err, new(int))
				}
			}
		})
	}
	wg.Go(func() {
		<-start
		for r := range 4 * rounds {
			parts := []int64{north.ID, south.ID}
			if r%2 == 1 {
				parts = nil
			}
			_, err := live.SetRoomParts(ctx, admin, hall.ID, parts)
			note(err, &partsSet)
		}
	})
	close(start)
	wg.Wait()
	if len(others) > 0 {
		t.Fatalf("unexpected errors: %v", others)
	}
	t.Logf("%d bookings, %d parts changes, %d refused", booked, partsSet, refused)
	if booked == 0 || partsSet == 0 {
		t.Fatal("nothing happened")
	}
	var shared, mismatched int
	err := f.db.NewRaw(`SELECT count(*) FROM bookings a JOIN bookings b ON a.id < b.id AND a.span && b.span
		WHERE a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed')
		AND EXISTS (SELECT 1 FROM room_atoms(a.room_id) x JOIN room_atoms(b.room_id) y ON x = y)`).Scan(ctx, &shared)
	if err != nil || shared != 0 {
		t.Fatalf("%d pairs of bookings share space: %v", shared, err)
	}
	err = f.db.NewRaw(`SELECT count(*) FROM bookings b WHERE CASE WHEN b.status IN ('pending', 'confirmed')
		THEN ARRAY(SELECT h.atom_room_id FROM booking_holds h WHERE h.booking_id = b.id AND h.span = b.span ORDER BY 1)
			IS DISTINCT FROM ARRAY(SELECT a FROM room_atoms(b.room_id) a ORDER BY 1)
			OR EXISTS (SELECT 1 FROM booking_holds h WHERE h.booking_id = b.id AND h.span <> b.span)
		ELSE EXISTS (SELECT 1 FROM booking_holds h WHERE h.booking_id = b.id) END`).Scan(ctx, &mismatched)
	if err != nil || mismatched != 0 {
		t.Fatalf("%d bookings do not hold their room's atoms: %v", mismatched, err)
	}
}
