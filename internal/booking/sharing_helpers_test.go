package booking_test

import (
	"context"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// agreements is the agreement service on the fixture's database and clock.
func (f *fixture) agreements() *agreement.Service {
	return agreement.NewService(f.db, validation.New(), func() time.Time { return now }, stockholm)
}

// sharing is an active premises-sharing agreement without an end, in which the fixture's
// owner lets partner book the rooms.
func (f *fixture) sharing(title string, partner int64, rooms ...int64) agreement.Input {
	in := agreement.Input{Kind: "premises_sharing", Title: title, Status: "active", Terms: "Utan kostnad",
		Parties: []agreement.PartyInput{{OrganisationID: f.owner.ID, Role: "owner"}, {OrganisationID: partner, Role: "partner"}}}
	for _, r := range rooms {
		in.Premises = append(in.Premises, agreement.PremisesInput{RoomID: r})
	}
	return in
}

// share records the agreement in, through the agreement service, as the system.
func (f *fixture) share(t testing.TB, in agreement.Input) *agreement.Agreement {
	t.Helper()
	a, err := f.agreements().CreateAgreement(context.Background(), access.System, in)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// reshare replaces the agreement's fields with in, as the system.
func (f *fixture) reshare(t testing.TB, id int64, in agreement.Input) {
	t.Helper()
	if _, err := f.agreements().UpdateAgreement(context.Background(), access.System, id, in); err != nil {
		t.Fatal(err)
	}
}
