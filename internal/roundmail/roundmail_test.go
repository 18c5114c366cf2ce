package roundmail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/notify"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/roundmail"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// TestReceipts: the applying organisation's admins and bookers, each in their language, are
// told when the application is received (again when it changes) and when the result is
// published, with the allocated time; the owner's people are not.
func TestReceipts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := dbtest.New(t)
	v := validation.New()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 9, 10, 12, 0, 0, 0, loc)
	clock := func() time.Time { return now }
	orgs, venues := organisation.NewService(db, v, clock), venue.NewService(db, v, clock)
	rounds := round.NewService(db, v, clock, loc, booking.NewService(db, v, clock, loc))
	out, err := notify.New(notify.Options{DB: db, BaseURL: "https://lokalbanken.example", Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	rounds.SetMailer(roundmail.New(out, loc))
	city, err := orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "city", Name: "Fritidsförvaltningen"})
	if err != nil {
		t.Fatal(err)
	}
	club, err := orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: "Borås Basket"})
	if err != nil {
		t.Fatal(err)
	}
	ven, err := venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: city.ID, Name: "Boråshallen", StreetAddress: "Alingsåsvägen 1", PostalCode: "50338", Town: "Borås"})
	if err != nil {
		t.Fatal(err)
	}
	room, err := venues.CreateRoom(ctx, access.System, ven.ID, venue.RoomInput{Name: "Hall A", Capacity: 40})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		email, lang, role string
		org               int64
	}{{"admin@basket.example", "sv", "admin", club.ID}, {"tranare@basket.example", "en", "booker", club.ID}, {"stad@boras.example", "sv", "admin", city.ID}} {
		if _, err := db.ExecContext(ctx, `WITH u AS (INSERT INTO users (email, name, lang, created_at, updated_at) VALUES (?, 'Person', ?, ?, ?) RETURNING id)
			INSERT INTO memberships (user_id, organisation_id, role, created_at, updated_at) SELECT id, ?, ?, ?, ? FROM u`,
			p.email, p.lang, now, now, p.org, p.role, now, now); err != nil {
			t.Fatal(err)
		}
	}
	r, err := rounds.CreateRound(ctx, access.System, round.RoundInput{OwnerID: city.ID, Name: "Hallar våren", RoomIDs: []int64{room.ID},
		ApplicationsOpenAt: now.Add(-time.Hour), ApplicationsCloseAt: now.Add(time.Hour), TermStartsOn: "2026-10-05", TermEndsOn: "2026-12-20"})
	if err != nil {
		t.Fatal(err)
	}
	in := round.ApplicationInput{OrganisationID: club.ID, Sections: []round.SectionInput{{Purpose: "Basket U15", AgeGroup: "youth", Attendees: 20,
		SessionsPerWeek: 1, MinutesPerSession: 90, RoomIDs: []int64{room.ID}, Wishes: []round.WishInput{{Weekday: 2, Starts: "18:00", Ends: "20:00", Priority: 1}}}}}
	a, err := rounds.SubmitApplication(ctx, access.System, r.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rounds.UpdateApplication(ctx, access.System, a.ID, in); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Hour)
	if _, err := rounds.RunProposal(ctx, access.System, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := rounds.Publish(ctx, access.System, r.ID); err != nil {
		t.Fatal(err)
	}
	var msgs []notify.Record
	if err := db.NewSelect().Model(&msgs).OrderExpr("id").Scan(ctx); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range msgs {
		got = append(got, m.Kind+" "+m.ToAddress+" "+m.Lang)
		if strings.Contains(m.ToAddress, "boras.example") {
			t.Errorf("the owner's admin was told: %s", m.Subject)
		}
	}
	want := []string{
		"round.application_received admin@basket.example sv", "round.application_received tranare@basket.example en",
		"round.application_received admin@basket.example sv", "round.application_received tranare@basket.example en",
		"round.result admin@basket.example sv", "round.result tranare@basket.example en",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	last := msgs[len(msgs)-1]
	if !strings.Contains(last.TextBody, "Tuesday 18:00–19:30") || !strings.Contains(last.TextBody, "/sasongsbokning/") {
		t.Errorf("result in English:\n%s", last.TextBody)
	}
}
