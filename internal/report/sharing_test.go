package report_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/report"
)

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, stockholm)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func service(w *world, now time.Time) *report.Service {
	return report.NewService(w.db, func() time.Time { return now }, stockholm)
}

// TestSharingHours: hours are elapsed hours clipped to the period. 01:00–04:00 on the night
// summer time begins (2026-03-29) is two hours, on the night it ends (2026-10-25) four; a
// booking from 22:00 on New Year's Eve to 02:00 gives two hours to each year; the owner's
// own booking, pending, rejected requests and cancelled ones are not lending (cancelled ones
// are counted apart).
func TestSharingHours(t *testing.T) {
	t.Parallel()
	w := newWorld(t, dbtest.New(t))
	w.book(t, "Norrby träffpunkt", "Föreningen Ask", at(2026, 3, 29, 1, 0), at(2026, 3, 29, 4, 0), false, "confirmed")
	w.book(t, "Askgården", "Fritidsförvaltningen", at(2026, 10, 25, 1, 0), at(2026, 10, 25, 4, 0), true, "confirmed")
	w.book(t, "Björkstugan", "Föreningen Ask", at(2025, 12, 31, 22, 0), at(2026, 1, 1, 2, 0), true, "confirmed")
	w.book(t, "Björkstugan", "Föreningen Björk", at(2026, 2, 1, 10, 0), at(2026, 2, 1, 12, 0), true, "confirmed") // its own
	w.book(t, "Björkstugan", "Föreningen Ceder", at(2026, 2, 2, 10, 0), at(2026, 2, 2, 12, 0), true, "pending")
	w.book(t, "Björkstugan", "Föreningen Ceder", at(2026, 2, 3, 10, 0), at(2026, 2, 3, 12, 0), true, "rejected")
	w.book(t, "Björkstugan", "Föreningen Ceder", at(2026, 2, 4, 10, 0), at(2026, 2, 4, 13, 0), true, "cancelled")
	w.book(t, "Eks hus", "Kulturförvaltningen", at(2026, 12, 31, 23, 0), at(2027, 1, 1, 1, 0), false, "confirmed")
	w.agreement(t, "active", "2026-01-01", nil)
	w.agreement(t, "ended", "2024-01-01", "2025-06-30")
	w.agreement(t, "draft", "2026-01-01", nil)

	r, err := service(w, at(2026, 12, 6, 10, 0)).FindSharing(context.Background(), access.System, report.Year(2026, stockholm))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		flow       report.Flow
		this, last float64
	}{
		{report.CityToAssociations, 2, 0},
		{report.AssociationsToCity, 4, 0},
		{report.AssociationsToAssociations, 2, 2},
		{report.OtherFlow, 1, 0},
	} {
		if got := r.Flows[c.flow]; !near(got.This.Hours, c.this) || !near(got.Last.Hours, c.last) {
			t.Errorf("%s: %+v, want %v hours this year and %v last", c.flow, got, c.this, c.last)
		}
	}
	if !near(r.Total.This.Hours, 9) || r.Total.This.Bookings != 4 || !near(r.Total.Last.Hours, 2) || r.Total.Last.Bookings != 1 {
		t.Errorf("total %+v, want 9 h in 4 bookings, and 2 h in 1 the year before", r.Total)
	}
	if !near(r.Cancelled.This.Hours, 3) || r.Cancelled.This.Bookings != 1 {
		t.Errorf("cancelled %+v, want 3 h in 1", r.Cancelled)
	}
	if r.Lenders != (report.Count{This: 4, Last: 1}) || r.Borrowers != (report.Count{This: 3, Last: 1}) {
		t.Errorf("lenders %+v borrowers %+v", r.Lenders, r.Borrowers)
	}
	if r.Agreements != (report.Count{This: 1, Last: 1}) {
		t.Errorf("agreements in force %+v, want 1 and 1", r.Agreements)
	}
	// To anyone but a city administrator, private bookings are not split by kind: Ask's
	// private hours in the city's Norrby träffpunkt and Kulturförvaltningen's private hour in
	// Eks hus are private hours, in the total but in no flow.
	anon, err := service(w, at(2026, 12, 6, 10, 0)).FindSharing(context.Background(), access.Anonymous("192.0.2.1"), report.Year(2026, stockholm))
	if err != nil {
		t.Fatal(err)
	}
	if anon.PrivateSplit || !near(anon.Private.This.Hours, 3) || !near(anon.Flows[report.CityToAssociations].This.Hours, 0) ||
		!near(anon.Flows[report.OtherFlow].This.Hours, 0) || !near(anon.Flows[report.AssociationsToCity].This.Hours, 4) || !near(anon.Total.This.Hours, 9) {
		t.Errorf("anonymous: private %+v, flows %+v, total %+v", anon.Private, anon.Flows, anon.Total)
	}
	for _, k := range anon.ByKind {
		if k.Kind == "city" && (k.This.Bookings != 1 || k.Organisations.This != 1) || k.Kind == "other" && k.This.Bookings != 0 {
			t.Errorf("anonymous, kind %s: %+v", k.Kind, k)
		}
	}
	if !r.PrivateSplit || r.Private != (report.Compared{}) {
		t.Errorf("city administrator: private split %v, private %+v", r.PrivateSplit, r.Private)
	}

	// Only public bookings name their borrower: Ask's private hours in Norrby träffpunkt and
	// Kulturförvaltningen's private hour are not in the list.
	want := map[string]float64{"Fritidsförvaltningen": 4, "Föreningen Ask": 2}
	if len(r.PublicBorrowers) != len(want) {
		t.Errorf("public borrowers %+v, want %v", r.PublicBorrowers, want)
	}
	for _, b := range r.PublicBorrowers {
		if !near(b.Hours, want[b.Name]) {
			t.Errorf("public borrower %s: %v hours, want %v", b.Name, b.Hours, want[b.Name])
		}
	}
}

