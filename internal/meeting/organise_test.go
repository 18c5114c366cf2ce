package meeting_test

import (
	"errors"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// TestWhoOrganises: a city department's admins organise the Compact's meetings under their
// department; an association's admins organise networks (and other series) under their
// own, not the Compact's meetings, and nobody organises under an organisation not theirs.
func TestWhoOrganises(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	clubAdmin := f.member(t, f.club.ID, access.RoleAdmin)
	clubBooker := f.member(t, f.club.ID, access.RoleBooker)
	fro := meeting.SeriesInput{Kind: "fro", Name: "FRÖ-möten", OrganiserID: f.city.ID, Public: true}

	t.Run("OK", func(t *testing.T) {
		se, err := f.meetings.CreateSeries(ctx, f.cityAdmin, fro)
		if err != nil {
			t.Fatalf("a city department's admin creates a FRÖ series: %v", err)
		}
		fro.Name = "FRÖ-möten 2027"
		if _, err := f.meetings.UpdateSeries(ctx, f.cityAdmin, se.ID, fro); err != nil {
			t.Errorf("and changes it: %v", err)
		}
		net, err := f.meetings.CreateSeries(ctx, clubAdmin, meeting.SeriesInput{Kind: "network", Name: "Schacknätverket", OrganiserID: f.club.ID})
		if err != nil {
			t.Fatalf("an association's admin creates a network: %v", err)
		}
		if err := f.meetings.DeleteSeries(ctx, clubAdmin, net.ID); err != nil {
			t.Errorf("and deletes it: %v", err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		for name, c := range map[string]struct {
			actor access.Actor
			in    meeting.SeriesInput
		}{
			"association admin, Compact meeting": {clubAdmin, meeting.SeriesInput{Kind: "samrad", Name: "Samråd", OrganiserID: f.club.ID}},
			"association booker, network":        {clubBooker, meeting.SeriesInput{Kind: "network", Name: "Nät", OrganiserID: f.club.ID}},
			"city admin for an association":      {f.cityAdmin, meeting.SeriesInput{Kind: "network", Name: "Nät", OrganiserID: f.club.ID}},
			"association admin for the city":     {clubAdmin, meeting.SeriesInput{Kind: "network", Name: "Nät", OrganiserID: f.city.ID}},
		} {
			if _, err := f.meetings.CreateSeries(ctx, c.actor, c.in); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("%s: %v, want ErrForbidden", name, err)
			}
		}
		se := f.series(t, meeting.SeriesInput{Kind: "network", Name: "Stadens nätverk", OrganiserID: f.city.ID, Public: true})
		in := meeting.SeriesInput{Kind: "network", Name: "Mitt nätverk", OrganiserID: f.club.ID}
		if _, err := f.meetings.UpdateSeries(ctx, clubAdmin, se.ID, in); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("an association's admin takes over the city's series: %v, want ErrForbidden", err)
		}
		// The city department's admin may not move its FRÖ meetings to an association.
		own, err := f.meetings.CreateSeries(ctx, f.cityAdmin, meeting.SeriesInput{Kind: "fro", Name: "FRÖ", OrganiserID: f.city.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.meetings.UpdateSeries(ctx, clubAdmin, own.ID, meeting.SeriesInput{Kind: "network", Name: "FRÖ", OrganiserID: f.club.ID}); !errors.Is(err, meeting.ErrSeriesNotFound) {
			t.Errorf("an outsider changes a private series: %v, want ErrSeriesNotFound", err)
		}
	})
}

// TestInviteCompactSignatories: one step invites every current signatory of the Compact
// (archived ones and those who withdrew left out), keeping those invited and their replies;
// only the organiser may; the invited organisation's people find the meeting among theirs.
func TestInviteCompactSignatories(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.sign(t, f.club.ID)
	se := f.council(t, f.other.ID)
	m := f.mustCreate(t, f.cityAdmin, se.ID, meeting.MeetingInput{Title: "Samråd", StartsAt: at(2026, 10, 7, 18, 0),
		EndsAt: at(2026, 10, 7, 20, 0), Address: "Stora torget, Borås"})[0]
	yes := true
	otherBooker := f.member(t, f.other.ID, access.RoleBooker)
	if _, err := f.meetings.Reply(ctx, otherBooker, m.ID, meeting.ReplyInput{OrganisationID: f.other.ID, Attending: &yes, Participants: 2}); err != nil {
		t.Fatal(err)
	}
	clubAdmin := f.member(t, f.club.ID, access.RoleAdmin)
	if _, err := f.meetings.InviteCompactSignatories(ctx, clubAdmin, m.ID); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("an invitee invites the signatories: %v, want ErrForbidden", err)
	}
	invs, err := f.meetings.InviteCompactSignatories(ctx, f.cityAdmin, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]bool{}
	for _, inv := range invs {
		got[inv.OrganisationID] = inv.Attending != nil
	}
	if len(got) != 2 || got[f.club.ID] || !got[f.other.ID] {
		t.Errorf("invited %v, want the club (no reply) and the other (replied)", got)
	}
	mine, err := f.meetings.FindInvitedMeetings(ctx, clubAdmin)
	if err != nil || len(mine) != 1 || mine[0].ID != m.ID || mine[0].RepliedAt != nil {
		t.Errorf("the club's invited meetings: %+v %v", mine, err)
	}
	theirs, err := f.meetings.FindInvitedMeetings(ctx, otherBooker)
	if err != nil || len(theirs) != 1 || theirs[0].Participants == nil || *theirs[0].Participants != 2 {
		t.Errorf("the other's invited meetings: %+v %v", theirs, err)
	}
}
