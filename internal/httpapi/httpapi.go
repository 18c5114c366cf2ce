// Package httpapi serves the JSON API under /api/v1: request decoding, response shapes and
// the translation of domain errors into RFC 9457 problems. Rules live in the capability
// packages; this package only converts.
package httpapi

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/api"
	"github.com/borasstad/lokalbanken/internal/listing"

	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// Handler holds what the API handlers need.
type Handler struct {
	Organisations *organisation.Service
	Venues        *venue.Service
}

// Register adds every API route to g (the /api/v1 group). Each route is one line here, so
// that the access policy of the next issue can be attached route by route in one place.
func (h *Handler) Register(g *gin.RouterGroup) {
	orgs, venues := h.Organisations, h.Venues
	g.GET("/organisations", h.listOrganisations)
	g.POST("/organisations", create(organisationReadOnly, orgs.CreateOrganisation, toOrganisationJSON, organisationURL))
	g.GET("/organisations/:id", byID(organisation.ErrNotFound, orgs.FindOrganisationByID, toOrganisationJSON))
	g.PUT("/organisations/:id", byIDWithBody(organisation.ErrNotFound, organisationReadOnly, orgs.UpdateOrganisation, toOrganisationJSON))
	g.POST("/organisations/:id/archive", byID(organisation.ErrNotFound, orgs.ArchiveOrganisation, toOrganisationJSON))

	g.GET("/venues", h.listVenues)
	g.POST("/venues", create(venueReadOnly, venues.CreateVenue, toVenueJSON, venueURL))
	g.GET("/venues/:id", byID(venue.ErrVenueNotFound, venues.FindVenueByID, toVenueJSON))
	g.PUT("/venues/:id", byIDWithBody(venue.ErrVenueNotFound, venueReadOnly, venues.UpdateVenue, toVenueJSON))
	g.POST("/venues/:id/archive", byID(venue.ErrVenueNotFound, venues.ArchiveVenue, toVenueJSON))
	g.GET("/venues/:id/rooms", h.listVenueRooms)
	g.POST("/venues/:id/rooms", createUnder(venue.ErrVenueNotFound, roomReadOnly, venues.CreateRoom, toRoomJSON, roomURL))

	g.GET("/rooms", h.listRooms)
	g.GET("/rooms/:id", byID(venue.ErrRoomNotFound, venues.FindRoomByID, toRoomJSON))
	g.PUT("/rooms/:id", byIDWithBody(venue.ErrRoomNotFound, roomReadOnly, venues.UpdateRoom, toRoomJSON))
	g.POST("/rooms/:id/archive", byID(venue.ErrRoomNotFound, venues.ArchiveRoom, toRoomJSON))

	g.GET("/facilities", h.listFacilities)
	g.GET("/openapi.yaml", serveSpec)
}

// serveSpec serves the OpenAPI document that describes this API.
func serveSpec(c *gin.Context) {
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", api.Spec)
}

// list is the shape of every list response.
type list[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// writeList writes one page of a list, each item through view.
func writeList[T, J any](c *gin.Context, page listing.Page[T], view func(*T) J) {
	out := list[J]{Items: make([]J, 0, len(page.Items))}
	for i := range page.Items {
		out.Items = append(out.Items, view(&page.Items[i]))
	}
	if page.Next != nil {
		out.NextCursor = page.Next.Encode()
	}
	c.JSON(http.StatusOK, out)
}

// utc gives instants in UTC on the wire, whatever zone they were read in.
func utc(t time.Time) time.Time { return t.UTC() }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
