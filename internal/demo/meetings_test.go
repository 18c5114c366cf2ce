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
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// TestLoadMeetings: the demo council meets on the first Wednesday of eight months at 18:00
// local time, across a change of daylight saving time, in a room it has booked, with one
// meeting cancelled; the FRÖ meetings have replies, so the follow-up has figures.
func TestLoadMeetings(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	v := validation.New()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	bookings := booking.NewService(db, v, time.Now, loc)
	meetings := meeting.NewService(db, v, time.Now, loc, bookings)
	ctx := context.Background()
	start := time.Now()
	err = demo.Load(ctx, demo.Target{Organisations: organisation.NewService(db, v, time.Now), Venues: venue.NewService(db, v, time.Now),
		Bookings: bookings, Agreements: agreement.NewService(db, v, time.Now, loc), Meetings: meetings})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo.Load with meetings: %v", time.Since(start))
	series, err := meetings.FindSeries(ctx, access.System, meeting.SeriesFilter{Kind: "samrad"})
	if err != nil || len(series.Items) != 1 || series.Items[0].Name != demo.CouncilName {
		t.Fatalf("council series: %+v %v", series.Items, err)
	}
	page, err := meetings.FindMeetings(ctx, access.System, meeting.Filter{SeriesID: series.Items[0].ID})
	if err != nil || len(page.Items) != 8 {
		t.Fatalf("council meetings: %d %v", len(page.Items), err)
	}
	offsets, cancelled := map[int]bool{}, 0
	for _, m := range page.Items {
		l := m.StartsAt.In(loc)
		if l.Weekday() != time.Wednesday || l.Day() > 7 || l.Hour() != 18 || m.BookingID == nil {
			t.Errorf("council meeting at %v (booking %v)", l, m.BookingID)
		}
		_, off := l.Zone()
		offsets[off] = true
		if m.Status == meeting.StatusCancelled {
			cancelled++
		}
	}
	if len(offsets) != 2 || cancelled != 1 {
		t.Errorf("zone offsets %v, cancelled %d: want both summer and winter time, and one cancelled", offsets, cancelled)
	}
	f, err := meetings.FindFollowUp(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if f.TookPart+f.TookPartBefore == 0 || f.FROTarget != 4 {
		t.Errorf("follow-up %+v: want organisations that took part", f)
	}
}

// TestLoadRounds: the demo round is open for applications, with four of them, two of
// which clash on a Monday evening in the sports hall.
func TestLoadRounds(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	v := validation.New()
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	bookings := booking.NewService(db, v, time.Now, loc)
	rounds := round.NewService(db, v, time.Now, loc, bookings)
	ctx := context.Background()
	err = demo.Load(ctx, demo.Target{Organisations: organisation.NewService(db, v, time.Now), Venues: venue.NewService(db, v, time.Now),
		Bookings: bookings, Agreements: agreement.NewService(db, v, time.Now, loc), Rounds: rounds})
	if err != nil {
		t.Fatal(err)
	}
	page, err := rounds.FindRounds(ctx, round.Filter{Status: string(round.StatusOpen)})
	if err != nil || len(page.Items) != 1 || page.Items[0].Name != demo.RoundName {
		t.Fatalf("open rounds: %+v %v", page.Items, err)
	}
	apps, err := rounds.FindApplications(ctx, access.System, page.Items[0].ID, round.ApplicationFilter{})
	if err != nil || len(apps.Items) != 4 {
		t.Fatalf("applications: %d %v", len(apps.Items), err)
	}
	demand, err := rounds.FindDemand(ctx, access.System, page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	clashes := 0
	for _, d := range demand {
		for _, w := range d.Wishes {
			clashes += w.Clashes
		}
	}
	if clashes == 0 {
		t.Error("no wishes clash: the allocation board would have nothing to settle")
	}
}
