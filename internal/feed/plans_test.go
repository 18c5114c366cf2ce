package feed

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/report"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// TestReadsUseIndexes runs the feeds (room, venue, organisation; 200 and 304), the booking
// lists (by room, organisation, time), a room's availability and the free-room searches
// (window and term) over 40 000 bookings, records every statement they send, and asks
// PostgreSQL for the plan of each one that reads bookings or booking_holds: none may scan
// either table whole, nor scan an index of either without a condition on the index's first
// column. A room's feed once did the first, for a room id written as an untyped integer
// (the (room_id, span) GiST index has no bigint = integer operator): its cost grew with the
// database, not the room. Feeds once did the second, reading every series' occurrences
// through (series_id, original_start) to find their own series, and so did the list of a
// time window in any room, through (room_id, span).
func TestReadsUseIndexes(t *testing.T) {
	ctx := context.Background()
	db := dbtest.New(t)
	now := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	w := seedPlans(t, db, now)

	rec := &recorder{}
	hooked := db.WithQueryHook(rec)
	clock := func() time.Time { return now }
	s := New(Options{DB: hooked, BaseURL: "https://lokalbanken.example", Location: stockholmZone(t), Now: clock})
	bookings := booking.NewService(hooked, validation.New(), clock, stockholmZone(t))

	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	s.Register(engine)
	for _, path := range []string{
		"/calendar/rooms/" + strconv.FormatInt(w.plain, 10) + ".ics",
		"/calendar/rooms/" + strconv.FormatInt(w.room, 10) + ".ics",
		"/calendar/rooms/" + strconv.FormatInt(w.whole, 10) + ".ics",
		"/calendar/venues/" + strconv.FormatInt(w.venue, 10) + ".ics",
		"/calendar/bookings/" + strconv.FormatInt(w.booking, 10) + ".ics",
	} {
		resp := serve(t, engine, path, "")
		if resp.Code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, resp.Code)
		}
		if path != "/calendar/bookings/"+strconv.FormatInt(w.booking, 10)+".ics" {
			if again := serve(t, engine, path, resp.Header().Get("ETag")); again.Code != http.StatusNotModified {
				t.Fatalf("GET %s with its ETag: %d", path, again.Code)
			}
		}
	}
	// The private feed's reads (its token is resolved by internal/feedtoken, not here).
	org := organisationScope(w.org)
	sub, err := s.organisationSubject(ctx, w.org)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.bookings.FindCalendarVersion(ctx, org.cal, s.window().calendar()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.build(ctx, org, s.window(), sub); err != nil {
		t.Fatal(err)
	}

	from, to := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC), time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	viewer := access.Actor{UserID: -1, Roles: map[int64]access.Role{w.org: access.RoleBooker}}
	for _, f := range []booking.Filter{
		{RoomID: w.room},
		{RoomID: w.room, From: from, To: to.AddDate(0, 1, 0)},
		{OrganisationID: w.org},
		{OrganisationID: w.org, Viewer: &viewer, From: from, To: to.AddDate(0, 1, 0)},
		{OrganisationID: w.org, Viewer: &access.Actor{UserID: -2}},
		{From: from, To: to},
		{RoomID: w.room, Status: []booking.Status{booking.StatusPending}, From: from},
	} {
		if _, err := bookings.FindBookings(ctx, f); err != nil {
			t.Fatalf("FindBookings(%+v): %v", f, err)
		}
	}
	if _, err := bookings.RoomAvailability(ctx, w.whole, from, from.AddDate(0, 0, 7)); err != nil {
		t.Fatal(err)
	}
	if _, err := bookings.FindSeriesBookings(ctx, w.series); err != nil {
		t.Fatal(err)
	}
	if _, err := bookings.FindBookingsWithoutRight(ctx, access.System, w.org, 50, ""); err != nil {
		t.Fatal(err)
	}
	// The invoicing basis of a week: of every room, and of one owner's rooms.
	var owner int64
	if err := db.NewRaw(`SELECT owner_id FROM venues WHERE id = ?`, w.venue).Scan(ctx, &owner); err != nil {
		t.Fatal(err)
	}
	for _, f := range []booking.InvoicingFilter{{From: from, To: from.AddDate(0, 0, 7)}, {From: from, To: from.AddDate(0, 0, 7), OwnerID: owner}} {
		if _, err := bookings.FindInvoicing(ctx, access.System, f); err != nil {
			t.Fatalf("FindInvoicing(%+v): %v", f, err)
		}
	}
	// A booking over taken time: its clashes are named by a read of the holds.
	clash := booking.Input{RoomID: w.room, OrganisationID: w.org, Title: "Krock", Attendees: 5,
		StartsAt: time.Date(2026, 11, 3, 8, 30, 0, 0, time.UTC), EndsAt: time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)}
	if _, err := bookings.CreateBooking(ctx, access.System, clash); err == nil {
		t.Fatal("a booking over taken time was stored")
	}
	if _, err := bookings.FindFreeRooms(ctx, booking.FreeRoomsQuery{From: from, To: to}); err != nil {
		t.Fatal(err)
	}
	term := &booking.WeeklyPattern{Weekday: 2, StartTime: 18 * time.Hour, EndTime: 20 * time.Hour,
		FirstDay: time.Date(2026, 10, 6, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2027, 1, 12, 0, 0, 0, 0, time.UTC)}
	if _, err := bookings.FindFreeRooms(ctx, booking.FreeRoomsQuery{Weekly: term, Filter: venue.Filter{Limit: 50}}); err != nil {
		t.Fatal(err)
	}

	// The sharing report (internal/report) reads a year and the year before in one pass, by
	// the span index when they hold a small part of the bookings, as any one year does once
	// there are a few (here: a year before the seeded bookings). A period that holds most of
	// the table is read whole, the faster plan then.
	if _, err := report.NewService(hooked, clock, stockholmZone(t)).FindSharing(ctx, access.System, report.Year(2024, stockholmZone(t))); err != nil {
		t.Fatal(err)
	}

	leading := leadingColumns(t, db, "booking_holds", "bookings")
	used := map[string][]string{} // index: the statements that use it
	checked := 0
	for _, q := range rec.reads() {
		var out []byte
		if err := db.NewRaw("EXPLAIN (FORMAT JSON) "+q).Scan(ctx, &out); err != nil {
			t.Fatalf("EXPLAIN %s: %v", q, err)
		}
		var plans []struct {
			Plan planNode `json:"Plan"`
		}
		if err := json.Unmarshal(out, &plans); err != nil {
			t.Fatal(err)
		}
		checked++
		for _, p := range plans {
			if rel := p.Plan.seqScan(); rel != "" {
				t.Errorf("sequential scan of %s in:\n%s\nplan: %s", rel, q, out)
			}
			if idx := p.Plan.unledScan(leading); idx != "" {
				t.Errorf("index %s scanned without a condition on its first column (%s) in:\n%s\nplan: %s", idx, leading[idx], q, out)
			}
			for _, idx := range p.Plan.indexes() {
				used[idx] = append(used[idx], strings.Join(strings.Fields(q), " "))
			}
		}
	}
	// Every index of the two tables is used by a read above, or is there for a write.
	for idx := range leading {
		if why, ok := writeOnlyIndexes[idx]; ok {
			t.Logf("index %s: no read here; %s", idx, why)
			continue
		}
		if len(used[idx]) == 0 {
			t.Errorf("index %s is used by none of the reads: drop it, or say in writeOnlyIndexes why it stays", idx)
		}
		for _, q := range used[idx] {
			t.Logf("index %s: %.160s", idx, q)
		}
	}
	// The reads of each kind above were seen, so that the test cannot pass by seeing none.
	for _, want := range []string{"b.room_id IN (" + strconv.FormatInt(w.plain, 10), "rooms WHERE venue_id", "b.organisation_id = ", "JOIN booking_holds h ON h.span &&",
		"JOIN booking_holds h ON h.atom_room_id", "h.atom_room_id IN (SELECT room_atoms(", "b.span && tstzrange("} {
		if !rec.saw(want) {
			t.Errorf("no statement with %q was recorded", want)
		}
	}
	t.Logf("%d statements on bookings or booking_holds explained", checked)
}

