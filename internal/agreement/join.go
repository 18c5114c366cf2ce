package agreement

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// JoinStatus is where a request to join the Compact stands. Approved and rejected are final.
type JoinStatus string

// The statuses of a join request.
const (
	JoinPending  JoinStatus = "pending"
	JoinApproved JoinStatus = "approved"
	JoinRejected JoinStatus = "rejected"
)

// JoinTokenPrefix starts every status link's secret, so that people and secret scanners tell
// it from an API token ("lb_") or a feed link ("lbf_").
const JoinTokenPrefix = "lbj_"

// JoinStatusPath is the page where the applicant follows a request, for its secret: the
// link the API answers with and the page the join form leads to.
func JoinStatusPath(secret string) string { return "/overenskommelsen/anslut/" + secret }

// JoinRequest is a row of the join_requests table: an organisation asking to sign the
// Compact ("Anslut din förening"). The contact's name, e-mail and phone are personal data,
// for city administrators and the applicant alone. It never holds the status link's secret.
type JoinRequest struct {
	bun.BaseModel `bun:"table:join_requests,alias:jr"`

	ID               int64      `bun:"id,pk,autoincrement"`
	Status           JoinStatus `bun:"status,notnull"`
	AgreementID      int64      `bun:"agreement_id,notnull"`
	VersionID        int64      `bun:"version_id,notnull"`
	OrganisationName string     `bun:"organisation_name,notnull"`
	OrgNumber        string     `bun:"org_number,notnull"`
	Kind             string     `bun:"kind,notnull"`
	ContactName      string     `bun:"contact_name,notnull"`
	ContactEmail     string     `bun:"contact_email,notnull"`
	ContactPhone     string     `bun:"contact_phone,notnull"`
	SignerName       string     `bun:"signer_name,notnull"`
	SignerRole       string     `bun:"signer_role,notnull"`
	RequestedBy      *int64     `bun:"requested_by"`
	OrganisationID   *int64     `bun:"organisation_id"`
	SignatoryID      *int64     `bun:"signatory_id"`
	SignedOn         *time.Time `bun:"signed_on,type:date"`
	DecidedBy        *int64     `bun:"decided_by"`
	DecidedAt        *time.Time `bun:"decided_at"`
	RejectionReason  string     `bun:"rejection_reason,notnull"`
	// Lang is the language the applicant wrote in ("sv" or "en"), for the messages to them.
	Lang      string    `bun:"lang,nullzero,notnull,default:'sv'"`
	CreatedAt time.Time `bun:"created_at,notnull"`
	UpdatedAt time.Time `bun:"updated_at,notnull"`

	VersionLabel string `bun:"version_label,scanonly"`
}

// JoinInput is what an applicant sends to join the Compact, from the API or the public
// form. Kind is association (the default) or other; the city does not join its own Compact.
type JoinInput struct {
	OrganisationName string `json:"organisation_name" form:"organisation_name" validate:"required,notblank,max=200"`
	OrgNumber        string `json:"org_number" form:"org_number" validate:"required,orgnr"`
	Kind             string `json:"kind" form:"kind" validate:"omitempty,oneof=association other"`
	ContactName      string `json:"contact_name" form:"contact_name" validate:"required,notblank,max=200"`
	ContactEmail     string `json:"contact_email" form:"contact_email" validate:"required,max=254,email"`
	ContactPhone     string `json:"contact_phone" form:"contact_phone" validate:"omitempty,phone"`
	SignerName       string `json:"signer_name" form:"signer_name" validate:"required,notblank,max=200"`
	SignerRole       string `json:"signer_role" form:"signer_role" validate:"required,notblank,max=200"`
	// Lang is the language of the messages about the request: the page's, for the form;
	// empty is Swedish.
	Lang string `json:"-" form:"-" validate:"omitempty,oneof=sv en"`
}

// ApproveInput approves a join request. SignedOn (YYYY-MM-DD) is the date of the signature;
// empty means the day of the decision.
type ApproveInput struct {
	SignedOn string `json:"signed_on" form:"signed_on" validate:"max=10"`
}

// RejectInput rejects a join request; the reason is shown to the applicant.
type RejectInput struct {
	Reason string `json:"reason" form:"reason" validate:"required,notblank,max=2000"`
}

// JoinFilter selects join requests for FindJoinRequests; an empty Status means all.
type JoinFilter struct {
	Status string `form:"status" validate:"omitempty,oneof=pending approved rejected"`
	Limit  int    `form:"limit" validate:"gte=0,lte=200"`
	Cursor string `form:"cursor" validate:"max=500"`
}

// Codes of field errors about join requests (on org_number).
const (
	CodeJoinPending   = "join_pending"   // a request for the number waits for a decision
	CodeAlreadySigned = "already_signed" // the organisation has signed this version
)

// Errors about join requests.
var (
	ErrJoinRequestNotFound = fault.New(fault.NotFound, "join_request_not_found")
	ErrJoinDecided         = fault.New(fault.Conflict, "join_request_decided")

	errJoinPending   = fault.FieldErrors{{Field: "org_number", Code: CodeJoinPending}}
	errAlreadyMember = fault.FieldErrors{{Field: "org_number", Code: CodeAlreadySigned}}
)

// joinState is what the audit log keeps of a join request: the decision and what it made,
// without the contact's personal data.
type joinState struct {
	Status           JoinStatus `json:"status"`
	OrganisationName string     `json:"organisation_name"`
	OrgNumber        string     `json:"org_number"`
	Kind             string     `json:"kind"`
	VersionID        int64      `json:"version_id"`
	OrganisationID   *int64     `json:"organisation_id,omitempty"`
	SignatoryID      *int64     `json:"signatory_id,omitempty"`
	SignedOn         *time.Time `json:"signed_on,omitempty"`
	RejectionReason  string     `json:"rejection_reason,omitempty"`
}

func stateOf(jr *JoinRequest) joinState {
	return joinState{Status: jr.Status, OrganisationName: jr.OrganisationName, OrgNumber: jr.OrgNumber, Kind: jr.Kind,
		VersionID: jr.VersionID, OrganisationID: jr.OrganisationID, SignatoryID: jr.SignatoryID, SignedOn: jr.SignedOn,
		RejectionReason: jr.RejectionReason}
}
