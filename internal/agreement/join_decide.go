package agreement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// ApproveJoinRequest approves a pending request in one transaction: it links the
// organisation that has the request's number, or creates it, records its signature of the
// requested version (signed on in.SignedOn, by default the day of the decision, by the
// request's signer) and marks the request approved, all audited. The request's row is
// locked, so of two approvals at once one wins and the other gets ErrJoinDecided. It also
// returns ErrJoinRequestNotFound, organisation.ErrArchived when the organisation with that
// number is archived, ErrEnded, and field errors (a date in the future or before the
// version; a current signature of the version). Only city administrators decide.
func (s *Service) ApproveJoinRequest(ctx context.Context, actor access.Actor, id int64, in ApproveInput) (*JoinRequest, error) {
	if err := access.Check(actor, access.ReviewJoinRequests, 0); err != nil {
		return nil, err
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	now := s.now()
	today := s.today(now)
	signed, err := parseDate("signed_on", in.SignedOn)
	if err != nil {
		return nil, err
	}
	if signed == nil {
		signed = &today
	}
	if signed.After(today) {
		return nil, fault.FieldErrors{{Field: "signed_on", Code: CodeNotInFuture}}
	}
	err = database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		jr, err := lockJoinRequest(ctx, tx, id)
		if err != nil {
			return err
		}
		before := stateOf(jr)
		org, err := joiningOrganisation(ctx, tx, actor, now, jr)
		if err != nil {
			return err
		}
		sig := &Signatory{AgreementID: jr.AgreementID, OrganisationID: org, SignedOn: *signed,
			SignerName: jr.SignerName, SignerRole: jr.SignerRole, CreatedAt: now, UpdatedAt: now}
		if err := sign(ctx, tx, actor, now, jr.VersionID, sig); err != nil {
			return err
		}
		jr.Status, jr.OrganisationID, jr.SignatoryID, jr.SignedOn = JoinApproved, &org, &sig.ID, signed
		if err := s.decide(ctx, tx, actor, now, jr, before, "join_request.approve"); err != nil {
			return err
		}
		return s.welcome(ctx, tx, actor, jr, org)
	})
	if err != nil {
		return nil, fmt.Errorf("approve join request %d: %w", id, err)
	}
	return findJoinRequest(ctx, s.db, "jr.id = ?", id)
}

// RejectJoinRequest rejects a pending request with a reason, which the applicant sees. It
// returns ErrJoinRequestNotFound, ErrJoinDecided for a request already decided, or field
// errors (the reason is required). Only city administrators decide.
func (s *Service) RejectJoinRequest(ctx context.Context, actor access.Actor, id int64, in RejectInput) (*JoinRequest, error) {
	if err := access.Check(actor, access.ReviewJoinRequests, 0); err != nil {
		return nil, err
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	now := s.now()
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		jr, err := lockJoinRequest(ctx, tx, id)
		if err != nil {
			return err
		}
		before := stateOf(jr)
		jr.Status, jr.RejectionReason = JoinRejected, strings.TrimSpace(in.Reason)
		if err := s.decide(ctx, tx, actor, now, jr, before, "join_request.reject"); err != nil {
			return err
		}
		if s.mail == nil {
			return nil
		}
		return s.mail.JoinDecided(ctx, tx, jr)
	})
	if err != nil {
		return nil, fmt.Errorf("reject join request %d: %w", id, err)
	}
	return findJoinRequest(ctx, s.db, "jr.id = ?", id)
}

// decide stores the decision made on jr and audits it.
func (s *Service) decide(ctx context.Context, tx bun.Tx, actor access.Actor, now time.Time, jr *JoinRequest, before joinState, action string) error {
	jr.DecidedAt, jr.UpdatedAt = &now, now
	if actor.UserID != 0 {
		jr.DecidedBy = &actor.UserID
	}
	_, err := tx.NewUpdate().Model(jr).WherePK().
		Column("status", "organisation_id", "signatory_id", "signed_on", "decided_by", "decided_at", "rejection_reason", "updated_at").Exec(ctx)
	if err != nil {
		return err
	}
	var org int64
	if jr.OrganisationID != nil {
		org = *jr.OrganisationID
	}
	return audit.Record(ctx, tx, actor, now, audit.Change{Action: action, ObjectType: "join_request", ObjectID: jr.ID,
		OrganisationID: org, Before: before, After: stateOf(jr)})
}

// joiningOrganisation returns the id of the organisation with the request's number, locked
// against archiving meanwhile, or creates it (audited) when there is none. An archived one
// is not brought back silently: that is for an administrator to decide.
func joiningOrganisation(ctx context.Context, tx bun.Tx, actor access.Actor, now time.Time, jr *JoinRequest) (int64, error) {
	o := new(organisation.Organisation)
	err := tx.NewSelect().Model(o).Where("o.org_number = ?", jr.OrgNumber).For("NO KEY UPDATE").Scan(ctx)
	if err == nil {
		if o.Archived() {
			return 0, organisation.ErrArchived
		}
		return o.ID, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	nr := jr.OrgNumber
	o = &organisation.Organisation{Kind: organisation.Kind(jr.Kind), Name: jr.OrganisationName, OrgNumber: &nr,
		Revision: 1, CreatedAt: now, UpdatedAt: now}
	if _, err := tx.NewInsert().Model(o).Returning("*").Exec(ctx); err != nil {
		return 0, err
	}
	return o.ID, audit.Record(ctx, tx, actor, now, audit.Change{Action: "organisation.create", ObjectType: "organisation",
		ObjectID: o.ID, OrganisationID: o.ID, After: o})
}

// welcome tells the applicant that the request is approved and, when the organisation has
// no admin yet (it is new, or nobody runs its account), invites the contact person to be its
// admin: the way in for an association that joins. An organisation that has admins decides
// itself who else joins it.
func (s *Service) welcome(ctx context.Context, tx bun.Tx, actor access.Actor, jr *JoinRequest, org int64) error {
	if s.mail == nil {
		return nil
	}
	if err := s.mail.JoinDecided(ctx, tx, jr); err != nil {
		return err
	}
	admins, err := tx.NewSelect().Table("memberships").Where("organisation_id = ? AND role = ?", org, access.RoleAdmin).Count(ctx)
	if err != nil || admins > 0 || s.invite == nil {
		return err
	}
	_, err = s.invite.InviteIn(ctx, tx, actor, org, jr.ContactEmail, access.RoleAdmin, jr.Lang)
	return err
}
