package agreement

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// An agreement's parts are its parties and the premises it covers. They are replaced whole
// with the agreement (a PUT sends them all), checked against the database in the
// transaction that stores them.

// premisesLockClass is the first key of the advisory lock that serialises the active
// premises-sharing agreements of one owner, so that two of them cannot both pass the check
// for overlapping rights ("lkav" in ASCII, as an int4).
const premisesLockClass int32 = 0x6c6b6176

// checkParties turns in.Parties into the parties of a, or field errors: a role that does not
// fit the kind, an organisation that does not exist or is archived, one named twice, a city
// department named as an association or the other way round, more than one owner, and —
// unless a is a draft — a premises-sharing agreement without its owner and a partner.
func checkParties(ctx context.Context, db bun.IDB, a *Agreement, in []PartyInput) ([]Party, fault.FieldErrors, error) {
	orgs, err := partyOrganisations(ctx, db, in)
	if err != nil {
		return nil, nil, err
	}
	var errs fault.FieldErrors
	parties := make([]Party, 0, len(in))
	seen := map[int64]bool{}
	count := map[Role]int{}
	for i, p := range in {
		field := "parties[" + strconv.Itoa(i) + "]"
		role := Role(p.Role)
		o, ok := orgs[p.OrganisationID]
		switch {
		case !slices.Contains(RolesOf(a.Kind), role):
			errs = append(errs, fault.FieldError{Field: field + ".role", Code: CodeRoleForKind, Param: rolesParam(a.Kind)})
		case !ok || o.Archived:
			errs = append(errs, fault.FieldError{Field: field + ".organisation_id", Code: "not_found"})
		case seen[p.OrganisationID]:
			errs = append(errs, fault.FieldError{Field: field + ".organisation_id", Code: "duplicate"})
		case role == RoleCity && o.Kind != "city":
			errs = append(errs, fault.FieldError{Field: field + ".organisation_id", Code: CodeNotCity})
		case role == RoleAssociation && o.Kind == "city":
			errs = append(errs, fault.FieldError{Field: field + ".organisation_id", Code: CodeNotAssociation})
		}
		seen[p.OrganisationID] = true
		count[role]++
		parties = append(parties, Party{AgreementID: a.ID, AgreementKind: a.Kind, OrganisationID: p.OrganisationID, Role: role,
			OrganisationName: o.Name, OrganisationKind: o.Kind})
	}
	if count[RoleOwner] > 1 {
		errs = append(errs, fault.FieldError{Field: "parties", Code: CodeOneOwner})
	}
	if a.Status != StatusDraft {
		errs = append(errs, missingRoles(a.Kind, count)...)
	}
	return parties, errs, nil
}

// rolesParam lists the roles of kind k, space-separated, for a field error's parameter.
func rolesParam(k Kind) string {
	var out []string
	for _, r := range RolesOf(k) {
		out = append(out, string(r))
	}
	return strings.Join(out, " ")
}

// missingRoles reports the roles an agreement of kind k that is in force must have.
func missingRoles(k Kind, count map[Role]int) fault.FieldErrors {
	// An IOP's parties are recorded as they become known (its signatures were its parties
	// before there were parties), so only a premises-sharing agreement, which gives rights,
	// must be whole.
	var need []Role
	if k == KindPremisesSharing {
		need = []Role{RoleOwner, RolePartner}
	}
	var errs fault.FieldErrors
	for _, r := range need {
		if count[r] == 0 {
			errs = append(errs, fault.FieldError{Field: "parties", Code: CodePartyRequired, Param: string(r)})
		}
	}
	return errs
}

type partyOrganisation struct {
	ID       int64
	Kind     string
	Name     string
	Archived bool
}

