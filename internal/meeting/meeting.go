// Package meeting holds the meetings of the Compact: series of meetings (the council, dialogue
// and FRÖ meetings, the annual general meeting, networks), each meeting with its time, place
// and agenda, and the organisations invited to it with their replies.
//
// A meeting takes place in a room, at an outside address, or online. A meeting in a room is
// booked through the booking service under the room's normal rules, in the same transaction
// as the meeting itself. The meeting keeps a copy of its booking's time and room, and the
// database keeps the two in step whichever side changes (see the meetings migration): a
// change made here writes the meeting first and the booking second, in one transaction; a
// change made through the booking routes is carried to the meeting by a trigger, which also
// raises the meeting's revision; and a deferred constraint trigger refuses, at commit, any
// meeting whose time, room or status differs from its booking's. So they cannot drift,
// whoever writes.
package meeting

import (
	"time"

	"github.com/uptrace/bun"
)

// Kind is what sort of meetings a series holds.
type Kind string

// The kinds of series.
const (
	KindSamrad   Kind = "samrad"   // the council (Samråd)
	KindDialogue Kind = "dialogue" // dialogue meetings
	KindFRO      Kind = "fro"      // FRÖ meetings, at least four a year by the action plan
	KindStormote Kind = "stormote" // the annual general meeting
	KindNetwork  Kind = "network"  // networks by district or theme
	KindOther    Kind = "other"
)

// Status is whether a meeting takes place.
type Status string

// The statuses. A cancelled meeting stays, shown as cancelled.
const (
	StatusPlanned   Status = "planned"
	StatusCancelled Status = "cancelled"
)

// Series is a row of meeting_series.
type Series struct {
	bun.BaseModel `bun:"table:meeting_series,alias:ms"`

	ID          int64  `bun:"id,pk,autoincrement"`
	Kind        Kind   `bun:"kind,notnull"`
	Name        string `bun:"name,notnull"`
	OrganiserID int64  `bun:"organiser_id,notnull"`
	Description string `bun:"description,notnull"`
	Public      bool   `bun:"public,notnull"`
	// InviteSignatories: each new meeting invites the current signatories of the Compact
	// rather than Invitees.
	InviteSignatories bool      `bun:"invite_signatories,notnull"`
	Revision          int       `bun:"revision,notnull"`
	CreatedAt         time.Time `bun:"created_at,notnull"`
	UpdatedAt         time.Time `bun:"updated_at,notnull"`

	// Invitees are the organisations each new meeting invites, when not the signatories.
	Invitees []int64 `bun:"-"`
	// OrganiserName is read with the series.
	OrganiserName string `bun:"organiser_name,scanonly"`
}

// Meeting is a row of meetings. Exactly one of RoomID (with BookingID), Address and
// OnlineURL is set.
type Meeting struct {
	bun.BaseModel `bun:"table:meetings,alias:m"`

	ID           int64     `bun:"id,pk,autoincrement"`
	SeriesID     int64     `bun:"series_id,notnull"`
	Title        string    `bun:"title,notnull"`
	StartsAt     time.Time `bun:"starts_at,notnull"`
	EndsAt       time.Time `bun:"ends_at,notnull"`
	BookingID    *int64    `bun:"booking_id"`
	RoomID       *int64    `bun:"room_id"`
	Address      *string   `bun:"address"`
	OnlineURL    *string   `bun:"online_url"`
	Agenda       string    `bun:"agenda,notnull"`
	Status       Status    `bun:"status,notnull"`
	StatusReason string    `bun:"status_reason,notnull"`
	Revision     int       `bun:"revision,notnull"`
	CreatedAt    time.Time `bun:"created_at,notnull"`
	UpdatedAt    time.Time `bun:"updated_at,notnull"`
}

// Invitation is a row of meeting_invitations: an organisation invited to a meeting and its
// reply, if any.
type Invitation struct {
	bun.BaseModel `bun:"table:meeting_invitations,alias:mi"`

	MeetingID      int64      `bun:"meeting_id,pk"`
	OrganisationID int64      `bun:"organisation_id,pk"`
	Attending      *bool      `bun:"attending"`
	Participants   *int       `bun:"participants"`
	RepliedAt      *time.Time `bun:"replied_at"`
	CreatedAt      time.Time  `bun:"created_at,notnull"`

	OrganisationName string `bun:"organisation_name,scanonly"`
}
