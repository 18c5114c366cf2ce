package meeting

import "github.com/borasstad/lokalbanken/internal/fault"

// Errors returned by the service; every one wraps a fault kind. Errors of the booking of a
// meeting in a room (booking.ConflictError, booking.RuleError, its field errors) are
// returned as the booking service returns them.
var (
	ErrSeriesNotFound = fault.New(fault.NotFound, "meeting_series_not_found")
	ErrNotFound       = fault.New(fault.NotFound, "meeting_not_found")
	// ErrSeriesInUse: a series with meetings cannot be deleted.
	ErrSeriesInUse = fault.New(fault.Conflict, "meeting_series_in_use")
	// ErrCancelled: the meeting is cancelled; it can no longer be changed or answered.
	ErrCancelled = fault.New(fault.Conflict, "meeting_cancelled")
	// ErrStarted: the meeting has begun; it can no longer be cancelled.
	ErrStarted = fault.New(fault.Conflict, "meeting_started")
)

// Field error codes of this package.
const (
	CodePlaceMissing   = "place_missing"   // place: none of room_id, address, online_url
	CodePlaceExclusive = "place_exclusive" // on each of room_id, address, online_url given together
	CodeHTTPURL        = "http_url"        // online_url: not an http(s) link
	CodeNotInvited     = "not_invited"     // organisation_id: the organisation was not invited
	CodeNotAllowed     = "not_allowed"     // recurrence: only when creating meetings
)

var (
	errOrganiserNotFound = fault.FieldErrors{{Field: "organiser_id", Code: "not_found"}}
	errInviteeNotFound   = fault.FieldErrors{{Field: "invitees", Code: "not_found"}}
	errOrgNotFound       = fault.FieldErrors{{Field: "organisation_ids", Code: "not_found"}}
	errNotInvited        = fault.FieldErrors{{Field: "organisation_id", Code: CodeNotInvited}}
)

// fieldMin: at least one.
func fieldMin(field string) fault.FieldErrors {
	return fault.FieldErrors{{Field: field, Code: "min", Param: "1"}}
}
