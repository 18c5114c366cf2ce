package booking_test

import (
	"context"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
)

// TestFindRequests: the owner's admins see the pending requests of its rooms, a series once
// with its count; city administrators see the city's; bookers, and admins of others, none.
func TestFindRequests(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	f.rules(t, f.room.ID, `needs_approval = true`)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	one := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 11, 18, 0), at(2026, 9, 11, 20, 0)))
	res, err := f.bookings.CreateSeries(ctx, booker, f.seriesInput(f.room.ID, at(2026, 9, 3, 18, 0), "FREQ=WEEKLY;COUNT=30"))
	if err != nil {
		t.Fatal(err)
	}
	ownerAdmin := f.member(t, f.owner.ID, access.RoleAdmin)
	city := access.Actor{UserID: booker.UserID + 1000, CityAdmin: true}
	clubAdmin := f.member(t, f.club.ID, access.RoleAdmin)

	for name, c := range map[string]struct {
		actor access.Actor
		want  int
	}{
		"OK":          {ownerAdmin, 2},
		"City":        {city, 2},
		"OtherAdmin":  {clubAdmin, 0},
		"Booker":      {booker, 0},
		"CityNotMine": {access.Actor{UserID: 1, CityAdmin: false}, 0},
	} {
		t.Run(name, func(t *testing.T) {
			n, err := f.bookings.CountRequests(ctx, c.actor)
			if err != nil || n != c.want {
				t.Fatalf("count: %d %v, want %d", n, err, c.want)
			}
			rs, err := f.bookings.FindRequests(ctx, c.actor, 0)
			if err != nil || len(rs) != c.want {
				t.Fatalf("find: %d %v, want %d", len(rs), err, c.want)
			}
			if c.want == 0 {
				return
			}
			seen := map[int]int64{}
			for _, r := range rs {
				seen[r.Occurrences] = r.ID
				if r.OwnerID != f.owner.ID {
					t.Errorf("request %d: owner %d", r.ID, r.OwnerID)
				}
			}
			if seen[1] != one.ID || seen[30] != res.Bookings[0].ID {
				t.Errorf("requests by occurrences: %v, want one-off %d and the series from %d with 30", seen, one.ID, res.Bookings[0].ID)
			}
		})
	}
}
