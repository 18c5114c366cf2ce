package meeting_test

import (
	"errors"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

func TestReply(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	se := f.council(t, f.club.ID)
	m := f.mustCreate(t, f.cityAdmin, se.ID, meeting.MeetingInput{Title: "Samråd", StartsAt: at(2026, 10, 7, 18, 0),
		EndsAt: at(2026, 10, 7, 20, 0), Address: "Stora torget, Borås"})[0]
	yes, no := true, false
	clubBooker := f.member(t, f.club.ID, access.RoleBooker)
	t.Run("OK", func(t *testing.T) {
		inv, err := f.meetings.Reply(ctx, clubBooker, m.ID, meeting.ReplyInput{OrganisationID: f.club.ID, Attending: &yes, Participants: 3})
		if err != nil || !*inv.Attending || *inv.Participants != 3 {
			t.Fatalf("%+v %v", inv, err)
		}
		invs, err := f.meetings.FindInvitations(ctx, f.cityAdmin, m.ID)
		if err != nil || len(invs) != 1 || invs[0].Participants == nil || *invs[0].Participants != 3 {
			t.Fatalf("organiser sees %+v %v", invs, err)
		}
	})
	t.Run("OK/No", func(t *testing.T) {
		inv, err := f.meetings.Reply(ctx, clubBooker, m.ID, meeting.ReplyInput{OrganisationID: f.club.ID, Attending: &no, Participants: 9})
		if err != nil || *inv.Attending || *inv.Participants != 0 {
			t.Fatalf("%+v %v", inv, err)
		}
	})
	t.Run("ErrNotInvited", func(t *testing.T) {
		otherAdmin := f.member(t, f.other.ID, access.RoleAdmin)
		_, err := f.meetings.Reply(ctx, otherAdmin, m.ID, meeting.ReplyInput{OrganisationID: f.other.ID, Attending: &yes, Participants: 2})
		if fieldCodes(err)["organisation_id"] != meeting.CodeNotInvited {
			t.Fatalf("err = %v, want not_invited", err)
		}
		if n := f.count(t, `SELECT count(*) FROM meeting_invitations WHERE organisation_id = ?`, f.other.ID); n != 0 {
			t.Fatalf("%d rows stored", n)
		}
	})
	t.Run("ErrForOthers", func(t *testing.T) {
		_, err := f.meetings.Reply(ctx, f.member(t, f.other.ID, access.RoleAdmin), m.ID, meeting.ReplyInput{OrganisationID: f.club.ID, Attending: &yes, Participants: 2})
		if !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrYesWithoutParticipants", func(t *testing.T) {
		_, err := f.meetings.Reply(ctx, clubBooker, m.ID, meeting.ReplyInput{OrganisationID: f.club.ID, Attending: &yes})
		if fieldCodes(err)["participants"] != "min" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ReadingRepliesIsTheOrganisers", func(t *testing.T) {
		if _, err := f.meetings.FindInvitations(ctx, clubBooker, m.ID); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("OK/SetInvitations", func(t *testing.T) {
		invs, err := f.meetings.SetInvitations(ctx, f.cityAdmin, m.ID, meeting.InvitationsInput{OrganisationIDs: []int64{f.other.ID}})
		if err != nil || len(invs) != 1 || invs[0].OrganisationID != f.other.ID {
			t.Fatalf("%+v %v", invs, err)
		}
		_, err = f.meetings.Reply(ctx, clubBooker, m.ID, meeting.ReplyInput{OrganisationID: f.club.ID, Attending: &yes, Participants: 1})
		if fieldCodes(err)["organisation_id"] != meeting.CodeNotInvited {
			t.Fatalf("no longer invited: %v", err)
		}
	})
}

func TestPrivateSeries(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	se := f.series(t, meeting.SeriesInput{Kind: "network", Name: "Internt", OrganiserID: f.city.ID, Invitees: []int64{f.club.ID}})
	m := f.mustCreate(t, f.cityAdmin, se.ID, meeting.MeetingInput{Title: "Internt", StartsAt: at(2026, 10, 7, 18, 0),
		EndsAt: at(2026, 10, 7, 20, 0), Address: "Stadshuset"})[0]
	if _, err := f.meetings.FindSeriesByID(ctx, access.Anonymous("x"), se.ID); !errors.Is(err, meeting.ErrSeriesNotFound) {
		t.Errorf("anonymous sees the series: %v", err)
	}
	if _, err := f.meetings.FindMeetingByID(ctx, access.Anonymous("x"), m.ID); !errors.Is(err, meeting.ErrNotFound) {
		t.Errorf("anonymous sees the meeting: %v", err)
	}
	if _, err := f.meetings.FindMeetingByID(ctx, f.member(t, f.club.ID, access.RoleBooker), m.ID); err != nil {
		t.Errorf("invited organisation does not see it: %v", err)
	}
	if _, err := f.meetings.FindMeetingByID(ctx, f.member(t, f.other.ID, access.RoleAdmin), m.ID); !errors.Is(err, meeting.ErrNotFound) {
		t.Errorf("uninvited organisation sees it: %v", err)
	}
	page, err := f.meetings.FindSeries(ctx, access.Anonymous("x"), meeting.SeriesFilter{})
	if err != nil || len(page.Items) != 0 {
		t.Errorf("anonymous list: %+v %v", page.Items, err)
	}
}