// writeOnlyIndexes are the indexes of bookings and booking_holds that no read of
// TestReadsUseIndexes uses, with what needs them.
var writeOnlyIndexes = map[string]string{
	"booking_holds_pkey": "a booking's holds are deleted and rebuilt by booking id (cancel, move, parts changed) and one booking holds an atom once",
	"bookings_pkey":      "reads by id are single rows; the index is the primary key every foreign key points at",
}

// recorder keeps the text of every statement sent, as bun formatted it (with its arguments).
type recorder struct {
	mu    sync.Mutex
	texts []string
}

func (r *recorder) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }

func (r *recorder) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.texts = append(r.texts, e.Query)
}

// reads returns the distinct statements that read bookings or booking_holds and write nothing.
func (r *recorder) reads() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for _, q := range r.texts {
		upper := strings.ToUpper(q)
		if seen[q] || !strings.Contains(q, "bookings") && !strings.Contains(q, "booking_holds") ||
			strings.Contains(upper, "INSERT ") || strings.Contains(upper, "UPDATE ") || strings.Contains(upper, "DELETE ") ||
			!strings.HasPrefix(strings.TrimSpace(upper), "SELECT") && !strings.HasPrefix(strings.TrimSpace(upper), "WITH") {
			continue
		}
		seen[q] = true
		out = append(out, q)
	}
	return out
}

