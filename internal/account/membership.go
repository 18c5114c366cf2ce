package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// roleState is what the audit log keeps of a membership. Membership entries have object type
// "membership", the person's id as object id and the organisation's id.
type roleState struct {
	Role access.Role `json:"role"`
}

var errBadRole = fault.FieldErrors{{Field: "role", Code: "oneof", Param: "admin booker"}}

func validRole(r access.Role) bool { return r == access.RoleAdmin || r == access.RoleBooker }

// FindMembers returns the organisation's memberships with their people, by name. Members and
// city administrators may see them (access.ViewMembers).
func (s *Service) FindMembers(ctx context.Context, actor access.Actor, orgID int64) ([]Membership, error) {
	if err := access.Check(actor, access.ViewMembers, orgID); err != nil {
		return nil, err
	}
	ms := []Membership{}
	err := s.db.NewSelect().Model(&ms).Relation("User").Where("m.organisation_id = ?", orgID).
		OrderExpr(`"user"."name" COLLATE sv, m.user_id`).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("find members of organisation %d: %w", orgID, err)
	}
	return ms, nil
}

// FindMemberships returns the person's memberships with their organisations, by name: "my
// organisations". It checks no access; callers pass the signed-in person's own id.
func (s *Service) FindMemberships(ctx context.Context, userID int64) ([]Membership, error) {
	ms, err := membershipsOf(ctx, s.db, userID)
	if err != nil {
		return nil, fmt.Errorf("find memberships of user %d: %w", userID, err)
	}
	return ms, nil
}

func membershipsOf(ctx context.Context, db bun.IDB, userID int64) ([]Membership, error) {
	ms := []Membership{}
	err := db.NewSelect().Model(&ms).Relation("Organisation").Where("m.user_id = ?", userID).
		OrderExpr(`"organisation"."name", m.organisation_id`).Scan(ctx)
	return ms, err
}

// SetMember makes the person a member of the organisation with role, or changes their role.
// The organisation's admins and city administrators may (access.ManageMembers). It returns
// organisation.ErrNotFound, ErrUserNotFound, {role, oneof} for an unknown role, and
// ErrLastAdmin when it would demote the organisation's only admin. Setting the role a member
// already has changes nothing and records nothing.
func (s *Service) SetMember(ctx context.Context, actor access.Actor, orgID, userID int64, role access.Role) (*Membership, error) {
	if err := access.Check(actor, access.ManageMembers, orgID); err != nil {
		return nil, err
	}
	if !validRole(role) {
		return nil, errBadRole
	}
	var m *Membership
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := lockOrganisation(ctx, tx, orgID); err != nil {
			return err
		}
		if _, err := findUser(ctx, tx, userID); err != nil {
			return err
		}
		var err error
		m, err = setRole(ctx, tx, actor, "membership.set", orgID, userID, role, s.now())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("set member %d of organisation %d: %w", userID, orgID, translateMembership(err))
	}
	return m, nil
}

// setRole gives the person role in the organisation, whose row the caller has locked, and
// records it as action; it applies the last-admin rule.
func setRole(ctx context.Context, tx bun.Tx, actor access.Actor, action string, orgID, userID int64, role access.Role, now time.Time) (*Membership, error) {
	m, err := findMembership(ctx, tx, orgID, userID)
	if err != nil && !errors.Is(err, ErrMembershipNotFound) {
		return nil, err
	}
	change := audit.Change{Action: action, ObjectType: "membership", ObjectID: userID, OrganisationID: orgID, After: roleState{role}}
	switch {
	case m == nil:
		m = &Membership{UserID: userID, OrganisationID: orgID, Role: role, CreatedAt: now, UpdatedAt: now}
		if _, err := tx.NewInsert().Model(m).Exec(ctx); err != nil {
			return nil, err
		}
	case m.Role == role:
		return m, nil
	default:
		if m.Role == access.RoleAdmin {
			if err := checkNotLastAdmin(ctx, tx, orgID, userID); err != nil {
				return nil, err
			}
		}
		change.Before = roleState{m.Role}
		m.Role, m.UpdatedAt = role, now
		if _, err := tx.NewUpdate().Model(m).Column("role", "updated_at").WherePK().Exec(ctx); err != nil {
			return nil, err
		}
	}
	return m, audit.Record(ctx, tx, actor, now, change)
}

// RemoveMember ends the person's membership of the organisation. The organisation's admins
// and city administrators may remove anyone (access.ManageMembers), and a person may leave.
// It returns ErrMembershipNotFound, or ErrLastAdmin for the organisation's only admin.
func (s *Service) RemoveMember(ctx context.Context, actor access.Actor, orgID, userID int64) error {
	if !isSelf(actor, userID) {
		if err := access.Check(actor, access.ManageMembers, orgID); err != nil {
			return err
		}
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := lockOrganisation(ctx, tx, orgID); err != nil {
			return err
		}
		m, err := findMembership(ctx, tx, orgID, userID)
		if err != nil {
			return err
		}
		if m.Role == access.RoleAdmin {
			if err := checkNotLastAdmin(ctx, tx, orgID, userID); err != nil {
				return err
			}
		}
		if _, err := tx.NewDelete().Model(m).WherePK().Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, s.now(), audit.Change{
			Action: "membership.remove", ObjectType: "membership", ObjectID: userID, OrganisationID: orgID,
			Before: roleState{m.Role},
		})
	})
	if err != nil {
		return fmt.Errorf("remove member %d of organisation %d: %w", userID, orgID, translateMembership(err))
	}
	return nil
}

// lockOrganisation takes the organisation's row lock that serialises changes to its
// memberships, so two admins demoting each other at once cannot both succeed. NO KEY UPDATE
// leaves inserts that only reference the row (memberships, bookings) unblocked. It returns
// organisation.ErrNotFound.
func lockOrganisation(ctx context.Context, tx bun.IDB, orgID int64) error {
	var id int64
	err := tx.NewSelect().Model((*organisation.Organisation)(nil)).Column("o.id").
		Where("o.id = ?", orgID).For("NO KEY UPDATE").Scan(ctx, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return organisation.ErrNotFound
	}
	return err
}

func findMembership(ctx context.Context, db bun.IDB, orgID, userID int64) (*Membership, error) {
	m := new(Membership)
	err := db.NewSelect().Model(m).Where("m.organisation_id = ? AND m.user_id = ?", orgID, userID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrMembershipNotFound
	}
	return m, err
}

// translateMembership turns the database's last-admin trigger (memberships_last_admin,
// which holds whatever the services miss) into ErrLastAdmin.
func translateMembership(err error) error {
	if database.Violates(err, database.CodeCheckViolation, "memberships_last_admin") {
		return ErrLastAdmin
	}
	return err
}

// checkNotLastAdmin returns ErrLastAdmin when the organisation has no admin besides userID.
func checkNotLastAdmin(ctx context.Context, db bun.IDB, orgID, userID int64) error {
	n, err := db.NewSelect().Model((*Membership)(nil)).
		Where("m.organisation_id = ? AND m.role = ? AND m.user_id <> ?", orgID, access.RoleAdmin, userID).Count(ctx)
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrLastAdmin
	}
	return nil
}
