// Package demo loads a small, realistic register for Borås: the city with a few departments,
// about ten associations and their premises. Names of places are real; people, numbers and
// contact details are invented. It goes through the services, so the demo data obeys every
// rule real data does.
package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// ErrAlreadyLoaded says the demo data is in the database already.
var ErrAlreadyLoaded = errors.New("demo data already loaded")

// CityOrgNumber marks the demo city; its presence means the demo data is loaded.
const CityOrgNumber = "212000-9994"

type orgSpec struct {
	key, kind, name, orgNumber, parent, description, website string
}

type venueSpec struct {
	owner, name, street, postal, district, description string
	lat, lon                                           float64
	access                                             venue.Accessibility
	contact                                            [3]string
	rooms                                              []venue.RoomInput
}

// Load adds the demo data, or returns ErrAlreadyLoaded when the demo city exists, or when
// the database holds any organisation at all (it never mixes demo data into real data).
func Load(ctx context.Context, orgs *organisation.Service, venues *venue.Service) error {
	page, err := orgs.FindOrganisations(ctx, organisation.Filter{Limit: 1, IncludeArchived: true})
	if err != nil {
		return err
	}
	if len(page.Items) > 0 {
		return ErrAlreadyLoaded
	}
	ids := map[string]int64{}
	for _, s := range organisations {
		in := organisation.Input{Kind: s.kind, Name: s.name, OrgNumber: s.orgNumber, Description: s.description, Website: s.website}
		if s.parent != "" {
			p := ids[s.parent]
			in.ParentID = &p
		}
		o, err := orgs.CreateOrganisation(ctx, in)
		if err != nil {
			return fmt.Errorf("demo organisation %q: %w", s.name, err)
		}
		ids[s.key] = o.ID
	}
	for _, s := range premises {
		lat, lon := s.lat, s.lon
		v, err := venues.CreateVenue(ctx, venue.VenueInput{
			OwnerID: ids[s.owner], Name: s.name, StreetAddress: s.street, PostalCode: s.postal, Town: "Borås",
			District: s.district, Latitude: &lat, Longitude: &lon, Description: s.description, Accessibility: s.access,
			ContactName: s.contact[0], ContactEmail: s.contact[1], ContactPhone: s.contact[2],
		})
		if err != nil {
			return fmt.Errorf("demo venue %q: %w", s.name, err)
		}
		for _, r := range s.rooms {
			if _, err := venues.CreateRoom(ctx, v.ID, r); err != nil {
				return fmt.Errorf("demo room %q: %w", r.Name, err)
			}
		}
	}
	return nil
}