func (r *recorder) saw(part string) bool {
	for _, q := range r.reads() {
		if strings.Contains(q, part) {
			return true
		}
	}
	return false
}

// planNode is a node of EXPLAIN (FORMAT JSON)'s plan tree.
type planNode struct {
	NodeType  string     `json:"Node Type"`
	Relation  string     `json:"Relation Name"`
	Index     string     `json:"Index Name"`
	IndexCond string     `json:"Index Cond"`
	Plans     []planNode `json:"Plans"`
}

// leadingColumns returns the first column of every index of the tables, by index name.
func leadingColumns(tb testing.TB, db *bun.DB, tables ...string) map[string]string {
	tb.Helper()
	var rows []struct{ Index, Column string }
	err := db.NewRaw(`SELECT c.relname AS index, a.attname AS column FROM pg_index i
		JOIN pg_class c ON c.oid = i.indexrelid
		JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
		WHERE i.indrelid::regclass::text IN (?)`, bun.In(tables)).Scan(context.Background(), &rows)
	if err != nil || len(rows) == 0 {
		tb.Fatalf("leading columns of %v: %d, %v", tables, len(rows), err)
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.Index] = r.Column
	}
	return out
}

// unledScan returns the first index of leading that the plan scans with no condition on
// the index's first column, or "". A GiST index scanned so visits every subtree of its
// first column: the held-rooms query of the free-room search, a condition on span alone,
// once took the exclusion index on (atom_room_id, span) as an index-only scan, 222 ms at
// a million holds against 4 ms with the span first.
func (n planNode) unledScan(leading map[string]string) string {
	if col, ok := leading[n.Index]; ok && !regexp.MustCompile(`(^|[(\s])`+col+`\s`).MatchString(n.IndexCond) {
		return n.Index
	}
	for _, c := range n.Plans {
		if idx := c.unledScan(leading); idx != "" {
			return idx
		}
	}
	return ""
}

// indexes returns the names of the indexes the plan scans.
func (n planNode) indexes() []string {
	var out []string
	if n.Index != "" {
		out = append(out, n.Index)
	}
	for _, c := range n.Plans {
		out = append(out, c.indexes()...)
	}
	return out
}

