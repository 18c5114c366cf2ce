// Package httpapi serves the JSON API under /api/v1: request decoding, response shapes and
// the translation of domain errors into RFC 9457 problems. Rules live in the capability
// packages; this package only converts.
package httpapi

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/api"

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
	g.GET("/organisations", h.listOrganisations)
	g.POST("/organisations", h.createOrganisation)
	g.GET("/organisations/:id", h.getOrganisation)
	g.PUT("/organisations/:id", h.updateOrganisation)
	g.POST("/organisations/:id/archive", h.archiveOrganisation)

	g.GET("/venues", h.listVenues)
	g.POST("/venues", h.createVenue)
	g.GET("/venues/:id", h.getVenue)
	g.PUT("/venues/:id", h.updateVenue)
	g.POST("/venues/:id/archive", h.archiveVenue)
	g.GET("/venues/:id/rooms", h.listVenueRooms)
	g.POST("/venues/:id/rooms", h.createRoom)

	g.GET("/rooms", h.listRooms)
	g.GET("/rooms/:id", h.getRoom)
	g.PUT("/rooms/:id", h.updateRoom)
	g.POST("/rooms/:id/archive", h.archiveRoom)

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

// ok writes v as JSON with status.
func ok(c *gin.Context, status int, v any) { c.JSON(status, v) }

// created writes v with 201 and a Location header.
func created(c *gin.Context, location string, v any) {
	c.Header("Location", location)
	c.JSON(http.StatusCreated, v)
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
