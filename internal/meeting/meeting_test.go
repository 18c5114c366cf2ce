package meeting_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

func TestCreateMeetings(t *testing.T) {
	t.Parallel()
	t.Run("OK/MonthlyPatternInARoomAcrossDST", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		se := f.council(t, f.club.ID)
		in := f.roomMeeting(at(2026, 10, 7, 18, 0), at(2026, 10, 7, 20, 0))
		in.Recurrence = &meeting.RecurrenceInput{RRule: "FREQ=MONTHLY;BYDAY=1WE;COUNT=3"}
		ms := f.mustCreate(t, f.cityAdmin, se.ID, in)
		if len(ms) != 3 {
			t.Fatalf("%d meetings, want 3", len(ms))
		}
		wantDays := []int{7, 4, 2} // 7 Oct (summer time), 4 Nov and 2 Dec (winter time)
		for i, m := range ms {
			st, en := m.StartsAt.In(stockholm), m.EndsAt.In(stockholm)
			if st.Day() != wantDays[i] || st.Hour() != 18 || en.Hour() != 20 || st.Weekday() != time.Wednesday {
				t.Errorf("meeting %d: %v–%v, want the first Wednesday 18:00–20:00", i, st, en)
			}
			b := f.bookingOf(t, &m)
			if !b.StartsAt.Equal(m.StartsAt) || !b.EndsAt.Equal(m.EndsAt) || b.RoomID != f.room.ID ||
				b.OrganisationID != f.city.ID || b.Status != booking.StatusConfirmed || f.holds(t, b.ID) == 0 {
				t.Errorf("booking of meeting %d: %+v", i, b)
			}
		}
		if n := f.count(t, `SELECT count(*) FROM meeting_invitations WHERE organisation_id = ?`, f.club.ID); n != 3 {
			t.Errorf("club invited to %d meetings, want 3", n)
		}
		if n := f.count(t, `SELECT count(*) FROM audit_log WHERE action = 'meeting.create'`); n != 3 {
			t.Errorf("%d meeting.create audit rows, want 3", n)
		}
	})
	t.Run("OK/SignatoriesInvited", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		f.sign(t, f.club.ID)
		se := f.series(t, meeting.SeriesInput{Kind: "fro", Name: "FRÖ", OrganiserID: f.city.ID, Public: true, InviteSignatories: true})
		ms := f.mustCreate(t, f.cityAdmin, se.ID, meeting.MeetingInput{Title: "FRÖ-möte", StartsAt: at(2026, 9, 10, 9, 0),
			EndsAt: at(2026, 9, 10, 11, 0), OnlineURL: "https://meet.example/fro"})
		invs, err := f.meetings.FindInvitations(ctx, f.cityAdmin, ms[0].ID)
		if err != nil || len(invs) != 1 || invs[0].OrganisationID != f.club.ID {
			t.Fatalf("invitations %+v, %v; want the one signatory", invs, err)
		}
	})
	t.Run("ErrBadInput", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		se := f.council(t)
		start, end := at(2026, 9, 10, 18, 0), at(2026, 9, 10, 20, 0)
		for _, tc := range []struct {
			name  string
			in    meeting.MeetingInput
			field string
			code  string
		}{
			{"EndsBeforeStart", meeting.MeetingInput{Title: "x", StartsAt: end, EndsAt: start, Address: "Torget"}, "ends_at", booking.CodeEndNotAfterStart},
			{"NoPlace", meeting.MeetingInput{Title: "x", StartsAt: start, EndsAt: end}, "place", meeting.CodePlaceMissing},
			{"TwoPlaces", meeting.MeetingInput{Title: "x", StartsAt: start, EndsAt: end, Address: "Torget", OnlineURL: "https://a.example"}, "address", meeting.CodePlaceExclusive},
			{"NotHTTP", meeting.MeetingInput{Title: "x", StartsAt: start, EndsAt: end, OnlineURL: "javascript:alert(1)"}, "online_url", meeting.CodeHTTPURL},
			{"UnknownRoom", meeting.MeetingInput{Title: "x", StartsAt: start, EndsAt: end, RoomID: 999999}, "room_id", "not_found"},
			{"BadRule", meeting.MeetingInput{Title: "x", StartsAt: start, EndsAt: end, Address: "Torget",
				Recurrence: &meeting.RecurrenceInput{RRule: "FREQ=MONTHLY;BYDAY=1WE"}}, "recurrence.rrule", booking.CodeRRuleUnbounded},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := f.meetings.CreateMeetings(ctx, f.cityAdmin, se.ID, tc.in)
				if got := fieldCodes(err)[tc.field]; got != tc.code {
					t.Fatalf("err = %v, want %s on %s", err, tc.code, tc.field)
				}
			})
		}
		if n := f.count(t, `SELECT count(*) FROM meetings`); n != 0 {
			t.Errorf("%d meetings stored", n)
		}
	})
	t.Run("ErrConflict/NothingStored", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		se := f.council(t)
		if _, err := f.bookings.CreateBooking(ctx, access.System, booking.Input{RoomID: f.room.ID, OrganisationID: f.club.ID,
			Title: "Schack", Attendees: 5, StartsAt: at(2026, 11, 4, 19, 0), EndsAt: at(2026, 11, 4, 21, 0)}); err != nil {
			t.Fatal(err)
		}
		in := f.roomMeeting(at(2026, 10, 7, 18, 0), at(2026, 10, 7, 20, 0))
		in.Recurrence = &meeting.RecurrenceInput{RRule: "FREQ=MONTHLY;BYDAY=1WE;COUNT=3"}
		_, err := f.meetings.CreateMeetings(ctx, f.cityAdmin, se.ID, in)
		var ce *booking.ConflictError
		if !errors.As(err, &ce) || len(ce.Clashes) != 1 || !ce.Start.Equal(at(2026, 11, 4, 18, 0)) {
			t.Fatalf("err = %v, want a conflict on 4 November", err)
		}
		if n := f.count(t, `SELECT count(*) FROM meetings`) + f.count(t, `SELECT count(*) FROM bookings WHERE organisation_id = ?`, f.city.ID); n != 0 {
			t.Errorf("%d meetings or bookings stored", n)
		}
	})
	t.Run("ErrRuleRefused", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		f.exec(t, `INSERT INTO booking_rules (room_id, who_may_book, created_at, updated_at) VALUES (?, 'owner', ?, ?)`, f.room.ID, now, now)
		se := f.series(t, meeting.SeriesInput{Kind: "network", Name: "Nätverket", OrganiserID: f.club.ID, Public: true})
		_, err := f.meetings.CreateMeetings(ctx, access.System, se.ID, f.roomMeeting(at(2026, 9, 10, 18, 0), at(2026, 9, 10, 20, 0)))
		var re *booking.RuleError
		if !errors.As(err, &re) || re.Rule != booking.RuleOwner {
			t.Fatalf("err = %v, want the owner rule", err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		se := f.council(t)
		in := meeting.MeetingInput{Title: "x", StartsAt: at(2026, 9, 10, 18, 0), EndsAt: at(2026, 9, 10, 20, 0), Address: "Torget"}
		for name, actor := range map[string]access.Actor{
			"booker of the organiser": f.member(t, f.city.ID, access.RoleBooker),
			"admin of another":        f.member(t, f.club.ID, access.RoleAdmin),
		} {
			if _, err := f.meetings.CreateMeetings(ctx, actor, se.ID, in); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("%s: err = %v, want forbidden", name, err)
			}
		}
		if _, err := f.meetings.CreateMeetings(ctx, access.Anonymous("x"), se.ID, in); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous: err = %v", err)
		}
	})
}

// TestConcurrentMeetingsInOneRoom: sixteen organisers' admins ask for the same room at the
// same time; the database lets exactly one have it, and no loser leaves a meeting behind.
func TestConcurrentMeetingsInOneRoom(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	se := f.council(t)
	const n = 16
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = f.meetings.CreateMeetings(ctx, f.cityAdmin, se.ID, f.roomMeeting(at(2026, 9, 10, 18, 0), at(2026, 9, 10, 20, 0)))
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case !errors.Is(err, booking.ErrConflict):
			t.Errorf("unexpected error %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d won, want 1", won)
	}
	if m := f.count(t, `SELECT count(*) FROM meetings`); m != 1 {
		t.Fatalf("%d meetings stored, want 1", m)
	}
}
