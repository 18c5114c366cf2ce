package booking

import (
	"time"

	"github.com/uptrace/bun"
)

// Who says which organisations may book a room.
type Who string

// The answers to who may book. The owner may always book its own rooms.
const (
	WhoAny      Who = "any"      // any registered organisation
	WhoCompact  Who = "compact"  // signatories of the Compact
	WhoPartners Who = "partners" // the room's partner organisations
	WhoOwner    Who = "owner"    // the venue's owner only
)

// Rules is a row of the booking_rules table: the owner's rules for booking one room. A room
// without a row books under DefaultRules.
type Rules struct {
	bun.BaseModel `bun:"table:booking_rules,alias:br"`

	RoomID         int64     `bun:"room_id,pk"`
	WhoMayBook     Who       `bun:"who_may_book,notnull"`
	NeedsApproval  bool      `bun:"needs_approval,notnull"`
	MinNotice      Interval  `bun:"min_notice,notnull"`
	Horizon        Interval  `bun:"horizon,notnull"`
	MaxDuration    *Interval `bun:"max_duration"`
	CancelBefore   Interval  `bun:"cancel_before,notnull"`
	HolidaysClosed bool      `bun:"holidays_closed,notnull"`
	Terms          string    `bun:"terms,notnull"`
	Revision       int       `bun:"revision,notnull"`
	CreatedAt      time.Time `bun:"created_at,notnull"`
	UpdatedAt      time.Time `bun:"updated_at,notnull"`
}

// DefaultRules returns the rules of a room whose owner has set none: any organisation may
// book, without approval, up to a year ahead, for at most DefaultMaxDuration (a day), and
// cancel until the start.
func DefaultRules(roomID int64) Rules {
	return Rules{RoomID: roomID, WhoMayBook: WhoAny, Horizon: MonthsOf(12)}
}

// OpeningHours is one open period of a weekday, in local wall-clock time: Weekday 1 is
// Monday and 7 Sunday (ISO 8601); Opens and Closes are offsets from local midnight, Closes up
// to 24h. A room with no opening hours is open around the clock.
type OpeningHours struct {
	Weekday int
	Opens   time.Duration
	Closes  time.Duration
}

// Closure is a closed period of whole local days, FirstDay to LastDay inclusive, on a room or
// its whole venue. The days are dates: their clock and location are ignored.
type Closure struct {
	// ID and the target (VenueID or RoomID, exactly one set) are filled when read by FindRules.
	ID       int64
	VenueID  *int64
	RoomID   *int64
	FirstDay time.Time
	LastDay  time.Time
	Reason   string
}
