package agreement_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/migrations"
)

// partiesMigration is the migration that turned room_partners into premises-sharing
// agreements.
const partiesMigration = "20261125090000_agreement_parties.tx.up.sql"

// emptyDatabase makes a database of its own, dropped when the test ends.
func emptyDatabase(t *testing.T, prefix string) *bun.DB {
	t.Helper()
	ctx := context.Background()
	admin, err := database.Open(ctx, dbtest.URL(t, "postgres"), database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("%s_%d", prefix, time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	db, err := database.Open(ctx, dbtest.URL(t, name), database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Cleanups run last first: the pool is closed before the drop.
	t.Cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close()
	})
	t.Cleanup(func() { db.Close() })
	return db
}

// TestMigrationMovesRoomPartners: every room's partners become the partners of an active
// premises-sharing agreement without an end, of the room's owner, covering the room — one
// agreement per owner and set of partners — so exactly the organisations that could book a
// room under the rule partners before still can, and no other; room_partners is gone.
func TestMigrationMovesRoomPartners(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := emptyDatabase(t, "move_partners")
	if _, err := database.Migrate(ctx, db, migrationsBefore(t, partiesMigration)); err != nil {
		t.Fatal(err)
	}
	org := func(name string) int64 {
		var id int64
		if err := db.NewRaw(`INSERT INTO organisations (kind, name, created_at, updated_at) VALUES ('association', ?, now(), now()) RETURNING id`, name).Scan(ctx, &id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	venueOf := func(owner int64, name string) int64 {
		var id int64
		err := db.NewRaw(`INSERT INTO venues (owner_id, name, street_address, postal_code, town, created_at, updated_at)
			VALUES (?, ?, 'Storgatan 1', '503 35', 'Borås', now(), now()) RETURNING id`, owner, name).Scan(ctx, &id)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	room := func(venue int64, name string, partners ...int64) int64 {
		var id int64
		if err := db.NewRaw(`INSERT INTO rooms (venue_id, name, capacity, created_at, updated_at) VALUES (?, ?, 10, now(), now()) RETURNING id`, venue, name).Scan(ctx, &id); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO booking_rules (room_id, who_may_book, created_at, updated_at) VALUES (?, 'partners', now(), now())`, id); err != nil {
			t.Fatal(err)
		}
		for _, p := range partners {
			if _, err := db.ExecContext(ctx, `INSERT INTO room_partners VALUES (?, ?, now())`, id, p); err != nil {
				t.Fatal(err)
			}
		}
		return id
	}
	owner, other := org("Bygdegårdsföreningen"), org("Hyresgästföreningen")
	x, y, z := org("Kören"), org("Schackklubben"), org("Scouterna")
	hall := venueOf(owner, "Bygdegården")
	// The owner named among its own room's partners: it books as owner, not as partner.
	big, small, attic := room(hall, "Stora salen", x, y, owner), room(hall, "Lilla salen", x), room(hall, "Vinden", y, x)
	lonely := room(hall, "Förrådet")
	flat := room(venueOf(other, "Kvarterslokalen"), "Lokalen", z)

	if _, err := database.Migrate(ctx, db, migrations.FS); err != nil {
		t.Fatal(err)
	}
	var gone bool
	if err := db.NewRaw(`SELECT to_regclass('room_partners') IS NULL`).Scan(ctx, &gone); err != nil || !gone {
		t.Fatalf("room_partners is still there (%v)", err)
	}
	var moved []struct {
		Title    string
		Status   string
		Open     bool
		Owner    int64
		Partners []int64 `bun:",array"`
		Rooms    []int64 `bun:",array"`
		Versions int
	}
	err := db.NewRaw(`SELECT a.title, a.status, a.valid_from IS NULL AND a.valid_to IS NULL AS open,
			(SELECT organisation_id FROM agreement_parties WHERE agreement_id = a.id AND role = 'owner') AS owner,
			ARRAY(SELECT organisation_id FROM agreement_parties WHERE agreement_id = a.id AND role = 'partner' ORDER BY 1) AS partners,
			ARRAY(SELECT room_id FROM agreement_premises WHERE agreement_id = a.id ORDER BY 1) AS rooms,
			(SELECT count(*) FROM agreement_versions WHERE agreement_id = a.id) AS versions
		FROM agreements a WHERE a.kind = 'premises_sharing' ORDER BY a.id`).Scan(ctx, &moved)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Title    string
		Owner    int64
		Partners []int64
		Rooms    []int64
	}
	var got []row
	for _, m := range moved {
		if m.Status != "active" || !m.Open || m.Versions != 1 {
			t.Errorf("%q: status %s, open %v, %d versions; want active without an end, with one version", m.Title, m.Status, m.Open, m.Versions)
		}
		got = append(got, row{m.Title, m.Owner, m.Partners, m.Rooms})
	}
	want := []row{
		{"Lokalavtal, Bygdegårdsföreningen (1)", owner, []int64{x, y}, []int64{big, attic}},
		{"Lokalavtal, Bygdegårdsföreningen (2)", owner, []int64{x}, []int64{small}},
		{"Lokalavtal, Hyresgästföreningen", other, []int64{z}, []int64{flat}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("moved agreements (-want +got):\n%s", diff)
	}

	// The rule partners lets exactly the same organisations book each room as before.
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	bookings := booking.NewService(db, validation.New(), time.Now, loc)
	rooms := []int64{big, small, attic, lonely, flat}
	for _, tc := range []struct {
		org   int64
		rooms []int64 // may book
	}{
		{x, []int64{big, small, attic}},
		{y, []int64{big, attic}},
		{z, []int64{flat}},
		{owner, []int64{big, small, attic, lonely}},
	} {
		refused, err := bookings.MayBookRooms(ctx, []int64{tc.org}, rooms)
		if err != nil {
			t.Fatal(err)
		}
		var may []int64
		for _, r := range rooms {
			if refused[r] == nil {
				may = append(may, r)
			}
		}
		if !cmp.Equal(may, tc.rooms) {
			t.Errorf("organisation %d may book %v, want %v", tc.org, may, tc.rooms)
		}
	}
}
