package round

import "github.com/borasstad/lokalbanken/internal/fault"

// Errors returned by the service; every one wraps a fault kind.
var (
	ErrNotFound            = fault.New(fault.NotFound, "round_not_found")
	ErrApplicationNotFound = fault.New(fault.NotFound, "application_not_found")
	ErrAllocationNotFound  = fault.New(fault.NotFound, "allocation_not_found")
	// ErrNotOpen: applications can be made, changed or withdrawn only while the round is open.
	ErrNotOpen = fault.New(fault.Conflict, "round_not_open")
	// ErrAlreadyApplied: the organisation has an application in the round; change it instead.
	ErrAlreadyApplied = fault.New(fault.Conflict, "round_already_applied")
	// ErrApplicationWithdrawn: a withdrawn application cannot be changed.
	ErrApplicationWithdrawn = fault.New(fault.Conflict, "application_withdrawn")
	// ErrNotAllocating: allocations can be made only after applications close and before
	// the round is published.
	ErrNotAllocating = fault.New(fault.Conflict, "round_not_allocating")
	// ErrAllocationTaken: the room is already allocated at that weekly time in the round.
	ErrAllocationTaken = fault.New(fault.Conflict, "allocation_taken")
	// ErrNotPublished: allocations are answered only once the round is published, and
	// before it is closed.
	ErrNotPublished = fault.New(fault.Conflict, "round_not_published")
	// ErrAlreadyPublished: the round was published (or closed) already.
	ErrAlreadyPublished = fault.New(fault.Conflict, "round_published")
	// ErrAlreadyAnswered: the allocation was accepted or declined already.
	ErrAlreadyAnswered = fault.New(fault.Conflict, "allocation_answered")
)

// Field error codes of rounds and applications.
const (
	CodeNotOwners        = "not_round_owners" // room_ids[i]: the room is not the owner's
	CodeNotOffered       = "not_offered"      // sections[i].room_ids[j]: the round does not offer the room
	CodeTimeOfDay        = "time_of_day"      // a wish's starts or ends is not HH:MM within the day
	CodeEndNotAfterStart = "end_not_after_start"
	CodeTooFewWishes     = "too_few_wishes" // sections[i].wishes: fewer weekdays than sessions per week
	CodeWishTooShort     = "wish_too_short" // sections[i].wishes[j].ends: shorter than a session (param: minutes)
	CodeRoomAllocated    = "room_allocated" // room_ids: a room left out has allocations (param: its id)
)
