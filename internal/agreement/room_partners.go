package agreement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// An owner shares a room on its own: the partners chosen on the room's settings page are
// kept in the owner's own premises-sharing agreement for that room — an active one whose
// owner is the room's owner and whose only premises is the room. The agreements the city
// records (a venue, several rooms) are not touched; the settings page lists their partners
// beside.

// OwnRoomAgreement returns the owner's own agreement for the room (see SetRoomPartners), or
// nil when there is none.
func (s *Service) OwnRoomAgreement(ctx context.Context, roomID int64) (*Agreement, error) {
	var id int64
	err := s.db.NewRaw(`SELECT a.id FROM agreements a
		JOIN agreement_premises pm ON pm.agreement_id = a.id AND pm.room_id = ?0
		JOIN rooms r ON r.id = ?0
		JOIN venues v ON v.id = r.venue_id
		JOIN agreement_parties o ON o.agreement_id = a.id AND o.role = 'owner' AND o.organisation_id = v.owner_id
		WHERE a.kind = 'premises_sharing' AND a.status = 'active'
		  AND NOT EXISTS (SELECT 1 FROM agreement_premises other WHERE other.agreement_id = a.id AND other.id <> pm.id)
		ORDER BY a.id DESC LIMIT 1`, roomID).Scan(ctx, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("own agreement of room %d: %w", roomID, err)
	}
	return s.FindAgreementByID(ctx, access.System, id)
}

// RoomSharingInput is what the owner chooses on the room's settings page: the partners, and
// the title a new agreement gets (in the visitor's language; an existing one keeps its own).
type RoomSharingInput struct {
	PartnerIDs []int64
	Title      string
}

// SetRoomPartners makes the partners of the owner's own agreement for the room exactly
// in.PartnerIDs: it creates the agreement (active from today, without an end) when there is
// none, changes its partners when there is one, and ends it today when no partner is left.
// The room's owner's admins and city administrators may (access.ShareRoom). It returns
// ErrNotFound for an unknown room, or field errors on "partner_ids": an organisation that
// does not exist or is archived, the owner itself, or a partner another active agreement
// already lets book the room (overlap, naming that agreement). The change is audited as any
// agreement's.
func (s *Service) SetRoomPartners(ctx context.Context, actor access.Actor, roomID int64, in RoomSharingInput) (*Agreement, error) {
	var owner int64
	err := s.db.NewRaw(`SELECT v.owner_id FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE r.id = ? AND r.archived_at IS NULL`, roomID).Scan(ctx, &owner)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("owner of room %d: %w", roomID, err)
	}
	if err := access.Check(actor, access.ShareRoom, owner); err != nil {
		return nil, err
	}
	partners := slices.Compact(slices.Sorted(slices.Values(in.PartnerIDs)))
	var errs fault.FieldErrors
	for i, id := range partners {
		if id == owner {
			errs = append(errs, fault.FieldError{Field: "partner_ids[" + strconv.Itoa(i) + "]", Code: CodePartnerIsOwner})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	own, err := s.OwnRoomAgreement(ctx, roomID)
	if err != nil {
		return nil, err
	}
	today := s.today(s.now()).Format(time.DateOnly)
	input := Input{Kind: string(KindPremisesSharing), Title: in.Title, Status: string(StatusActive), ValidFrom: today,
		Parties: []PartyInput{{OrganisationID: owner, Role: string(RoleOwner)}}, Premises: []PremisesInput{{RoomID: roomID}}}
	for _, id := range partners {
		input.Parties = append(input.Parties, PartyInput{OrganisationID: id, Role: string(RolePartner)})
	}
	var a *Agreement
	switch {
	case own == nil && len(partners) == 0:
		return nil, nil // nothing shared, nothing to end
	case own == nil:
		a, err = s.create(ctx, actor, input)
	default:
		input.Title, input.Summary, input.Body, input.Link, input.Terms = own.Title, own.Summary, own.Body, own.Link, own.Terms
		input.ValidFrom = ""
		if own.ValidFrom != nil {
			input.ValidFrom = own.ValidFrom.Format(time.DateOnly)
		}
		if len(partners) == 0 {
			// Ended today, keeping the partners it had: the history says who shared until when.
			input.Status, input.ValidTo, input.Parties = string(StatusEnded), today, nil
			for _, p := range own.Parties {
				input.Parties = append(input.Parties, PartyInput{OrganisationID: p.OrganisationID, Role: string(p.Role)})
			}
			if input.ValidFrom > today {
				input.ValidFrom = today
			}
		} else if own.ValidTo != nil {
			input.ValidTo = own.ValidTo.Format(time.DateOnly)
		}
		a, err = s.update(ctx, actor, own.ID, input)
	}
	if fe := fault.Fields(err); fe != nil {
		return nil, partnerErrors(fe)
	}
	if err != nil {
		return nil, fmt.Errorf("share room %d: %w", roomID, err)
	}
	return a, nil
}

// partnerErrors names the form's field in the agreement's field errors: a party's problem
// is the partner's, an overlap of the premises is the partners' (another agreement already
// lets one of them book the room).
func partnerErrors(fe fault.FieldErrors) fault.FieldErrors {
	out := make(fault.FieldErrors, 0, len(fe))
	for _, e := range fe {
		e.Field = "partner_ids"
		if e.Code == CodeOverlap {
			e.Code = CodePartnerOverlap
		}
		out = append(out, e)
	}
	return out
}
