package booking_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
)

func (f *fixture) settingsAudit(t testing.TB, action string) int {
	t.Helper()
	var n int
	if err := f.db.NewRaw(`SELECT count(*) FROM audit_log WHERE action = ?`, action).Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSetRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	admin := f.member(t, f.owner.ID, access.RoleAdmin)
	in := booking.RulesInput{WhoMayBook: booking.WhoPartners, NeedsApproval: true, MinNoticeMinutes: 24 * 60,
		HorizonDays: 90, MaxDurationMinutes: 180, CancelBeforeMinutes: 48 * 60, HolidaysClosed: true, Terms: " Nycklar i receptionen "}

	t.Run("OK", func(t *testing.T) {
		r, err := f.bookings.SetRules(ctx, admin, f.room.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		if r.Revision != 1 || r.Terms != "Nycklar i receptionen" {
			t.Fatalf("got %+v", r)
		}
		in.HorizonDays = 100
		if r, err = f.bookings.SetRules(ctx, admin, f.room.ID, in); err != nil || r.Revision != 2 {
			t.Fatalf("second: %+v, %v", r, err)
		}
		got, err := f.bookings.FindRules(ctx, f.room.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := booking.Rules{WhoMayBook: booking.WhoPartners, NeedsApproval: true, MinNotice: booking.Hours(24),
			Horizon: booking.DaysOf(100), CancelBefore: booking.Hours(48), HolidaysClosed: true}
		g := got.Rules
		if g.WhoMayBook != want.WhoMayBook || !g.NeedsApproval || g.MinNotice != want.MinNotice || g.Horizon != want.Horizon ||
			g.CancelBefore != want.CancelBefore || !g.HolidaysClosed || g.MaxDuration == nil || *g.MaxDuration != booking.Hours(3) || g.Revision != 2 {
			t.Fatalf("stored %+v", g)
		}
		if f.settingsAudit(t, "booking_rules.update") != 2 {
			t.Fatal("not audited")
		}
		// The rules apply at once: the club is no partner.
		_, err = f.bookings.CreateBooking(ctx, f.member(t, f.club.ID, access.RoleBooker), f.input(f.room.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 20, 0)))
		var re *booking.RuleError
		if !errors.As(err, &re) || re.Rule != booking.RulePartners {
			t.Fatalf("booking: %v", err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		for _, actor := range []access.Actor{f.member(t, f.owner.ID, access.RoleBooker), f.member(t, f.club.ID, access.RoleAdmin)} {
			if _, err := f.bookings.SetRules(ctx, actor, f.room.ID, in); !errors.Is(err, access.ErrForbidden) {
				t.Fatalf("got %v", err)
			}
		}
		if _, err := f.bookings.SetRules(ctx, access.Anonymous("x"), f.room.ID, in); !errors.Is(err, access.ErrUnauthenticated) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrValidation", func(t *testing.T) {
		bad := in
		bad.WhoMayBook, bad.HorizonDays, bad.MinNoticeMinutes = "everyone", 0, -1
		_, err := f.bookings.SetRules(ctx, admin, f.room.ID, bad)
		codes := fieldCodes(err)
		if codes["who_may_book"] != "oneof" || codes["horizon_days"] != "required" || codes["min_notice_minutes"] != "min" {
			t.Fatalf("got %v", err)
		}
		if _, err := f.bookings.SetRules(ctx, admin, 999999, in); fieldCodes(err)["room_id"] != "not_found" {
			t.Fatalf("unknown room: %v", err)
		}
	})
}

func TestSetOpeningHours(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	admin := f.member(t, f.owner.ID, access.RoleAdmin)
	booker := f.member(t, f.club.ID, access.RoleBooker)

	t.Run("OK", func(t *testing.T) {
		hours := []booking.OpeningHours{
			{Weekday: 5, Opens: 17 * time.Hour, Closes: 24 * time.Hour},
			{Weekday: 2, Opens: 8 * time.Hour, Closes: 22 * time.Hour},
			{Weekday: 6, Opens: 0, Closes: 2 * time.Hour},
		}
		if _, err := f.bookings.SetOpeningHours(ctx, admin, f.room.ID, hours); err != nil {
			t.Fatal(err)
		}
		got, err := f.bookings.FindRules(ctx, f.room.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Hours) != 3 || got.Hours[0].Weekday != 2 || got.Hours[1].Closes != 24*time.Hour {
			t.Fatalf("got %+v", got.Hours)
		}
		// Friday 22:00 to Saturday 01:00 runs across midnight through 24:00.
		f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 11, 22, 0), at(2026, 9, 12, 1, 0)))
		_, err = f.bookings.CreateBooking(ctx, booker, f.input(f.room.ID, at(2026, 9, 7, 18, 0), at(2026, 9, 7, 19, 0)))
		if fieldCodes(err)["starts_at"] != booking.CodeOutsideOpeningHours {
			t.Fatalf("Monday: %v", err)
		}
		// Replacing with none opens the room around the clock.
		if _, err := f.bookings.SetOpeningHours(ctx, admin, f.room.ID, nil); err != nil {
			t.Fatal(err)
		}
		f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 7, 18, 0), at(2026, 9, 7, 19, 0)))
		if f.settingsAudit(t, "opening_hours.update") != 2 {
			t.Fatal("not audited")
		}
	})
	t.Run("ErrValidation", func(t *testing.T) {
		_, err := f.bookings.SetOpeningHours(ctx, admin, f.room.ID, []booking.OpeningHours{
			{Weekday: 0, Opens: 8 * time.Hour, Closes: 9 * time.Hour},
			{Weekday: 1, Opens: 10 * time.Hour, Closes: 9 * time.Hour},
			{Weekday: 1, Opens: 8 * time.Hour, Closes: 25 * time.Hour},
			{Weekday: 3, Opens: 8 * time.Hour, Closes: 12 * time.Hour},
			{Weekday: 3, Opens: 11 * time.Hour, Closes: 14 * time.Hour},
		})
		want := map[string]string{"opening_hours[0].weekday": "oneof", "opening_hours[1].closes": booking.CodeOpensNotBeforeCloses,
			"opening_hours[2].closes": "invalid", "opening_hours[4].opens": booking.CodeHoursOverlap}
		got := fieldCodes(err)
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("%s: got %v", k, err)
			}
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		if _, err := f.bookings.SetOpeningHours(ctx, booker, f.room.ID, nil); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestClosures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	admin := f.member(t, f.owner.ID, access.RoleAdmin)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	other := f.newRoom(t, "Lilla salen", 20)

	t.Run("OK", func(t *testing.T) {
		vc, err := f.bookings.AddClosure(ctx, admin, booking.ClosureInput{VenueID: f.venue.ID,
			FirstDay: time.Date(2026, 12, 23, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2027, 1, 2, 0, 0, 0, 0, time.UTC), Reason: "Julstängt"})
		if err != nil {
			t.Fatal(err)
		}
		rc, err := f.bookings.AddClosure(ctx, admin, booking.ClosureInput{RoomID: other.ID,
			FirstDay: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.bookings.CreateBooking(ctx, booker, f.input(f.room.ID, at(2026, 12, 28, 18, 0), at(2026, 12, 28, 19, 0)))
		if c := fault.Fields(err); len(c) != 1 || c[0].Code != booking.CodeClosed || c[0].Param != "Julstängt" {
			t.Fatalf("venue closure: %v", err)
		}
		f.mustBook(t, booker, f.input(f.room.ID, at(2026, 10, 5, 18, 0), at(2026, 10, 5, 19, 0)))
		_, err = f.bookings.CreateBooking(ctx, booker, f.input(other.ID, at(2026, 10, 5, 18, 0), at(2026, 10, 5, 19, 0)))
		if fieldCodes(err)["starts_at"] != booking.CodeClosed {
			t.Fatalf("room closure: %v", err)
		}
		got, err := f.bookings.FindRules(ctx, other.ID)
		if err != nil || len(got.Closures) != 2 || got.Closures[0].ID != rc.ID || got.Closures[1].ID != vc.ID ||
			got.Closures[1].VenueID == nil || *got.Closures[1].VenueID != f.venue.ID {
			t.Fatalf("FindRules: %+v, %v", got, err)
		}
		if err := f.bookings.RemoveClosure(ctx, admin, rc.ID); err != nil {
			t.Fatal(err)
		}
		f.mustBook(t, booker, f.input(other.ID, at(2026, 10, 5, 18, 0), at(2026, 10, 5, 19, 0)))
		if f.settingsAudit(t, "closure.create") != 2 || f.settingsAudit(t, "closure.delete") != 1 {
			t.Fatal("not audited")
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if err := f.bookings.RemoveClosure(ctx, admin, 999999); !errors.Is(err, booking.ErrClosureNotFound) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		_, err := f.bookings.AddClosure(ctx, booker, booking.ClosureInput{VenueID: f.venue.ID,
			FirstDay: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)})
		if !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrValidation", func(t *testing.T) {
		_, err := f.bookings.AddClosure(ctx, admin, booking.ClosureInput{RoomID: other.ID,
			FirstDay: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 10, 4, 0, 0, 0, 0, time.UTC)})
		if fieldCodes(err)["last_day"] != booking.CodeLastBeforeFirst {
			t.Fatalf("order: %v", err)
		}
		_, err = f.bookings.AddClosure(ctx, admin, booking.ClosureInput{RoomID: other.ID, VenueID: f.venue.ID,
			FirstDay: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)})
		if fault.KindOf(err) != fault.Invalid {
			t.Fatalf("both targets: %v", err)
		}
		_, err = f.bookings.AddClosure(ctx, admin, booking.ClosureInput{
			FirstDay: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)})
		if fault.KindOf(err) != fault.Invalid {
			t.Fatalf("no target: %v", err)
		}
	})
}

// TestFindPartners: the partners of a room are those the premises-sharing agreements in
// force let book it, each with its agreement; the room has no list of its own.
func TestFindPartners(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	other := f.org(t, "association", "Andra föreningen")
	a := f.share(t, f.sharing("Salen delas", f.club.ID, f.room.ID))
	ended := f.sharing("Gammalt avtal", other.ID, f.room.ID)
	ended.Status = "ended"
	f.share(t, ended)

	got, err := f.bookings.FindPartners(ctx, f.room.ID)
	if err != nil || len(got) != 1 || got[0].OrganisationID != f.club.ID || got[0].AgreementID != a.ID || got[0].Title != "Salen delas" {
		t.Fatalf("FindPartners: %+v, %v", got, err)
	}
	r, err := f.bookings.FindRules(ctx, f.room.ID)
	if err != nil || len(r.Partners) != 1 || r.Partners[0] != f.club.ID {
		t.Fatalf("FindRules: %+v, %v", r, err)
	}
	if _, err := f.bookings.FindPartners(ctx, 999999); fieldCodes(err)["room_id"] != "not_found" {
		t.Fatalf("unknown room: %v", err)
	}
}
