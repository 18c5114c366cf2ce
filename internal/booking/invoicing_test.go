package booking_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// TestInvoicing: the invoicing basis's lines and totals, per organisation, agree with
// independent SQL over generated bookings (confirmed, pending, cancelled, private, the
// owner's own, a free room) across the change to winter time and a year boundary; the
// owner's admins see their rooms only, city administrators all.
func TestInvoicing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	f.rules(t, f.room.ID, "horizon = '730 days'")
	rnd := rand.New(rand.NewPCG(17, 3))

	// A second owner, an association with a room of its own.
	other := f.org(t, "association", "Kulturföreningen Ljus")
	ov, err := f.venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: other.ID, Name: "Ljushuset",
		StreetAddress: "Ljusgatan 2", PostalCode: "50630", Town: "Borås"})
	if err != nil {
		t.Fatal(err)
	}
	otherRoom, err := f.venues.CreateRoom(ctx, access.System, ov.ID, venue.RoomInput{Name: "Scenen", Capacity: 50})
	if err != nil {
		t.Fatal(err)
	}
	f.rules(t, otherRoom.ID, "horizon = '730 days'")
	hourly := f.room
	occasion := f.newRoom(t, "Köket", 20)
	f.rules(t, occasion.ID, "horizon = '730 days'")
	free := f.newRoom(t, "Foajén", 20)
	f.rules(t, free.ID, "horizon = '730 days'")
	f.tariff(t, hourly.ID, perHour(12000, 8050, 20000))
	f.tariff(t, occasion.ID, booking.TariffInput{Unit: booking.PerOccasion, CityOre: ore(30000), AssociationOre: ore(25000), OtherOre: ore(40000)})
	f.tariff(t, otherRoom.ID, perHour(50000, 40000, 60000))

	orgs := []int64{f.club.ID, f.org(t, "association", "Brämhults IK").ID, f.org(t, "other", "Studieförbundet").ID, f.org(t, "city", "Kulturförvaltningen").ID, f.owner.ID}
	rooms := []int64{hourly.ID, occasion.ID, free.ID, otherRoom.ID}
	days := []time.Time{at(2026, 10, 24, 0, 0), at(2026, 10, 25, 0, 0), at(2026, 12, 31, 0, 0), at(2027, 1, 1, 0, 0), at(2026, 9, 30, 0, 0), at(2027, 1, 2, 0, 0)}
	var made []*booking.Booking
	for i := 0; i < 120; i++ {
		day := days[rnd.IntN(len(days))]
		start := day.Add(time.Duration(rnd.IntN(20)) * time.Hour).Add(time.Duration(rnd.IntN(4)) * 15 * time.Minute)
		if day.Day() == 25 && rnd.IntN(2) == 0 {
			start = at(2026, 10, 25, 1, 30) // across the change
		}
		in := booking.Input{RoomID: rooms[rnd.IntN(len(rooms))], OrganisationID: orgs[rnd.IntN(len(orgs))], Title: "Möte",
			Attendees: 5, Public: rnd.IntN(2) == 0, StartsAt: start, EndsAt: start.Add(time.Duration(30+rnd.IntN(200)) * time.Minute)}
		b, err := f.bookings.CreateBooking(ctx, access.System, in)
		if err != nil {
			continue // taken
		}
		made = append(made, b)
	}
	for i, b := range made {
		switch i % 7 {
		case 3:
			if _, err := f.bookings.CancelBooking(ctx, access.System, b.ID, "inställt"); err != nil {
				t.Fatal(err)
			}
		case 5:
			f.exec(t, `UPDATE bookings SET status = 'pending' WHERE id = ?`, b.ID)
		}
	}
	// A tariff changed after the bookings does not change the basis.
	f.tariff(t, hourly.ID, perHour(1, 1, 1))

	// The rooms that had a tariff when the bookings were made (the free room never had one).
	tariffRooms := []int64{hourly.ID, occasion.ID, otherRoom.ID}
	from, to := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	check := func(t *testing.T, actor access.Actor, ownerFilter int64, owners []int64) {
		t.Helper()
		got, err := f.bookings.FindInvoicing(ctx, actor, booking.InvoicingFilter{From: from, To: to, OwnerID: ownerFilter})
		if err != nil {
			t.Fatal(err)
		}
		// Independent SQL: local dates by AT TIME ZONE, fees and hours summed by PostgreSQL.
		var want []struct {
			OrganisationID int64
			N              int
			Ore            int64
			Seconds        float64
		}
		err = f.db.NewRaw(`SELECT b.organisation_id, count(*) AS n, sum(b.fee_ore) AS ore,
				sum(extract(epoch FROM b.ends_at - b.starts_at)) AS seconds
			FROM bookings b JOIN rooms r ON r.id = b.room_id JOIN venues v ON v.id = r.venue_id
			JOIN organisations o ON o.id = b.organisation_id
			WHERE b.status = 'confirmed' AND v.owner_id = ANY(?) AND v.owner_id <> b.organisation_id
				AND b.room_id = ANY(?)
				AND (b.starts_at AT TIME ZONE 'Europe/Stockholm')::date BETWEEN ?::date AND ?::date
			GROUP BY b.organisation_id, o.name ORDER BY o.name, b.organisation_id`,
			pgdialect.Array(owners), pgdialect.Array(tariffRooms), from.Format(time.DateOnly), to.Format(time.DateOnly)).Scan(ctx, &want)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Organisations) != len(want) || len(want) == 0 {
			t.Fatalf("%d organisations, want %d", len(got.Organisations), len(want))
		}
		var total int64
		for i, w := range want {
			g := got.Organisations[i]
			if g.OrganisationID != w.OrganisationID || len(g.Lines) != w.N || g.TotalOre != w.Ore || g.TotalDuration.Seconds() != w.Seconds {
				t.Errorf("organisation %d: %d lines, %d öre, %v; want %+v", g.OrganisationID, len(g.Lines), g.TotalOre, g.TotalDuration, w)
			}
			total += w.Ore
		}
		if got.TotalOre != total {
			t.Errorf("total %d, want %d", got.TotalOre, total)
		}
	}

	t.Run("OK city administrator", func(t *testing.T) {
		check(t, access.System, 0, []int64{f.owner.ID, other.ID})
	})
	t.Run("OK owner's admin", func(t *testing.T) {
		admin := f.member(t, other.ID, access.RoleAdmin)
		check(t, admin, 0, []int64{other.ID})
		check(t, admin, other.ID, []int64{other.ID})
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		booker := f.member(t, f.owner.ID, access.RoleBooker)
		for _, owner := range []int64{0, f.owner.ID} {
			if _, err := f.bookings.FindInvoicing(ctx, booker, booking.InvoicingFilter{From: from, To: to, OwnerID: owner}); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("owner %d: %v", owner, err)
			}
		}
		admin := f.member(t, other.ID, access.RoleAdmin)
		if _, err := f.bookings.FindInvoicing(ctx, admin, booking.InvoicingFilter{From: from, To: to, OwnerID: f.owner.ID}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("another owner: %v", err)
		}
	})
	t.Run("ErrPeriod", func(t *testing.T) {
		_, err := f.bookings.FindInvoicing(ctx, access.System, booking.InvoicingFilter{From: to, To: from})
		if fieldCodes(err)["to"] != booking.CodeLastBeforeFirst {
			t.Fatalf("got %v", err)
		}
	})
}
