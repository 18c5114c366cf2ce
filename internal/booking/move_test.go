package booking_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// heldSpans returns the spans held for booking id, as [start, end) pairs in UTC.
func (f *fixture) heldSpans(t testing.TB, id int64) [][2]time.Time {
	t.Helper()
	var rows []struct {
		Lower time.Time
		Upper time.Time
	}
	err := f.db.NewRaw(`SELECT lower(span) AS lower, upper(span) AS upper FROM booking_holds WHERE booking_id = ? ORDER BY atom_room_id`, id).
		Scan(context.Background(), &rows)
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]time.Time
	for _, r := range rows {
		out = append(out, [2]time.Time{r.Lower.UTC(), r.Upper.UTC()})
	}
	return out
}

func TestMoveBooking(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	stranger := f.member(t, f.owner.ID, access.RoleBooker)
	move := func(start, end time.Time) booking.MoveInput { return booking.MoveInput{StartsAt: start, EndsAt: end} }

	t.Run("OKLaterTheSameDay", func(t *testing.T) {
		b := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 20, 0)))
		// Overlapping its own old time is fine: the old time is given up in the same step.
		got, err := f.bookings.MoveBooking(ctx, booker, b.ID, move(at(2026, 9, 8, 19, 0), at(2026, 9, 8, 21, 0)))
		if err != nil {
			t.Fatal(err)
		}
		if !got.StartsAt.Equal(at(2026, 9, 8, 19, 0)) || got.Revision != 2 || got.Status != booking.StatusConfirmed {
			t.Fatalf("got %+v", got)
		}
		want := [][2]time.Time{{at(2026, 9, 8, 19, 0).UTC(), at(2026, 9, 8, 21, 0).UTC()}}
		if diff := cmp.Diff(want, f.heldSpans(t, b.ID)); diff != "" {
			t.Fatalf("holds (-want +got):\n%s", diff)
		}
		// The freed hour can be booked by someone else.
		f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 19, 0)))
		if n := f.auditCount(t, "booking.move", b.ID); n != 1 {
			t.Fatalf("audit entries: %d", n)
		}
	})
	t.Run("ConflictChangesNothing", func(t *testing.T) {
		a := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 9, 18, 0), at(2026, 9, 9, 20, 0)))
		b := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 9, 20, 0), at(2026, 9, 9, 22, 0)))
		_, err := f.bookings.MoveBooking(ctx, booker, b.ID, move(at(2026, 9, 9, 19, 0), at(2026, 9, 9, 21, 0)))
		var ce *booking.ConflictError
		if !errors.As(err, &ce) || len(ce.Clashes) != 1 || ce.Clashes[0].BookingID != a.ID || !ce.Clashes[0].Own {
			t.Fatalf("got %v", err)
		}
		again, _ := f.bookings.FindBookingByID(ctx, b.ID)
		if !again.StartsAt.Equal(b.StartsAt) || again.Revision != 1 || len(f.heldSpans(t, b.ID)) != 1 {
			t.Fatalf("changed: %+v", again)
		}
	})
	t.Run("RulesAreCheckedAgain", func(t *testing.T) {
		room := f.newRoom(t, "Studion", 20)
		b := f.mustBook(t, booker, f.input(room.ID, at(2026, 9, 10, 18, 0), at(2026, 9, 10, 20, 0)))
		f.rules(t, room.ID, "max_duration = '2 hours'")
		_, err := f.bookings.MoveBooking(ctx, booker, b.ID, move(at(2026, 9, 10, 18, 0), at(2026, 9, 10, 21, 0)))
		if fieldCodes(err)["ends_at"] != booking.CodeTooLong {
			t.Fatalf("too long: %v", err)
		}
		_, err = f.bookings.MoveBooking(ctx, booker, b.ID, move(at(2026, 8, 31, 18, 0), at(2026, 8, 31, 20, 0)))
		if fieldCodes(err)["starts_at"] != booking.CodeInPast {
			t.Fatalf("past: %v", err)
		}
		// Into a room that asks for approval: pending again until the owner decides.
		f.rules(t, room.ID, "needs_approval = true")
		got, err := f.bookings.MoveBooking(ctx, booker, b.ID, move(at(2026, 9, 10, 17, 0), at(2026, 9, 10, 19, 0)))
		if err != nil || got.Status != booking.StatusPending {
			t.Fatalf("approval: %+v, %v", got, err)
		}
		f.rules(t, room.ID, "who_may_book = 'owner'")
		_, err = f.bookings.MoveBooking(ctx, booker, b.ID, move(at(2026, 9, 10, 16, 0), at(2026, 9, 10, 18, 0)))
		var re *booking.RuleError
		if !errors.As(err, &re) || re.Rule != booking.RuleOwner {
			t.Fatalf("rule: %v", err)
		}
	})
	t.Run("OKAnotherRoom", func(t *testing.T) {
		other := f.newRoom(t, "Köket", 15)
		b := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 11, 18, 0), at(2026, 9, 11, 20, 0)))
		got, err := f.bookings.MoveBooking(ctx, booker, b.ID, booking.MoveInput{RoomID: other.ID, StartsAt: b.StartsAt, EndsAt: b.EndsAt})
		if err != nil || got.RoomID != other.ID {
			t.Fatalf("%+v, %v", got, err)
		}
		f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 11, 18, 0), at(2026, 9, 11, 20, 0)))
		small := f.newRoom(t, "Skrubben", 4)
		_, err = f.bookings.MoveBooking(ctx, booker, b.ID, booking.MoveInput{RoomID: small.ID, StartsAt: b.StartsAt, EndsAt: b.EndsAt})
		if fieldCodes(err)["attendees"] != booking.CodeAboveCapacity {
			t.Fatalf("capacity: %v", err)
		}
	})
	t.Run("Refused", func(t *testing.T) {
		b := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 12, 18, 0), at(2026, 9, 12, 20, 0)))
		in := move(at(2026, 9, 12, 19, 0), at(2026, 9, 12, 21, 0))
		if _, err := f.bookings.MoveBooking(ctx, stranger, b.ID, in); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("stranger: %v", err)
		}
		if _, err := f.bookings.MoveBooking(ctx, access.Anonymous("127.0.0.1"), b.ID, in); !errors.Is(err, access.ErrUnauthenticated) {
			t.Fatalf("anonymous: %v", err)
		}
		if _, err := f.bookings.MoveBooking(ctx, booker, 999999, in); !errors.Is(err, booking.ErrNotFound) {
			t.Fatalf("unknown: %v", err)
		}
		if _, err := f.bookings.MoveBooking(ctx, booker, b.ID, booking.MoveInput{RoomID: 999999, StartsAt: in.StartsAt, EndsAt: in.EndsAt}); fieldCodes(err)["room_id"] != "not_found" {
			t.Fatalf("unknown room: %v", err)
		}
		if _, err := f.bookings.CancelBooking(ctx, booker, b.ID, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := f.bookings.MoveBooking(ctx, booker, b.ID, in); !errors.Is(err, booking.ErrNotActive) {
			t.Fatalf("cancelled: %v", err)
		}
	})
	t.Run("TooLate", func(t *testing.T) {
		room := f.newRoom(t, "Gympasalen", 30)
		b := f.mustBook(t, booker, f.input(room.ID, at(2026, 9, 2, 18, 0), at(2026, 9, 2, 20, 0)))
		f.rules(t, room.ID, "cancel_before = '2 days'")
		_, err := f.bookings.MoveBooking(ctx, booker, b.ID, move(at(2026, 9, 20, 18, 0), at(2026, 9, 20, 20, 0)))
		if !errors.Is(err, booking.ErrMoveTooLate) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestMoveSeries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)

	// Tuesdays at 18:00 from 13 October, across the end of summer time on 25 October.
	newSeries := func(t *testing.T, roomID int64) *booking.SeriesResult {
		t.Helper()
		res, err := f.bookings.CreateSeries(ctx, booker, f.seriesInput(roomID, at(2026, 10, 13, 18, 0), "FREQ=WEEKLY;BYDAY=TU;COUNT=4"))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}

	t.Run("OKOneOccurrence", func(t *testing.T) {
		room := f.newRoom(t, "Rum ett", 20)
		res := newSeries(t, room.ID)
		second := res.Bookings[1]
		got, err := f.bookings.MoveBooking(ctx, booker, second.ID, booking.MoveInput{StartsAt: at(2026, 10, 21, 18, 0), EndsAt: at(2026, 10, 21, 20, 30)})
		if err != nil {
			t.Fatal(err)
		}
		// The occurrence keeps the start it was generated for: its RECURRENCE-ID.
		if !got.OriginalStart.Equal(at(2026, 10, 20, 18, 0)) || *got.SeriesID != res.Series.ID {
			t.Fatalf("got %+v", got)
		}
	})
	t.Run("OKThisAndFollowingAcrossDaylightSaving", func(t *testing.T) {
		room := f.newRoom(t, "Rum två", 20)
		res := newSeries(t, room.ID)
		// From the second on: Wednesdays 19:00–21:00 instead.
		from := *res.Bookings[1].OriginalStart
		got, err := f.bookings.MoveSeriesFrom(ctx, booker, res.Series.ID, booking.SeriesMoveInput{
			From: from, StartsAt: at(2026, 10, 21, 19, 0), EndsAt: at(2026, 10, 21, 21, 0)})
		if err != nil {
			t.Fatal(err)
		}
		want := []time.Time{at(2026, 10, 21, 19, 0), at(2026, 10, 28, 19, 0), at(2026, 11, 4, 19, 0)}
		if diff := cmp.Diff(want, starts(got), cmpTimes); diff != "" {
			t.Fatalf("moved (-want +got):\n%s", diff)
		}
		for _, b := range got {
			if b.EndsAt.In(stockholm).Format("15:04") != "21:00" || b.Revision != 2 {
				t.Fatalf("%+v", b)
			}
		}
		first, _ := f.bookings.FindBookingByID(ctx, res.Bookings[0].ID)
		if first.Revision != 1 {
			t.Fatalf("the first moved too: %+v", first)
		}
		se, _ := f.bookings.FindSeriesByID(ctx, res.Series.ID)
		if se.Revision != 2 {
			t.Fatalf("series revision %d", se.Revision)
		}
	})
	t.Run("OKAWeekLaterLandsOnItsOwnNextTime", func(t *testing.T) {
		room := f.newRoom(t, "Rum tre", 20)
		res := newSeries(t, room.ID)
		from := *res.Bookings[0].OriginalStart
		got, err := f.bookings.MoveSeriesFrom(ctx, booker, res.Series.ID, booking.SeriesMoveInput{
			From: from, StartsAt: at(2026, 10, 20, 18, 0), EndsAt: at(2026, 10, 20, 20, 30)})
		if err != nil || len(got) != 4 || !got[3].StartsAt.Equal(at(2026, 11, 10, 18, 0)) {
			t.Fatalf("%v, %v", starts(got), err)
		}
	})
	t.Run("AllOrNothing", func(t *testing.T) {
		room := f.newRoom(t, "Rum fyra", 20)
		res := newSeries(t, room.ID)
		blocker := f.mustBook(t, booker, f.input(room.ID, at(2026, 10, 28, 19, 0), at(2026, 10, 28, 20, 0)))
		_, err := f.bookings.MoveSeriesFrom(ctx, booker, res.Series.ID, booking.SeriesMoveInput{
			From: *res.Bookings[0].OriginalStart, StartsAt: at(2026, 10, 14, 18, 0), EndsAt: at(2026, 10, 14, 20, 30)})
		var se *booking.SeriesError
		if !errors.As(err, &se) || len(se.Refused) != 1 || se.Refused[0].Occurrence != 2 {
			t.Fatalf("got %v", err)
		}
		var ce *booking.ConflictError
		if !errors.As(se.Refused[0].Err, &ce) || ce.Clashes[0].BookingID != blocker.ID {
			t.Fatalf("reason %v", se.Refused[0].Err)
		}
		for _, b := range res.Bookings {
			again, _ := f.bookings.FindBookingByID(ctx, b.ID)
			if !again.StartsAt.Equal(b.StartsAt) || again.Revision != 1 || len(f.heldSpans(t, b.ID)) != 1 {
				t.Fatalf("changed: %+v", again)
			}
		}
	})
	t.Run("Refused", func(t *testing.T) {
		room := f.newRoom(t, "Rum fem", 20)
		res := newSeries(t, room.ID)
		in := booking.SeriesMoveInput{From: at(2026, 10, 14, 18, 0), StartsAt: at(2026, 10, 14, 19, 0), EndsAt: at(2026, 10, 14, 20, 0)}
		if _, err := f.bookings.MoveSeriesFrom(ctx, booker, res.Series.ID, in); !errors.Is(err, booking.ErrNotFound) {
			t.Fatalf("no such occurrence: %v", err)
		}
		if _, err := f.bookings.MoveSeriesFrom(ctx, booker, 999999, in); !errors.Is(err, booking.ErrSeriesNotFound) {
			t.Fatalf("unknown series: %v", err)
		}
		in.From, in.EndsAt = at(2026, 10, 13, 18, 0), at(2026, 10, 14, 18, 0)
		if _, err := f.bookings.MoveSeriesFrom(ctx, booker, res.Series.ID, in); fieldCodes(err)["ends_at"] != booking.CodeEndNotAfterStart {
			t.Fatalf("end before start: %v", err)
		}
	})
}
