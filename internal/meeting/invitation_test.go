package meeting_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

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

func TestFindCalendar(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.exec(t, `UPDATE venues SET step_free_entrance = true, hearing_loop = true`)
	council := f.council(t)
	internal := f.series(t, meeting.SeriesInput{Kind: "other", Name: "Internt", OrganiserID: f.city.ID})
	past := f.mustCreate(t, access.System, council.ID, meeting.MeetingInput{Title: "Förra", StartsAt: at(2026, 8, 5, 18, 0),
		EndsAt: at(2026, 8, 5, 20, 0), Address: "Torget"})[0]
	next := f.mustCreate(t, f.cityAdmin, council.ID, f.roomMeeting(at(2026, 9, 2, 18, 0), at(2026, 9, 2, 20, 0)))[0]
	f.mustCreate(t, f.cityAdmin, internal.ID, meeting.MeetingInput{Title: "Hemligt", StartsAt: at(2026, 9, 3, 18, 0),
		EndsAt: at(2026, 9, 3, 20, 0), Address: "Hemma"})
	up, err := f.meetings.FindCalendar(ctx, meeting.CalendarFilter{Now: now})
	if err != nil || len(up) != 1 || up[0].ID != next.ID {
		t.Fatalf("upcoming %+v %v", up, err)
	}
	e := up[0]
	if e.SeriesName != "Samrådet" || e.OrganiserName != "Kommunstyrelsen" || e.RoomName == nil || *e.RoomName != "Sessionssalen" ||
		*e.StreetAddress != "Kungsgatan 55" || !e.StepFreeEntrance || !e.HearingLoop || e.Lift {
		t.Errorf("entry %+v", e)
	}
	gone, err := f.meetings.FindCalendar(ctx, meeting.CalendarFilter{Now: now, Past: true, SeriesID: council.ID})
	if err != nil || len(gone) != 1 || gone[0].ID != past.ID || gone[0].RoomName != nil || gone[0].StepFreeEntrance {
		t.Fatalf("past %+v %v", gone, err)
	}
}

// TestFindFollowUp: meetings held (not cancelled, ended) per series this year and last,
// FRÖ meetings against the target of four, and invited organisations that said they came.
func TestFindFollowUp(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	fro := f.series(t, meeting.SeriesInput{Kind: "fro", Name: "FRÖ", OrganiserID: f.city.ID, Public: true, Invitees: []int64{f.club.ID, f.other.ID}})
	council := f.council(t, f.club.ID)
	f.series(t, meeting.SeriesInput{Kind: "other", Name: "Internt", OrganiserID: f.city.ID})
	place := func(y int, m time.Month, d int) meeting.MeetingInput {
		return meeting.MeetingInput{Title: "Möte", StartsAt: at(y, m, d, 18, 0), EndsAt: at(y, m, d, 20, 0), Address: "Torget"}
	}
	for _, d := range []time.Time{at(2025, 11, 5, 0, 0), at(2026, 2, 4, 0, 0), at(2026, 5, 6, 0, 0), at(2026, 10, 7, 0, 0)} {
		m := f.mustCreate(t, access.System, fro.ID, place(d.Year(), d.Month(), d.Day()))[0]
		f.exec(t, `UPDATE meeting_invitations SET attending = true, participants = 2, replied_at = ? WHERE meeting_id = ? AND organisation_id = ?`, now, m.ID, f.club.ID)
	}
	cancelled := f.mustCreate(t, access.System, fro.ID, place(2026, 3, 4))[0]
	f.exec(t, `UPDATE meetings SET status = 'cancelled' WHERE id = ?`, cancelled.ID)
	f.mustCreate(t, access.System, council.ID, place(2026, 6, 3))
	// The clock: 1 September 2026; the October FRÖ meeting has not been held yet.
	got, err := f.meetings.FindFollowUp(ctx, now)
	if err != nil {
		t.Fatal(err)
	}
	want := &meeting.FollowUp{Year: 2026, FROHeld: 2, FROTarget: 4, TookPart: 1, TookPartBefore: 1, Series: []meeting.SeriesFigures{
		{SeriesID: fro.ID, Name: "FRÖ", Kind: "fro", HeldThisYear: 2, HeldLastYear: 1, TookPartThisYear: 1, TookPartLastYear: 1},
		{SeriesID: council.ID, Name: "Samrådet", Kind: "samrad", HeldThisYear: 1},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("follow-up (-want +got):\n%s", diff)
	}
}
