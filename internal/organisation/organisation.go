// Package organisation holds the organisations of the register: the city and its departments,
// associations and others, with their Swedish organisation numbers.
package organisation

import (
	"time"

	"github.com/uptrace/bun"
)

// Kind says what sort of organisation it is.
type Kind string

// The kinds of organisation.
const (
	KindCity        Kind = "city"
	KindAssociation Kind = "association"
	KindOther       Kind = "other"
)

// Kinds lists every kind, in display order.
var Kinds = []Kind{KindCity, KindAssociation, KindOther}

// Organisation is a row of the organisations table. City departments are organisations of
// kind city whose ParentID points at the municipality.
type Organisation struct {
	bun.BaseModel `bun:"table:organisations,alias:o"`

	ID          int64      `bun:"id,pk,autoincrement"`
	Kind        Kind       `bun:"kind,notnull"`
	Name        string     `bun:"name,notnull"`
	OrgNumber   *string    `bun:"org_number"`
	ParentID    *int64     `bun:"parent_id"`
	Description string     `bun:"description,notnull"`
	Website     string     `bun:"website,notnull"`
	Email       string     `bun:"email,notnull"`
	Phone       string     `bun:"phone,notnull"`
	Revision    int        `bun:"revision,notnull"`
	CreatedAt   time.Time  `bun:"created_at,notnull"`
	UpdatedAt   time.Time  `bun:"updated_at,notnull"`
	ArchivedAt  *time.Time `bun:"archived_at"`
}

// Archived reports whether the organisation has been archived.
func (o *Organisation) Archived() bool { return o.ArchivedAt != nil }

// Input is what a client sends to create or replace an organisation, from the API, a form or
// a CSV import alike; the service validates it.
type Input struct {
	Kind        string `json:"kind" form:"kind" validate:"required,oneof=city association other"`
	Name        string `json:"name" form:"name" validate:"required,notblank,max=200"`
	OrgNumber   string `json:"org_number" form:"org_number" validate:"omitempty,orgnr"`
	ParentID    *int64 `json:"parent_id" form:"parent_id" validate:"omitempty,gt=0"`
	Description string `json:"description" form:"description" validate:"max=5000"`
	Website     string `json:"website" form:"website" validate:"omitempty,max=500,httpurl"`
	Email       string `json:"email" form:"email" validate:"omitempty,max=254,email"`
	Phone       string `json:"phone" form:"phone" validate:"omitempty,phone"`
	// Revision, when given on an update, must equal the stored revision: it stops a client
	// from overwriting a change it has not seen.
	Revision *int `json:"revision,omitempty" form:"revision" validate:"omitempty,gte=1"`
}

// Filter selects organisations for FindOrganisations.
type Filter struct {
	Q               string `form:"q" validate:"max=200"`
	Kind            string `form:"kind" validate:"omitempty,oneof=city association other"`
	ParentID        int64  `form:"parent_id" validate:"gte=0"`
	IncludeArchived bool   `form:"include_archived"`
	Limit           int    `form:"limit" validate:"gte=0,lte=200"`
	Cursor          string `form:"cursor" validate:"max=500"`
}
