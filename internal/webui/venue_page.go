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
	// MapEmbed is the OpenStreetMap page framed on the venue's page, with MapURL as the
	// link for those without frames; Photos are the venue's own.
	MapEmbed string
	Photos   []photoView
	// CanEdit and CanAddRoom show the buttons to those the policy allows.
	CanEdit, CanAddRoom bool
	// Closures and Closure are the venue's closed days and the form to add some, for those
	// who may edit it (with the booking pages); Notice says what was just done.
	Closures []closureView
	Closure  *form
	Notice   string
	// Feed links the iCal feed of all the venue's rooms; only with the booking pages.
	Feed *feedLinks
}

// venuePage shows one venue: address, owner, description, accessibility, contact, its
// rooms, and a link to the place on OpenStreetMap.
func (p *Pages) venuePage(c *gin.Context) { p.showVenue(c, http.StatusOK, nil) }

// showVenue renders the venue page with status and the closure form given (nil: empty).
func (p *Pages) showVenue(c *gin.Context, status int, closure *form) {
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
	page := venuePage{
		Venue: v, Rooms: rooms.Items, MapURL: mapURL(v), Notice: p.notice(c),
		CanEdit:    access.Check(actor, access.UpdateVenue, v.OwnerID) == nil,
		CanAddRoom: access.Check(actor, access.CreateRoom, v.OwnerID) == nil,
	}
	page.Feed = p.venueFeed(v.ID, v.Name)
	page.MapEmbed = mapEmbedURL(v)
	photos, err := p.venues.FindPhotos(ctx, v.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	page.Photos = photoViews(photos, 0)
	if page.CanEdit && !v.Archived() {
		cs, err := p.bookings.FindVenueClosures(ctx, v.ID)
		if err != nil {
			p.fail(c, err)
			return
		}
		page.Closures, page.Closure = closureViews(cs), closure
		if closure == nil {
			page.Closure = newForm(nil)
		}
	}
	p.render(c, status, "venue", "venues", page)
}

// mapURL links to the venue's coordinates on OpenStreetMap, for those whose browser shows
// no frames (and as a bigger map for everyone).
func mapURL(v *venue.Venue) string {
	if v.Latitude == nil || v.Longitude == nil {
		return ""
	}
	lat, lon := *v.Latitude, *v.Longitude
	return fmt.Sprintf("https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f#map=17/%.5f/%.5f", lat, lon, lat, lon)
}

// mapEmbedURL is OpenStreetMap's embeddable map around the venue's coordinates, with a
// marker on them (a box of about 600 × 400 m). The frame is the one third party a venue page
// loads; the Content-Security-Policy allows it from openstreetmap.org alone.
func mapEmbedURL(v *venue.Venue) string {
	if v.Latitude == nil || v.Longitude == nil {
		return ""
	}
	lat, lon := *v.Latitude, *v.Longitude
	const dLat, dLon = 0.002, 0.004
	return fmt.Sprintf("https://www.openstreetmap.org/export/embed.html?bbox=%.5f%%2C%.5f%%2C%.5f%%2C%.5f&layer=mapnik&marker=%.5f%%2C%.5f",
		lon-dLon, lat-dLat, lon+dLon, lat+dLat, lat, lon)
}
