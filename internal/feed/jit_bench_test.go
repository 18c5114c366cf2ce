package feed

import (
	"context"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// BenchmarkFreeRoomsJIT is the measurement behind jit=off (README, Configuration): the
// window and term searches on TestReadsUseIndexes's 40 000 bookings, on one connection,
// with JIT off and with JIT on and jit_above_cost lowered under the estimate of the query
// of the rooms' rules (about 2 100 here), so that PostgreSQL compiles it as it does above
// the default threshold on a large city's data.
//
//	go test ./internal/feed -run '^$' -bench FreeRoomsJIT
func BenchmarkFreeRoomsJIT(b *testing.B) {
	ctx := context.Background()
	db, err := database.Open(ctx, dbtest.NewURL(b), database.Options{MaxOpenConns: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	seedPlans(b, db, now)
	bookings := booking.NewService(db, validation.New(), func() time.Time { return now }, stockholmZone(b))
	term := &booking.WeeklyPattern{Weekday: 2, StartTime: 18 * time.Hour, EndTime: 20 * time.Hour,
		FirstDay: time.Date(2026, 10, 6, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2027, 1, 12, 0, 0, 0, 0, time.UTC)}
	searches := []struct {
		name string
		q    booking.FreeRoomsQuery
	}{
		{"window", booking.FreeRoomsQuery{From: time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)}},
		{"term", booking.FreeRoomsQuery{Weekly: term, Filter: venue.Filter{Limit: 50}}},
	}
	for _, jit := range []string{"off", "on"} {
		for _, s := range searches {
			b.Run(s.name+"/jit="+jit, func(b *testing.B) {
				// One connection: the session's settings hold for every statement.
				if _, err := db.ExecContext(ctx, "SET jit = "+jit+"; SET jit_above_cost = 2000"); err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					if _, err := bookings.FindFreeRooms(ctx, s.q); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