func partyOrganisations(ctx context.Context, db bun.IDB, in []PartyInput) (map[int64]partyOrganisation, error) {
	out := map[int64]partyOrganisation{}
	if len(in) == 0 {
		return out, nil
	}
	ids := make([]int64, len(in))
	for i, p := range in {
		ids[i] = p.OrganisationID
	}
	var rows []partyOrganisation
	err := db.NewRaw(`SELECT id, kind, name, archived_at IS NOT NULL AS archived FROM organisations WHERE id = ANY(?)`,
		pgdialect.Array(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("read parties: %w", err)
	}
	for _, o := range rows {
		out[o.ID] = o
	}
	return out, nil
}

// checkPremises turns in.Premises into the premises of a, or field errors: premises on an
// agreement that is not premises-sharing, a venue or room that does not exist, one named
// twice, or one that does not belong to the owner party.
func checkPremises(ctx context.Context, db bun.IDB, a *Agreement, parties []Party, in []PremisesInput) ([]Premises, fault.FieldErrors, error) {
	if len(in) == 0 {
		return nil, nil, nil
	}
	if a.Kind != KindPremisesSharing {
		return nil, fault.FieldErrors{{Field: "premises", Code: CodePremisesForKind}}, nil
	}
	var owner int64
	for _, p := range parties {
		if p.Role == RoleOwner {
			owner = p.OrganisationID
		}
	}
	places, err := premisesPlaces(ctx, db, in)
	if err != nil {
		return nil, nil, err
	}
	var errs fault.FieldErrors
	out := make([]Premises, 0, len(in))
	seen := map[place]bool{}
	for i, pm := range in {
		key, field := place{room: pm.RoomID, venue: pm.VenueID}, "premises["+strconv.Itoa(i)+"].venue_id"
		if pm.RoomID != 0 {
			key.venue, field = 0, "premises["+strconv.Itoa(i)+"].room_id"
		}
		found, ok := places[key]
		switch {
		case !ok:
			errs = append(errs, fault.FieldError{Field: field, Code: "not_found"})
		case seen[key]:
			errs = append(errs, fault.FieldError{Field: field, Code: "duplicate"})
		case found.Owner != owner:
			errs = append(errs, fault.FieldError{Field: field, Code: CodeNotOwners})
		}
		seen[key] = true
		p := Premises{AgreementID: a.ID, AgreementKind: a.Kind, VenueName: found.VenueName, RoomName: found.RoomName, InVenue: found.Venue}
		if key.room != 0 {
			p.RoomID = &key.room
		} else {
			p.VenueID = &key.venue
		}
		out = append(out, p)
	}
	return out, errs, nil
}

// place is a venue (room 0) or a room (venue 0).
type place struct{ venue, room int64 }

type placeRow struct {
	Room      int64
	Venue     int64
	Owner     int64
	VenueName string
	RoomName  string
}

// premisesPlaces reads the venues and rooms named in in, with their owners, in one query.
func premisesPlaces(ctx context.Context, db bun.IDB, in []PremisesInput) (map[place]placeRow, error) {
	var venues, rooms []int64
	for _, pm := range in {
		if pm.RoomID != 0 {
			rooms = append(rooms, pm.RoomID)
		} else {
			venues = append(venues, pm.VenueID)
		}
	}
	var rows []placeRow
	err := db.NewRaw(`SELECT 0 AS room, v.id AS venue, v.owner_id AS owner, v.name AS venue_name, '' AS room_name
			FROM venues v WHERE v.id = ANY(?)
		UNION ALL
		SELECT r.id, v.id, v.owner_id, v.name, r.name FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE r.id = ANY(?)`,
		pgdialect.Array(venues), pgdialect.Array(rooms)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("read premises: %w", err)
	}
	out := make(map[place]placeRow, len(rows))
	for _, r := range rows {
		if r.Room != 0 {
			out[place{room: r.Room}] = r
		} else {
			out[place{venue: r.Venue}] = r
		}
	}
	return out, nil
}

// storeParts replaces the agreement's parties and premises with a's. The old ones must be
// gone before a change of kind is written (see deleteParts).
func storeParts(ctx context.Context, tx bun.Tx, a *Agreement) error {
	if len(a.Parties) > 0 {
		for i := range a.Parties {
			a.Parties[i].AgreementID, a.Parties[i].AgreementKind = a.ID, a.Kind
		}
		if _, err := tx.NewInsert().Model(&a.Parties).Exec(ctx); err != nil {
			return fmt.Errorf("store parties: %w", err)
		}
	}
	if len(a.Premises) > 0 {
		for i := range a.Premises {
			a.Premises[i].AgreementID, a.Premises[i].AgreementKind = a.ID, a.Kind
		}
		if _, err := tx.NewInsert().Model(&a.Premises).Returning("id").Exec(ctx); err != nil {
			return fmt.Errorf("store premises: %w", err)
		}
	}
	return nil
}

// deleteParts removes the agreement's parties and premises, before they are replaced: the
// foreign keys carry the kind, so a change of kind must find none that no longer fit.
func deleteParts(ctx context.Context, tx bun.Tx, id int64) error {
	if _, err := tx.NewDelete().Model((*Party)(nil)).Where("agreement_id = ?", id).Exec(ctx); err != nil {
		return fmt.Errorf("delete parties: %w", err)
	}
	if _, err := tx.NewDelete().Model((*Premises)(nil)).Where("agreement_id = ?", id).Exec(ctx); err != nil {
		return fmt.Errorf("delete premises: %w", err)
	}
	return nil
}

// checkOverlap refuses an active premises-sharing agreement that gives a partner a room that
// another active one, over an overlapping period, already gives the same partner (the room
// itself, or through its venue): two agreements would then say different things about the
// same right. It locks the owner first, so that two such agreements saved at once are
// checked one after the other. It runs after storeParts, and names the first premises that
// overlaps with the other agreement's title.
func checkOverlap(ctx context.Context, tx bun.Tx, a *Agreement) error {
	owner := a.Owner()
	if a.Kind != KindPremisesSharing || a.Status != StatusActive || owner == nil || len(a.Premises) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?, ?)`, premisesLockClass, int32(owner.OrganisationID)); err != nil {
		return fmt.Errorf("lock owner %d: %w", owner.OrganisationID, err)
	}
	var hits []struct {
		PremisesID int64
		Title      string
	}
	err := tx.NewRaw(`SELECT mine.id AS premises_id, o.title
		FROM agreement_premises mine
		LEFT JOIN rooms mr ON mr.id = mine.room_id
		JOIN agreements o ON o.kind = 'premises_sharing' AND o.status = 'active' AND o.id <> mine.agreement_id
		JOIN agreement_premises theirs ON theirs.agreement_id = o.id
		LEFT JOIN rooms tr ON tr.id = theirs.room_id
		WHERE mine.agreement_id = ?
		  AND daterange(o.valid_from, o.valid_to, '[]') && daterange(?::date, ?::date, '[]')
		  AND (theirs.room_id = mine.room_id
		       OR (coalesce(theirs.venue_id, tr.venue_id) = coalesce(mine.venue_id, mr.venue_id)
		           AND (theirs.venue_id IS NOT NULL OR mine.venue_id IS NOT NULL)))
		  AND EXISTS (SELECT 1 FROM agreement_parties p1 JOIN agreement_parties p2 ON p2.organisation_id = p1.organisation_id
		              WHERE p1.agreement_id = mine.agreement_id AND p1.role = 'partner' AND p2.agreement_id = o.id AND p2.role = 'partner')
		ORDER BY mine.id LIMIT 1`, a.ID, a.ValidFrom, a.ValidTo).Scan(ctx, &hits)
	if err != nil {
		return fmt.Errorf("check overlapping agreements: %w", err)
	}
	if len(hits) == 0 {
		return nil
	}
	for i, pm := range a.Premises {
		if pm.ID != hits[0].PremisesID {
			continue
		}
		field := "premises[" + strconv.Itoa(i) + "].venue_id"
		if pm.RoomID != nil {
			field = "premises[" + strconv.Itoa(i) + "].room_id"
		}
		return fault.FieldErrors{{Field: field, Code: CodeOverlap, Param: hits[0].Title}}
	}
	return fault.FieldErrors{{Field: "premises", Code: CodeOverlap, Param: hits[0].Title}}
}

// loadParts reads the parties (by role, then name) and premises (by venue, then room) of
// the agreements in two queries.
func loadParts(ctx context.Context, db bun.IDB, as []*Agreement) error {
	if len(as) == 0 {
		return nil
	}
	ids := make([]int64, len(as))
	byID := make(map[int64]*Agreement, len(as))
	for i, a := range as {
		ids[i], byID[a.ID] = a.ID, a
		a.Parties, a.Premises = nil, nil
	}
	var parties []Party
	err := db.NewSelect().Model(&parties).ColumnExpr("ap.*, o.name AS organisation_name, o.kind AS organisation_kind").
		Join("JOIN organisations AS o ON o.id = ap.organisation_id").Where("ap.agreement_id IN (?)", bun.List(ids)).
		OrderExpr("ap.agreement_id, array_position(ARRAY['owner','city','association','partner','party'], ap.role), o.name, o.id").Scan(ctx)
	if err != nil {
		return fmt.Errorf("load parties: %w", err)
	}
	for _, p := range parties {
		byID[p.AgreementID].Parties = append(byID[p.AgreementID].Parties, p)
	}
	var premises []Premises
	err = db.NewSelect().Model(&premises).
		ColumnExpr("pm.*, v.name AS venue_name, coalesce(r.name, '') AS room_name, v.id AS in_venue").
		Join("LEFT JOIN rooms AS r ON r.id = pm.room_id").Join("JOIN venues AS v ON v.id = coalesce(pm.venue_id, r.venue_id)").
		Where("pm.agreement_id IN (?)", bun.List(ids)).OrderExpr("pm.agreement_id, v.name, v.id, r.name NULLS FIRST, pm.id").Scan(ctx)
	if err != nil {
		return fmt.Errorf("load premises: %w", err)
	}
	for _, p := range premises {
		byID[p.AgreementID].Premises = append(byID[p.AgreementID].Premises, p)
	}
	return nil
}

// partsState is how the audit log keeps an agreement's parties and premises.
type partsState struct {
	Parties  []partyState    `json:"parties"`
	Premises []premisesState `json:"premises"`
}

type partyState struct {
	OrganisationID int64 `json:"organisation_id"`
	Role           Role  `json:"role"`
}

type premisesState struct {
	VenueID *int64 `json:"venue_id,omitempty"`
	RoomID  *int64 `json:"room_id,omitempty"`
}

func stateOfParts(a *Agreement) partsState {
	out := partsState{Parties: []partyState{}, Premises: []premisesState{}}
	for _, p := range a.Parties {
		out.Parties = append(out.Parties, partyState{OrganisationID: p.OrganisationID, Role: p.Role})
	}
	for _, p := range a.Premises {
		out.Premises = append(out.Premises, premisesState{VenueID: p.VenueID, RoomID: p.RoomID})
	}
	return out
}

// recordParts audits a change of the agreement's parties or premises (from before, nil for
// a new agreement) as an entry of its own, "agreement.parts.update"; nothing when they are
// the same.
func recordParts(ctx context.Context, tx bun.Tx, actor access.Actor, now time.Time, before, after *Agreement) error {
	next := stateOfParts(after)
	if before == nil {
		if len(next.Parties) == 0 && len(next.Premises) == 0 {
			return nil
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{Action: "agreement.parts.update", ObjectType: "agreement", ObjectID: after.ID, After: next})
	}
	prev := stateOfParts(before)
	if reflect.DeepEqual(prev, next) {
		return nil
	}
	return audit.Record(ctx, tx, actor, now, audit.Change{Action: "agreement.parts.update", ObjectType: "agreement", ObjectID: after.ID, Before: prev, After: next})
}
