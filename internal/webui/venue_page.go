package webui

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/venue"
)

type venuePage struct {
	Venue  *venue.Venue
	Rooms  []venue.Room
	MapURL string
	// CanEdit and CanAddRoom show the buttons to those the policy allows.
	CanEdit, CanAddRoom bool
}

// venuePage shows one venue: address, owner, description, accessibility, contact, its
// rooms, and a link to the place on OpenStreetMap.
func (p *Pages) venuePage(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	ctx := c.Request.Context()
	v, err := p.venues.FindVenueByID(ctx, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	// An archived venue's rooms are archived with it; show them rather than nothing.
	rooms, err := p.venues.FindRooms(ctx, venue.Filter{VenueID: id, Limit: listing.MaxLimit, IncludeArchived: v.Archived()})
	if err != nil {
		p.fail(c, err)
		return
	}
	actor := p.actor(c)
	p.render(c, http.StatusOK, "venue", "venues", venuePage{
		Venue: v, Rooms: rooms.Items, MapURL: mapURL(v),
		CanEdit:    access.Check(actor, access.UpdateVenue, v.OwnerID) == nil,
		CanAddRoom: access.Check(actor, access.CreateRoom, v.OwnerID) == nil,
	})
}

// mapURL links to the venue's coordinates on OpenStreetMap; no map is embedded, so no
// third party sees the visit until the visitor follows the link.
func mapURL(v *venue.Venue) string {
	if v.Latitude == nil || v.Longitude == nil {
		return ""
	}
	lat, lon := *v.Latitude, *v.Longitude
	return fmt.Sprintf("https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f#map=17/%.5f/%.5f", lat, lon, lat, lon)
}
