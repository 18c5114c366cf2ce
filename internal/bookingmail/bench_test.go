package bookingmail_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// BenchmarkBookingRequests measures how fast booking requests (rooms that need approval:
// the bookings that cause a message) are made, eight at a time, with notifications off (no
// publisher) and on, in the same run over the same database:
//
//   - off: the fast path's one statement;
//   - on: the same statement with the request's row in booking_changes (what every request
//     pays);
//   - on+delivering: as on, while the outbox relays, composes and delivers the messages to
//     the loopback SMTP server in the same process (the whole system on the same cores).
//
// Run with: go test ./internal/bookingmail -run '^$' -bench BookingRequests -benchtime 2000x -count 3
func BenchmarkBookingRequests(b *testing.B) {
	ctx := context.Background()
	w := newBareWorld(b, "association")
	venues := venue.NewService(w.db, validation.New(), func() time.Time { return now })
	rooms := []int64{w.room.ID}
	for i := range 39 {
		r, err := venues.CreateRoom(ctx, access.System, w.roomVenue(b), venue.RoomInput{Name: fmt.Sprintf("Rum %d", i), Capacity: 40})
		if err != nil {
			b.Fatal(err)
		}
		w.exec(b, `INSERT INTO booking_rules (room_id, needs_approval, created_at, updated_at) VALUES (?, true, ?, ?)`, r.ID, now, now)
		rooms = append(rooms, r.ID)
	}
	var slot atomic.Int64 // every request its own hour: no conflicts
	request := func(svc *booking.Service) error {
		k := slot.Add(1)
		room := rooms[k%int64(len(rooms))]
		n := k / int64(len(rooms))
		start := time.Date(2026, 9, 2+int(n/12), 8+int(n%12), 0, 0, 0, stockholm)
		_, err := svc.CreateBooking(ctx, w.booker, booking.Input{RoomID: room, OrganisationID: w.club.ID, Title: "Träning",
			Attendees: 10, StartsAt: start, EndsAt: start.Add(time.Hour)})
		return err
	}
	clock := func() time.Time { return now }
	off := booking.NewService(w.db, validation.New(), clock, stockholm)
	on := booking.NewService(w.db, validation.New(), clock, stockholm)
	out := w.outbox(b)
	on.Announce()
	run := func(name string, svc *booking.Service) {
		b.Run(name, func(b *testing.B) {
			b.SetParallelism(4) // 8 clients on 2 cores
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := request(svc); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "requests/s")
		})
	}
	run("off", off)
	run("on", on)
	if err := out.Start(ctx); err != nil {
		b.Fatal(err)
	}
	run("on+delivering", on)
	stop, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := out.Stop(stop); err != nil {
		b.Fatal(err)
	}
}

// roomVenue is the venue of the world's room.
func (w *world) roomVenue(tb testing.TB) int64 {
	tb.Helper()
	var id int64
	if err := w.db.NewRaw(`SELECT venue_id FROM rooms WHERE id = ?`, w.room.ID).Scan(context.Background(), &id); err != nil {
		tb.Fatal(err)
	}
	return id
}
