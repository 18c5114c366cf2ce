package booking_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

func (f *fixture) seriesInput(roomID int64, start time.Time, rule string) booking.SeriesInput {
	return booking.SeriesInput{RoomID: roomID, OrganisationID: f.club.ID, Title: "Schackträning", Attendees: 12,
		Start: start, DurationMinutes: 150, RRule: rule}
}

func starts(bs []booking.Booking) []time.Time {
	var out []time.Time
	for _, b := range bs {
		out = append(out, b.StartsAt)
	}
	return out
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func TestCreateSeries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	admin := f.member(t, f.owner.ID, access.RoleAdmin)

	t.Run("OKAutumnDaylightSaving", func(t *testing.T) {
		res, err := f.bookings.CreateSeries(ctx, booker, f.seriesInput(f.room.ID, at(2026, 10, 13, 18, 0), "FREQ=WEEKLY;BYDAY=TU;COUNT=4"))
		if err != nil {
			t.Fatal(err)
		}
		want := []time.Time{utc(2026, 10, 13, 16, 0), utc(2026, 10, 20, 16, 0), utc(2026, 10, 27, 17, 0), utc(2026, 11, 3, 17, 0)}
		if diff := cmp.Diff(want, starts(res.Bookings), cmpTimes); diff != "" {
			t.Fatalf("starts (-want +got):\n%s", diff)
		}
		for i, b := range res.Bookings {
			if b.StartsAt.In(stockholm).Hour() != 18 || b.EndsAt.In(stockholm).Format("15:04") != "20:30" ||
				*b.SeriesID != res.Series.ID || *b.Occurrence != i || b.Status != booking.StatusConfirmed {
				t.Fatalf("occurrence %d: %+v", i, b)
			}
		}
		if len(res.Skipped) != 0 || res.Series.Count == nil || *res.Series.Count != 4 {
			t.Fatalf("got %+v", res)
		}
	})
	t.Run("OKSpringDaylightSaving", func(t *testing.T) {
		march := booking.NewService(f.db, validation.New(), func() time.Time { return at(2026, 3, 1, 10, 0) }, stockholm)
		res, err := march.CreateSeries(ctx, booker, f.seriesInput(f.room.ID, at(2026, 3, 22, 18, 0), "FREQ=WEEKLY;UNTIL=20260405T235959"))
		if err != nil {
			t.Fatal(err)
		}
		want := []time.Time{utc(2026, 3, 22, 17, 0), utc(2026, 3, 29, 16, 0), utc(2026, 4, 5, 16, 0)}
		if diff := cmp.Diff(want, starts(res.Bookings), cmpTimes); diff != "" {
			t.Fatalf("starts (-want +got):\n%s", diff)
		}
	})
	t.Run("ErrSeriesRefused", func(t *testing.T) {
		other := f.org(t, "association", "Borås Bridgeklubb")
		f.mustBook(t, f.member(t, other.ID, access.RoleBooker), booking.Input{RoomID: f.room.ID, OrganisationID: other.ID,
			Title: "Bridge", Attendees: 8, StartsAt: at(2026, 11, 18, 19, 0), EndsAt: at(2026, 11, 18, 21, 0)})
		day := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
		if _, err := f.bookings.AddClosure(ctx, admin, booking.ClosureInput{RoomID: f.room.ID, FirstDay: day, LastDay: day, Reason: "Städning"}); err != nil {
			t.Fatal(err)
		}
		in := f.seriesInput(f.room.ID, at(2026, 11, 11, 18, 0), "FREQ=WEEKLY;BYDAY=WE;COUNT=5")
		_, err := f.bookings.CreateSeries(ctx, booker, in)
		var se *booking.SeriesError
		if !errors.As(err, &se) || fault.KindOf(err) != fault.Conflict || len(se.Refused) != 2 {
			t.Fatalf("got %v", err)
		}
		var ce *booking.ConflictError
		if r := se.Refused[0]; r.Occurrence != 1 || !r.StartsAt.Equal(at(2026, 11, 18, 18, 0)) || !errors.As(r.Err, &ce) || ce.Clashes[0].Own {
			t.Fatalf("refused[0] %+v", r)
		}
		if r := se.Refused[1]; r.Occurrence != 3 || fault.Fields(r.Err)[0].Code != booking.CodeClosed {
			t.Fatalf("refused[1] %+v", r)
		}
		var n int
		if err := f.db.NewRaw(`SELECT (SELECT count(*) FROM booking_series WHERE dtstart = '2026-11-11 18:00') +
			(SELECT count(*) FROM bookings WHERE title = 'Schackträning' AND starts_at >= '2026-11-11')`).Scan(ctx, &n); err != nil || n != 0 {
			t.Fatalf("stored %d, %v", n, err)
		}

		t.Run("OKSkipUnavailable", func(t *testing.T) {
			in.SkipUnavailable = true
			res, err := f.bookings.CreateSeries(ctx, booker, in)
			if err != nil {
				t.Fatal(err)
			}
			want := []time.Time{at(2026, 11, 11, 18, 0), at(2026, 11, 25, 18, 0), at(2026, 12, 9, 18, 0)}
			if diff := cmp.Diff(want, starts(res.Bookings), cmpTimes); diff != "" {
				t.Fatalf("booked (-want +got):\n%s", diff)
			}
			if len(res.Skipped) != 2 || res.Skipped[0].Occurrence != 1 || res.Skipped[1].Occurrence != 3 {
				t.Fatalf("skipped %+v", res.Skipped)
			}
		})
	})
	t.Run("ErrHorizon", func(t *testing.T) {
		room := f.newRoom(t, "Lilla salen", 20)
		f.rules(t, room.ID, "horizon = '30 days'")
		// The rule reaches past the horizon: refused as a whole, naming the rule, even with
		// SkipUnavailable, rather than stored with an end no one else could book to.
		for _, skip := range []bool{false, true} {
			in := f.seriesInput(room.ID, at(2026, 9, 15, 18, 0), "FREQ=WEEKLY;COUNT=6")
			in.SkipUnavailable = skip
			_, err := f.bookings.CreateSeries(ctx, booker, in)
			if fe := fault.Fields(err); len(fe) != 1 || fe[0].Field != "recurrence.rrule" || fe[0].Code != booking.CodeRRuleHorizon {
				t.Fatalf("skip %v: got %v", skip, err)
			}
		}
	})
	t.Run("ErrValidation", func(t *testing.T) {
		_, err := f.bookings.CreateSeries(ctx, booker, f.seriesInput(f.room.ID, at(2026, 9, 15, 18, 0), "FREQ=WEEKLY"))
		if fieldCodes(err)["recurrence.rrule"] != booking.CodeRRuleUnbounded {
			t.Fatalf("got %v", err)
		}
		_, err = f.bookings.CreateSeries(ctx, booker, f.seriesInput(999999, at(2026, 9, 15, 18, 0), "FREQ=WEEKLY;COUNT=2"))
		if fieldCodes(err)["room_id"] != "not_found" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		in := f.seriesInput(f.room.ID, at(2026, 9, 15, 18, 0), "FREQ=WEEKLY;COUNT=2")
		if _, err := f.bookings.CreateSeries(ctx, admin, in); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestSeriesChanges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	admin := f.member(t, f.owner.ID, access.RoleAdmin)

	t.Run("OKCancel", func(t *testing.T) {
		res, err := f.bookings.CreateSeries(ctx, booker, f.seriesInput(f.room.ID, at(2026, 9, 14, 18, 0), "FREQ=WEEKLY;COUNT=5"))
		if err != nil {
			t.Fatal(err)
		}
		id := res.Series.ID
		one, err := f.bookings.CancelOccurrence(ctx, booker, id, at(2026, 9, 21, 18, 0), "Sjuk")
		if err != nil || one.Status != booking.StatusCancelled {
			t.Fatalf("%+v, %v", one, err)
		}
		got, err := f.bookings.CancelSeriesFrom(ctx, booker, id, at(2026, 10, 5, 18, 0), "Terminen slut")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]time.Time{at(2026, 10, 5, 18, 0), at(2026, 10, 12, 18, 0)}, starts(got), cmpTimes); diff != "" {
			t.Fatalf("cancelled (-want +got):\n%s", diff)
		}
		// The freed times can be booked again; the ones kept cannot.
		f.mustBook(t, booker, f.input(f.room.ID, at(2026, 10, 5, 18, 0), at(2026, 10, 5, 19, 0)))
		if _, err := f.bookings.CreateBooking(ctx, booker, f.input(f.room.ID, at(2026, 9, 28, 18, 0), at(2026, 9, 28, 19, 0))); !errors.Is(err, booking.ErrConflict) {
			t.Fatalf("kept: %v", err)
		}
		if _, err := f.bookings.CancelSeriesFrom(ctx, booker, id, at(2026, 10, 5, 18, 0), ""); !errors.Is(err, booking.ErrNotActive) {
			t.Fatalf("again: %v", err)
		}
		if _, err := f.bookings.CancelSeriesFrom(ctx, booker, 999999, now, ""); !errors.Is(err, booking.ErrSeriesNotFound) {
			t.Fatalf("unknown: %v", err)
		}
		if _, err := f.bookings.CancelOccurrence(ctx, booker, id, at(2026, 9, 22, 18, 0), ""); !errors.Is(err, booking.ErrNotFound) {
			t.Fatalf("no such occurrence: %v", err)
		}
	})
	t.Run("OKApproveReject", func(t *testing.T) {
		room := f.newRoom(t, "Lilla salen", 20)
		f.rules(t, room.ID, "needs_approval = true")
		a, err := f.bookings.CreateSeries(ctx, booker, f.seriesInput(room.ID, at(2026, 9, 15, 18, 0), "FREQ=WEEKLY;COUNT=3"))
		if err != nil || a.Bookings[0].Status != booking.StatusPending {
			t.Fatalf("%+v, %v", a, err)
		}
		if _, err := f.bookings.ApproveSeries(ctx, booker, a.Series.ID, ""); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("booker: %v", err)
		}
		got, err := f.bookings.ApproveSeries(ctx, admin, a.Series.ID, "Välkomna")
		if err != nil || len(got) != 3 || got[2].Status != booking.StatusConfirmed {
			t.Fatalf("approve: %+v, %v", got, err)
		}
		if _, err := f.bookings.ApproveSeries(ctx, admin, a.Series.ID, ""); !errors.Is(err, booking.ErrNotPending) {
			t.Fatalf("again: %v", err)
		}
		r, err := f.bookings.CreateSeries(ctx, booker, f.seriesInput(room.ID, at(2026, 9, 16, 18, 0), "FREQ=WEEKLY;COUNT=3"))
		if err != nil {
			t.Fatal(err)
		}
		got, err = f.bookings.RejectSeries(ctx, admin, r.Series.ID, "Upptaget")
		if err != nil || len(got) != 3 || got[0].Status != booking.StatusRejected {
			t.Fatalf("reject: %+v, %v", got, err)
		}
		f.mustBook(t, booker, f.input(room.ID, at(2026, 9, 16, 18, 0), at(2026, 9, 16, 20, 0)))
	})
}
