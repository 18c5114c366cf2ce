package agreement_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// premisesWorld is an association that owns a venue with two rooms, two other associations,
// a city department with a room of its own.
type premisesWorld struct {
	fixture
	owner, partner, other, dept *organisation.Organisation
	hall                        *venue.Venue
	big, small, cityRoom        *venue.Room
}

func newPremisesWorld(t *testing.T) premisesWorld {
	t.Helper()
	ctx := context.Background()
	w := premisesWorld{fixture: newFixture(t)}
	w.owner, w.partner, w.other = w.org(t, "Sjöbo bygdegårdsförening"), w.org(t, "Sjöbo kammarkör"), w.org(t, "Sjöbo schackklubb")
	var err error
	if w.dept, err = w.orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "city", Name: "Kulturförvaltningen"}); err != nil {
		t.Fatal(err)
	}
	venues := venue.NewService(w.db, validation.New(), func() time.Time { return fixedNow })
	place := func(owner int64, name string) *venue.Venue {
		v, err := venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: owner, Name: name, StreetAddress: "Sjöbogatan 1", PostalCode: "50630", Town: "Borås"})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	room := func(v *venue.Venue, name string) *venue.Room {
		r, err := venues.CreateRoom(ctx, access.System, v.ID, venue.RoomInput{Name: name, Capacity: 20})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	w.hall = place(w.owner.ID, "Sjöbo bygdegård")
	w.big, w.small = room(w.hall, "Stora salen"), room(w.hall, "Lilla salen")
	w.cityRoom = room(place(w.dept.ID, "Stadsdelshuset"), "Sessionssalen")
	return w
}

// sharing is an active premises-sharing agreement of the owner's with the partner, covering
// the premises.
func (w premisesWorld) sharing(title string, premises ...agreement.PremisesInput) agreement.Input {
	return agreement.Input{Kind: "premises_sharing", Title: title, Status: "active", Terms: "Utan kostnad",
		Parties:  []agreement.PartyInput{{OrganisationID: w.owner.ID, Role: "owner"}, {OrganisationID: w.partner.ID, Role: "partner"}},
		Premises: premises}
}

func TestPremisesSharingAgreement(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newPremisesWorld(t)

	a := w.mustCreate(t, w.sharing("Bygdegården delas", agreement.PremisesInput{RoomID: w.big.ID}, agreement.PremisesInput{VenueID: w.hall.ID}))
	if a.Owner() == nil || a.Owner().OrganisationID != w.owner.ID || len(a.PartiesIn(agreement.RolePartner)) != 1 || len(a.Premises) != 2 || a.Terms != "Utan kostnad" {
		t.Fatalf("created: %+v", a)
	}
	got, err := w.svc.FindAgreementByID(ctx, access.Anonymous(""), a.ID)
	if err != nil || len(got.Parties) != 2 || got.Parties[0].Role != agreement.RoleOwner || got.Parties[0].OrganisationName != w.owner.Name ||
		len(got.Premises) != 2 || got.Premises[0].VenueID == nil || got.Premises[1].RoomName != "Stora salen" {
		t.Fatalf("read back: %+v, %v", got, err)
	}
	// The audit log holds the parties and premises as they were stored.
	var after string
	if err := w.db.NewRaw(`SELECT after FROM audit_log WHERE action = 'agreement.parts.update' AND object_id = ?`, a.ID).Scan(ctx, &after); err != nil {
		t.Fatal(err)
	}
	var entry struct {
		Parties []struct {
			OrganisationID int64 `json:"organisation_id"`
		}
		Premises []struct {
			RoomID *int64 `json:"room_id"`
		}
	}
	if err := json.Unmarshal([]byte(after), &entry); err != nil || len(entry.Parties) != 2 || len(entry.Premises) != 2 || entry.Parties[0].OrganisationID != w.owner.ID {
		t.Errorf("audited %s (%v)", after, err)
	}

	// Replacing replaces them all, and is audited with what was before.
	in := w.sharing("Bygdegården delas", agreement.PremisesInput{RoomID: w.small.ID})
	in.Parties = append(in.Parties, agreement.PartyInput{OrganisationID: w.other.ID, Role: "partner"})
	up, err := w.svc.UpdateAgreement(ctx, access.System, a.ID, in)
	if err != nil || len(up.Parties) != 3 || len(up.Premises) != 1 || *up.Premises[0].RoomID != w.small.ID {
		t.Fatalf("updated: %+v, %v", up, err)
	}
	var n int
	if err := w.db.NewRaw(`SELECT count(*) FROM agreement_premises WHERE agreement_id = ?`, a.ID).Scan(ctx, &n); err != nil || n != 1 {
		t.Errorf("%d premises stored after the update (%v)", n, err)
	}
	if w.auditCount(t, "agreement.update") != 1 || w.auditCount(t, "agreement.parts.update") != 2 {
		t.Error("the update of the parts is not audited")
	}
	// Only city administrators record them.
	member := access.Actor{UserID: 7, Roles: map[int64]access.Role{w.owner.ID: access.RoleAdmin}}
	if _, err := w.svc.CreateAgreement(ctx, member, w.sharing("Eget avtal")); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("the owner's admin: %v", err)
	}
}

