package report_test

import (
	"context"
	"errors"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/report"
)

// TestUsageHours: an hour is an hour. Opening hours 00:00–24:00 on Sundays are 23 hours on
// 29 March 2026 and 25 on 25 October; a booking 01:00–04:00 on each of those nights is two
// and four hours, put in the heat map at the local hours it took (01 and 03 in spring; 01,
// 02 twice and 03 in autumn). Cancelled bookings are not counted, and to anyone but a city
// administrator a private booking is busy time but is not tied to its organisation.
func TestUsageHours(t *testing.T) {
	t.Parallel()
	w := newWorld(t, dbtest.New(t))
	room := w.rooms["Askgården"]
	mustExec(t, w.db, `INSERT INTO room_opening_hours (room_id, weekday, opens, closes) VALUES (?, 7, '00:00', '24:00'), (?, 7, '10:00', '12:00')`, room, room)
	w.book(t, "Askgården", "Föreningen Björk", at(2026, 3, 29, 1, 0), at(2026, 3, 29, 4, 0), false, "confirmed")
	w.book(t, "Askgården", "Fritidsförvaltningen", at(2026, 10, 25, 1, 0), at(2026, 10, 25, 4, 0), true, "confirmed")
	w.book(t, "Askgården", "Fritidsförvaltningen", at(2026, 10, 25, 10, 0), at(2026, 10, 25, 12, 0), true, "cancelled")
	s := service(w, at(2026, 12, 6, 10, 0))
	for _, c := range []struct {
		p                report.Period
		open, booked     float64
		heat             map[[2]int]float64
		private, fritids float64
	}{
		{report.Period{From: at(2026, 3, 29, 0, 0), To: at(2026, 3, 29, 0, 0)}, 23, 2, map[[2]int]float64{{6, 1}: 1, {6, 3}: 1}, 2, 0},
		{report.Period{From: at(2026, 10, 25, 0, 0), To: at(2026, 10, 25, 0, 0)}, 25, 4, map[[2]int]float64{{6, 1}: 1, {6, 2}: 2, {6, 3}: 1}, 0, 4},
		// 31 Sundays: one of 23 hours, one of 25.
		{report.Period{From: at(2026, 3, 23, 0, 0), To: at(2026, 10, 31, 0, 0)}, 31*24 - 1 + 1, 6, map[[2]int]float64{{6, 1}: 2, {6, 2}: 2, {6, 3}: 2}, 2, 4},
	} {
		u, err := s.FindUsage(context.Background(), access.Anonymous("192.0.2.1"), w.venues["Askgården"], c.p)
		if err != nil {
			t.Fatal(err)
		}
		if len(u.Rooms) != 1 || !near(u.Rooms[0].OpenHours, c.open) || !near(u.Total.OpenHours, c.open) || !near(u.Total.Hours, c.booked) {
			t.Errorf("%v: rooms %+v total %+v, want %v open and %v booked", c.p, u.Rooms, u.Total, c.open, c.booked)
		}
		for d := range 7 {
			for h := range 24 {
				if !near(u.Heat[d][h], c.heat[[2]int{d, h}]) {
					t.Errorf("%v: heat day %d hour %d is %v, want %v", c.p, d, h, u.Heat[d][h], c.heat[[2]int{d, h}])
				}
			}
		}
		if !near(u.Private.Hours, c.private) {
			t.Errorf("%v: private %+v, want %v h", c.p, u.Private, c.private)
		}
		for _, o := range u.ByOrg {
			if o.Name != "Fritidsförvaltningen" || !near(o.Hours, c.fritids) || o.Attendees != 10 {
				t.Errorf("%v: organisation %+v", c.p, o)
			}
		}
	}
	if _, err := s.FindUsage(context.Background(), access.System, 999999, report.Year(2026, stockholm)); !errors.Is(err, report.ErrVenueNotFound) {
		t.Errorf("unknown venue: %v", err)
	}
}

