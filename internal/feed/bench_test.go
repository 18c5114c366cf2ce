package feed

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/internal/dbtest"
)

// BenchmarkFeed measures a venue feed of about 10 000 events: 20 rooms, each booked
// 09:00–11:00 every day for 495 days (9 900 single bookings), and 100 weekly series of 20
// occurrences (five per room, 18:00–20:00), each with one occurrence moved an hour and one
// cancelled (100 masters, 100 overrides, 100 EXDATEs). It reports reading the rows alone
// (what any feed must pay), building and encoding the feed from the database, answering a
// full GET, and answering a conditional GET with 304 (which reads no rows out); and, apart,
// the mapping of rows to events and the encoding.
//
//	go test ./internal/feed -run '^$' -bench Feed -benchmem
func BenchmarkFeed(b *testing.B) {
	ctx := context.Background()
	db := dbtest.New(b)
	now := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	venueID := seedBench(b, db, now)
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		b.Fatal(err)
	}
	s := New(Options{DB: db, BaseURL: "https://lokalbanken.example", Location: loc, Now: func() time.Time { return now }})
	sc, w := venueScope(venueID), s.window()
	sub, err := s.venueSubject(ctx, venueID)
	if err != nil {
		b.Fatal(err)
	}
	cal, err := s.build(ctx, sc, w, sub)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := calendar.Encode(&buf, cal); err != nil {
		b.Fatal(err)
	}
	b.Logf("feed: %d events, %d bytes", len(cal.Events), buf.Len())

	b.Run("read rows", func(b *testing.B) {
		for b.Loop() {
			rows, err := s.bookings.CalendarBookings(ctx, sc.cal, w.calendar())
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.bookings.CalendarSeriesByID(ctx, seriesIDs(rows)); err != nil {
				b.Fatal(err)
			}
		}
	})
	rows, err := s.bookings.CalendarBookings(ctx, sc.cal, w.calendar())
	if err != nil {
		b.Fatal(err)
	}
	series, err := s.bookings.CalendarSeriesByID(ctx, seriesIDs(rows))
	if err != nil {
		b.Fatal(err)
	}
	// The two steps after the read, apart: mapping rows to events, and writing the file.
	b.Run("map rows", func(b *testing.B) {
		for b.Loop() {
			s.assemble(sc, w, sub, rows, series)
		}
	})
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			if err := calendar.Encode(io.Discard, cal); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("build and encode", func(b *testing.B) {
		for b.Loop() {
			cal, err := s.build(ctx, sc, w, sub)
			if err != nil {
				b.Fatal(err)
			}
			if err := calendar.Encode(io.Discard, cal); err != nil {
				b.Fatal(err)
			}
		}
	})
	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	s.Register(engine)
	path := "/calendar/venues/" + strconv.FormatInt(venueID, 10) + ".ics"
	tag := serve(b, engine, path, "").Header().Get("ETag")
	b.Run("GET 200", func(b *testing.B) {
		for b.Loop() {
			if rec := serve(b, engine, path, ""); rec.Code != http.StatusOK {
				b.Fatal(rec.Code)
			}
		}
	})
	b.Run("GET 304", func(b *testing.B) {
		for b.Loop() {
			if rec := serve(b, engine, path, tag); rec.Code != http.StatusNotModified {
				b.Fatal(rec.Code)
			}
		}
	})
	// One room of the venue (about 600 bookings), found through the (room_id, span) index.
	var room int64
	if err := db.NewRaw(`SELECT min(id) FROM rooms WHERE venue_id = ?`, venueID).Scan(ctx, &room); err != nil {
		b.Fatal(err)
	}
	roomPath := "/calendar/rooms/" + strconv.FormatInt(room, 10) + ".ics"
	roomTag := serve(b, engine, roomPath, "").Header().Get("ETag")
	b.Run("GET 200 one room", func(b *testing.B) {
		for b.Loop() {
			if rec := serve(b, engine, roomPath, ""); rec.Code != http.StatusOK {
				b.Fatal(rec.Code)
			}
		}
	})
	b.Run("GET 304 one room", func(b *testing.B) {
		for b.Loop() {
			if rec := serve(b, engine, roomPath, roomTag); rec.Code != http.StatusNotModified {
				b.Fatal(rec.Code)
			}
		}
	})
}