func TestAgreementPartsValidation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newPremisesWorld(t)
	w.mustCreate(t, w.sharing("I kraft", agreement.PremisesInput{RoomID: w.big.ID}))
	party := func(org int64, role string) agreement.PartyInput {
		return agreement.PartyInput{OrganisationID: org, Role: role}
	}
	for _, tc := range []struct {
		name, field, code string
		in                agreement.Input
	}{
		{"ErrNotOwners", "premises[0].room_id", agreement.CodeNotOwners, w.sharing("Fel ägare", agreement.PremisesInput{RoomID: w.cityRoom.ID})},
		{"ErrOverlap", "premises[0].room_id", agreement.CodeOverlap, w.sharing("Samma rum", agreement.PremisesInput{RoomID: w.big.ID})},
		{"ErrOverlapThroughVenue", "premises[0].venue_id", agreement.CodeOverlap, w.sharing("Hela gården", agreement.PremisesInput{VenueID: w.hall.ID})},
		{"ErrUnknownRoom", "premises[0].room_id", "not_found", w.sharing("Inget rum", agreement.PremisesInput{RoomID: 999999})},
		{"ErrDuplicateRoom", "premises[1].room_id", "duplicate", func() agreement.Input {
			in := w.sharing("Två gånger", agreement.PremisesInput{RoomID: w.small.ID}, agreement.PremisesInput{RoomID: w.small.ID})
			in.Status = "draft"
			return in
		}()},
		{"ErrBothVenueAndRoom", "premises[0].venue_id", "excluded_with", w.sharing("Båda", agreement.PremisesInput{VenueID: w.hall.ID, RoomID: w.small.ID})},
		{"ErrNoPartner", "parties", agreement.CodePartyRequired, agreement.Input{Kind: "premises_sharing", Title: "Ensam", Status: "active",
			Parties: []agreement.PartyInput{party(w.owner.ID, "owner")}}},
		{"ErrTwoOwners", "parties", agreement.CodeOneOwner, agreement.Input{Kind: "premises_sharing", Title: "Två ägare", Status: "draft",
			Parties: []agreement.PartyInput{party(w.owner.ID, "owner"), party(w.other.ID, "owner")}}},
		{"ErrRoleForKind", "parties[0].role", agreement.CodeRoleForKind, agreement.Input{Kind: "premises_sharing", Title: "Fel roll", Status: "draft",
			Parties: []agreement.PartyInput{party(w.dept.ID, "city")}}},
		{"ErrIOPCityNotCity", "parties[0].organisation_id", agreement.CodeNotCity, agreement.Input{Kind: "iop", Title: "IOP", Status: "active",
			Parties: []agreement.PartyInput{party(w.partner.ID, "city"), party(w.other.ID, "association")}}},
		{"ErrIOPAssociationIsCity", "parties[1].organisation_id", agreement.CodeNotAssociation, agreement.Input{Kind: "iop", Title: "IOP", Status: "active",
			Parties: []agreement.PartyInput{party(w.dept.ID, "city"), party(w.deptOther(t).ID, "association")}}},
		{"ErrDuplicateParty", "parties[1].organisation_id", "duplicate", agreement.Input{Kind: "other", Title: "Dubbel", Status: "active",
			Parties: []agreement.PartyInput{party(w.other.ID, "party"), party(w.other.ID, "party")}}},
		{"ErrUnknownParty", "parties[0].organisation_id", "not_found", agreement.Input{Kind: "other", Title: "Okänd", Status: "active",
			Parties: []agreement.PartyInput{party(999999, "party")}}},
		{"ErrPremisesOnIOP", "premises", agreement.CodePremisesForKind, agreement.Input{Kind: "iop", Title: "IOP med lokal", Status: "draft",
			Premises: []agreement.PremisesInput{{VenueID: w.hall.ID}}}},
		{"ErrRoleNotKnown", "parties[0].role", "oneof", agreement.Input{Kind: "other", Title: "Okänd roll", Status: "draft",
			Parties: []agreement.PartyInput{party(w.other.ID, "sponsor")}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := w.svc.CreateAgreement(ctx, access.System, tc.in)
			if got := fieldCodes(err); got[tc.field] != tc.code {
				t.Fatalf("got %v (%v), want %s on %s", got, err, tc.code, tc.field)
			}
		})
	}
	var n int
	if err := w.db.NewRaw(`SELECT count(*) FROM agreements WHERE kind <> 'compact'`).Scan(ctx, &n); err != nil || n != 1 {
		t.Errorf("%d agreements stored, want only the one in force (%v)", n, err)
	}

	// Not overlapping: another partner, a period after the first ends, a draft, another room.
	t.Run("OKNoOverlap", func(t *testing.T) {
		other := w.sharing("Annan partner", agreement.PremisesInput{RoomID: w.big.ID})
		other.Parties[1].OrganisationID = w.other.ID
		w.mustCreate(t, other)
		draft := w.sharing("Utkast", agreement.PremisesInput{RoomID: w.big.ID})
		draft.Status = "draft"
		d := w.mustCreate(t, draft)
		w.mustCreate(t, w.sharing("Andra rummet", agreement.PremisesInput{RoomID: w.small.ID}))
		// Making the draft active now overlaps, and is refused with nothing changed.
		draft.Status = "active"
		if _, err := w.svc.UpdateAgreement(ctx, access.System, d.ID, draft); fieldCodes(err)["premises[0].room_id"] != agreement.CodeOverlap {
			t.Fatalf("activating an overlapping draft: %v", err)
		}
		if got, _ := w.svc.FindAgreementByID(ctx, access.System, d.ID); got.Status != agreement.StatusDraft || len(got.Premises) != 1 {
			t.Fatalf("the draft after the refusal: %+v", got)
		}
		// A period after the one in force ends does not overlap.
		first, err := w.svc.FindAgreements(ctx, access.System, agreement.Filter{Kind: "premises_sharing", Status: "active"})
		if err != nil {
			t.Fatal(err)
		}
		for _, ag := range first.Items {
			if ag.Title == "I kraft" {
				in := w.sharing("I kraft", agreement.PremisesInput{RoomID: w.big.ID})
				in.ValidTo = "2029-12-31"
				if _, err := w.svc.UpdateAgreement(ctx, access.System, ag.ID, in); err != nil {
					t.Fatal(err)
				}
			}
		}
		draft.ValidFrom = "2030-01-01"
		if _, err := w.svc.UpdateAgreement(ctx, access.System, d.ID, draft); err != nil {
			t.Fatalf("a later period: %v", err)
		}
	})
}

