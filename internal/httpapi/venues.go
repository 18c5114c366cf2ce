package httpapi

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/venue"
)

// venueJSON is a venue as the API shows it. Its writable members are those of
// venue.VenueInput, so a client can send back what it fetched.
type venueJSON struct {
	ID            int64               `json:"id"`
	OwnerID       int64               `json:"owner_id"`
	Owner         *ownerJSON          `json:"owner,omitempty"`
	Name          string              `json:"name"`
	StreetAddress string              `json:"street_address"`
	PostalCode    string              `json:"postal_code"`
	Town          string              `json:"town"`
	District      string              `json:"district"`
	Latitude      *float64            `json:"latitude"`
	Longitude     *float64            `json:"longitude"`
	Description   string              `json:"description"`
	Accessibility venue.Accessibility `json:"accessibility"`
	ContactName   string              `json:"contact_name"`
	ContactEmail  string              `json:"contact_email"`
	ContactPhone  string              `json:"contact_phone"`
	RoomCount     *int                `json:"room_count,omitempty"`
	MaxCapacity   *int                `json:"max_capacity,omitempty"`
	Revision      int                 `json:"revision"`
	CreatedAt     time.Time           `json:"created_at"`
	UpdatedAt     time.Time           `json:"updated_at"`
	ArchivedAt    *time.Time          `json:"archived_at"`
}

// ownerJSON is the short form of a venue's owner shown with the venue.
type ownerJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

var venueReadOnly = []string{"id", "owner", "room_count", "max_capacity", "created_at", "updated_at", "archived_at"}

func toVenueJSON(v *venue.Venue) venueJSON {
	out := venueJSON{
		ID: v.ID, OwnerID: v.OwnerID, Name: v.Name, StreetAddress: v.StreetAddress, PostalCode: v.PostalCode,
		Town: v.Town, District: v.District, Latitude: v.Latitude, Longitude: v.Longitude,
		Description: v.Description, Accessibility: v.Accessibility,
		ContactName: v.ContactName, ContactEmail: v.ContactEmail, ContactPhone: v.ContactPhone,
		Revision: v.Revision, CreatedAt: utc(v.CreatedAt), UpdatedAt: utc(v.UpdatedAt), ArchivedAt: utcPtr(v.ArchivedAt),
	}
	if v.Owner != nil {
		out.Owner = &ownerJSON{ID: v.Owner.ID, Name: v.Owner.Name, Kind: string(v.Owner.Kind)}
	}
	return out
}

// toVenueListJSON is toVenueJSON with the room figures that lists compute.
func toVenueListJSON(v *venue.Venue) venueJSON {
	out := toVenueJSON(v)
	out.RoomCount, out.MaxCapacity = &v.RoomCount, &v.MaxCapacity
	return out
}

func venueURL(v *venue.Venue) string { return "/api/v1/venues/" + strconv.FormatInt(v.ID, 10) }

// venueFilter reads the query parameters shared by the venue and room lists.
func venueFilter(c *gin.Context) (venue.Filter, error) {
	var f venue.Filter
	q := query{c: c}
	q.str("q", &f.Q)
	q.int64("owner_id", &f.OwnerID)
	q.str("owner_kind", &f.OwnerKind)
	q.str("district", &f.District)
	q.int("capacity_min", &f.CapacityMin)
	q.strs("facilities", &f.Facilities)
	q.strs("accessibility", &f.Accessibility)
	q.bool("include_archived", &f.IncludeArchived)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	return f, q.err()
}

func (h *Handler) listVenues(c *gin.Context) {
	f, err := venueFilter(c)
	if err != nil {
		c.Error(err)
		return
	}
	page, err := h.Venues.FindVenues(c.Request.Context(), f)
	if err != nil {
		c.Error(err)
		return
	}
	writeList(c, page, toVenueListJSON)
}
