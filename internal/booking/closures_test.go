package booking_test

import (
	"context"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

func TestFindVenueClosures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	closures := []booking.ClosureInput{
		{VenueID: f.venue.ID, FirstDay: day(12, 23), LastDay: day(12, 26), Reason: "Jul"},
		{VenueID: f.venue.ID, FirstDay: day(8, 1), LastDay: day(8, 31), Reason: "Ended the day before now"},
		{VenueID: f.venue.ID, FirstDay: day(8, 20), LastDay: day(9, 1), Reason: "Ends today"},
		{RoomID: f.room.ID, FirstDay: day(10, 1), LastDay: day(10, 1), Reason: "One room"},
	}
	for _, in := range closures {
		if _, err := f.bookings.AddClosure(ctx, access.System, in); err != nil {
			t.Fatal(err)
		}
	}
	got, err := f.bookings.FindVenueClosures(ctx, f.venue.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Reason != "Ends today" || got[1].Reason != "Jul" || got[1].VenueID == nil || *got[1].VenueID != f.venue.ID {
		t.Fatalf("got %+v", got)
	}
	if none, err := f.bookings.FindVenueClosures(ctx, 999999); err != nil || len(none) != 0 {
		t.Fatalf("unknown venue: %+v, %v", none, err)
	}
}