// TestOverlapIsRaceSafe: agreements giving the same partner the same room, saved at once,
// are checked one after another: exactly one is stored.
func TestOverlapIsRaceSafe(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newPremisesWorld(t)
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = w.svc.CreateAgreement(ctx, access.System, w.sharing(fmt.Sprintf("Samtidigt %d", i), agreement.PremisesInput{RoomID: w.big.ID}))
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case fieldCodes(err)["premises[0].room_id"] != agreement.CodeOverlap:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d agreements stored, want exactly 1", ok)
	}
}

// TestChangeOfKind: an agreement's parties and premises must fit a new kind; the database
// refuses what does not, and the service replaces them in the same transaction.
func TestChangeOfKind(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newPremisesWorld(t)
	a := w.mustCreate(t, w.sharing("Blir annat", agreement.PremisesInput{RoomID: w.big.ID}))
	if _, err := w.svc.UpdateAgreement(ctx, access.System, a.ID, agreement.Input{Kind: "other", Title: "Blir annat", Status: "active",
		Parties: []agreement.PartyInput{{OrganisationID: w.owner.ID, Role: "party"}}}); err != nil {
		t.Fatal(err)
	}
	// The database itself holds roles to the kind, whatever the service does.
	_, err := w.db.ExecContext(ctx, `UPDATE agreements SET kind = 'iop' WHERE id = ?`, a.ID)
	if err == nil {
		t.Fatal("the database let a party keep a role its agreement's kind does not have")
	}
}

// deptOther is a second city department.
func (w premisesWorld) deptOther(t *testing.T) *organisation.Organisation {
	t.Helper()
	o, err := w.orgs.CreateOrganisation(context.Background(), access.System, organisation.Input{Kind: "city", Name: "Fritidsförvaltningen"})
	if err != nil {
		t.Fatal(err)
	}
	return o
}