// TestSharingAgainstSQL: on generated data over three years, every figure of the report for
// a year and for a term equals what a query written apart from the service's counts, the
// period's bounds computed by PostgreSQL from the dates in Europe/Stockholm.
func TestSharingAgainstSQL(t *testing.T) {
	t.Parallel()
	w := newWorld(t, dbtest.New(t))
	w.generate(t, 300, 17)
	ctx := context.Background()
	s := service(w, at(2026, 12, 6, 10, 0))
	for _, viewer := range []access.Actor{access.System, access.Anonymous("192.0.2.1")} {
		split := viewer.CityAdmin
		// byKind is the condition of figures split by kind: every booking for a city
		// administrator, public ones for anyone else.
		byKind := "b.status = 'confirmed'"
		if !split {
			byKind += " AND b.public"
		}
		for _, p := range []report.Period{
			report.Year(2026, stockholm),
			{From: at(2026, 1, 1, 0, 0), To: at(2026, 6, 30, 0, 0)},
			{From: at(2026, 3, 29, 0, 0), To: at(2026, 10, 25, 0, 0)}, // both daylight-saving days, at the edges
		} {
			r, err := s.FindSharing(ctx, viewer, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, per := range []struct {
				name string
				p    report.Period
				get  func(report.Compared) report.Figures
			}{
				{"this", p, func(c report.Compared) report.Figures { return c.This }},
				{"last", p.YearBefore(), func(c report.Compared) report.Figures { return c.Last }},
			} {
				from, to := per.p.From.Format(time.DateOnly), per.p.To.Format(time.DateOnly)
				expect := func(where string, args ...any) report.Figures {
					t.Helper()
					var f report.Figures
					q := `WITH period AS (SELECT tstzrange((?::date)::timestamp AT TIME ZONE 'Europe/Stockholm',
						(?::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm') AS r)
					SELECT coalesce(sum(extract(epoch FROM upper(b.span * period.r) - lower(b.span * period.r))) / 3600, 0), count(*)
					FROM bookings b, period, rooms rm, venues v, organisations owner, organisations borrower
					WHERE rm.id = b.room_id AND v.id = rm.venue_id AND owner.id = v.owner_id AND borrower.id = b.organisation_id
						AND NOT isempty(b.span * period.r) AND borrower.id <> owner.id AND ` + where
					if err := w.db.NewRaw(q, append([]any{from, to}, args...)...).Scan(ctx, &f.Hours, &f.Bookings); err != nil {
						t.Fatal(err)
					}
					return f
				}
				check := func(what string, got, want report.Figures) {
					t.Helper()
					if !near(got.Hours, want.Hours) || got.Bookings != want.Bookings {
						t.Errorf("%s–%s %s: %s %+v, SQL says %+v", p.From.Format(time.DateOnly), p.To.Format(time.DateOnly), per.name, what, got, want)
					}
				}
				check("city to associations", per.get(r.Flows[report.CityToAssociations]), expect(byKind+` AND owner.kind = 'city' AND borrower.kind = 'association'`))
				check("associations to city", per.get(r.Flows[report.AssociationsToCity]), expect(byKind+` AND owner.kind = 'association' AND borrower.kind = 'city'`))
				check("associations to associations", per.get(r.Flows[report.AssociationsToAssociations]), expect(byKind+` AND owner.kind = 'association' AND borrower.kind = 'association'`))
				check("other", per.get(r.Flows[report.OtherFlow]), expect(byKind+` AND NOT ((owner.kind = 'city' AND borrower.kind = 'association') OR (owner.kind = 'association' AND borrower.kind IN ('city', 'association')))`))
				if split {
					check("private", per.get(r.Private), report.Figures{})
				} else {
					check("private", per.get(r.Private), expect(`b.status = 'confirmed' AND NOT b.public`))
				}
				check("total", per.get(r.Total), expect(`b.status = 'confirmed'`))
				check("cancelled", per.get(r.Cancelled), expect(`b.status = 'cancelled'`))
				for _, d := range r.ByDistrict {
					check("district "+d.Name, per.get(d.Compared), expect(`b.status = 'confirmed' AND v.district = ?`, d.Name))
				}
				for _, v := range r.ByVenue {
					check("venue "+v.Name, per.get(v.Compared), expect(`b.status = 'confirmed' AND v.id = ?`, v.ID))
				}
				for _, o := range r.ByOwner {
					check("owner "+o.Name, per.get(o.Compared), expect(`b.status = 'confirmed' AND owner.id = ?`, o.ID))
				}
				for _, k := range r.ByKind {
					check("kind "+k.Kind, per.get(k.Compared), expect(byKind+` AND borrower.kind = ?`, k.Kind))
				}
				if per.name == "this" {
					for _, b := range r.PublicBorrowers {
						check("public borrower "+b.Name, b.Figures, expect(`b.status = 'confirmed' AND b.public AND borrower.id = ?`, b.ID))
					}
					var publicBorrowers int
					if err := w.db.NewRaw(`SELECT count(DISTINCT b.organisation_id) FROM bookings b JOIN rooms rm ON rm.id = b.room_id JOIN venues v ON v.id = rm.venue_id
					WHERE b.public AND b.status = 'confirmed' AND b.organisation_id <> v.owner_id
						AND b.span && tstzrange((?::date)::timestamp AT TIME ZONE 'Europe/Stockholm', (?::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`,
						from, to).Scan(ctx, &publicBorrowers); err != nil {
						t.Fatal(err)
					}
					if len(r.PublicBorrowers) != publicBorrowers {
						t.Errorf("%d public borrowers, SQL says %d", len(r.PublicBorrowers), publicBorrowers)
					}
				}
			}
			if len(r.ByVenue) == 0 || r.Total.This.Bookings == 0 || r.Total.Last.Bookings == 0 {
				t.Fatalf("the generated data lent nothing: %+v", r.Total)
			}
		}
	}
}

// TestSharingPeriod: a period that ends before it begins, or is longer than MaxDays, is a
// field error on to.
func TestSharingPeriod(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		p    report.Period
		code string
	}{
		{report.Period{From: at(2026, 2, 1, 0, 0), To: at(2026, 1, 31, 0, 0)}, report.CodeToBeforeFrom},
		{report.Period{From: at(2020, 1, 1, 0, 0), To: at(2026, 1, 1, 0, 0)}, report.CodeTooLong},
	} {
		fe := fault.Fields(report.CheckPeriod(c.p))
		if len(fe) != 1 || fe[0].Field != "to" || fe[0].Code != c.code {
			t.Errorf("%+v: %v, want %s on to", c.p, fe, c.code)
		}
	}
	if err := report.CheckPeriod(report.Year(2026, stockholm)); err != nil {
		t.Errorf("a year: %v", err)
	}
	if got := (report.Period{From: at(2028, 2, 29, 0, 0), To: at(2028, 3, 1, 0, 0)}).YearBefore(); got.From.Day() != 28 || got.From.Month() != 2 {
		t.Errorf("29 February a year before: %v", got.From)
	}
}

