package agreement

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Why an organisation has no right to book under the booking rules "compact" and
// "partners", as CompactStandings and PremisesRights tell it.
const (
	NotSigned           = "not_signed"            // no signature of the active Compact
	SignatureWithdrawn  = "signature_withdrawn"   // the signature was withdrawn; On is when
	NoAgreement         = "no_agreement"          // no premises-sharing agreement covers the room for the partner
	AgreementEnded      = "agreement_ended"       // it ended; On is its last day, when it has one
	AgreementNotStarted = "agreement_not_started" // it begins later; On is its first day
)

// CompactStanding is an organisation's standing towards the active Compact.
type CompactStanding struct {
	OrganisationID int64
	// Current: a signature that is not withdrawn.
	Current bool
	// WithdrawnOn is the latest withdrawal, when there is no current signature.
	WithdrawnOn *time.Time
}

// CompactStandings returns, in one query on db, the standing of each of orgs that has ever
// signed the active Compact; an organisation that never signed it is absent. It is what the
// booking rule "only Compact signatories" reads, and why it refuses.
func CompactStandings(ctx context.Context, db bun.IDB, orgs []int64) ([]CompactStanding, error) {
	var out []CompactStanding
	err := db.NewRaw(`SELECT DISTINCT ON (s.organisation_id) s.organisation_id, s.withdrawn_on IS NULL AS current, s.withdrawn_on
		FROM signatories s JOIN agreements a ON a.id = s.agreement_id
		WHERE a.kind = ? AND a.status = ? AND s.organisation_id = ANY(?)
		ORDER BY s.organisation_id, s.withdrawn_on DESC NULLS FIRST`,
		KindCompact, StatusActive, pgdialect.Array(orgs)).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("compact standings: %w", err)
	}
	return out, nil
}

// PremisesRight is what the premises-sharing agreements covering a room say about a
// partner: the agreement that grants the right to book it, or, failing one, the one that
// best says why not.
type PremisesRight struct {
	RoomID         int64
	OrganisationID int64
	AgreementID    int64
	Title          string
	// Granted: the agreement is active and today is within its period.
	Granted bool
	// Reason is "" when Granted, else AgreementEnded or AgreementNotStarted, with On.
	Reason string
	On     *time.Time
}

// PremisesRights returns, in one query on db, for each pair of rooms and orgs that some
// premises-sharing agreement (not a draft) names, the agreement that decides: a partner
// may book a room while an active agreement whose owner party owns the room's venue covers
// the room or its venue and today (a date in the service's zone) is within valid_from ..
// valid_to, open ends allowed. A pair that no agreement names is absent (NoAgreement). It
// is what the booking rule "only partner organisations" reads.
func PremisesRights(ctx context.Context, db bun.IDB, rooms, orgs []int64, today time.Time) ([]PremisesRight, error) {
	var rows []struct {
		RoomID         int64
		OrganisationID int64
		AgreementID    int64
		Title          string
		Status         Status
		ValidFrom      *time.Time
		ValidTo        *time.Time
	}
	day := today.Format(time.DateOnly)
	// The order picks, per pair, an agreement in force; else one that is yet to begin; else
	// the one that ended last.
	err := db.NewRaw(`SELECT DISTINCT ON (r.id, p.organisation_id) r.id AS room_id, p.organisation_id, a.id AS agreement_id,
			a.title, a.status, a.valid_from, a.valid_to
		FROM rooms r
		JOIN venues v ON v.id = r.venue_id
		JOIN agreement_premises pm ON pm.room_id = r.id OR pm.venue_id = r.venue_id
		JOIN agreements a ON a.id = pm.agreement_id AND a.kind = 'premises_sharing' AND a.status <> 'draft'
		JOIN agreement_parties o ON o.agreement_id = a.id AND o.role = 'owner' AND o.organisation_id = v.owner_id
		JOIN agreement_parties p ON p.agreement_id = a.id AND p.role = 'partner' AND p.organisation_id = ANY(?1)
		WHERE r.id = ANY(?0)
		ORDER BY r.id, p.organisation_id,
			(a.status = 'active' AND coalesce(a.valid_from <= ?2::date, true) AND coalesce(a.valid_to >= ?2::date, true)) DESC,
			(a.status = 'active' AND a.valid_from > ?2::date) DESC,
			a.valid_to DESC NULLS FIRST, a.id`,
		pgdialect.Array(rooms), pgdialect.Array(orgs), day).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("premises rights: %w", err)
	}
	out := make([]PremisesRight, len(rows))
	for i, r := range rows {
		pr := PremisesRight{RoomID: r.RoomID, OrganisationID: r.OrganisationID, AgreementID: r.AgreementID, Title: r.Title}
		switch {
		case r.Status == StatusActive && r.ValidFrom != nil && r.ValidFrom.Format(time.DateOnly) > day:
			pr.Reason, pr.On = AgreementNotStarted, r.ValidFrom
		case r.Status == StatusActive && (r.ValidTo == nil || r.ValidTo.Format(time.DateOnly) >= day):
			pr.Granted = true
		case r.ValidTo != nil && r.ValidTo.Format(time.DateOnly) < day:
			pr.Reason, pr.On = AgreementEnded, r.ValidTo
		default:
			// Ended before its last day: no date to name.
			pr.Reason = AgreementEnded
		}
		out[i] = pr
	}
	return out, nil
}

// RoomPartner is an organisation that may book a room as a partner, and the agreement that
// lets it.
type RoomPartner struct {
	OrganisationID   int64
	OrganisationName string
	AgreementID      int64
	Title            string
	ValidTo          *time.Time
}

// RoomPartners returns, by name, the partners that the active premises-sharing agreements
// in force today let book the room (the same agreements PremisesRights grants by), each once
// with the agreement that lasts longest.
func RoomPartners(ctx context.Context, db bun.IDB, roomID int64, today time.Time) ([]RoomPartner, error) {
	out := []RoomPartner{}
	err := db.NewRaw(`SELECT * FROM (
			SELECT DISTINCT ON (p.organisation_id) p.organisation_id, po.name AS organisation_name, a.id AS agreement_id, a.title, a.valid_to
			FROM rooms r
			JOIN venues v ON v.id = r.venue_id
			JOIN agreement_premises pm ON pm.room_id = r.id OR pm.venue_id = r.venue_id
			JOIN agreements a ON a.id = pm.agreement_id AND a.kind = 'premises_sharing' AND a.status = 'active'
				AND coalesce(a.valid_from <= ?1::date, true) AND coalesce(a.valid_to >= ?1::date, true)
			JOIN agreement_parties o ON o.agreement_id = a.id AND o.role = 'owner' AND o.organisation_id = v.owner_id
			JOIN agreement_parties p ON p.agreement_id = a.id AND p.role = 'partner'
			JOIN organisations po ON po.id = p.organisation_id
			WHERE r.id = ?0
			ORDER BY p.organisation_id, a.valid_to DESC NULLS FIRST, a.id) AS x
		ORDER BY organisation_name, organisation_id`, roomID, today.Format(time.DateOnly)).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("partners of room %d: %w", roomID, err)
	}
	return out, nil
}
