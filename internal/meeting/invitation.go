package meeting

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// invite invites the organisations to meeting id (those already invited stay as they are).
func invite(ctx context.Context, tx bun.IDB, id int64, orgs []int64, now time.Time) error {
	if len(orgs) == 0 {
		return nil
	}
	_, err := tx.NewRaw(`INSERT INTO meeting_invitations (meeting_id, organisation_id, created_at)
		SELECT ?, unnest(?::bigint[]), ? ON CONFLICT DO NOTHING`, id, pgdialect.Array(orgs), now).Exec(ctx)
	return err
}

// SetInvitations makes in.OrganisationIDs the organisations invited to the meeting: new ones
// are invited, those left out lose their invitation and reply, the others keep their reply.
// The organiser's admins and city administrators may. It returns ErrNotFound, access
// errors, ErrCancelled, or field errors (an unknown or archived organisation).
func (s *Service) SetInvitations(ctx context.Context, actor access.Actor, id int64, in InvitationsInput) ([]Invitation, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		m, se, err := s.lockForChange(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		var n int
		err = tx.NewRaw(`SELECT count(*) FROM organisations WHERE id = ANY(?) AND archived_at IS NULL`,
			pgdialect.Array(append(in.OrganisationIDs, 0))).Scan(ctx, &n)
		if err != nil {
			return err
		}
		if n != len(in.OrganisationIDs) {
			return errOrgNotFound
		}
		before, err := invitations(ctx, tx, id)
		if err != nil {
			return err
		}
		now := s.now()
		_, err = tx.NewRaw(`DELETE FROM meeting_invitations WHERE meeting_id = ? AND NOT organisation_id = ANY(?)`,
			id, pgdialect.Array(append(in.OrganisationIDs, 0))).Exec(ctx)
		if err != nil {
			return err
		}
		if err := invite(ctx, tx, id, in.OrganisationIDs, now); err != nil {
			return err
		}
		added, removed := diffOrgs(orgIDs(before), in.OrganisationIDs)
		if len(added) > 0 {
			if err := s.publish(ctx, tx, actor, Change{Kind: ChangeInvited, MeetingID: id, OrganisationIDs: added}); err != nil {
				return err
			}
		}
		if len(removed) > 0 {
			if err := s.publish(ctx, tx, actor, Change{Kind: ChangeUninvited, MeetingID: id, OrganisationIDs: removed}); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, now, "meeting.invitations", "meeting", m.ID, se.OrganiserID,
			map[string]any{"invited": orgIDs(before)}, map[string]any{"invited": in.OrganisationIDs})
	})
	if err != nil {
		return nil, fmt.Errorf("set invitations of meeting %d: %w", id, err)
	}
	return invitations(ctx, s.db, id)
}

// FindInvitations returns the meeting's invitations with the replies, by organisation
// name: for the organiser (access.ManageMeetings) and city administrators. It returns
// ErrNotFound or access errors.
func (s *Service) FindInvitations(ctx context.Context, actor access.Actor, id int64) ([]Invitation, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	var organiser int64
	err := s.db.NewRaw(`SELECT ms.organiser_id FROM meetings m JOIN meeting_series ms ON ms.id = m.series_id WHERE m.id = ?`, id).
		Scan(ctx, &organiser)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find invitations of meeting %d: %w", id, err)
	}
	if err := access.Check(actor, access.ManageMeetings, organiser); err != nil {
		return nil, err
	}
	return invitations(ctx, s.db, id)
}

