package webui

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// The agreement form picks parties and premises by name, so that it works without
// JavaScript and nobody types a database id: each party is a row of a role and an
// organisation's name, each premises a row of a venue's name or "venue / room"; the names
// come from a <datalist>, which the browser searches as one types. Rows come as repeated
// fields (party_role, party_name; premises_name), in order; blank rows are skipped, and the
// form always offers spareRows empty ones.

// spareRows is how many empty party and premises rows the form offers.
const spareRows = 3

// roomSep separates a venue's name from a room's in a premises name.
const roomSep = " / "

// partsChoices are the names the form offers and reads back: every live organisation (its
// name, or "name (org number)" where two share a name) and every live venue and room.
type partsChoices struct {
	Organisations []string
	Premises      []string
	orgs          map[string]int64
	places        map[string]agreement.PremisesInput
}

// partRows is one fieldset of rows: the parties (Parties) or the premises (Premises).
type partRows struct {
	Name, Hint, Error, List string
	Parties                 []partyRow
	Premises                []field
}

// partyRow is a party's row of the form as drawn.
type partyRow struct {
	Role, Name field
}

// loadPartsChoices reads the names the form offers.
func (p *Pages) loadPartsChoices(ctx context.Context) (*partsChoices, error) {
	orgs, err := p.allOrganisations(ctx, organisation.Filter{})
	if err != nil {
		return nil, err
	}
	pc := &partsChoices{orgs: map[string]int64{}, places: map[string]agreement.PremisesInput{}}
	count := map[string]int{}
	for _, o := range orgs {
		count[strings.ToLower(o.Name)]++
	}
	for _, o := range orgs {
		label := orgLabel(&o, count[strings.ToLower(o.Name)] > 1)
		pc.Organisations = append(pc.Organisations, label)
		pc.orgs[strings.ToLower(label)] = o.ID
	}
	venues, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[venue.Venue], error) {
		return p.venues.FindVenues(ctx, venue.Filter{Limit: listing.MaxLimit, Cursor: cursor})
	})
	if err != nil {
		return nil, err
	}
	rooms, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[venue.Room], error) {
		return p.venues.FindRooms(ctx, venue.Filter{Limit: listing.MaxLimit, Cursor: cursor})
	})
	if err != nil {
		return nil, err
	}
	byVenue := map[int64][]venue.Room{}
	for _, r := range rooms {
		byVenue[r.VenueID] = append(byVenue[r.VenueID], r)
	}
	// Each venue, then its rooms: the list reads like the register.
	for _, v := range venues {
		pc.Premises = append(pc.Premises, v.Name)
		pc.places[strings.ToLower(v.Name)] = agreement.PremisesInput{VenueID: v.ID}
		for _, r := range byVenue[v.ID] {
			label := v.Name + roomSep + r.Name
			pc.Premises = append(pc.Premises, label)
			pc.places[strings.ToLower(label)] = agreement.PremisesInput{RoomID: r.ID}
		}
	}
	return pc, nil
}

func orgLabel(o *organisation.Organisation, ambiguous bool) string {
	if !ambiguous {
		return o.Name
	}
	if o.OrgNumber != nil {
		return o.Name + " (" + *o.OrgNumber + ")"
	}
	return o.Name + " (#" + strconv.FormatInt(o.ID, 10) + ")"
}

// partiesValues and premisesValues write an agreement's parts as the form's rows.
func partsValues(q url.Values, a *agreement.Agreement) {
	for _, p := range a.Parties {
		q.Add("party_role", string(p.Role))
		q.Add("party_name", p.OrganisationName)
	}
	for _, pm := range a.Premises {
		name := pm.VenueName
		if pm.RoomID != nil {
			name += roomSep + pm.RoomName
		}
		q.Add("premises_name", name)
	}
}

// readParts reads the form's rows into in. A name the form does not know is a field error
// naming it ("unknown_party" on parties, "unknown_premises" on premises, with every unknown
// name of the field in its param), so all of them are told at once.
func (pc *partsChoices) readParts(in *agreement.Input, q url.Values) fault.FieldErrors {
	var errs fault.FieldErrors
	in.Parties, in.Premises = []agreement.PartyInput{}, []agreement.PremisesInput{}
	roles, names := q["party_role"], q["party_name"]
	var unknown []string
	for i, name := range names {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		role := ""
		if i < len(roles) {
			role = roles[i]
		}
		id, ok := pc.orgs[strings.ToLower(name)]
		if !ok {
			unknown = append(unknown, "”"+name+"”")
			continue
		}
		in.Parties = append(in.Parties, agreement.PartyInput{OrganisationID: id, Role: role})
	}
	if len(unknown) > 0 {
		errs = append(errs, fault.FieldError{Field: "parties", Code: "unknown_party", Param: strings.Join(unknown, ", ")})
	}
	unknown = nil
	for _, name := range q["premises_name"] {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		pl, ok := pc.places[strings.ToLower(name)]
		if !ok {
			unknown = append(unknown, "”"+name+"”")
			continue
		}
		in.Premises = append(in.Premises, pl)
	}
	if len(unknown) > 0 {
		errs = append(errs, fault.FieldError{Field: "premises", Code: "unknown_premises", Param: strings.Join(unknown, ", ")})
	}
	return errs
}

// partyRows draws the party rows of f (as typed, or as stored) and spareRows empty ones.
// The first row's name field has the id "parties-0", where the error summary links.
func partyRows(lang i18n.Lang, f *form) []partyRow {
	roles, names := f.values["party_role"], f.values["party_name"]
	n := max(len(roles), len(names)) + spareRows
	rows := make([]partyRow, 0, n)
	for i := range n {
		role, name := at(roles, i), at(names, i)
		r := partyRow{
			Role: field{Name: "party_role", ID: "party_role-" + strconv.Itoa(i), Label: i18n.T(lang, "ui.agreement_parts.row_role", i+1), Quiet: true},
			Name: field{Name: "party_name", ID: "parties-" + strconv.Itoa(i), Label: i18n.T(lang, "ui.agreement_parts.row_name", i+1), Value: name, Type: "text", Quiet: true},
		}
		if i == 0 {
			r.Name.Error = f.Error("parties")
		}
		for _, ro := range []agreement.Role{agreement.RoleOwner, agreement.RolePartner, agreement.RoleCity, agreement.RoleAssociation, agreement.RoleParty} {
			r.Role.Options = append(r.Role.Options, option{Value: string(ro), Label: i18n.T(lang, "ui.agreement_parts.role."+string(ro)), Checked: role == string(ro)})
		}
		rows = append(rows, r)
	}
	return rows
}

// premisesRows draws the premises rows like partyRows.
func premisesRows(lang i18n.Lang, f *form) []field {
	names := f.values["premises_name"]
	n := len(names) + spareRows
	rows := make([]field, 0, n)
	for i := range n {
		r := field{Name: "premises_name", ID: "premises-" + strconv.Itoa(i), Label: i18n.T(lang, "ui.agreement_parts.row_premises", i+1),
			Value: at(names, i), Type: "text", Quiet: true}
		if i == 0 {
			r.Error = f.Error("premises")
		}
		rows = append(rows, r)
	}
	return rows
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// partsField names the form field of a service's field error about parties or premises:
// fieldName has made "parties[1].organisation_id" into "organisation_id", which on this form
// can only be a party's, and "premises[0].room_id" into "room_id".
func partsField(name string) string {
	switch name {
	case "organisation_id", "role":
		return "parties"
	case "venue_id", "room_id":
		return "premises"
	}
	return name
}
