package booking_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

func ore(n int64) *int64 { return &n }

// tariff sets the room's tariff as the owner's admin does.
func (f *fixture) tariff(t testing.TB, roomID int64, in booking.TariffInput) *booking.Tariff {
	t.Helper()
	tr, err := f.bookings.SetTariff(context.Background(), access.System, roomID, in)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func perHour(city, assoc, other int64) booking.TariffInput {
	return booking.TariffInput{Unit: booking.PerHour, Description: "Taxa 2026", CityOre: ore(city), AssociationOre: ore(assoc), OtherOre: ore(other)}
}

// storedFee reads the fee as stored, not as the service returned it.
func (f *fixture) storedFee(t testing.TB, id int64) (amount, rate int64, unit *string, desc string) {
	t.Helper()
	err := f.db.NewRaw(`SELECT fee_ore, fee_rate_ore, fee_unit, fee_description FROM bookings WHERE id = ?`, id).
		Scan(context.Background(), &amount, &rate, &unit, &desc)
	if err != nil {
		t.Fatal(err)
	}
	return
}

// TestFees: the fee is copied onto each booking when it is made, by every path that books,
// and a later change of the tariff does not change it.
func TestFees(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)

	t.Run("OK free room", func(t *testing.T) {
		b := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 7, 18, 0), at(2026, 9, 7, 20, 0)))
		if amount, _, unit, _ := f.storedFee(t, b.ID); amount != 0 || unit != nil || b.FeeUnit != nil {
			t.Fatalf("free room: fee %d unit %v", amount, unit)
		}
	})

	room := f.newRoom(t, "Gympasalen", 40)
	f.tariff(t, room.ID, perHour(30000, 15050, 50000))

	t.Run("OK per hour by kind", func(t *testing.T) {
		b := f.mustBook(t, booker, f.input(room.ID, at(2026, 9, 8, 18, 0), at(2026, 9, 8, 19, 30)))
		amount, rate, unit, desc := f.storedFee(t, b.ID)
		// 150.50 kr an hour for associations, 1.5 hours: 225.75 kr.
		if amount != 22575 || rate != 15050 || unit == nil || *unit != "hour" || desc != "Taxa 2026" {
			t.Fatalf("stored fee %d rate %d unit %v %q", amount, rate, unit, desc)
		}
		if got := booking.FeeOf(b); got.AmountOre != 22575 || got.Unit != booking.PerHour || got.Currency != "SEK" {
			t.Fatalf("returned fee %+v", got)
		}
	})

	t.Run("OK tariff change does not change a booking made", func(t *testing.T) {
		b := f.mustBook(t, booker, f.input(room.ID, at(2026, 9, 9, 18, 0), at(2026, 9, 9, 20, 0)))
		f.tariff(t, room.ID, booking.TariffInput{Unit: booking.PerOccasion, Description: "Ny taxa", CityOre: ore(1), AssociationOre: ore(99900), OtherOre: ore(1)})
		if amount, rate, unit, desc := f.storedFee(t, b.ID); amount != 30100 || rate != 15050 || *unit != "hour" || desc != "Taxa 2026" {
			t.Fatalf("after the change: %d %d %v %q", amount, rate, *unit, desc)
		}
		after := f.mustBook(t, booker, f.input(room.ID, at(2026, 9, 10, 18, 0), at(2026, 9, 10, 20, 0)))
		if amount, _, unit, desc := f.storedFee(t, after.ID); amount != 99900 || *unit != "occasion" || desc != "Ny taxa" {
			t.Fatalf("per occasion: %d %v %q", amount, *unit, desc)
		}
		if err := f.bookings.RemoveTariff(ctx, access.System, room.ID); err != nil {
			t.Fatal(err)
		}
		if amount, _, _, _ := f.storedFee(t, after.ID); amount != 99900 {
			t.Fatalf("after removing the tariff: %d", amount)
		}
		if n := f.auditCountOf(t, "tariff.update", room.ID); n != 2 {
			t.Fatalf("%d tariff.update entries", n)
		}
		if n := f.auditCountOf(t, "tariff.delete", room.ID); n != 1 {
			t.Fatalf("%d tariff.delete entries", n)
		}
	})

	t.Run("OK signatories free, others pay", func(t *testing.T) {
		r := f.newRoom(t, "Studion", 20)
		in := perHour(10000, 10000, 10000)
		in.FreeForSignatories = true
		f.tariff(t, r.ID, in)
		other := f.org(t, "association", "Osignerad förening")
		otherBooker := f.member(t, other.ID, access.RoleBooker)
		f.exec(t, signCompact, f.club.ID)
		signed := f.mustBook(t, booker, f.input(r.ID, at(2026, 9, 11, 18, 0), at(2026, 9, 11, 20, 0)))
		in2 := f.input(r.ID, at(2026, 9, 12, 18, 0), at(2026, 9, 12, 20, 0))
		in2.OrganisationID = other.ID
		unsigned := f.mustBook(t, otherBooker, in2)
		if a, rate, u, _ := f.storedFee(t, signed.ID); a != 0 || rate != 0 || u == nil {
			t.Fatalf("signatory: %d %d %v", a, rate, u)
		}
		if a, _, _, _ := f.storedFee(t, unsigned.ID); a != 20000 {
			t.Fatalf("not a signatory: %d", a)
		}
		q, err := f.bookings.Quote(ctx, r.ID, f.club.ID, time.Time{}, time.Time{})
		if err != nil || q.FreeReason != "signatory" || q.RateOre != 0 {
			t.Fatalf("quote %+v %v", q, err)
		}
		// The owner does not pay for its own room.
		in3 := f.input(r.ID, at(2026, 9, 13, 18, 0), at(2026, 9, 13, 20, 0))
		in3.OrganisationID = f.owner.ID
		own := f.mustBook(t, access.System, in3)
		if a, _, _, _ := f.storedFee(t, own.ID); a != 0 {
			t.Fatalf("owner: %d", a)
		}
	})

	t.Run("OK series and allocated series", func(t *testing.T) {
		r := f.newRoom(t, "Verkstaden", 20)
		f.tariff(t, r.ID, booking.TariffInput{Unit: booking.PerOccasion, CityOre: ore(0), AssociationOre: ore(5000), OtherOre: ore(0)})
		res, err := f.bookings.CreateSeries(ctx, booker, booking.SeriesInput{RoomID: r.ID, OrganisationID: f.club.ID, Title: "Kurs",
			Attendees: 5, Start: at(2026, 9, 14, 18, 0), DurationMinutes: 60, RRule: "FREQ=WEEKLY;COUNT=3"})
		if err != nil {
			t.Fatal(err)
		}
		err = f.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			_, err := f.bookings.CreateAllocatedSeriesIn(ctx, tx, access.System, booking.SeriesInput{RoomID: r.ID, OrganisationID: f.club.ID,
				Title: "Tilldelad", Attendees: 5, Start: at(2026, 9, 15, 18, 0), DurationMinutes: 60, RRule: "FREQ=WEEKLY;COUNT=2"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var n, sum int64
		if err := f.db.NewRaw(`SELECT count(*), sum(fee_ore) FROM bookings WHERE room_id = ? AND fee_unit = 'occasion'`, r.ID).
			Scan(ctx, &n, &sum); err != nil {
			t.Fatal(err)
		}
		if n != 5 || sum != 25000 || res.Bookings[0].FeeOre != 5000 {
			t.Fatalf("%d bookings with fees summing to %d (first returned %d)", n, sum, res.Bookings[0].FeeOre)
		}
	})
}

// TestFeeAcrossDaylightSaving: an hour is an hour. A booking from 01:00 to 03:00 on the
// night the clocks go back (25 October 2026) lasts three hours and is charged for three; on
// the night they go forward (28 March 2027) 01:00 to 04:00 lasts two and is charged for two.
// A move keeps the copied rate and charges the new length.
func TestFeeAcrossDaylightSaving(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	booker := f.member(t, f.club.ID, access.RoleBooker)
	f.rules(t, f.room.ID, "horizon = '730 days'")
	f.tariff(t, f.room.ID, perHour(0, 10000, 0))
	for _, c := range []struct {
		name       string
		start, end time.Time
		want       int64
	}{
		{"autumn", at(2026, 10, 25, 1, 0), at(2026, 10, 25, 3, 0), 30000},
		{"spring", at(2027, 3, 28, 1, 0), at(2027, 3, 28, 4, 0), 20000},
		{"ordinary night", at(2026, 10, 26, 1, 0), at(2026, 10, 26, 3, 0), 20000},
	} {
		b := f.mustBook(t, booker, f.input(f.room.ID, c.start, c.end))
		if a, _, _, _ := f.storedFee(t, b.ID); a != c.want || b.FeeOre != c.want {
			t.Errorf("%s: stored %d, returned %d, want %d", c.name, a, b.FeeOre, c.want)
		}
		q, err := f.bookings.Quote(ctx, f.room.ID, f.club.ID, c.start, c.end)
		if err != nil || q.AmountOre != c.want {
			t.Errorf("%s: quote %+v %v", c.name, q, err)
		}
	}
	b := f.mustBook(t, booker, f.input(f.room.ID, at(2026, 9, 20, 18, 0), at(2026, 9, 20, 19, 0)))
	f.tariff(t, f.room.ID, perHour(0, 99999, 0))
	if _, err := f.bookings.MoveBooking(ctx, booker, b.ID, booking.MoveInput{StartsAt: at(2026, 9, 21, 18, 0), EndsAt: at(2026, 9, 21, 20, 30)}); err != nil {
		t.Fatal(err)
	}
	if a, rate, _, _ := f.storedFee(t, b.ID); a != 25000 || rate != 10000 {
		t.Fatalf("moved: %d at rate %d, want 25000 at 10000", a, rate)
	}
}

// TestTariffAccess: only the owner's admins (and city administrators) set a tariff; bad
// input names the field and changes nothing.
func TestTariffAccess(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	for name, actor := range map[string]access.Actor{
		"club admin":   f.member(t, f.club.ID, access.RoleAdmin),
		"owner booker": f.member(t, f.owner.ID, access.RoleBooker),
	} {
		if _, err := f.bookings.SetTariff(ctx, actor, f.room.ID, perHour(1, 1, 1)); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s: %v", name, err)
		}
	}
	admin := f.member(t, f.owner.ID, access.RoleAdmin)
	_, err := f.bookings.SetTariff(ctx, admin, f.room.ID, booking.TariffInput{Unit: "week", CityOre: ore(-1), AssociationOre: ore(1)})
	if got := fieldCodes(err); got["unit"] != "oneof" || got["city_ore"] != "min" || got["other_ore"] != "required" {
		t.Fatalf("got %v", got)
	}
	if tr, err := f.bookings.FindTariff(ctx, f.room.ID); err != nil || tr != nil {
		t.Fatalf("after refusals: %+v %v", tr, err)
	}
	if _, err := f.bookings.SetTariff(ctx, admin, f.room.ID, perHour(1, 2, 3)); err != nil {
		t.Fatal(err)
	}
	tr, err := f.bookings.FindTariff(ctx, f.room.ID)
	if err != nil || tr.Prices["association"] != 2 || tr.Revision != 1 {
		t.Fatalf("%+v %v", tr, err)
	}
}

