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

// TestLoadJoinRequests: the demo has requests to join waiting, and each can be approved:
// the one from an organisation already in the register links it.
func TestLoadJoinRequests(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	ctx := context.Background()
	v := validation.New()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	agreements := agreement.NewService(db, v, time.Now, loc)
	orgs := organisation.NewService(db, v, time.Now)
	if err := demo.Load(ctx, demo.Target{Organisations: orgs, Venues: venue.NewService(db, v, time.Now), Agreements: agreements}); err != nil {
		t.Fatal(err)
	}
	pending, err := agreements.FindJoinRequests(ctx, access.System, agreement.JoinFilter{Status: "pending"})
	if err != nil || len(pending.Items) < 2 {
		t.Fatalf("pending join requests: %d, %v", len(pending.Items), err)
	}
	before, err := orgs.CountOrganisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, jr := range pending.Items {
		if _, err := agreements.ApproveJoinRequest(ctx, access.System, jr.ID, agreement.ApproveInput{}); err != nil {
			t.Errorf("approve %s: %v", jr.OrganisationName, err)
		}
	}
	if after, _ := orgs.CountOrganisations(ctx); after != before+len(pending.Items)-1 {
		t.Errorf("%d organisations after approving, want %d (one new, one linked)", after, before+len(pending.Items)-1)
	}
}
