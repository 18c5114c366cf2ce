package report_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	return loc
}()

// world is generated data: organisations of each kind, venues owned by each kind in a few
// districts, and bookings of every status, public and private, written by SQL.
type world struct {
	db     *bun.DB
	orgs   map[string]int64 // by name
	rooms  map[string]int64 // by venue name; one room each
	venues map[string]int64
}

func mustExec(tb testing.TB, db bun.IDB, query string, args ...any) {
	tb.Helper()
	if _, err := db.ExecContext(context.Background(), query, args...); err != nil {
		tb.Fatalf("%v\n%s", err, query)
	}
}

func newWorld(tb testing.TB, db *bun.DB) *world {
	tb.Helper()
	w := &world{db: db, orgs: map[string]int64{}, rooms: map[string]int64{}, venues: map[string]int64{}}
	ctx := context.Background()
	for _, o := range []struct{ name, kind string }{
		{"Fritidsförvaltningen", "city"}, {"Kulturförvaltningen", "city"},
		{"Föreningen Ask", "association"}, {"Föreningen Björk", "association"}, {"Föreningen Ceder", "association"},
		{"Föreningen Dadel", "association"}, {"Stiftelsen Ek", "other"},
	} {
		var id int64
		if err := db.NewRaw(`INSERT INTO organisations (kind, name, created_at, updated_at) VALUES (?, ?, now(), now()) RETURNING id`,
			o.kind, o.name).Scan(ctx, &id); err != nil {
			tb.Fatal(err)
		}
		w.orgs[o.name] = id
	}
	for _, v := range []struct{ name, owner, district string }{
		{"Norrby träffpunkt", "Fritidsförvaltningen", "Norrby"},
		{"Kulturhuset", "Kulturförvaltningen", "Centrum"},
		{"Askgården", "Föreningen Ask", "Centrum"},
		{"Björkstugan", "Föreningen Björk", "Norrby"},
		{"Eks hus", "Stiftelsen Ek", "Sjöbo"},
	} {
		var vid, rid int64
		if err := db.NewRaw(`INSERT INTO venues (owner_id, name, street_address, postal_code, town, district, created_at, updated_at)
			VALUES (?, ?, 'Gatan 1', '503 30', 'Borås', ?, now(), now()) RETURNING id`, w.orgs[v.owner], v.name, v.district).Scan(ctx, &vid); err != nil {
			tb.Fatal(err)
		}
		if err := db.NewRaw(`INSERT INTO rooms (venue_id, name, capacity, created_at, updated_at) VALUES (?, 'Salen', 50, now(), now()) RETURNING id`,
			vid).Scan(ctx, &rid); err != nil {
			tb.Fatal(err)
		}
		w.venues[v.name], w.rooms[v.name] = vid, rid
	}
	return w
}

// book inserts a booking (and its hold while it holds the room) in local wall-clock time.
func (w *world) book(tb testing.TB, venue, org string, start, end time.Time, public bool, status string) {
	tb.Helper()
	err := w.db.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
		var id int64
		if err := tx.NewRaw(`INSERT INTO bookings (room_id, organisation_id, title, attendees, public, starts_at, ends_at, status, created_at, updated_at)
			VALUES (?, ?, 'Bokning', 10, ?, ?, ?, ?, now(), now()) RETURNING id`,
			w.rooms[venue], w.orgs[org], public, start.UTC(), end.UTC(), status).Scan(ctx, &id); err != nil {
			return err
		}
		if status == "confirmed" || status == "pending" {
			_, err := tx.ExecContext(ctx, `INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM bookings WHERE id = ?`, id)
			return err
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("book %s for %s %s–%s: %v", venue, org, start, end, err)
	}
}

// generate books every venue from 2024-12-01 to 2027-01-31 with random organisations,
// lengths (1–6 h), hours (evenings and nights too, so bookings cross midnight, the new
// year and both daylight-saving nights), statuses and publicity; n a venue, seeded.
func (w *world) generate(tb testing.TB, n int, seed uint64) {
	tb.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	orgNames := make([]string, 0, len(w.orgs))
	for name := range w.orgs {
		orgNames = append(orgNames, name)
	}
	statuses := []string{"confirmed", "confirmed", "confirmed", "cancelled", "pending", "rejected"}
	span := time.Date(2027, 1, 31, 0, 0, 0, 0, stockholm).Sub(time.Date(2024, 12, 1, 0, 0, 0, 0, stockholm))
	step := span / time.Duration(n)
	for venue := range w.rooms {
		t := time.Date(2024, 12, 1, 0, 0, 0, 0, stockholm)
		for range n {
			start := t.Add(time.Duration(r.Int64N(int64(step / 2))))
			start = start.Truncate(30 * time.Minute)
			end := start.Add(time.Duration(1+r.IntN(6)) * time.Hour)
			org := orgNames[r.IntN(len(orgNames))]
			w.book(tb, venue, org, start, end, r.IntN(2) == 0, statuses[r.IntN(len(statuses))])
			t = t.Add(step)
		}
	}
}

func (w *world) agreement(tb testing.TB, status string, from, to any) {
	tb.Helper()
	mustExec(tb, w.db, `INSERT INTO agreements (kind, title, status, valid_from, valid_to, created_at, updated_at)
		VALUES ('premises_sharing', ?, ?, ?, ?, now(), now())`, fmt.Sprintf("Lokalavtal %v %v", from, to), status, from, to)
}
