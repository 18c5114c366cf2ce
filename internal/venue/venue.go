// Package venue holds the premises of the register: venues (a building or premises with an
// owner and an address) and the rooms inside them.
package venue

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/organisation"
)

// Venue is a row of the venues table.
type Venue struct {
	bun.BaseModel `bun:"table:venues,alias:v"`

	ID            int64      `bun:"id,pk,autoincrement"`
	OwnerID       int64      `bun:"owner_id,notnull"`
	Name          string     `bun:"name,notnull"`
	StreetAddress string     `bun:"street_address,notnull"`
	PostalCode    string     `bun:"postal_code,notnull"`
	Town          string     `bun:"town,notnull"`
	District      string     `bun:"district,notnull"`
	Latitude      *float64   `bun:"latitude"`
	Longitude     *float64   `bun:"longitude"`
	Description   string     `bun:"description,notnull"`
	Accessibility            // embedded: the columns of the accessibility facts
	ContactName   string     `bun:"contact_name,notnull"`
	ContactEmail  string     `bun:"contact_email,notnull"`
	ContactPhone  string     `bun:"contact_phone,notnull"`
	Revision      int        `bun:"revision,notnull"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
	UpdatedAt     time.Time  `bun:"updated_at,notnull"`
	ArchivedAt    *time.Time `bun:"archived_at"`

	Owner *organisation.Organisation `bun:"rel:belongs-to,join:owner_id=id"`
	// Filled by FindVenues: live rooms and the largest capacity among them.
	RoomCount   int `bun:"room_count,scanonly"`
	MaxCapacity int `bun:"max_capacity,scanonly"`
	// Cover is filled by FindVenues: the venue's first photo (of the venue itself before its
	// rooms'), or nil.
	Cover *Photo `bun:"-"`
}

// Accessibility holds the facts a visitor with a disability needs before coming.
type Accessibility struct {
	StepFreeEntrance  bool   `bun:"step_free_entrance,notnull" json:"step_free_entrance" form:"step_free_entrance"`
	AccessibleToilet  bool   `bun:"accessible_toilet,notnull" json:"accessible_toilet" form:"accessible_toilet"`
	HearingLoop       bool   `bun:"hearing_loop,notnull" json:"hearing_loop" form:"hearing_loop"`
	Lift              bool   `bun:"lift,notnull" json:"lift" form:"lift"`
	AccessibleParking bool   `bun:"accessible_parking,notnull" json:"accessible_parking" form:"accessible_parking"`
	Note              string `bun:"accessibility_note,notnull" json:"note" form:"accessibility_note" validate:"max=2000"`
}

// AccessibilityFeatures names the yes/no facts, as used in filters and in the API.
var AccessibilityFeatures = []string{"step_free_entrance", "accessible_toilet", "hearing_loop", "lift", "accessible_parking"}

// Has reports whether the named feature (one of AccessibilityFeatures) is present.
func (a Accessibility) Has(feature string) bool {
	switch feature {
	case "step_free_entrance":
		return a.StepFreeEntrance
	case "accessible_toilet":
		return a.AccessibleToilet
	case "hearing_loop":
		return a.HearingLoop
	case "lift":
		return a.Lift
	case "accessible_parking":
		return a.AccessibleParking
	}
	return false
}

// Archived reports whether the venue has been archived.
func (v *Venue) Archived() bool { return v.ArchivedAt != nil }

// Room is a row of the rooms table: a bookable space inside a venue.
type Room struct {
	bun.BaseModel `bun:"table:rooms,alias:r"`

	ID          int64    `bun:"id,pk,autoincrement"`
	VenueID     int64    `bun:"venue_id,notnull"`
	Name        string   `bun:"name,notnull"`
	Description string   `bun:"description,notnull"`
	Capacity    int      `bun:"capacity,notnull"`
	AreaM2      *float64 `bun:"area_m2"`
	Facilities  []string `bun:"facilities,array,notnull"`
	Bookable    bool     `bun:"bookable,notnull"`
	// Accessibility is the room's own: a step-free entrance to the building does not make
	// every room step-free, nor does a hearing loop in the hall reach the meeting rooms.
	Accessibility
	Revision   int        `bun:"revision,notnull"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
	UpdatedAt  time.Time  `bun:"updated_at,notnull"`
	ArchivedAt *time.Time `bun:"archived_at"`

	Venue *Venue `bun:"rel:belongs-to,join:venue_id=id"`
}

// Archived reports whether the room has been archived.
func (r *Room) Archived() bool { return r.ArchivedAt != nil }
