// Package booking holds bookings of rooms: each room's booking rules, one-off and recurring
// bookings, their approval and cancellation, and the holds through which PostgreSQL
// guarantees that no two bookings occupy the same space at the same time.
package booking

import (
	"time"

	"github.com/uptrace/bun"
)

// Status is where a booking stands.
type Status string

// The statuses. Pending and confirmed bookings hold their room; the others do not.
const (
	StatusPending   Status = "pending"
	StatusConfirmed Status = "confirmed"
	StatusRejected  Status = "rejected"
	StatusCancelled Status = "cancelled"
)

// Holds reports whether a booking in this status occupies its room.
func (s Status) Holds() bool { return s == StatusPending || s == StatusConfirmed }

// Booking is a row of the bookings table: a room reserved for an organisation over the
// half-open range [StartsAt, EndsAt).
type Booking struct {
	bun.BaseModel `bun:"table:bookings,alias:b"`

	ID             int64      `bun:"id,pk,autoincrement"`
	RoomID         int64      `bun:"room_id,notnull"`
	OrganisationID int64      `bun:"organisation_id,notnull"`
	CreatedBy      *int64     `bun:"created_by"`
	Title          string     `bun:"title,notnull"`
	Purpose        string     `bun:"purpose,notnull"`
	Attendees      int        `bun:"attendees,notnull"`
	Public         bool       `bun:"public,notnull"`
	StartsAt       time.Time  `bun:"starts_at,notnull"`
	EndsAt         time.Time  `bun:"ends_at,notnull"`
	Status         Status     `bun:"status,notnull"`
	StatusReason   string     `bun:"status_reason,notnull"`
	StatusBy       *int64     `bun:"status_by"`
	StatusAt       *time.Time `bun:"status_at"`
	Revision       int        `bun:"revision,notnull"`
	SeriesID       *int64     `bun:"series_id"`
	Occurrence     *int       `bun:"occurrence"`
	OriginalStart  *time.Time `bun:"original_start"`
	CreatedAt      time.Time  `bun:"created_at,notnull"`
	UpdatedAt      time.Time  `bun:"updated_at,notnull"`
	// The fee, copied from the room's tariff by the database when the booking is inserted
	// (see Fee): whatever the booking carries in them is replaced.
	FeeOre         int64    `bun:"fee_ore,notnull"`
	FeeCurrency    string   `bun:"fee_currency,notnull,default:'SEK'"`
	FeeUnit        *FeeUnit `bun:"fee_unit"`
	FeeRateOre     int64    `bun:"fee_rate_ore,notnull"`
	FeeDescription string   `bun:"fee_description,notnull"`
}

// Series is a row of the booking_series table: a recurring booking, expanded in local
// wall-clock time from DTStart by RRule, each occurrence lasting Duration.
type Series struct {
	bun.BaseModel `bun:"table:booking_series,alias:s"`

	ID             int64  `bun:"id,pk,autoincrement"`
	RoomID         int64  `bun:"room_id,notnull"`
	OrganisationID int64  `bun:"organisation_id,notnull"`
	CreatedBy      *int64 `bun:"created_by"`
	RRule          string `bun:"rrule,notnull"`
	// DTStart and UntilLocal are wall-clock times in TimeZone; their time.Location is ignored.
	DTStart    time.Time  `bun:"dtstart,notnull"`
	Duration   Interval   `bun:"duration,notnull"`
	TimeZone   string     `bun:"timezone,notnull"`
	UntilLocal *time.Time `bun:"until_local"`
	Count      *int       `bun:"count"`
	Revision   int        `bun:"revision,notnull"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
	UpdatedAt  time.Time  `bun:"updated_at,notnull"`
}
