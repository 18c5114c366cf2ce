package report_test

import (
	"context"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/report"
)

// BenchmarkSharing answers the sharing report of 2026 (and so 2025 beside it) over
// 1 000 000 bookings, computed afresh (sub-benchmark Compute) and from its snapshot
// (Snapshot, what a visitor gets while it is younger than MaxAge): 200 venues of one room each, owned by the city's departments,
// associations and other organisations, every room booked seven times a day (two hours
// each) on every day of 2025 and 2026 (5 000 bookings a room) by one of 300 organisations,
// 85 % confirmed, 10 % cancelled, 5 % pending, half of them public, each confirmed or
// pending one with its hold through the exclusion constraint. Run it by hand (seeding
// takes a few minutes on two cores):
//
//	go test ./internal/report -run '^$' -bench Sharing -benchtime 5x -timeout 30m
func BenchmarkSharing(b *testing.B) {
	ctx := context.Background()
	db := dbtest.New(b)
	t0 := time.Now()
	for _, q := range []string{
		`INSERT INTO organisations (kind, name, created_at, updated_at)
			SELECT (ARRAY['city', 'association', 'association', 'association', 'other'])[1 + i % 5], 'Organisation ' || i, now(), now()
			FROM generate_series(1, 300) AS i`,
		`INSERT INTO venues (owner_id, name, street_address, postal_code, town, district, created_at, updated_at)
			SELECT o.id, 'Lokal ' || o.name, 'Gatan 1', '503 30', 'Borås',
				(ARRAY['Centrum', 'Norrby', 'Hässleholmen', 'Sjöbo', 'Göta'])[1 + o.id % 5], now(), now()
			FROM organisations o WHERE o.name LIKE 'Organisation %' ORDER BY o.id LIMIT 200`,
		`INSERT INTO rooms (venue_id, name, capacity, created_at, updated_at)
			SELECT v.id, 'Salen', 50, now(), now() FROM venues v WHERE v.name LIKE 'Lokal %'`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	// Bookings and holds in one transaction: bookings_holds_match checks at commit.
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `
		WITH orgs AS (SELECT array_agg(id ORDER BY id) AS ids FROM organisations WHERE name LIKE 'Organisation %')
		INSERT INTO bookings (room_id, organisation_id, title, attendees, public, starts_at, ends_at, status, created_at, updated_at)
		SELECT r.id, orgs.ids[1 + (r.id * 7919 + k * 104729) % 300], 'Bokning', 10, (r.id + k) % 2 = 0,
			(date '2025-01-01' + k / 7 + time '08:00' + (k % 7) * interval '2 hours') AT TIME ZONE 'Europe/Stockholm',
			(date '2025-01-01' + k / 7 + time '10:00' + (k % 7) * interval '2 hours') AT TIME ZONE 'Europe/Stockholm',
			CASE WHEN (r.id * 31 + k) % 20 < 17 THEN 'confirmed' WHEN (r.id * 31 + k) % 20 < 19 THEN 'cancelled' ELSE 'pending' END,
			now(), now()
		FROM rooms r, orgs, generate_series(0, 4999) AS k WHERE r.name = 'Salen'`); err != nil {
		b.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO booking_holds (booking_id, atom_room_id, span)
		SELECT id, room_id, span FROM bookings WHERE status IN ('confirmed', 'pending')`); err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
		b.Fatal(err)
	}
	var n int
	if err := db.NewRaw(`SELECT count(*) FROM bookings`).Scan(ctx, &n); err != nil {
		b.Fatal(err)
	}
	if n < 1_000_000 {
		b.Fatalf("seeded %d bookings", n)
	}
	b.Logf("seeded %d bookings in %s", n, time.Since(t0).Round(time.Second))

	s := report.NewService(db, time.Now, stockholm)
	p := report.Year(2026, stockholm)
	var r *report.Sharing
	b.Run("Compute", func(b *testing.B) {
		for b.Loop() {
			if r, err = s.ComputeSharing(ctx, p, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Snapshot", func(b *testing.B) {
		for b.Loop() {
			if r, err = s.FindSharing(ctx, access.System, p); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Logf("2026: %.0f hours lent in %d bookings, %d venues, %d borrowers; 2025: %.0f hours",
		r.Total.This.Hours, r.Total.This.Bookings, len(r.ByVenue), r.Borrowers.This, r.Total.Last.Hours)
}
