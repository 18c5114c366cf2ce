package demo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/demo"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

func TestLoadBookings(t *testing.T) {
	db := dbtest.New(t)
	v := validation.New()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	bookings := booking.NewService(db, v, time.Now, loc)
	target := demo.Target{Organisations: organisation.NewService(db, v, time.Now), Venues: venue.NewService(db, v, time.Now), Bookings: bookings}
	ctx := context.Background()
	start := time.Now()
	if err := demo.Load(ctx, target); err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, target); !errors.Is(err, demo.ErrAlreadyLoaded) {
		t.Fatalf("second Load: %v, want ErrAlreadyLoaded", err)
	}
	var all []booking.Booking
	cursor := ""
	for {
		page, err := bookings.FindBookings(ctx, booking.Filter{Limit: 100, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page.Items...)
		if page.Next == nil {
			break
		}
		cursor = page.Next.Encode()
	}
	count := map[booking.Status]int{}
	private, series := 0, 0
	var seriesStarts []time.Time
	for _, b := range all {
		count[b.Status]++
		if !b.Public {
			private++
		}
		if b.Title == demo.SeriesTitle {
			series++
			seriesStarts = append(seriesStarts, b.StartsAt)
		}
		if !b.StartsAt.After(start) {
			t.Errorf("booking %q starts at %v, not in the future", b.Title, b.StartsAt)
		}
	}
	if count[booking.StatusPending] != 2 || count[booking.StatusCancelled] != 2 || count[booking.StatusConfirmed] < 30 {
		t.Errorf("statuses %v, want 2 pending, 2 cancelled and at least 30 confirmed", count)
	}
	if private < 2 {
		t.Errorf("%d private bookings, want at least 2", private)
	}
	if series != 32 {
		t.Fatalf("%d occurrences of the weekly series, want 32", series)
	}
	offsets := map[int]bool{}
	for _, s := range seriesStarts {
		l := s.In(loc)
		if l.Weekday() != time.Tuesday || l.Hour() != 18 || l.Minute() != 0 {
			t.Errorf("occurrence at %v, want Tuesday 18:00 local", l)
		}
		_, off := l.Zone()
		offsets[off] = true
	}
	if len(offsets) != 2 {
		t.Errorf("series offsets %v: want it to cross a daylight-saving change", offsets)
	}
}

// BenchmarkLoad measures loading the demo data into an empty database (the first start of
// the service waits for it; aim: well under 2 s). Speed is measured here, not asserted in a
// test: shared machines are noisy.
//
//	go test ./internal/demo -run '^$' -bench Load -benchtime 5x
func BenchmarkLoad(b *testing.B) {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		b.Fatal(err)
	}
	v := validation.New()
	for b.Loop() {
		b.StopTimer()
		db := dbtest.New(b)
		target := demo.Target{Organisations: organisation.NewService(db, v, time.Now), Venues: venue.NewService(db, v, time.Now),
			Bookings: booking.NewService(db, v, time.Now, loc)}
		b.StartTimer()
		if err := demo.Load(context.Background(), target); err != nil {
			b.Fatal(err)
		}
	}
}
