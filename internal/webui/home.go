package webui

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// homeVenues is how many venues the start page shows.
const homeVenues = 6

type homePage struct {
	Venues                                   []venue.Venue
	VenueCount, RoomCount, OrganisationCount int
	Districts                                []string
}

// home is the start page: what Lokalbanken is, a search box, the register in numbers, the
// districts and a few venues.
func (p *Pages) home(c *gin.Context) {
	ctx := c.Request.Context()
	sum, err := p.venues.Summarise(ctx)
	if err != nil {
		p.fail(c, err)
		return
	}
	orgs, err := p.orgs.CountOrganisations(ctx)
	if err != nil {
		p.fail(c, err)
		return
	}
	first, err := p.venues.FindVenues(ctx, venue.Filter{Limit: homeVenues})
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "home", "home", homePage{
		Venues:            first.Items,
		VenueCount:        sum.Venues,
		RoomCount:         sum.Rooms,
		OrganisationCount: orgs,
		Districts:         sum.Districts,
	})
}

// allVenues returns every venue matching f.
func (p *Pages) allVenues(ctx context.Context, f venue.Filter) ([]venue.Venue, error) {
	return listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[venue.Venue], error) {
		f.Limit, f.Cursor = listing.MaxLimit, cursor
		return p.venues.FindVenues(ctx, f)
	})
}

// allOrganisations returns every organisation matching f.
func (p *Pages) allOrganisations(ctx context.Context, f organisation.Filter) ([]organisation.Organisation, error) {
	return listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[organisation.Organisation], error) {
		f.Limit, f.Cursor = listing.MaxLimit, cursor
		return p.orgs.FindOrganisations(ctx, f)
	})
}
