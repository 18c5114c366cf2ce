package agreement

import (
	"github.com/uptrace/bun"
)

// Role is what an organisation is to an agreement. Which roles an agreement may have
// follows from its kind (see RolesOf).
type Role string

// The roles. A premises-sharing agreement has one owner and partners; an IOP city
// departments and associations; the Compact and other agreements plain parties.
const (
	RoleOwner       Role = "owner"
	RolePartner     Role = "partner"
	RoleCity        Role = "city"
	RoleAssociation Role = "association"
	RoleParty       Role = "party"
)

// RolesOf returns the roles that parties of an agreement of kind k may have.
func RolesOf(k Kind) []Role {
	switch k {
	case KindPremisesSharing:
		return []Role{RoleOwner, RolePartner}
	case KindIOP:
		return []Role{RoleCity, RoleAssociation}
	}
	return []Role{RoleParty}
}

// Party is a row of agreement_parties: an organisation party to an agreement, in one role.
// OrganisationName and OrganisationKind are read along.
type Party struct {
	bun.BaseModel `bun:"table:agreement_parties,alias:ap"`

	AgreementID    int64 `bun:"agreement_id,pk"`
	AgreementKind  Kind  `bun:"agreement_kind,notnull"`
	OrganisationID int64 `bun:"organisation_id,pk"`
	Role           Role  `bun:"role,notnull"`

	OrganisationName string `bun:"organisation_name,scanonly"`
	OrganisationKind string `bun:"organisation_kind,scanonly"`
}

// Premises is a row of agreement_premises: a venue (with every room in it) or one room that
// a premises-sharing agreement covers; exactly one of VenueID and RoomID is set. The names
// and the venue of a room are read along.
type Premises struct {
	bun.BaseModel `bun:"table:agreement_premises,alias:pm"`

	ID            int64  `bun:"id,pk,autoincrement"`
	AgreementID   int64  `bun:"agreement_id,notnull"`
	AgreementKind Kind   `bun:"agreement_kind,notnull"`
	VenueID       *int64 `bun:"venue_id"`
	RoomID        *int64 `bun:"room_id"`

	VenueName string `bun:"venue_name,scanonly"`
	RoomName  string `bun:"room_name,scanonly"`
	// InVenue is the venue of the room, or the venue itself.
	InVenue int64 `bun:"in_venue,scanonly"`
}

// PartyInput is a party of an agreement as a client sends it.
type PartyInput struct {
	OrganisationID int64  `json:"organisation_id" form:"organisation_id" validate:"required,gt=0"`
	Role           string `json:"role" form:"role" validate:"required,oneof=owner partner city association party"`
}

// PremisesInput is a venue or a room a premises-sharing agreement covers: exactly one of
// VenueID and RoomID.
type PremisesInput struct {
	VenueID int64 `json:"venue_id,omitempty" form:"venue_id" validate:"required_without=RoomID,excluded_with=RoomID,gte=0"`
	RoomID  int64 `json:"room_id,omitempty" form:"room_id" validate:"required_without=VenueID,gte=0"`
}

// Owner returns the owner party of a premises-sharing agreement, or nil.
func (a *Agreement) Owner() *Party {
	for i := range a.Parties {
		if a.Parties[i].Role == RoleOwner {
			return &a.Parties[i]
		}
	}
	return nil
}

// PartiesIn returns the parties of the agreement in role r, in the order read (by name).
func (a *Agreement) PartiesIn(r Role) []Party {
	var out []Party
	for _, p := range a.Parties {
		if p.Role == r {
			out = append(out, p)
		}
	}
	return out
}
