package booking

import (
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
)

// Input is what a client sends to book a room once.
type Input struct {
	RoomID         int64     `json:"room_id" form:"room_id" validate:"required,gt=0"`
	OrganisationID int64     `json:"organisation_id" form:"organisation_id" validate:"required,gt=0"`
	Title          string    `json:"title" form:"title" validate:"required,notblank,max=200"`
	Purpose        string    `json:"purpose" form:"purpose" validate:"max=2000"`
	Attendees      int       `json:"attendees" form:"attendees" validate:"required,gte=1,lte=10000"`
	Public         bool      `json:"public" form:"public"`
	StartsAt       time.Time `json:"starts_at" form:"starts_at" validate:"required"`
	EndsAt         time.Time `json:"ends_at" form:"ends_at" validate:"required"`
}

// Filter selects bookings for FindBookings. Zero fields select everything; From and To
// select the bookings that overlap the half-open window [From, To).
type Filter struct {
	RoomID         int64
	OrganisationID int64
	// Viewer, when set, is who the list is for: filtered by organisation, it then holds
	// only the bookings the viewer may see with their organisation (access.BookingSight at
	// least SeePublic), so that neither the items nor the cursor say anything of a private
	// booking of the organisation. Nil is the service's own reading, for callers that
	// checked access themselves.
	Viewer   *access.Actor
	Status   []Status
	From, To time.Time
	Limit    int
	Cursor   string
}
