package venue_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// BenchmarkFindVenues measures one page of the premises list over a register of 1 000 venues
// with three rooms each, unfiltered and with the heaviest filters the list page offers.
func BenchmarkFindVenues(b *testing.B) {
	ctx := context.Background()
	f := newFixture(b)
	owner := f.org(b, "city", "Fritidsförvaltningen")
	districts := []string{"Centrum", "Norrby", "Hässleholmen", "Sjöbo", "Göta"}
	for i := range 1000 {
		in := venueInput(owner.ID, fmt.Sprintf("Lokal %04d", i), districts[i%len(districts)])
		in.Accessibility.Lift = i%2 == 0
		v, err := f.venues.CreateVenue(ctx, access.System, in)
		if err != nil {
			b.Fatal(err)
		}
		for j, fac := range [][]string{{"wifi"}, {"kitchen", "projector"}, {"stage"}} {
			if _, err := f.venues.CreateRoom(ctx, access.System, v.ID, venue.RoomInput{Name: fmt.Sprintf("Rum %d", j), Capacity: 10 + (i*7+j*13)%150, Facilities: fac}); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, bc := range []struct {
		name string
		f    venue.Filter
	}{
		{"first page", venue.Filter{}},
		{"filtered", venue.Filter{Q: "lokal 04", District: "Norrby", CapacityMin: 50, Facilities: []string{"kitchen"}, Accessibility: []string{"lift"}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := f.venues.FindVenues(ctx, bc.f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