// TestUsageAgainstSQL: on generated data across both daylight-saving changes of 2026 and a
// year boundary, every figure of the use statistics equals what a query written apart
// counts: the period's bounds, the opening hours (joined with range_agg) and the hours of the
// heat map computed by PostgreSQL in Europe/Stockholm.
func TestUsageAgainstSQL(t *testing.T) {
	t.Parallel()
	w := newWorld(t, dbtest.New(t))
	w.generate(t, 300, 17)
	ctx := context.Background()
	for venue, room := range w.rooms {
		mustExec(t, w.db, `INSERT INTO room_opening_hours (room_id, weekday, opens, closes) VALUES
			(?0, 1, '08:00', '22:00'), (?0, 2, '08:00', '12:00'), (?0, 2, '11:00', '17:30'), (?0, 5, '18:00', '24:00'),
			(?0, 6, '00:00', '03:00'), (?0, 7, '00:00', '24:00')`, room)
		_ = venue
	}
	s := service(w, at(2026, 12, 6, 10, 0))
	for _, p := range []report.Period{report.Year(2026, stockholm), {From: at(2025, 12, 15, 0, 0), To: at(2026, 4, 10, 0, 0)}, {From: at(2026, 10, 20, 0, 0), To: at(2026, 10, 31, 0, 0)}} {
		from, to := p.From.Format("2006-01-02"), p.To.Format("2006-01-02")
		bounds := `WITH p AS (SELECT (?0::date)::timestamp AT TIME ZONE 'Europe/Stockholm' AS f, (?1::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm' AS t),
			c AS (SELECT b.*, greatest(b.starts_at, p.f) AS cs, least(b.ends_at, p.t) AS ce FROM bookings b, p
				WHERE b.status = 'confirmed' AND b.starts_at < p.t AND b.ends_at > p.f AND b.room_id = ?2) `
		for venue, room := range w.rooms {
			for _, viewer := range []access.Actor{access.System, access.Anonymous("192.0.2.1")} {
				u, err := s.FindUsage(ctx, viewer, w.venues[venue], p)
				if err != nil {
					t.Fatal(err)
				}
				var booked float64
				var n, att int
				if err := w.db.NewRaw(bounds+`SELECT coalesce(sum(extract(epoch FROM ce - cs)), 0) / 3600, count(*), coalesce(sum(attendees), 0) FROM c`,
					from, to, room).Scan(ctx, &booked, &n, &att); err != nil {
					t.Fatal(err)
				}
				var open float64
				if err := w.db.NewRaw(`SELECT coalesce(sum(extract(epoch FROM upper(x) - lower(x))), 0) / 3600 FROM (
					SELECT unnest(range_agg(tstzrange((d::date + h.opens) AT TIME ZONE 'Europe/Stockholm', (d::date + h.closes) AT TIME ZONE 'Europe/Stockholm'))) AS x
					FROM generate_series(?0::date, ?1::date, '1 day') d JOIN room_opening_hours h ON h.weekday = extract(isodow FROM d) AND h.room_id = ?2
					GROUP BY d) y`, from, to, room).Scan(ctx, &open); err != nil {
					t.Fatal(err)
				}
				r := u.Rooms[0]
				if !near(r.Hours, booked) || r.Bookings != n || r.Attendees != att || !near(r.OpenHours, open) || !near(u.Total.Hours, booked) {
					t.Errorf("%s %v: %+v, SQL %v h in %d bookings, %d attendees, %v open", venue, p, r, booked, n, att, open)
				}
				var heat []struct {
					D, H  int
					Hours float64
				}
				if err := w.db.NewRaw(bounds+`SELECT extract(isodow FROM g AT TIME ZONE 'Europe/Stockholm')::int - 1 AS d,
						extract(hour FROM g AT TIME ZONE 'Europe/Stockholm')::int AS h,
						sum(extract(epoch FROM least(ce, g + interval '1 hour') - greatest(cs, g))) / 3600 AS hours
					FROM c, generate_series(date_trunc('hour', cs), ce - interval '1 microsecond', '1 hour') g GROUP BY 1, 2`,
					from, to, room).Scan(ctx, &heat); err != nil {
					t.Fatal(err)
				}
				want := [7][24]float64{}
				for _, c := range heat {
					want[c.D][c.H] = c.Hours
				}
				for d := range 7 {
					for h := range 24 {
						if !near(u.Heat[d][h], want[d][h]) {
							t.Errorf("%s %v: heat %d/%d %v, SQL %v", venue, p, d, h, u.Heat[d][h], want[d][h])
						}
					}
				}
				cond := "true"
				if !viewer.CityAdmin {
					cond = "c.public"
				}
				var orgs []struct {
					Name      string
					Hours     float64
					N, People int
				}
				if err := w.db.NewRaw(bounds+`SELECT o.name, sum(extract(epoch FROM ce - cs)) / 3600 AS hours, count(*) AS n, sum(attendees) AS people
					FROM c JOIN organisations o ON o.id = c.organisation_id WHERE `+cond+` GROUP BY o.name`, from, to, room).Scan(ctx, &orgs); err != nil {
					t.Fatal(err)
				}
				if len(orgs) != len(u.ByOrg) {
					t.Errorf("%s %v: %d organisations, SQL %d", venue, p, len(u.ByOrg), len(orgs))
				}
				got := map[string]report.OrgUsage{}
				var sum float64
				for _, o := range u.ByOrg {
					got[o.Name] = o
					sum += o.Hours
				}
				for _, o := range orgs {
					if g := got[o.Name]; !near(g.Hours, o.Hours) || g.Bookings != o.N || g.Attendees != o.People {
						t.Errorf("%s %v, %s: %+v, SQL %+v", venue, p, o.Name, g, o)
					}
				}
				if !near(sum+u.Private.Hours, booked) || viewer.CityAdmin && u.Private != (report.UseFigures{}) {
					t.Errorf("%s %v: organisations %v h + private %+v, SQL %v", venue, p, sum, u.Private, booked)
				}
			}
		}
	}
}
