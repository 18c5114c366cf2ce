package round_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/round"
)

func TestApplications(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.newRound(t)
	in := round.ApplicationInput{OrganisationID: f.club.ID, Note: "Vi är 60 medlemmar.",
		Sections: []round.SectionInput{f.section("Basket U15"), f.section("Basket damer", f.rooms[1].ID, f.rooms[0].ID)}}
	if _, err := f.rounds.SubmitApplication(ctx, f.applicant, r.ID, in); !errors.Is(err, round.ErrNotOpen) {
		t.Fatalf("before the period: %v, want ErrNotOpen", err)
	}
	f.clock.set(at(2026, 9, 10, 12, 0))
	a, err := f.rounds.SubmitApplication(ctx, f.applicant, r.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("OK", func(t *testing.T) {
		if a.OrganisationName != f.club.Name || a.Status != round.ApplicationSubmitted || len(a.Sections) != 2 {
			t.Fatalf("application = %+v", a)
		}
		s := a.Sections[1]
		if !slices.Equal(s.RoomIDs, []int64{f.rooms[1].ID, f.rooms[0].ID}) || len(s.Wishes) != 2 ||
			s.Wishes[0] != (round.Wish{Weekday: 2, Start: 18 * 60, End: 20 * 60, Priority: 1}) {
			t.Errorf("section = %+v", s)
		}
	})
	t.Run("ErrAlreadyApplied", func(t *testing.T) {
		if _, err := f.rounds.SubmitApplication(ctx, f.applicant, r.ID, in); !errors.Is(err, round.ErrAlreadyApplied) {
			t.Errorf("second application: %v", err)
		}
	})
	t.Run("Forbidden", func(t *testing.T) {
		if _, err := f.rounds.SubmitApplication(ctx, f.outsider, r.ID, in); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("outsider applies for the club: %v", err)
		}
		if _, err := f.rounds.FindApplicationByID(ctx, f.outsider, a.ID); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("outsider reads: %v", err)
		}
		if _, err := f.rounds.FindApplicationByID(ctx, f.owner, a.ID); err != nil {
			t.Errorf("owner reads: %v", err)
		}
		page, err := f.rounds.FindApplications(ctx, f.outsider, r.ID, round.ApplicationFilter{})
		if err != nil || len(page.Items) != 0 {
			t.Errorf("outsider lists: %d, %v", len(page.Items), err)
		}
		page, err = f.rounds.FindApplications(ctx, f.owner, r.ID, round.ApplicationFilter{})
		if err != nil || len(page.Items) != 1 || len(page.Items[0].Sections) != 2 {
			t.Errorf("owner lists: %+v, %v", page.Items, err)
		}
	})
	t.Run("InvalidFields", func(t *testing.T) {
		bad := in
		bad.OrganisationID = f.other.ID
		bad.Sections = []round.SectionInput{f.section("Fotboll", 999999)}
		bad.Sections[0].SessionsPerWeek = 3
		bad.Sections[0].Wishes[0].Ends = "25:00"
		bad.Sections[0].Wishes[1].Ends = "18:30"
		other := f.member(t, f.other.ID, access.RoleAdmin)
		_, err := f.rounds.SubmitApplication(ctx, other, r.ID, bad)
		want := []string{"sections[0].room_ids[0]", "sections[0].wishes[0].ends", "sections[0].wishes[1].ends", "sections[0].wishes"}
		if got := fields(err); !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
	})
	t.Run("Update", func(t *testing.T) {
		changed := in
		changed.Sections = in.Sections[:1]
		up, err := f.rounds.UpdateApplication(ctx, f.applicant, a.ID, changed)
		if err != nil {
			t.Fatal(err)
		}
		if len(up.Sections) != 1 || up.Revision != 2 || !up.SubmittedAt.Equal(a.SubmittedAt) {
			t.Errorf("updated = %+v", up)
		}
	})
	t.Run("Withdraw", func(t *testing.T) {
		w, err := f.rounds.WithdrawApplication(ctx, f.applicant, a.ID)
		if err != nil || w.Status != round.ApplicationWithdrawn {
			t.Fatalf("withdraw: %+v, %v", w, err)
		}
		if _, err := f.rounds.UpdateApplication(ctx, f.applicant, a.ID, in); !errors.Is(err, round.ErrApplicationWithdrawn) {
			t.Errorf("update withdrawn: %v", err)
		}
		again, err := f.rounds.SubmitApplication(ctx, f.applicant, r.ID, in)
		if err != nil || again.ID == a.ID {
			t.Errorf("apply again after withdrawing: %v", err)
		}
		f.clock.set(at(2026, 10, 2, 12, 0))
		if _, err := f.rounds.WithdrawApplication(ctx, f.applicant, again.ID); !errors.Is(err, round.ErrNotOpen) {
			t.Errorf("withdraw after the period: %v", err)
		}
	})
}