func serve(_ testing.TB, h http.Handler, path, ifNoneMatch string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if ifNoneMatch != "" {
		req.Header.Set("If-None-Match", ifNoneMatch)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// seedBench fills db with the benchmark's venue and bookings, with SQL, and returns the
// venue's id. Every booking that holds its room gets its hold, as the integrity checks
// require at commit.
func seedBench(b testing.TB, db *bun.DB, now time.Time) int64 {
	b.Helper()
	ctx := context.Background()
	var org, venueID int64
	exec := func(q string, args ...any) {
		b.Helper()
		if _, err := db.NewRaw(q, args...).Exec(ctx); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	scan := func(dst *int64, q string, args ...any) {
		b.Helper()
		if err := db.NewRaw(q, args...).Scan(ctx, dst); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	scan(&org, `INSERT INTO organisations (kind, name, created_at, updated_at) VALUES ('association', 'Bänkföreningen', ?, ?) RETURNING id`, now, now)
	scan(&venueID, `INSERT INTO venues (owner_id, name, street_address, postal_code, town, latitude, longitude, created_at, updated_at)
		VALUES (?, 'Benchhuset', 'Storgatan 1', '503 30', 'Borås', 57.72, 12.94, ?, ?) RETURNING id`, org, now, now)
	exec(`INSERT INTO rooms (venue_id, name, capacity, facilities, created_at, updated_at)
		SELECT ?, 'Rum ' || j, 20, '{}', ?, ? FROM generate_series(1, 20) AS j`, venueID, now, now)
	exec(`WITH bk AS (INSERT INTO bookings (room_id, organisation_id, title, purpose, attendees, public, starts_at, ends_at, status, created_at, updated_at)
		SELECT r.id, ?, 'Förmiddagspass ' || d, 'Ett pass, en dag', 5, d % 3 <> 0,
			((date '2026-10-01' + d) + time '09:00') AT TIME ZONE 'Europe/Stockholm',
			((date '2026-10-01' + d) + time '11:00') AT TIME ZONE 'Europe/Stockholm', 'confirmed', ?, ?
		FROM rooms r, generate_series(0, 494) AS d WHERE r.venue_id = ? RETURNING id, room_id, span)
		INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM bk`, org, now, now, venueID)
	exec(`INSERT INTO booking_series (room_id, organisation_id, rrule, dtstart, duration, count, created_at, updated_at)
		SELECT r.id, ?, 'FREQ=WEEKLY;COUNT=20', timestamp '2026-10-05 18:00' + day * interval '1 day', '2 hours', 20, ?, ?
		FROM rooms r, generate_series(0, 4) AS day WHERE r.venue_id = ?`, org, now, now, venueID)
	// Occurrence 3 of each series moved an hour later, occurrence 5 cancelled.
	exec(`WITH bk AS (INSERT INTO bookings (room_id, organisation_id, title, purpose, attendees, public, starts_at, ends_at,
			status, status_at, revision, series_id, occurrence, original_start, created_at, updated_at)
		SELECT se.room_id, se.organisation_id, 'Kvällsserie ' || se.id, 'Varje vecka', 10, se.id % 2 = 0,
			o.orig + CASE WHEN k = 3 THEN interval '1 hour' ELSE interval '0' END,
			o.orig + CASE WHEN k = 3 THEN interval '3 hours' ELSE interval '2 hours' END,
			CASE WHEN k = 5 THEN 'cancelled' ELSE 'confirmed' END, CASE WHEN k = 5 THEN ?::timestamptz END,
			CASE WHEN k IN (3, 5) THEN 2 ELSE 1 END, se.id, k, o.orig, ?, ?
		FROM booking_series se, generate_series(0, 19) AS k,
			LATERAL (SELECT (se.dtstart + k * interval '7 days') AT TIME ZONE 'Europe/Stockholm' AS orig) o
		RETURNING id, room_id, span, status)
		INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM bk WHERE status = 'confirmed'`,
		now, now, now)
	// Ten other venues as busy, so that the feed's queries must find their rows by index.
	exec(`INSERT INTO venues (owner_id, name, street_address, postal_code, town, created_at, updated_at)
		SELECT ?, 'Annat hus ' || i, 'Gatan ' || i, '503 30', 'Borås', ?, ? FROM generate_series(1, 10) AS i`, org, now, now)
	exec(`INSERT INTO rooms (venue_id, name, capacity, facilities, created_at, updated_at)
		SELECT v.id, 'Rum ' || j, 20, '{}', ?, ? FROM venues v, generate_series(1, 20) AS j WHERE v.id <> ?`, now, now, venueID)
	exec(`WITH bk AS (INSERT INTO bookings (room_id, organisation_id, title, attendees, starts_at, ends_at, status, created_at, updated_at)
		SELECT r.id, ?, 'Annan bokning', 5,
			((date '2026-10-01' + d) + time '09:00') AT TIME ZONE 'Europe/Stockholm',
			((date '2026-10-01' + d) + time '11:00') AT TIME ZONE 'Europe/Stockholm', 'confirmed', ?, ?
		FROM rooms r, generate_series(0, 494) AS d WHERE r.venue_id <> ? RETURNING id, room_id, span)
		INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM bk`, org, now, now, venueID)
	exec(`ANALYZE`)
	return venueID
}
