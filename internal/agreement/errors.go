package agreement

import "github.com/borasstad/lokalbanken/internal/fault"

// Codes of field errors that only this package reports.
const (
	CodeSignedBeforeVersion = "signed_before_version" // signed_on
	CodeNotInFuture         = "not_in_future"         // signed_on, withdrawn_on
	CodeBeforeSigned        = "before_signed"         // withdrawn_on
	CodeCompactExists       = "compact_exists"        // kind
	CodeRoleForKind         = "role_for_kind"         // parties[i].role; the roles the kind allows, space-separated
	CodeNotCity             = "not_city"              // parties[i].organisation_id: a city party that is no city department
	CodeNotAssociation      = "not_association"       // parties[i].organisation_id: an association party that is a city department
	CodeOneOwner            = "one_owner"             // parties: more than one owner
	CodePartyRequired       = "party_required"        // parties; the role that is missing
	CodePremisesForKind     = "premises_for_kind"     // premises: only premises-sharing agreements cover premises
	CodeNotOwners           = "not_owners"            // premises[i].venue_id or .room_id: not the owner party's
	CodePartnerIsOwner      = "partner_is_owner"      // partner_ids[i]: the room's owner cannot be its own partner
	CodePartnerOverlap      = "partner_overlap"       // partner_ids: another agreement already lets a partner book the room; its title
	CodeOverlap             = "overlap"               // premises[i].venue_id or .room_id; the title of the other agreement
)

// Errors returned by the service; every one wraps a fault kind.
var (
	ErrNotFound          = fault.New(fault.NotFound, "agreement_not_found")
	ErrSignatoryNotFound = fault.New(fault.NotFound, "signatory_not_found")
	ErrStale             = fault.New(fault.Conflict, "stale_revision")
	ErrEnded             = fault.New(fault.Conflict, "agreement_ended")
	ErrWithdrawn         = fault.New(fault.Conflict, "signatory_withdrawn")
	// ErrCompactInForce refuses a change that would take the active Compact out of force
	// (make it a draft, end it, or give it another kind) without Input.Confirm: after one,
	// its page is gone and every booking rule "compact" refuses. Revising its text is
	// AddVersion, which keeps it in force.
	ErrCompactInForce = fault.New(fault.Conflict, "compact_in_force")

	errAlreadySigned    = fault.FieldErrors{{Field: "organisation_id", Code: "duplicate"}}
	errOrgNotFound      = fault.FieldErrors{{Field: "organisation_id", Code: "not_found"}}
	errVersionNotFound  = fault.FieldErrors{{Field: "version_id", Code: "not_found"}}
	errDuplicateVersion = fault.FieldErrors{{Field: "label", Code: "duplicate"}}
	errCompactExists    = fault.FieldErrors{{Field: "kind", Code: CodeCompactExists}}
	errPeriod           = fault.FieldErrors{{Field: "valid_to", Code: "last_before_first"}}
)
