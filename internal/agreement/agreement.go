// Package agreement keeps the agreements between the city and civil society — the Compact
// (Överenskommelsen), partnership agreements (IOP), premises-sharing agreements and others —
// their versions, and the organisations that signed them. A signature is never deleted:
// withdrawing it sets a date, so the history of who signed what stays readable.
package agreement

import (
	"time"

	"github.com/uptrace/bun"
)

// Kind says what sort of agreement it is.
type Kind string

// The kinds of agreement.
const (
	KindCompact         Kind = "compact"
	KindIOP             Kind = "iop"
	KindPremisesSharing Kind = "premises_sharing"
	KindOther           Kind = "other"
)

// Status is where an agreement stands.
type Status string

// The statuses. Drafts are seen by city administrators alone.
const (
	StatusDraft  Status = "draft"
	StatusActive Status = "active"
	StatusEnded  Status = "ended"
)

// Agreement is a row of the agreements table, with its versions (oldest first) when read
// through the service.
type Agreement struct {
	bun.BaseModel `bun:"table:agreements,alias:a"`

	ID        int64      `bun:"id,pk,autoincrement"`
	Kind      Kind       `bun:"kind,notnull"`
	Title     string     `bun:"title,notnull"`
	Summary   string     `bun:"summary,notnull"`
	Body      string     `bun:"body,notnull"`
	Link      string     `bun:"link,notnull"`
	Status    Status     `bun:"status,notnull"`
	ValidFrom *time.Time `bun:"valid_from,type:date"`
	ValidTo   *time.Time `bun:"valid_to,type:date"`
	// Terms says on what terms a premises-sharing agreement lets the partners use the
	// premises: free of charge or a fee, in words.
	Terms     string    `bun:"terms,notnull"`
	Revision  int       `bun:"revision,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
	UpdatedAt time.Time `bun:"updated_at,notnull"`

	Versions []Version `bun:"rel:has-many,join:id=agreement_id"`
	// Parties (by name) and Premises (by venue, then room) are read by the service.
	Parties  []Party    `bun:"-"`
	Premises []Premises `bun:"-"`
}

// Version is one version of an agreement's text; a signatory signs a particular version, and
// versions coexist after a revision.
type Version struct {
	bun.BaseModel `bun:"table:agreement_versions,alias:v"`

	ID          int64     `bun:"id,pk,autoincrement"`
	AgreementID int64     `bun:"agreement_id,notnull"`
	Label       string    `bun:"label,notnull"`
	AdoptedOn   time.Time `bun:"adopted_on,type:date,notnull"`
	Body        string    `bun:"body,notnull"`
	Link        string    `bun:"link,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
}

// Signatory is an organisation's signature of a version of an agreement. The signer's name
// and role are the only personal data kept. OrganisationName, OrgNumber and VersionLabel are
// read along for lists and exports.
type Signatory struct {
	bun.BaseModel `bun:"table:signatories,alias:s"`

	ID             int64      `bun:"id,pk,autoincrement"`
	AgreementID    int64      `bun:"agreement_id,notnull"`
	VersionID      int64      `bun:"version_id,notnull"`
	OrganisationID int64      `bun:"organisation_id,notnull"`
	SignedOn       time.Time  `bun:"signed_on,type:date,notnull"`
	SignerName     string     `bun:"signer_name,notnull"`
	SignerRole     string     `bun:"signer_role,notnull"`
	WithdrawnOn    *time.Time `bun:"withdrawn_on,type:date"`
	CreatedAt      time.Time  `bun:"created_at,notnull"`
	UpdatedAt      time.Time  `bun:"updated_at,notnull"`

	OrganisationName string  `bun:"organisation_name,scanonly"`
	OrgNumber        *string `bun:"org_number,scanonly"`
	VersionLabel     string  `bun:"version_label,scanonly"`
	// AgreementTitle and AgreementKind are read along by FindOrganisationSignatures.
	AgreementTitle string `bun:"agreement_title,scanonly"`
	AgreementKind  Kind   `bun:"agreement_kind,scanonly"`
}

