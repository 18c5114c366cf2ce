package venue

// VenueInput is what a client sends to create or replace a venue.
type VenueInput struct {
	OwnerID       int64         `json:"owner_id" form:"owner_id" validate:"required,gt=0"`
	Name          string        `json:"name" form:"name" validate:"required,notblank,max=200"`
	StreetAddress string        `json:"street_address" form:"street_address" validate:"required,notblank,max=200"`
	PostalCode    string        `json:"postal_code" form:"postal_code" validate:"required,postnr"`
	Town          string        `json:"town" form:"town" validate:"required,notblank,max=100"`
	District      string        `json:"district" form:"district" validate:"max=100"`
	Latitude      *float64      `json:"latitude" form:"latitude" validate:"required_with=Longitude,omitempty,latitude"`
	Longitude     *float64      `json:"longitude" form:"longitude" validate:"required_with=Latitude,omitempty,longitude"`
	Description   string        `json:"description" form:"description" validate:"max=5000"`
	Accessibility Accessibility `json:"accessibility" form:"-"`
	ContactName   string        `json:"contact_name" form:"contact_name" validate:"max=200"`
	ContactEmail  string        `json:"contact_email" form:"contact_email" validate:"omitempty,max=254,email"`
	ContactPhone  string        `json:"contact_phone" form:"contact_phone" validate:"omitempty,phone"`
	Revision      *int          `json:"revision,omitempty" form:"revision" validate:"omitempty,gte=1"`
}

// RoomInput is what a client sends to create or replace a room. The venue comes from the
// path when creating and cannot be changed.
type RoomInput struct {
	Name        string   `json:"name" form:"name" validate:"required,notblank,max=200"`
	Description string   `json:"description" form:"description" validate:"max=5000"`
	Capacity    int      `json:"capacity" form:"capacity" validate:"required,gte=1,lte=10000"`
	AreaM2      *float64 `json:"area_m2" form:"area_m2" validate:"omitempty,gt=0,lte=100000"`
	Facilities  []string `json:"facilities" form:"facilities" validate:"max=20,unique,dive,facility"`
	// Bookable defaults to true when absent.
	Bookable *bool `json:"bookable" form:"bookable"`
	// Accessibility is the room's own facts; absent, all are no and the note is empty.
	Accessibility Accessibility `json:"accessibility" form:"-"`
	Revision      *int          `json:"revision,omitempty" form:"revision" validate:"omitempty,gte=1"`
}

// Filter selects venues for FindVenues and rooms for FindRooms. Room conditions (capacity,
// facilities, bookable) select venues that have at least one room meeting all of them.
type Filter struct {
	Q               string   `form:"q" validate:"max=200"`
	OwnerID         int64    `form:"owner_id" validate:"gte=0"`
	OwnerKind       string   `form:"owner_kind" validate:"omitempty,oneof=city association other"`
	District        string   `form:"district" validate:"max=100"`
	CapacityMin     int      `form:"capacity_min" validate:"gte=0,lte=10000"`
	Facilities      []string `form:"facilities" validate:"max=20,dive,facility"`
	Accessibility   []string `form:"accessibility" validate:"max=5,dive,oneof=step_free_entrance accessible_toilet hearing_loop lift accessible_parking"`
	VenueID         int64    `form:"venue_id" validate:"gte=0"`
	IncludeArchived bool     `form:"include_archived"`
	Limit           int      `form:"limit" validate:"gte=0,lte=200"`
	Cursor          string   `form:"cursor" validate:"max=500"`
}
