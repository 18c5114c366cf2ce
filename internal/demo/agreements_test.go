package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/demo"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

func TestLoadAgreements(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	v := validation.New()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	agreements := agreement.NewService(db, v, time.Now, loc)
	bookings := booking.NewService(db, v, time.Now, loc)
	ctx := context.Background()
	err = demo.Load(ctx, demo.Target{Organisations: organisation.NewService(db, v, time.Now), Venues: venue.NewService(db, v, time.Now),
		Agreements: agreements, Bookings: bookings})
	if err != nil {
		t.Fatal(err)
	}
	anyone := access.Anonymous("")
	compact, err := agreements.FindCompact(ctx, anyone)
	if err != nil || compact.Summary == "" {
		t.Fatalf("the Compact: %+v, %v", compact, err)
	}
	current, err := agreements.FindSignatories(ctx, anyone, compact.ID, agreement.SignatoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	history, err := agreements.FindSignatories(ctx, anyone, compact.ID, agreement.SignatoryFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if current.Count != 6 || history.Count != 7 {
		t.Errorf("the Compact has %d current signatories and %d in all, want 6 and 7 (one left)", current.Count, history.Count)
	}
	iops, err := agreements.FindAgreements(ctx, anyone, agreement.Filter{Kind: "iop", Status: "active"})
	if err != nil || len(iops.Items) != 1 || iops.Items[0].Title != demo.IOPTitle {
		t.Fatalf("IOP agreements: %+v, %v", iops.Items, err)
	}
	parties, err := agreements.FindSignatories(ctx, anyone, iops.Items[0].ID, agreement.SignatoryFilter{})
	if err != nil || parties.Count != 2 {
		t.Errorf("the IOP's signatures: %d, %v; want the department and the association", parties.Count, err)
	}
	if ps := iops.Items[0].Parties; len(ps) != 2 || ps[0].Role != agreement.RoleCity || ps[1].Role != agreement.RoleAssociation {
		t.Errorf("the IOP's parties: %+v; want the department and the association", ps)
	}

	sharing, err := agreements.FindAgreements(ctx, anyone, agreement.Filter{Kind: "premises_sharing"})
	if err != nil || len(sharing.Items) != 2 {
		t.Fatalf("premises-sharing agreements: %+v, %v; want one in force and one ended", sharing.Items, err)
	}
	var active *agreement.Agreement
	for i := range sharing.Items {
		if sharing.Items[i].Title == demo.PremisesTitle {
			active = &sharing.Items[i]
		}
	}
	if active == nil || active.Owner() == nil || len(active.PartiesIn(agreement.RolePartner)) != 2 || len(active.Premises) != 1 || active.Terms == "" {
		t.Fatalf("the agreement in force: %+v", active)
	}
	room := *active.Premises[0].RoomID
	partners, err := bookings.FindPartners(ctx, room)
	if err != nil || len(partners) != 2 {
		t.Errorf("partners of the shared room: %+v, %v", partners, err)
	}
	// The ended agreement leaves its partner's booking without a right, for the owner to see.
	page, err := bookings.FindBookingsWithoutRight(ctx, access.System, active.Owner().OrganisationID, 0, "")
	if err != nil || len(page.Items) != 1 || page.Items[0].Refusal.Reason != agreement.AgreementEnded {
		t.Errorf("bookings without a right: %+v, %v", page.Items, err)
	}
}