// Reply records an invited organisation's answer to a planned meeting, replacing any earlier
// one: yes with the number expected (at least one), or no. The organisation's admins and
// bookers may (access.ReplyMeeting). It returns ErrNotFound, access errors, ErrCancelled,
// or field errors, among them organisation_id not_invited for an organisation that was not
// invited: an uninvited organisation's reply is never stored.
func (s *Service) Reply(ctx context.Context, actor access.Actor, id int64, in ReplyInput) (*Invitation, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	if err := access.Check(actor, access.ReplyMeeting, in.OrganisationID); err != nil {
		return nil, err
	}
	participants := in.Participants
	if !*in.Attending {
		participants = 0
	} else if participants < 1 {
		return nil, fieldMin("participants")
	}
	inv := new(Invitation)
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var status Status
		if err := tx.NewRaw(`SELECT status FROM meetings WHERE id = ? FOR SHARE`, id).Scan(ctx, &status); err != nil {
			return notFound(err, ErrNotFound)
		}
		if status == StatusCancelled {
			return ErrCancelled
		}
		now := s.now()
		err := tx.NewSelect().Model(inv).Where("mi.meeting_id = ? AND mi.organisation_id = ?", id, in.OrganisationID).
			For("UPDATE").Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return errNotInvited
		}
		if err != nil {
			return err
		}
		before := *inv
		inv.Attending, inv.Participants, inv.RepliedAt = in.Attending, &participants, &now
		if _, err := tx.NewUpdate().Model(inv).Column("attending", "participants", "replied_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "meeting.reply", "meeting_invitation", id, in.OrganisationID, &before, inv)
	})
	if err != nil {
		return nil, fmt.Errorf("reply to meeting %d: %w", id, err)
	}
	return inv, nil
}

func invitations(ctx context.Context, db bun.IDB, id int64) ([]Invitation, error) {
	out := []Invitation{}
	err := db.NewSelect().Model(&out).ColumnExpr("mi.*").ColumnExpr("o.name AS organisation_name").
		Join("JOIN organisations AS o ON o.id = mi.organisation_id").
		Where("mi.meeting_id = ?", id).OrderExpr("o.name, o.id").Scan(ctx)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read invitations of meeting %d: %w", id, err)
	}
	return out, nil
}

func orgIDs(invs []Invitation) []int64 {
	out := make([]int64, len(invs))
	for i := range invs {
		out[i] = invs[i].OrganisationID
	}
	return out
}

// InviteCompactSignatories adds every organisation that has currently signed the Compact
// (archived ones left out) to the meeting's invitations, in one step; those already invited
// keep their reply. The organiser's admins and city administrators may. It returns
// ErrNotFound, access errors or ErrCancelled.
func (s *Service) InviteCompactSignatories(ctx context.Context, actor access.Actor, id int64) ([]Invitation, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		m, se, err := s.lockForChange(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		signed, err := defaultInvitees(ctx, tx, &Series{InviteSignatories: true})
		if err != nil {
			return err
		}
		before, err := invitations(ctx, tx, id)
		if err != nil {
			return err
		}
		now := s.now()
		if err := invite(ctx, tx, id, signed, now); err != nil {
			return err
		}
		after, err := invitations(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(after) == len(before) {
			return nil // all had been invited: nothing changed, nothing to record
		}
		added, _ := diffOrgs(orgIDs(before), orgIDs(after))
		if err := s.publish(ctx, tx, actor, Change{Kind: ChangeInvited, MeetingID: id, OrganisationIDs: added}); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "meeting.invitations", "meeting", m.ID, se.OrganiserID,
			map[string]any{"invited": orgIDs(before)}, map[string]any{"invited": orgIDs(after)})
	})
	if err != nil {
		return nil, fmt.Errorf("invite the signatories to meeting %d: %w", id, err)
	}
	return invitations(ctx, s.db, id)
}

// diffOrgs returns the ids in after but not before, and in before but not after.
func diffOrgs(before, after []int64) (added, removed []int64) {
	in := func(ids []int64, id int64) bool {
		for _, x := range ids {
			if x == id {
				return true
			}
		}
		return false
	}
	for _, id := range after {
		if !in(before, id) {
			added = append(added, id)
		}
	}
	for _, id := range before {
		if !in(after, id) {
			removed = append(removed, id)
		}
	}
	return added, removed
}
