package venue

import "github.com/borasstad/lokalbanken/internal/fault"

// Errors returned by the service; every one wraps a fault kind.
var (
	ErrVenueNotFound = fault.New(fault.NotFound, "venue_not_found")
	ErrRoomNotFound  = fault.New(fault.NotFound, "room_not_found")
	ErrStale         = fault.New(fault.Conflict, "stale_revision")
	ErrVenueArchived = fault.New(fault.Conflict, "venue_archived")
	ErrRoomArchived  = fault.New(fault.Conflict, "room_archived")
	errOwnerNotFound = fault.FieldErrors{{Field: "owner_id", Code: "not_found"}}
	errOwnerArchived = fault.FieldErrors{{Field: "owner_id", Code: "archived"}}
	errDuplicateRoom = fault.FieldErrors{{Field: "name", Code: "duplicate"}}
)
