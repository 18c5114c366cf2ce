package booking

import (
	"errors"
	"fmt"
	"time"

	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// Errors returned by the service; every one wraps a fault kind.
var (
	ErrNotFound = fault.New(fault.NotFound, "booking_not_found")
	// ErrConflict: the time is taken. The error returned is a *ConflictError listing the clashes.
	ErrConflict = fault.New(fault.Conflict, "booking_conflict")
	// ErrRuleRefused: the room's rules do not let the organisation book it. The error returned
	// is a *RuleError naming the rule.
	ErrRuleRefused = fault.New(fault.Forbidden, "booking_refused")
	// ErrNotActive: the booking is already cancelled or rejected.
	ErrNotActive = fault.New(fault.Conflict, "booking_not_active")
	// ErrNotPending: only a pending booking can be approved or rejected.
	ErrNotPending = fault.New(fault.Conflict, "booking_not_pending")
	// ErrStarted: the booking has begun; it can no longer be cancelled or decided.
	ErrStarted = fault.New(fault.Conflict, "booking_started")
	// ErrCancelTooLate: the room's rules let the booker cancel only until a time before the start.
	ErrCancelTooLate = fault.New(fault.Conflict, "booking_cancel_too_late")

	errRoomNotFound = fault.FieldErrors{{Field: "room_id", Code: "not_found"}}
	errRoomArchived = fault.FieldErrors{{Field: "room_id", Code: "archived"}}
	errOrgNotFound  = fault.FieldErrors{{Field: "organisation_id", Code: "not_found"}}
	errOrgArchived  = fault.FieldErrors{{Field: "organisation_id", Code: "archived"}}
)

// Field error codes for times and sizes the room's rules do not allow. Each is reported on
// the field named in its comment, with the parameter described there.
const (
	CodeEndNotAfterStart    = "end_not_after_start"   // ends_at
	CodeInPast              = "in_past"               // starts_at
	CodeTooSoon             = "too_soon"              // starts_at; earliest allowed start, local "2006-01-02 15:04"
	CodeTooFarAhead         = "too_far_ahead"         // starts_at; latest allowed start, local
	CodeEndsTooFarAhead     = "ends_too_far_ahead"    // ends_at; latest allowed end (the horizon), local
	CodeTooLong             = "too_long"              // ends_at; longest booking in minutes
	CodeTooShort            = "too_short"             // ends_at; shortest booking in minutes (MinDuration)
	CodeAboveCapacity       = "above_capacity"        // attendees; the room's capacity
	CodeOutsideOpeningHours = "outside_opening_hours" // starts_at
	CodeClosed              = "closed"                // starts_at; the closure's reason, or its days
	CodeHoliday             = "holiday"               // starts_at; the holiday's date
)

// Rules that can refuse an organisation, as named by RuleError.Rule.
const (
	RuleCompact     = "compact"      // only signatories of the Compact may book
	RulePartners    = "partners"     // only the owner's partner organisations may book
	RuleOwner       = "owner"        // only the owner may book
	RuleNotBookable = "not_bookable" // the owner has closed the room to bookings
)

// Clash is a booking that holds some of the requested time. Own reports whether it belongs
// to the organisation that asked; only then may its details be shown to the caller.
type Clash struct {
	BookingID int64
	RoomID    int64
	StartsAt  time.Time
	EndsAt    time.Time
	Own       bool
}

// ConflictError is ErrConflict with the bookings that hold the time. Clashes may be empty
// when the clashing booking was cancelled between the attempt and the look-up.
type ConflictError struct {
	Clashes []Clash
	// Start is the requested start of the occurrence that clashed, for a series.
	Start time.Time
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s: %d clashing booking(s)", ErrConflict.Code, len(e.Clashes))
}

// Unwrap makes errors.Is(err, ErrConflict) and fault.KindOf work.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// settled turns a transaction that lost to concurrent ones every time database.InTx ran it
// (database.ErrContended) into the conflict it stands for when booking time: another request
// held the time. The clash is gone by the time it could be named, so Clashes is empty.
func settled(err error) error {
	if errors.Is(err, database.ErrContended) {
		return &ConflictError{}
	}
	return err
}

// RuleError is ErrRuleRefused naming the rule that refused (one of the Rule constants) and,
// for the rules compact and partners, why this organisation is refused.
type RuleError struct {
	Rule string
	// Reason is one of agreement's reasons (agreement.NotSigned, SignatureWithdrawn,
	// NoAgreement, AgreementEnded, AgreementNotStarted), or "" for the other rules.
	Reason string
	// Agreement and AgreementID name the premises-sharing agreement the reason is about,
	// when there is one.
	Agreement   string
	AgreementID int64
	// On is the day the reason names: the withdrawal, or the agreement's last or first day.
	On *time.Time
}

func (e *RuleError) Error() string { return ErrRuleRefused.Code + ": " + e.Rule }

// Unwrap makes errors.Is(err, ErrRuleRefused) and fault.KindOf work.
func (e *RuleError) Unwrap() error { return ErrRuleRefused }