// seqScan returns the first of bookings and booking_holds that the plan scans whole, or "".
func (n planNode) seqScan() string {
	if n.NodeType == "Seq Scan" && (n.Relation == "bookings" || n.Relation == "booking_holds") {
		return n.Relation
	}
	for _, c := range n.Plans {
		if rel := c.seqScan(); rel != "" {
			return rel
		}
	}
	return ""
}

func stockholmZone(tb testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// plansWorld names what seedPlans made.
type plansWorld struct {
	// room is a part of whole; plain shares space with no other room, so its feed asks
	// for one room id (room_id = 1, not IN (1, 2), whose list PostgreSQL types as bigint[]).
	venue, room, whole, plain, org, series, booking int64
}

// seedPlans fills db, with SQL, with 50 organisations, 50 venues of 4 rooms each (one
// venue's fourth room a whole of two of its others), and 40 000 single bookings, 09:00–11:00
// and 13:00–15:00 every day for 100 days in every room, each of another organisation,
// with their holds; a weekly series of 20 occurrences in one room, one cancelled; and one in
// every room of the other venues. Every
// venue, room and organisation has 2 % of the bookings or less, so that an index is the
// right plan for each of their reads.
func seedPlans(tb testing.TB, db *bun.DB, now time.Time) plansWorld {
	tb.Helper()
	ctx := context.Background()
	exec := func(q string, args ...any) {
		tb.Helper()
		if _, err := db.NewRaw(q, args...).Exec(ctx); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
	scan := func(dst *int64, q string, args ...any) {
		tb.Helper()
		if err := db.NewRaw(q, args...).Scan(ctx, dst); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
	var w plansWorld
	exec(`INSERT INTO organisations (kind, name, created_at, updated_at)
		SELECT 'association', 'Planföreningen ' || i, ?, ? FROM generate_series(1, 50) AS i`, now, now)
	exec(`INSERT INTO venues (owner_id, name, street_address, postal_code, town, created_at, updated_at)
		SELECT o.id, 'Planhuset ' || o.id, 'Gatan 1', '503 30', 'Borås', ?, ? FROM organisations o
		WHERE o.name LIKE 'Planföreningen %'`, now, now)
	exec(`INSERT INTO rooms (venue_id, name, capacity, facilities, created_at, updated_at)
		SELECT v.id, 'Rum ' || j, 20, '{}', ?, ? FROM venues v, generate_series(1, 4) AS j
		WHERE v.name LIKE 'Planhuset %'`, now, now)
	scan(&w.venue, `SELECT min(id) FROM venues WHERE name LIKE 'Planhuset %'`)
	scan(&w.room, `SELECT min(id) FROM rooms WHERE venue_id = ?`, w.venue)
	scan(&w.whole, `SELECT max(id) FROM rooms WHERE venue_id = ?`, w.venue)
	scan(&w.plain, `SELECT min(id) FROM rooms WHERE venue_id <> ? AND name LIKE 'Rum %'`, w.venue)
	exec(`INSERT INTO room_parts (whole_id, part_id) SELECT ?, id FROM rooms WHERE venue_id = ? AND id <> ? ORDER BY id LIMIT 2`,
		w.whole, w.venue, w.whole)
	scan(&w.org, `SELECT min(id) FROM organisations WHERE name LIKE 'Planföreningen %'`)
	// Single bookings in every room but the whole, whose parts hold its time instead.
	exec(`WITH orgs AS (SELECT array_agg(id ORDER BY id) AS ids FROM organisations WHERE name LIKE 'Planföreningen %'),
		bk AS (INSERT INTO bookings (room_id, organisation_id, title, attendees, public, starts_at, ends_at, status, created_at, updated_at)
		SELECT r.id, orgs.ids[1 + (r.id + d * 2 + h) % 50], 'Pass ' || d, 5, d % 3 <> 0,
			((date '2026-09-01' + d) + make_time(9 + h * 4, 0, 0)) AT TIME ZONE 'Europe/Stockholm',
			((date '2026-09-01' + d) + make_time(11 + h * 4, 0, 0)) AT TIME ZONE 'Europe/Stockholm', 'confirmed', ?, ?
		FROM orgs, rooms r, generate_series(0, 99) AS d, generate_series(0, 1) AS h
		WHERE r.name LIKE 'Rum %' AND r.id <> ? RETURNING id, room_id, span)
		INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM bk`, now, now, w.whole)
	// Evenings in the whole: it holds both its parts.
	exec(`WITH bk AS (INSERT INTO bookings (room_id, organisation_id, title, attendees, starts_at, ends_at, status, created_at, updated_at)
		SELECT ?, ?, 'Helkväll ' || d, 30,
			((date '2026-09-01' + d) + time '19:00') AT TIME ZONE 'Europe/Stockholm',
			((date '2026-09-01' + d) + time '21:00') AT TIME ZONE 'Europe/Stockholm', 'confirmed', ?, ?
		FROM generate_series(0, 99) AS d RETURNING id, span)
		INSERT INTO booking_holds (booking_id, atom_room_id, span)
		SELECT bk.id, p.part_id, bk.span FROM bk, room_parts p WHERE p.whole_id = ?`, w.whole, w.org, now, now, w.whole)
	scan(&w.series, `INSERT INTO booking_series (room_id, organisation_id, rrule, dtstart, duration, count, created_at, updated_at)
		VALUES (?, ?, 'FREQ=WEEKLY;COUNT=20', timestamp '2026-10-05 17:00', '1 hour', 20, ?, ?) RETURNING id`, w.room, w.org, now, now)
	exec(`WITH bk AS (INSERT INTO bookings (room_id, organisation_id, title, attendees, public, starts_at, ends_at,
			status, status_at, series_id, occurrence, original_start, created_at, updated_at)
		SELECT se.room_id, se.organisation_id, 'Serie', 10, true, o.orig, o.orig + interval '1 hour',
			CASE WHEN k = 5 THEN 'cancelled' ELSE 'confirmed' END, CASE WHEN k = 5 THEN ?::timestamptz END,
			se.id, k, o.orig, ?, ?
		FROM booking_series se, generate_series(0, 19) AS k,
			LATERAL (SELECT (se.dtstart + k * interval '7 days') AT TIME ZONE 'Europe/Stockholm' AS orig) o
		WHERE se.id = ? RETURNING id, room_id, span, status)
		INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM bk WHERE status = 'confirmed'`,
		now, now, now, w.series)
	// A weekly series in every room of the other venues, 4 000 occurrences: a feed must find
	// its own series by room, not read every series' occurrences (as it once did).
	exec(`INSERT INTO booking_series (room_id, organisation_id, rrule, dtstart, duration, count, created_at, updated_at)
		SELECT r.id, v.owner_id, 'FREQ=WEEKLY;COUNT=20', timestamp '2026-09-02 17:00', '1 hour', 20, ?, ?
		FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE v.id <> ? AND v.name LIKE 'Planhuset %'`, now, now, w.venue)
	exec(`WITH bk AS (INSERT INTO bookings (room_id, organisation_id, title, attendees, starts_at, ends_at,
			status, series_id, occurrence, original_start, created_at, updated_at)
		SELECT se.room_id, se.organisation_id, 'Annan serie', 10, o.orig, o.orig + interval '1 hour', 'confirmed', se.id, k, o.orig, ?, ?
		FROM booking_series se, generate_series(0, 19) AS k,
			LATERAL (SELECT (se.dtstart + k * interval '7 days') AT TIME ZONE 'Europe/Stockholm' AS orig) o
		WHERE se.id <> ? RETURNING id, room_id, span)
		INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM bk`, now, now, w.series)
	scan(&w.booking, `SELECT min(id) FROM bookings WHERE room_id = ?`, w.room)
	// VACUUM as well, as autovacuum will: an all-visible table makes index-only scans cheap,
	// and the planner then chose one of the exclusion index for a condition on span alone.
	exec(`VACUUM ANALYZE`)
	return w
}