func (f *fixture) auditCountOf(t testing.TB, action string, roomID int64) int {
	t.Helper()
	var n int
	if err := f.db.NewRaw(`SELECT count(*) FROM audit_log WHERE action = ? AND object_type = 'room' AND object_id = ?`, action, roomID).
		Scan(context.Background(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// BenchmarkCreateBookingFee: what copying the fee costs a one-off booking (the fast path):
// a room without a price list against one with a price per hour free for signatories (the
// most the trigger reads).
func BenchmarkCreateBookingFee(b *testing.B) {
	ctx := context.Background()
	f := newFixture(b)
	f.rules(b, f.room.ID, "horizon = '3650 days'")
	priced := f.newRoom(b, "Prissatt", 40)
	f.rules(b, priced.ID, "horizon = '3650 days'")
	in := perHour(100, 200, 300)
	in.FreeForSignatories = true
	f.tariff(b, priced.ID, in)
	for _, c := range []struct {
		name string
		room int64
	}{{"free room", f.room.ID}, {"priced room", priced.ID}} {
		start := at(2026, 9, 2, 0, 0) // on from where a run before (-count) stopped
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				start = start.Add(time.Hour)
				if _, err := f.bookings.CreateBooking(ctx, access.System, f.input(c.room, start, start.Add(time.Hour))); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
