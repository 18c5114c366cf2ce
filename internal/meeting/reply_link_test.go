package meeting_test

import (
	"errors"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// A reply link answers for the invited organisations its person is an admin or booker of
// when it is used, as that person (the audit log names them), until the meeting ends; an
// unknown secret, another organisation, a lost membership and a cancelled meeting are
// refused and change nothing.
func TestReplyByLink(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	clock := now
	meetings := meeting.NewService(f.db, validation.New(), func() time.Time { return clock }, stockholm, f.bookings)
	se := f.council(t, f.club.ID, f.other.ID)
	m := f.mustCreate(t, f.cityAdmin, se.ID, meeting.MeetingInput{Title: "Samråd", StartsAt: at(2026, 10, 7, 18, 0),
		EndsAt: at(2026, 10, 7, 20, 0), Address: "Stora torget, Borås"})[0]
	anna := f.member(t, f.club.ID, access.RoleAdmin)
	f.exec(t, `INSERT INTO memberships (user_id, organisation_id, role, created_at, updated_at) VALUES (?, ?, 'booker', ?, ?)`,
		anna.UserID, f.city.ID, now, now) // a member of an organisation that is not invited
	secret, err := meeting.NewReplyLink(ctx, f.db, m.ID, anna.UserID, now)
	if err != nil {
		t.Fatal(err)
	}
	if n := f.count(t, `SELECT count(*) FROM meeting_reply_links WHERE token_hash = convert_to(?, 'UTF8')`, secret); n != 0 {
		t.Fatal("the secret itself is stored")
	}
	yes, no := true, false
	replies := func() int {
		return f.count(t, `SELECT count(*) FROM meeting_invitations WHERE meeting_id = ? AND replied_at IS NOT NULL`, m.ID)
	}

	rl, err := meetings.FindReplyLink(ctx, secret, "192.0.2.1")
	if err != nil || rl.Meeting.ID != m.ID || len(rl.Invitations) != 1 || rl.Invitations[0].OrganisationID != f.club.ID ||
		rl.Invitations[0].OrganisationName != "Borås Schackklubb" || rl.Actor.CityAdmin {
		t.Fatalf("link %+v %v", rl, err)
	}
	if replies() != 0 {
		t.Fatal("reading the link answered")
	}
	t.Run("ErrUnknown", func(t *testing.T) {
		if _, err := meetings.ReplyByLink(ctx, secret+"x", "192.0.2.1", meeting.ReplyInput{OrganisationID: f.club.ID, Attending: &yes, Participants: 4}); !errors.Is(err, meeting.ErrReplyLinkInvalid) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrOtherOrganisation", func(t *testing.T) {
		// Invited, but the person is not one of its members.
		_, err := meetings.ReplyByLink(ctx, secret, "192.0.2.1", meeting.ReplyInput{OrganisationID: f.other.ID, Attending: &yes, Participants: 4})
		if fieldCodes(err)["organisation_id"] != meeting.CodeNotInvited || replies() != 0 {
			t.Fatalf("err = %v, %d replies", err, replies())
		}
	})
	t.Run("OK", func(t *testing.T) {
		inv, err := meetings.ReplyByLink(ctx, secret, "192.0.2.1", meeting.ReplyInput{OrganisationID: f.club.ID, Attending: &yes, Participants: 4})
		if err != nil || !*inv.Attending || *inv.Participants != 4 {
			t.Fatalf("%+v %v", inv, err)
		}
		if n := f.count(t, `SELECT count(*) FROM audit_log WHERE action = 'meeting.reply' AND actor_user_id = ? AND ip = '192.0.2.1'`, anna.UserID); n != 1 {
			t.Errorf("%d audit entries name the person", n)
		}
		// The link may be used again to change the answer.
		if inv, err = meetings.ReplyByLink(ctx, secret, "192.0.2.1", meeting.ReplyInput{OrganisationID: f.club.ID, Attending: &no}); err != nil || *inv.Attending {
			t.Fatalf("%+v %v", inv, err)
		}
	})
	t.Run("ErrNoLongerMember", func(t *testing.T) {
		bert := f.member(t, f.club.ID, access.RoleBooker)
		secret, err := meeting.NewReplyLink(ctx, f.db, m.ID, bert.UserID, now)
		if err != nil {
			t.Fatal(err)
		}
		// Moved to the other invited organisation: the link answers for it instead.
		f.exec(t, `UPDATE memberships SET organisation_id = ? WHERE user_id = ?`, f.other.ID, bert.UserID)
		rl, err := meetings.FindReplyLink(ctx, secret, "192.0.2.1")
		if err != nil || len(rl.Invitations) != 1 || rl.Invitations[0].OrganisationID != f.other.ID {
			t.Fatalf("link %+v %v", rl, err)
		}
		_, err = meetings.ReplyByLink(ctx, secret, "192.0.2.1", meeting.ReplyInput{OrganisationID: f.club.ID, Attending: &yes, Participants: 4})
		if fieldCodes(err)["organisation_id"] != meeting.CodeNotInvited {
			t.Fatalf("err = %v", err)
		}
		f.exec(t, `DELETE FROM memberships WHERE user_id = ?`, bert.UserID)
		if _, err := meetings.FindReplyLink(ctx, secret, "192.0.2.1"); !errors.Is(err, meeting.ErrReplyLinkInvalid) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrEnded", func(t *testing.T) {
		defer func() { clock = now }()
		clock = m.EndsAt
		if _, err := meetings.ReplyByLink(ctx, secret, "192.0.2.1", meeting.ReplyInput{OrganisationID: f.club.ID, Attending: &yes, Participants: 4}); !errors.Is(err, meeting.ErrReplyLinkInvalid) {
			t.Fatalf("err = %v", err)
		}
		if n, err := meetings.PurgeReplyLinks(ctx); err != nil || n != 2 {
			t.Fatalf("purged %d %v", n, err)
		}
	})
	t.Run("ErrCancelled", func(t *testing.T) {
		m2 := f.mustCreate(t, f.cityAdmin, se.ID, meeting.MeetingInput{Title: "Samråd", StartsAt: at(2026, 11, 4, 18, 0),
			EndsAt: at(2026, 11, 4, 20, 0), Address: "Stora torget, Borås"})[0]
		secret, err := meeting.NewReplyLink(ctx, f.db, m2.ID, anna.UserID, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := meetings.CancelMeeting(ctx, f.cityAdmin, m2.ID, meeting.CancelInput{Reason: "Inställt."}); err != nil {
			t.Fatal(err)
		}
		_, err = meetings.ReplyByLink(ctx, secret, "192.0.2.1", meeting.ReplyInput{OrganisationID: f.club.ID, Attending: &yes, Participants: 4})
		if !errors.Is(err, meeting.ErrCancelled) {
			t.Fatalf("err = %v", err)
		}
	})
}