// Input is what a client sends to create or replace an agreement. Dates are YYYY-MM-DD.
// Version names the first version when creating (default "1", adopted on ValidFrom or
// today); it is ignored on an update, where AddVersion makes revisions.
type Input struct {
	Kind      string `json:"kind" form:"kind" validate:"required,oneof=compact iop premises_sharing other"`
	Title     string `json:"title" form:"title" validate:"required,notblank,max=200"`
	Summary   string `json:"summary" form:"summary" validate:"max=5000"`
	Body      string `json:"text" form:"text" validate:"max=200000"`
	Link      string `json:"link" form:"link" validate:"omitempty,max=500,httpurl"`
	Status    string `json:"status" form:"status" validate:"required,oneof=draft active ended"`
	ValidFrom string `json:"valid_from" form:"valid_from" validate:"max=10"`
	ValidTo   string `json:"valid_to" form:"valid_to" validate:"max=10"`
	Version   string `json:"version" form:"version" validate:"max=50"`
	Terms     string `json:"terms" form:"terms" validate:"max=2000"`
	// Parties replace the agreement's parties; the roles must fit the kind (RolesOf). An
	// IOP's city parties are city departments and its association parties are not; a
	// premises-sharing agreement that is not a draft has one owner and at least one partner.
	Parties []PartyInput `json:"parties" form:"-" validate:"max=200,dive"`
	// Premises replace what a premises-sharing agreement covers; each must belong to its
	// owner. Other kinds cover none.
	Premises []PremisesInput `json:"premises" form:"-" validate:"max=500,dive"`
	// Revision, when given on an update, must equal the stored revision.
	Revision *int `json:"revision,omitempty" form:"revision" validate:"omitempty,gte=1"`
	// Confirm must be set on an update that takes the active Compact out of force (to draft,
	// ended or another kind); without it the update returns ErrCompactInForce.
	Confirm bool `json:"confirm,omitempty" form:"confirm"`
}

// VersionInput is a new version of an agreement's text.
type VersionInput struct {
	Label     string `json:"label" form:"label" validate:"required,notblank,max=50"`
	AdoptedOn string `json:"adopted_on" form:"adopted_on" validate:"required,max=10"`
	Body      string `json:"text" form:"text" validate:"max=200000"`
	Link      string `json:"link" form:"link" validate:"omitempty,max=500,httpurl"`
}

// SignInput records a signature. VersionID 0 means the version in force on SignedOn.
type SignInput struct {
	OrganisationID int64  `json:"organisation_id" form:"organisation_id" validate:"required,gt=0"`
	VersionID      int64  `json:"version_id" form:"version_id" validate:"gte=0"`
	SignedOn       string `json:"signed_on" form:"signed_on" validate:"required,max=10"`
	SignerName     string `json:"signer_name" form:"signer_name" validate:"max=200"`
	SignerRole     string `json:"signer_role" form:"signer_role" validate:"max=200"`
}

// WithdrawInput dates a withdrawal; an empty WithdrawnOn means today.
type WithdrawInput struct {
	WithdrawnOn string `json:"withdrawn_on" form:"withdrawn_on" validate:"max=10"`
}

// Filter selects agreements for FindAgreements.
type Filter struct {
	Kind   string `form:"kind" validate:"omitempty,oneof=compact iop premises_sharing other"`
	Status string `form:"status" validate:"omitempty,oneof=draft active ended"`
	Limit  int    `form:"limit" validate:"gte=0,lte=200"`
	Cursor string `form:"cursor" validate:"max=500"`
}

// SignatoryFilter selects signatories of one agreement for FindSignatories.
type SignatoryFilter struct {
	// All includes withdrawn signatures, the history; by default only current ones.
	All    bool   `form:"all"`
	Q      string `form:"q" validate:"max=200"`
	Limit  int    `form:"limit" validate:"gte=0,lte=200"`
	Cursor string `form:"cursor" validate:"max=500"`
}
