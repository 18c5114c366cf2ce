package meeting_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

func TestUpdateMeeting(t *testing.T) {
	t.Parallel()
	t.Run("OK/MoveMovesTheBooking", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		m := f.mustCreate(t, f.cityAdmin, f.council(t).ID, f.roomMeeting(at(2026, 10, 7, 18, 0), at(2026, 10, 7, 20, 0)))[0]
		in := f.roomMeeting(at(2026, 10, 28, 18, 0), at(2026, 10, 28, 20, 0)) // after the change to winter time
		got, err := f.meetings.UpdateMeeting(ctx, f.cityAdmin, m.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		b := f.bookingOf(t, got)
		if got.Revision != 2 || !b.StartsAt.Equal(at(2026, 10, 28, 18, 0)) || !b.EndsAt.Equal(got.EndsAt) || b.Revision != 2 || f.holds(t, b.ID) == 0 {
			t.Fatalf("meeting rev %d, booking %+v", got.Revision, b)
		}
		// Read back: the trigger that follows the booking added nothing of its own.
		again, _ := f.meetings.FindMeetingByID(ctx, access.System, m.ID)
		if again.Revision != 2 || again.StartsAt.In(stockholm).Hour() != 18 {
			t.Fatalf("stored meeting %+v", again)
		}
	})
	t.Run("OK/OutOfTheRoomAndBackIn", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		m := f.mustCreate(t, f.cityAdmin, f.council(t).ID, f.roomMeeting(at(2026, 10, 7, 18, 0), at(2026, 10, 7, 20, 0)))[0]
		old := *m.BookingID
		online := meeting.MeetingInput{Title: "Samråd", StartsAt: m.StartsAt, EndsAt: m.EndsAt, OnlineURL: "https://meet.example/samrad"}
		got, err := f.meetings.UpdateMeeting(ctx, f.cityAdmin, m.ID, online)
		if err != nil || got.BookingID != nil || f.holds(t, old) != 0 {
			t.Fatalf("online: %+v %v, holds %d", got, err, f.holds(t, old))
		}
		got, err = f.meetings.UpdateMeeting(ctx, f.cityAdmin, m.ID, f.roomMeeting(m.StartsAt, m.EndsAt))
		if err != nil || got.BookingID == nil || *got.BookingID == old || got.Revision != 3 {
			t.Fatalf("back in: %+v %v", got, err)
		}
	})
	t.Run("ErrConflict/NothingChanges", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		m := f.mustCreate(t, f.cityAdmin, f.council(t).ID, f.roomMeeting(at(2026, 10, 7, 18, 0), at(2026, 10, 7, 20, 0)))[0]
		if _, err := f.bookings.CreateBooking(ctx, access.System, booking.Input{RoomID: f.room.ID, OrganisationID: f.club.ID,
			Title: "Schack", Attendees: 5, StartsAt: at(2026, 10, 14, 19, 0), EndsAt: at(2026, 10, 14, 21, 0)}); err != nil {
			t.Fatal(err)
		}
		_, err := f.meetings.UpdateMeeting(ctx, f.cityAdmin, m.ID, f.roomMeeting(at(2026, 10, 14, 18, 0), at(2026, 10, 14, 20, 0)))
		if !errors.Is(err, booking.ErrConflict) {
			t.Fatalf("err = %v, want conflict", err)
		}
		again, _ := f.meetings.FindMeetingByID(ctx, access.System, m.ID)
		if b := f.bookingOf(t, again); again.Revision != 1 || !b.StartsAt.Equal(m.StartsAt) || f.holds(t, b.ID) == 0 {
			t.Fatalf("meeting %+v booking %+v changed", again, b)
		}
	})
	t.Run("ErrRecurrenceNotAllowed", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		m := f.mustCreate(t, f.cityAdmin, f.council(t).ID, f.roomMeeting(at(2026, 10, 7, 18, 0), at(2026, 10, 7, 20, 0)))[0]
		in := f.roomMeeting(m.StartsAt, m.EndsAt)
		in.Recurrence = &meeting.RecurrenceInput{RRule: "FREQ=WEEKLY;COUNT=2"}
		if _, err := f.meetings.UpdateMeeting(ctx, f.cityAdmin, m.ID, in); fieldCodes(err)["recurrence"] != meeting.CodeNotAllowed {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestCancelMeeting(t *testing.T) {
	t.Parallel()
	t.Run("OK/CancelsTheBooking", func(t *testing.T) {
		t.Parallel()
		f := newFixture(t)
		m := f.mustCreate(t, f.cityAdmin, f.council(t).ID, f.roomMeeting(at(2026, 10, 7, 18, 0), at(2026, 10, 7, 20, 0)))[0]
		got, err := f.meetings.CancelMeeting(ctx, f.cityAdmin, m.ID, meeting.CancelInput{Reason: "Inställt"})
		if err != nil {
			t.Fatal(err)
		}
		b := f.bookingOf(t, got)
		if got.Status != meeting.StatusCancelled || got.Revision != 2 || b.Status != booking.StatusCancelled || f.holds(t, b.ID) != 0 {
			t.Fatalf("meeting %+v booking %+v", got, b)
		}
		if _, err := f.meetings.CancelMeeting(ctx, f.cityAdmin, m.ID, meeting.CancelInput{}); !errors.Is(err, meeting.ErrCancelled) {
			t.Fatalf("again: %v", err)
		}
		if _, err := f.meetings.UpdateMeeting(ctx, f.cityAdmin, m.ID, f.roomMeeting(m.StartsAt, m.EndsAt)); !errors.Is(err, meeting.ErrCancelled) {
			t.Fatalf("update cancelled: %v", err)
		}
	})
}

// TestBookingRoutesReachTheMeeting: a meeting's booking moved or cancelled through the
// booking service (as the booking routes do) changes the meeting too, with a new revision.
func TestBookingRoutesReachTheMeeting(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ms := f.mustCreate(t, f.cityAdmin, f.council(t).ID, meeting.MeetingInput{Title: "Samråd", StartsAt: at(2026, 10, 7, 18, 0),
		EndsAt: at(2026, 10, 7, 20, 0), RoomID: f.room.ID, Attendees: 5,
		Recurrence: &meeting.RecurrenceInput{RRule: "FREQ=MONTHLY;BYDAY=1WE;COUNT=2"}})
	if _, err := f.bookings.MoveBooking(ctx, f.cityAdmin, *ms[0].BookingID, booking.MoveInput{
		StartsAt: at(2026, 10, 8, 17, 0), EndsAt: at(2026, 10, 8, 19, 0)}); err != nil {
		t.Fatal(err)
	}
	m, _ := f.meetings.FindMeetingByID(ctx, access.System, ms[0].ID)
	if !m.StartsAt.Equal(at(2026, 10, 8, 17, 0)) || !m.EndsAt.Equal(at(2026, 10, 8, 19, 0)) || m.Revision != 2 || m.Status != meeting.StatusPlanned {
		t.Fatalf("after the booking moved: %+v", m)
	}
	if _, err := f.bookings.CancelBooking(ctx, f.cityAdmin, *ms[1].BookingID, "lokalen behövs"); err != nil {
		t.Fatal(err)
	}
	m, _ = f.meetings.FindMeetingByID(ctx, access.System, ms[1].ID)
	if m.Status != meeting.StatusCancelled || m.Revision != 2 {
		t.Fatalf("after the booking was cancelled: %+v", m)
	}
}

// TestMeetingCannotDriftFromItsBooking: whatever writes, the database refuses at commit a
// meeting whose time or status differs from its booking's.
func TestMeetingCannotDriftFromItsBooking(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	m := f.mustCreate(t, f.cityAdmin, f.council(t).ID, f.roomMeeting(at(2026, 10, 7, 18, 0), at(2026, 10, 7, 20, 0)))[0]
	for name, q := range map[string]string{
		"time":   `UPDATE meetings SET starts_at = starts_at - interval '1 hour' WHERE id = ?`,
		"status": `UPDATE meetings SET status = 'cancelled' WHERE id = ?`,
	} {
		if _, err := f.db.NewRaw(q, m.ID).Exec(ctx); err == nil || !strings.Contains(err.Error(), "differs from its booking") {
			t.Errorf("%s: err = %v, want the drift refused", name, err)
		}
	}
}

// TestConcurrentMovesThroughBothSides: the meeting service and the booking routes move the
// same meeting's booking at the same time, taking their locks in opposite orders. Every move
// either lands or loses cleanly, and at the end the meeting and its booking agree, with a
// revision that counts every move that landed.
func TestConcurrentMovesThroughBothSides(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	m := f.mustCreate(t, f.cityAdmin, f.council(t).ID, f.roomMeeting(at(2026, 10, 7, 18, 0), at(2026, 10, 7, 20, 0)))[0]
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, 2*n)
	for i := range n {
		wg.Add(2)
		start := at(2026, 10, 8+i, 18, 0)
		go func() {
			defer wg.Done()
			_, errs[i] = f.meetings.UpdateMeeting(ctx, f.cityAdmin, m.ID, f.roomMeeting(start, start.Add(2*time.Hour)))
		}()
		go func() {
			defer wg.Done()
			_, errs[n+i] = f.bookings.MoveBooking(ctx, f.cityAdmin, *m.BookingID, booking.MoveInput{StartsAt: start.Add(time.Hour), EndsAt: start.Add(3 * time.Hour)})
		}()
	}
	wg.Wait()
	landed := 0
	for _, err := range errs {
		if err == nil {
			landed++
			continue
		}
		t.Errorf("a move failed: %v", err)
	}
	got, err := f.meetings.FindMeetingByID(ctx, access.System, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	b := f.bookingOf(t, got)
	if !b.StartsAt.Equal(got.StartsAt) || !b.EndsAt.Equal(got.EndsAt) || got.Revision != 1+landed || f.holds(t, b.ID) == 0 {
		t.Errorf("meeting %v–%v rev %d, booking %v–%v; %d moves landed", got.StartsAt, got.EndsAt, got.Revision, b.StartsAt, b.EndsAt, landed)
	}
}

// TestRejectedBookingCancelsTheMeeting: a meeting in a room that needs the owner's approval
// is planned with a pending booking; when the owner rejects the booking, the meeting is
// cancelled with it.
func TestRejectedBookingCancelsTheMeeting(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.exec(t, `INSERT INTO booking_rules (room_id, needs_approval, created_at, updated_at) VALUES (?, true, ?, ?)`, f.room.ID, now, now)
	se := f.series(t, meeting.SeriesInput{Kind: "network", Name: "Nätverket", OrganiserID: f.club.ID, Public: true})
	m := f.mustCreate(t, access.System, se.ID, f.roomMeeting(at(2026, 10, 7, 18, 0), at(2026, 10, 7, 20, 0)))[0]
	if b := f.bookingOf(t, &m); b.Status != booking.StatusPending || m.Status != meeting.StatusPlanned {
		t.Fatalf("booking %s, meeting %s: want pending and planned", b.Status, m.Status)
	}
	if _, err := f.bookings.RejectBooking(ctx, f.cityAdmin, *m.BookingID, "Upptaget av annat"); err != nil {
		t.Fatal(err)
	}
	got, _ := f.meetings.FindMeetingByID(ctx, access.System, m.ID)
	if got.Status != meeting.StatusCancelled || got.Revision != 2 {
		t.Fatalf("after the rejection: %+v", got)
	}
}
