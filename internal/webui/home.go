package webui

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

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
	o, err := p.overview(ctx)
	if err != nil {
		p.fail(c, err)
		return
	}
	orgs, err := p.allOrganisations(ctx, organisation.Filter{})
	if err != nil {
		p.fail(c, err)
		return
	}
	page := homePage{
		Venues:            o.venues[:min(homeVenues, len(o.venues))],
		VenueCount:        len(o.venues),
		RoomCount:         o.rooms,
		OrganisationCount: len(orgs),
		Districts:         o.districts,
	}
	p.render(c, http.StatusOK, "home", "home", page)
}

// overview is the register at a glance: every live venue, the number of their rooms and
// the districts they are in.
type overview struct {
	venues    []venue.Venue
	rooms     int
	districts []string
}

// overview walks every page of live venues. The register holds hundreds of venues at most,
// so this is a few queries; a counting query in the venue service would do it in one.
func (p *Pages) overview(ctx context.Context) (overview, error) {
	vs, err := p.allVenues(ctx, venue.Filter{})
	if err != nil {
		return overview{}, err
	}
	o := overview{venues: vs}
	seen := map[string]bool{}
	for _, v := range vs {
		o.rooms += v.RoomCount
		d := strings.TrimSpace(v.District)
		if key := strings.ToLower(d); d != "" && !seen[key] {
			seen[key] = true
			o.districts = append(o.districts, d)
		}
	}
	// Sorted as a Swedish reader expects (å, ä, ö after z). A Collator is not safe for
	// concurrent use, so each call makes its own.
	collate.New(language.Swedish).SortStrings(o.districts)
	return o, nil
}

// allVenues returns every venue matching f, following the cursor to the end.
func (p *Pages) allVenues(ctx context.Context, f venue.Filter) ([]venue.Venue, error) {
	f.Limit = listing.MaxLimit
	var out []venue.Venue
	for {
		page, err := p.venues.FindVenues(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == nil {
			return out, nil
		}
		f.Cursor = page.Next.Encode()
	}
}

// allOrganisations returns every organisation matching f, following the cursor to the end.
func (p *Pages) allOrganisations(ctx context.Context, f organisation.Filter) ([]organisation.Organisation, error) {
	f.Limit = listing.MaxLimit
	var out []organisation.Organisation
	for {
		page, err := p.orgs.FindOrganisations(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == nil {
			return out, nil
		}
		f.Cursor = page.Next.Encode()
	}
}
