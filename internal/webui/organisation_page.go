package webui

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

type organisationPage struct {
	Organisation *organisation.Organisation
	Parent       *organisation.Organisation
	Departments  []organisation.Organisation
	Venues       []venue.Venue
	// CanAddVenue and CanViewMembers show the links to those the policy allows.
	CanAddVenue, CanViewMembers bool
	// CanViewBookings and CanDecide show the links to the bookings and the approvals inbox.
	CanViewBookings, CanDecide bool
	Signatures                 []agreement.Signatory
	// CanEdit links to the organisation's form; Notice says what was just done.
	CanEdit bool
	Notice  string
}

// organisationPage shows an organisation, its departments (for the city) and its venues.
// The city's page lists its departments' venues too: to a visitor they are the city's.
func (p *Pages) organisationPage(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	ctx := c.Request.Context()
	o, err := p.orgs.FindOrganisationByID(ctx, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	actor := p.actor(c)
	page := organisationPage{
		Organisation:   o,
		CanAddVenue:    access.Check(actor, access.CreateVenue, o.ID) == nil,
		CanViewMembers: access.Check(actor, access.ViewMembers, o.ID) == nil,
	}
	page.CanViewBookings = access.Check(actor, access.Book, o.ID) == nil
	page.CanDecide = access.Check(actor, access.ApproveBooking, o.ID) == nil
	page.CanEdit = !o.Archived() && access.Check(actor, access.UpdateOrganisation, o.ID) == nil
	page.Notice = p.notice(c)
	if o.ParentID != nil {
		if page.Parent, err = p.orgs.FindOrganisationByID(ctx, *o.ParentID); err != nil {
			p.fail(c, err)
			return
		}
	}
	if page.Departments, err = p.allOrganisations(ctx, organisation.Filter{ParentID: id}); err != nil {
		p.fail(c, err)
		return
	}
	for _, owner := range append([]organisation.Organisation{*o}, page.Departments...) {
		vs, err := p.allVenues(ctx, venue.Filter{OwnerID: owner.ID})
		if err != nil {
			p.fail(c, err)
			return
		}
		page.Venues = append(page.Venues, vs...)
	}
	if page.Signatures, err = p.agree.FindOrganisationSignatures(ctx, actor, o.ID); err != nil {
		p.fail(c, err)
		return
	}
	if len(page.Departments) > 0 {
		col := collate.New(language.Swedish)
		slices.SortFunc(page.Venues, func(a, b venue.Venue) int { return col.CompareString(a.Name, b.Name) })
	}
	p.render(c, http.StatusOK, "organisation", "", page)
}
