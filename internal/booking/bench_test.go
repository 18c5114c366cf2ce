package booking_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// BenchmarkFreeRooms measures the free-room search over 1 000 rooms (200 venues of five
// rooms) booked for eight months ahead: every day 09:00–12:00 and 13:00–16:00 and, on about one day in
// ten, 18:00–20:30 (about 500 000 bookings, each with its hold). The rows go in with
// INSERT … SELECT, through the exclusion constraint. It reports the search for one evening
// window, for every Tuesday 18:00–20:30 of the autumn term, and one room's week of
// availability.
func BenchmarkFreeRooms(b *testing.B) {
	ctx := context.Background()
	f := newFixture(b)
	start := time.Now()
	f.exec(b, `INSERT INTO venues (owner_id, name, street_address, postal_code, town, district, lift, created_at, updated_at)
		SELECT ?, 'Lokal ' || lpad(i::text, 4, '0'), 'Gatan ' || i, '503 30', 'Borås',
			(ARRAY['Centrum', 'Norrby', 'Hässleholmen', 'Sjöbo', 'Göta'])[1 + i % 5], i % 2 = 0, ?, ?
		FROM generate_series(1, 200) AS i`, f.owner.ID, now, now)
	f.exec(b, `INSERT INTO rooms (venue_id, name, capacity, facilities, created_at, updated_at)
		SELECT v.id, 'Rum ' || j, 10 + (v.id * 7 + j * 13) % 150,
			(ARRAY['{wifi}', '{kitchen,projector}', '{stage}', '{wifi,kitchen}', '{piano}'])[j]::text[], ?, ?
		FROM venues v, generate_series(1, 5) AS j WHERE v.name LIKE 'Lokal %'`, now, now)
	// The bookings and their holds in one transaction, as bookings_holds_match checks at
	// commit; two statements, as one INSERT … RETURNING feeding the holds runs twice as long.
	err := f.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		_, err := tx.NewRaw(`INSERT INTO bookings (room_id, organisation_id, title, attendees, starts_at, ends_at, status, created_at, updated_at)
		SELECT r.id, ?, 'Bokning', 5,
			((date '2026-09-02' + d) + s.opens) AT TIME ZONE 'Europe/Stockholm',
			((date '2026-09-02' + d) + s.closes) AT TIME ZONE 'Europe/Stockholm', 'confirmed', ?, ?
		FROM rooms r, generate_series(0, 239) AS d,
			(VALUES (time '09:00', time '12:00', false), (time '13:00', time '16:00', false), (time '18:00', time '20:30', true)) AS s (opens, closes, evening)
		WHERE NOT s.evening OR (hashint8(r.id * 1000 + d) & 1023) < 100`, f.club.ID, now, now).Exec(ctx)
		if err != nil {
			return err
		}
		_, err = tx.NewRaw(`INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM bookings`).Exec(ctx)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	f.exec(b, `ANALYZE`)
	var rooms, bookings int
	if err := f.db.NewRaw(`SELECT (SELECT count(*) FROM rooms), (SELECT count(*) FROM bookings)`).Scan(ctx, &rooms, &bookings); err != nil {
		b.Fatal(err)
	}
	b.Logf("setup: %d rooms, %d bookings in %s", rooms, bookings, time.Since(start).Round(time.Millisecond))

	tuesdays := &booking.WeeklyPattern{Weekday: 2, StartTime: 18 * time.Hour, EndTime: 20*time.Hour + 30*time.Minute,
		FirstDay: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)}
	for _, bc := range []struct {
		name string
		q    booking.FreeRoomsQuery
	}{
		{"window", booking.FreeRoomsQuery{From: at(2026, 10, 13, 18, 0), To: at(2026, 10, 13, 20, 30)}},
		{"window filtered", booking.FreeRoomsQuery{From: at(2026, 10, 13, 18, 0), To: at(2026, 10, 13, 20, 30),
			Filter: venue.Filter{CapacityMin: 50, District: "Norrby", Accessibility: []string{"lift"}}}},
		{"term of tuesdays", booking.FreeRoomsQuery{Weekly: tuesdays}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var found int
			var took []time.Duration
			for b.Loop() {
				t0 := time.Now()
				got, err := f.bookings.FindFreeRooms(ctx, bc.q)
				if err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
				found = len(got.Rooms)
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)*95/100])/1e6, "p95-ms")
			b.ReportMetric(float64(found), "rooms")
		})
	}
	var roomID int64
	if err := f.db.NewRaw(`SELECT min(id) FROM rooms WHERE name = 'Rum 1'`).Scan(ctx, &roomID); err != nil {
		b.Fatal(err)
	}
	b.Run("room week", func(b *testing.B) {
		for b.Loop() {
			if _, err := f.bookings.RoomAvailability(ctx, roomID, at(2026, 10, 12, 0, 0), at(2026, 10, 19, 0, 0)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
