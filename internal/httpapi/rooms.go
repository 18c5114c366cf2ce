package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// roomJSON is a room as the API shows it.
type roomJSON struct {
	ID          int64     `json:"id"`
	VenueID     int64     `json:"venue_id"`
	Venue       *venueRef `json:"venue,omitempty"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Capacity    int       `json:"capacity"`
	AreaM2      *float64  `json:"area_m2"`
	Facilities  []string  `json:"facilities"`
	Bookable    bool      `json:"bookable"`
	// Accessibility is the room's own facts (the venue's are on the venue).
	Accessibility venue.Accessibility `json:"accessibility"`
	Revision      int                 `json:"revision"`
	CreatedAt     time.Time           `json:"created_at"`
	UpdatedAt     time.Time           `json:"updated_at"`
	ArchivedAt    *time.Time          `json:"archived_at"`
}

// venueRef is the short form of a room's venue.
type venueRef struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	District string `json:"district"`
	OwnerID  int64  `json:"owner_id"`
}

var roomReadOnly = []string{"id", "venue_id", "venue", "created_at", "updated_at", "archived_at"}

func toRoomJSON(r *venue.Room) roomJSON {
	out := roomJSON{
		ID: r.ID, VenueID: r.VenueID, Name: r.Name, Description: r.Description, Capacity: r.Capacity,
		AreaM2: r.AreaM2, Facilities: r.Facilities, Bookable: r.Bookable, Accessibility: r.Accessibility, Revision: r.Revision,
		CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt), ArchivedAt: utcPtr(r.ArchivedAt),
	}
	if out.Facilities == nil {
		out.Facilities = []string{}
	}
	if r.Venue != nil {
		out.Venue = &venueRef{ID: r.Venue.ID, Name: r.Venue.Name, District: r.Venue.District, OwnerID: r.Venue.OwnerID}
	}
	return out
}

func roomURL(r *venue.Room) string { return "/api/v1/rooms/" + strconv.FormatInt(r.ID, 10) }

func (h *Handler) listRooms(c *gin.Context) {
	f, err := venueFilter(c)
	if err != nil {
		c.Error(err)
		return
	}
	h.writeRooms(c, f)
}

func (h *Handler) listVenueRooms(c *gin.Context) {
	id, err := pathID(c, "id", venue.ErrVenueNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	// A venue that does not exist is a 404, not an empty list.
	if _, err := h.Venues.FindVenueByID(c.Request.Context(), id); err != nil {
		c.Error(err)
		return
	}
	f, err := venueFilter(c)
	if err != nil {
		c.Error(err)
		return
	}
	f.VenueID = id
	h.writeRooms(c, f)
}

func (h *Handler) writeRooms(c *gin.Context, f venue.Filter) {
	page, err := h.Venues.FindRooms(c.Request.Context(), f)
	if err != nil {
		c.Error(err)
		return
	}
	writeList(c, page, toRoomJSON)
}

// facilityJSON is one facility of the fixed vocabulary with its labels.
type facilityJSON struct {
	ID      string `json:"id"`
	LabelSV string `json:"label_sv"`
	LabelEN string `json:"label_en"`
}

func (h *Handler) listFacilities(c *gin.Context) {
	out := list[facilityJSON]{Items: []facilityJSON{}}
	for _, f := range validation.Facilities {
		key := "facility." + f
		out.Items = append(out.Items, facilityJSON{ID: f, LabelSV: i18n.T(i18n.SV, key), LabelEN: i18n.T(i18n.EN, key)})
	}
	c.JSON(http.StatusOK, out)
}
