package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
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
	ctx := context.Background()
	err = demo.Load(ctx, demo.Target{Organisations: organisation.NewService(db, v, time.Now), Venues: venue.NewService(db, v, time.Now), Agreements: agreements})
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
		t.Errorf("the IOP's parties: %d, %v; want the department and the association", parties.Count, err)
	}
}
