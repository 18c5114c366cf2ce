package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// seriesOf books, as the system, a weekly series of count hours at 16:00 for org in room,
// from the day of a free slot (bookings made with book are at 10:00, so they never meet).
func (w *world) seriesOf(org, room int64, count int) *booking.SeriesResult {
	w.t.Helper()
	s := w.freeSlot()
	res, err := w.bookings.CreateSeries(context.Background(), access.System, booking.SeriesInput{
		RoomID: room, OrganisationID: org, Title: w.unique("Träning"), Attendees: 5, DurationMinutes: 60,
		Start: time.Date(s.Year(), s.Month(), s.Day(), 16, 0, 0, 0, time.UTC), RRule: fmt.Sprintf("FREQ=WEEKLY;COUNT=%d", count),
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return res
}

// moveForm fetches the booking's page and returns its move form's values filled in with kv.
func moveForm(t *testing.T, b *browser, id int64, kv ...string) url.Values {
	t.Helper()
	p := b.get(fmt.Sprintf("/bokningar/%d", id))
	p.status(t, http.StatusOK)
	return fill(p.formValues(t, `form[action$="/flytta"]`), kv...)
}

func (w *world) booking(t *testing.T, id int64) *booking.Booking {
	t.Helper()
	b, err := w.bookings.FindBookingByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBookingMove(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[bookerA]
	mine := w.book(w.a.ID, w.roomA.ID, false)
	path := fmt.Sprintf("/bokningar/%d/flytta", mine.ID)

	t.Run("OK", func(t *testing.T) {
		values := moveForm(t, b, mine.ID)
		if values.Get("date") != mine.StartsAt.In(stockholm).Format(time.DateOnly) || values.Get("starts_at") != "10:00" || values.Get("ends_at") != "11:00" {
			t.Fatalf("the form does not start from the booking's time: %v", values)
		}
		got := followBooking(t, b, b.post(path, fill(values, "starts_at", "14:00", "ends_at", "15:30")), "flyttad")
		if n := got.text(".notice--ok"); n != "Bokningen är flyttad." {
			t.Errorf("notice %q", n)
		}
		if moved := w.booking(t, mine.ID); moved.StartsAt.In(stockholm).Format("15:04") != "14:00" || moved.Revision != 2 {
			t.Errorf("moved: %+v", moved)
		}
		if got.doc.Find(`input[name="scope"]`).Length() != 0 {
			t.Error("a one-off booking is offered the series' choices")
		}
	})
	t.Run("Unchanged", func(t *testing.T) {
		// Pressing "Flytta" without changing anything sent an approved booking back to the
		// owner (pending) before issue 12.
		approved := w.book(w.b.ID, w.approvalA.ID, false)
		approved, err := w.bookings.ApproveBooking(context.Background(), access.System, approved.ID, "")
		if err != nil || approved.Status != booking.StatusConfirmed {
			t.Fatalf("approve: %+v, %v", approved, err)
		}
		admin := w.browsers[adminB]
		path := fmt.Sprintf("/bokningar/%d/flytta", approved.ID)
		got := followBooking(t, admin, admin.post(path, moveForm(t, admin, approved.ID)), "oforandrad")
		if n := got.text(".notice--ok"); n != "Bokningen har samma tid och rum som förut. Inget ändrades." {
			t.Errorf("notice %q", n)
		}
		if after := w.booking(t, approved.ID); after.Status != booking.StatusConfirmed || after.Revision != approved.Revision {
			t.Errorf("after an unchanged move: status %s, revision %d (was %d)", after.Status, after.Revision, approved.Revision)
		}
	})
	t.Run("Clash", func(t *testing.T) {
		theirs := w.book(w.b.ID, w.roomA.ID, false)
		day := theirs.StartsAt.In(stockholm).Format(time.DateOnly)
		p := b.post(path, moveForm(t, b, mine.ID, "date", day, "starts_at", "10:30", "ends_at", "11:30"))
		p.status(t, http.StatusConflict)
		if got := p.text("#flytta li"); got != day+" 10:00–11:00 – en annan bokning" {
			t.Errorf("clash %q", got)
		}
		if v, _ := p.doc.Find("#starts_at").Attr("value"); v != "10:30" {
			t.Errorf("start kept as %q", v)
		}
		if p.doc.Find(".error-summary").Length() != 1 || p.text(".error-summary h2") == "" {
			t.Errorf("no summary of the problem at the top")
		}
		if moved := w.booking(t, mine.ID); moved.Revision != 2 {
			t.Errorf("the refused move changed the booking: %+v", moved)
		}
	})
	t.Run("FieldErrors", func(t *testing.T) {
		for _, tc := range []struct{ name, field, value, want string }{
			{"unreadable time", "starts_at", "kvart i sju", "Starttid måste vara en tid som 18:30."},
			{"no date", "date", "", "Datum måste anges."},
			{"in the past", "date", "2026-03-01", "Starttid har redan passerat."},
		} {
			p := b.post(path, moveForm(t, b, mine.ID, tc.field, tc.value))
			p.status(t, http.StatusUnprocessableEntity)
			if got := p.text(".error-summary li"); got != tc.want {
				t.Errorf("%s: summary %q, want %q", tc.name, got, tc.want)
			}
		}
	})
	t.Run("Refused", func(t *testing.T) {
		p := w.browsers[adminB].post(path, url.Values{"csrf": {w.browsers[adminB].csrf()},
			"date": {"2026-04-30"}, "starts_at": {"10:00"}, "ends_at": {"11:00"}})
		p.status(t, http.StatusForbidden)
	})
}

func TestBookingMoveSeries(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[bookerA]
	res := w.seriesOf(w.a.ID, w.roomA.ID, 3)
	second := res.Bookings[1]
	values := moveForm(t, b, second.ID)
	if values.Get("scope") != "this" {
		t.Fatalf("scope %q, want only this occurrence by default", values.Get("scope"))
	}
	day := second.StartsAt.In(stockholm).AddDate(0, 0, 1).Format(time.DateOnly)
	followBooking(t, b, b.post(fmt.Sprintf("/bokningar/%d/flytta", second.ID),
		fill(values, "scope", "following", "date", day, "starts_at", "18:00", "ends_at", "19:00")), "flyttad")
	for i, occ := range res.Bookings {
		got := w.booking(t, occ.ID)
		wantDay := occ.StartsAt.In(stockholm)
		if i > 0 {
			wantDay = wantDay.AddDate(0, 0, 1)
		}
		if got.StartsAt.In(stockholm).Format("2006-01-02 15:04") != wantDay.Format(time.DateOnly)+map[bool]string{true: " 16:00", false: " 18:00"}[i == 0] {
			t.Errorf("occurrence %d at %s", i, got.StartsAt.In(stockholm))
		}
	}

	// Cancel the second and all following.
	p := b.post(fmt.Sprintf("/bokningar/%d/avboka", second.ID), url.Values{"csrf": {b.csrf()}, "reason": {"Slut"}, "cancel_scope": {"following"}})
	followBooking(t, b, p, "avbokad")
	for i, occ := range res.Bookings {
		want := booking.StatusCancelled
		if i == 0 {
			want = booking.StatusConfirmed
		}
		if got := w.booking(t, occ.ID); got.Status != want {
			t.Errorf("occurrence %d %s, want %s", i, got.Status, want)
		}
	}
}

func TestBookingSeriesDecision(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	admin := w.browsers[adminA]
	res := w.seriesOf(w.b.ID, w.approvalA.ID, 3)
	page := admin.get(fmt.Sprintf("/bokningar/%d", res.Bookings[0].ID))
	if page.doc.Find(`form[action$="/serie/godkann"]`).Length() != 1 {
		t.Fatal("the owner's admin is not offered to approve the whole series")
	}
	if w.browsers[adminB].get(fmt.Sprintf("/bokningar/%d", res.Bookings[0].ID)).doc.Find(`form[action$="/serie/godkann"]`).Length() != 0 {
		t.Error("the booker is offered to approve their own series")
	}
	p := admin.post(fmt.Sprintf("/bokningar/%d/serie/godkann", res.Bookings[0].ID), url.Values{"csrf": {admin.csrf()}, "note": {"Välkomna"}})
	got := followBooking(t, admin, p, "serie-godkand")
	if n := got.text(".notice--ok"); n != "Seriens väntande tillfällen är godkända." {
		t.Errorf("notice %q", n)
	}
	for i, occ := range res.Bookings {
		if b := w.booking(t, occ.ID); b.Status != booking.StatusConfirmed {
			t.Errorf("occurrence %d is %s", i, b.Status)
		}
	}
	other := w.seriesOf(w.b.ID, w.approvalA.ID, 2)
	followBooking(t, admin, admin.post(fmt.Sprintf("/bokningar/%d/serie/avsla", other.Bookings[1].ID),
		url.Values{"csrf": {admin.csrf()}}), "serie-avslagen")
	if b := w.booking(t, other.Bookings[0].ID); b.Status != booking.StatusRejected {
		t.Errorf("first occurrence is %s", b.Status)
	}
}
