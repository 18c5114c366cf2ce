package organisation

import "github.com/borasstad/lokalbanken/internal/fault"

// Errors returned by the service; every one wraps a fault kind.
var (
	ErrNotFound        = fault.New(fault.NotFound, "organisation_not_found")
	ErrStale           = fault.New(fault.Conflict, "stale_revision")
	ErrArchived        = fault.New(fault.Conflict, "organisation_archived")
	ErrHasActiveVenues = fault.New(fault.Conflict, "organisation_has_venues")
	errDuplicateOrgNr  = fault.FieldErrors{{Field: "org_number", Code: "duplicate"}}
	errParentNotFound  = fault.FieldErrors{{Field: "parent_id", Code: "not_found"}}
	errParentKind      = fault.FieldErrors{{Field: "parent_id", Code: "parent_kind"}}
	errParentIsSelf    = fault.FieldErrors{{Field: "parent_id", Code: "parent_self"}}
)