// TestSharingSnapshot: a report is answered from its snapshot, saying when it was computed,
// until it is MaxAge old; then it is computed again. RefreshSharing computes this year's
// ahead.
func TestSharingSnapshot(t *testing.T) {
	t.Parallel()
	w := newWorld(t, dbtest.New(t))
	now := at(2026, 12, 6, 10, 0)
	s := report.NewService(w.db, func() time.Time { return now }, stockholm)
	ctx := context.Background()
	w.book(t, "Askgården", "Föreningen Björk", at(2026, 5, 5, 10, 0), at(2026, 5, 5, 12, 0), true, "confirmed")
	first, err := s.FindSharing(ctx, access.System, report.Year(2026, stockholm))
	if err != nil {
		t.Fatal(err)
	}
	w.book(t, "Askgården", "Föreningen Björk", at(2026, 5, 6, 10, 0), at(2026, 5, 6, 13, 0), true, "confirmed")
	now = now.Add(report.MaxAge - time.Minute)
	kept, err := s.FindSharing(ctx, access.System, report.Year(2026, stockholm))
	if err != nil {
		t.Fatal(err)
	}
	if !near(kept.Total.This.Hours, 2) || !kept.ComputedAt.Equal(first.ComputedAt) || !kept.Period.From.Equal(report.Year(2026, stockholm).From) {
		t.Errorf("within MaxAge: %v hours computed %v (first %v), period %v", kept.Total.This.Hours, kept.ComputedAt, first.ComputedAt, kept.Period)
	}
	now = now.Add(2 * time.Minute)
	fresh, err := s.FindSharing(ctx, access.System, report.Year(2026, stockholm))
	if err != nil {
		t.Fatal(err)
	}
	if !near(fresh.Total.This.Hours, 5) || !fresh.ComputedAt.Equal(now) {
		t.Errorf("after MaxAge: %v hours computed %v, want 5 computed now", fresh.Total.This.Hours, fresh.ComputedAt)
	}
	if err := s.RefreshSharing(ctx); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := w.db.NewRaw(`SELECT count(*) FROM report_snapshots WHERE computed_at = ?`, now.UTC()).Scan(ctx, &n); err != nil {
		t.Fatal(err)
	}
	if n != 12 {
		t.Errorf("%d reports computed ahead, want 12 (two years, their terms, two kinds of viewer)", n)
	}
}
