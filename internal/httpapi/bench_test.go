package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/httpapi"
	"github.com/borasstad/lokalbanken/internal/loadgen"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/server"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// Sizes of BenchmarkBookings.
const (
	benchClients  = 32   // concurrent HTTP clients and plain-insert connections
	benchCreates  = 5000 // bookings created by each of the API and the plain insert
	benchFights   = 4000 // requests of the contended phase
	benchSearches = 200  // requests of each availability search
	benchRooms    = 1000 // rooms in the database
	benchPerRoom  = 1000 // bulk bookings per room (1 000 000 in all)
	benchDays     = 500  // days the bulk bookings cover, two a day (09–12, 13–16)
	benchHotSlots = 4    // slots the clients fight over
)

// BenchmarkBookings measures, on one database of 1 000 rooms and 1 000 000 bookings (each
// with its hold, through the exclusion constraint), booking creation through the HTTP API
// against a plain INSERT of the same rows, the 409 answers of clients fighting over a few
// slots, and the availability search for a window and for a term of Tuesdays. Run it by
// hand:
//
//	go test ./internal/httpapi -run '^$' -bench Bookings -benchtime 1x -timeout 30m
func BenchmarkBookings(b *testing.B) {
	ctx := context.Background()
	e := newBenchEnv(b)
	stockholm := e.loc

	// Setup: 200 venues of five rooms; every room booked 09:00–12:00 and 13:00–16:00 local
	// time for 500 days from tomorrow. Evenings stay free for the measured bookings.
	t0 := time.Now()
	today := time.Now().In(stockholm)
	day0 := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	seed := loadgen.Seed{OwnerID: e.owner.ID, ClubID: e.club.ID, Rooms: benchRooms, PerRoom: benchPerRoom, Day0: day0}
	if err := seed.Run(ctx, e.db, func(what string, took time.Duration) {
		b.Logf("setup step %s: %s", what, took.Round(time.Millisecond))
	}); err != nil {
		b.Fatal(err)
	}
	var rooms, bookings int
	var fsync, syncCommit string
	if err := e.db.NewRaw(`SELECT (SELECT count(*) FROM rooms), (SELECT count(*) FROM bookings),
		current_setting('fsync'), current_setting('synchronous_commit')`).Scan(ctx, &rooms, &bookings, &fsync, &syncCommit); err != nil {
		b.Fatal(err)
	}
	b.Logf("setup: %d rooms, %d bookings (each with its hold) in %s", rooms, bookings, time.Since(t0).Round(time.Millisecond))
	b.Logf("server: fsync=%s synchronous_commit=%s (fsync off flatters the API and the plain insert alike)", fsync, syncCommit)
	if syncCommit != "on" {
		b.Fatalf("synchronous_commit is %s, want on", syncCommit)
	}
	if rooms < benchRooms || bookings < benchRooms*benchPerRoom {
		b.Fatalf("setup made %d rooms and %d bookings", rooms, bookings)
	}
	var roomIDs []int64
	if err := e.db.NewRaw(`SELECT id FROM rooms WHERE name LIKE 'Rum %' ORDER BY id`).Scan(ctx, &roomIDs); err != nil {
		b.Fatal(err)
	}

	// evening returns the n-th free evening slot: room n % rooms, on day 1 + n / rooms, from
	// hour to hour+1 local time.
	evening := func(n, hour int) (int64, time.Time, time.Time) {
		d := time.Date(today.Year(), today.Month(), today.Day()+2+n/len(roomIDs), hour, 0, 0, 0, stockholm)
		return roomIDs[n%len(roomIDs)], d, d.Add(time.Hour)
	}

	b.ResetTimer()

	// (a) Creation through the API: every request a free slot of its own.
	clock := e.newCPUClock()
	var apiLat []time.Duration
	var apiStatus []int
	var apiTook time.Duration
	apiCPU := e.measureCPU(clock, benchCreates, func() {
		apiLat, apiStatus, apiTook = e.run(benchCreates, func(n int) (int, error) {
			room, s, end := evening(n, 21)
			return e.post(bookingBody(e.club.ID, room, s, end, ""))
		})
	})
	if bad := others(apiStatus, http.StatusCreated); bad != "" {
		b.Fatalf("API creations: %s", bad)
	}
	apiRate := float64(benchCreates) / apiTook.Seconds()

	// The same rows by plain INSERT: the booking and its hold in one statement, through the
	// same exclusion constraint, one connection per client.
	plain, err := database.Open(ctx, e.url, database.Options{MaxOpenConns: benchClients})
	if err != nil {
		b.Fatal(err)
	}
	defer plain.Close()
	var plainTook time.Duration
	plainCPU := e.measureCPU(clock, benchCreates, func() {
		_, _, plainTook = e.run(benchCreates, func(n int) (int, error) {
			room, s, end := evening(n, 22)
			_, err := plain.ExecContext(ctx, `WITH b AS (
					INSERT INTO bookings (room_id, organisation_id, created_by, title, purpose, attendees, public, starts_at, ends_at, status, created_at, updated_at)
					VALUES (?, ?, ?, 'Årsmöte', 'Föreningens årsmöte', 5, false, ?, ?, 'confirmed', now(), now())
					RETURNING id, room_id, span)
				INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM b`,
				room, e.club.ID, e.booker.ID, s, end)
			if err != nil {
				return 0, err
			}
			return http.StatusCreated, nil
		})
	})
	plainRate := float64(benchCreates) / plainTook.Seconds()

	// (b) All clients fight over a few slots of one room: one wins each, the rest get 409.
	hotRoom := roomIDs[0]
	fightLat, fightStatus, fightTook := e.run(benchFights, func(n int) (int, error) {
		s := time.Date(today.Year(), today.Month(), today.Day()+3, 18, 0, 0, 0, stockholm).Add(time.Duration(n%benchHotSlots) * 30 * time.Minute)
		return e.post(bookingBody(e.club.ID, hotRoom, s, s.Add(90*time.Minute), ""))
	})
	var conflicts []time.Duration
	wins := 0
	for i, st := range fightStatus {
		switch st {
		case http.StatusConflict:
			conflicts = append(conflicts, fightLat[i])
		case http.StatusCreated:
			wins++
		}
	}
	if bad := others(fightStatus, http.StatusCreated, http.StatusConflict); bad != "" {
		b.Fatalf("contended creations: %s", bad)
	}
	if overlaps := e.count(`SELECT count(*) FROM booking_holds a JOIN booking_holds b
			ON a.atom_room_id = b.atom_room_id AND a.booking_id < b.booking_id AND a.span && b.span
			WHERE a.atom_room_id = ?`, hotRoom); overlaps != 0 {
		b.Fatalf("%d overlapping holds in the contended room", overlaps)
	}

	// (c) The availability search: one evening window, then every Tuesday of a term.
	wFrom := time.Date(today.Year(), today.Month(), today.Day()+30, 18, 0, 0, 0, stockholm)
	window := "/api/v1/availability?" + url.Values{"from": {wFrom.Format(time.RFC3339)},
		"to": {wFrom.Add(150 * time.Minute).Format(time.RFC3339)}}.Encode()
	first := time.Date(today.Year(), today.Month(), today.Day()+7, 0, 0, 0, 0, time.UTC)
	term := "/api/v1/availability?" + url.Values{"weekday": {"2"}, "start_time": {"18:00"}, "end_time": {"20:30"},
		"first_day": {first.Format("2006-01-02")}, "last_day": {first.AddDate(0, 0, 105).Format("2006-01-02")}}.Encode()
	var windowRooms, termRooms int
	windowLat := e.searches(window, &windowRooms)
	termLat := e.searches(term, &termRooms)

	b.StopTimer()

	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	b.ReportMetric(apiRate, "api-creations/s")
	b.ReportMetric(plainRate, "plain-inserts/s")
	b.ReportMetric(apiRate/plainRate, "api/plain")
	us := func(d time.Duration) float64 { return float64(d) / 1e3 }
	b.ReportMetric(us(apiCPU.server), "api-db-cpu-us/op")
	b.ReportMetric(us(apiCPU.self), "api-go-cpu-us/op")
	b.ReportMetric(us(plainCPU.server), "plain-db-cpu-us/op")
	b.ReportMetric(us(plainCPU.self), "plain-go-cpu-us/op")
	b.ReportMetric(float64(plainCPU.server+plainCPU.self)/float64(apiCPU.server+apiCPU.self), "cpu-plain/api")
	b.ReportMetric(ms(loadgen.Pct(apiLat, 50)), "api-create-p50-ms")
	b.ReportMetric(ms(loadgen.Pct(apiLat, 99)), "api-create-p99-ms")
	b.ReportMetric(ms(loadgen.Pct(conflicts, 50)), "409-p50-ms")
	b.ReportMetric(ms(loadgen.Pct(conflicts, 99)), "409-p99-ms")
	b.ReportMetric(ms(loadgen.Pct(windowLat, 50)), "window-p50-ms")
	b.ReportMetric(ms(loadgen.Pct(windowLat, 95)), "window-p95-ms")
	b.ReportMetric(ms(loadgen.Pct(termLat, 50)), "tuesdays-p50-ms")
	b.ReportMetric(ms(loadgen.Pct(termLat, 95)), "tuesdays-p95-ms")
	b.ReportMetric(0, "ns/op")

	var tbl strings.Builder
	fmt.Fprintf(&tbl, "\n%-44s %12s\n", "measure", "value")
	row := func(name, format string, v ...any) {
		fmt.Fprintf(&tbl, "%-44s %12s\n", name, fmt.Sprintf(format, v...))
	}
	row(fmt.Sprintf("API creations/s (%d clients, %d)", benchClients, benchCreates), "%.0f", apiRate)
	row(fmt.Sprintf("plain inserts/s (%d conns, %d)", benchClients, benchCreates), "%.0f", plainRate)
	row("ratio API / plain (aim ≥ 0.5)", "%.2f", apiRate/plainRate)
	row("CPU µs per API creation: database / Go", "%.0f / %.0f", us(apiCPU.server), us(apiCPU.self))
	row("CPU µs per plain insert: database / Go", "%.0f / %.0f", us(plainCPU.server), us(plainCPU.self))
	row("CPU ratio plain / API (the rate ratio alone)", "%.2f", float64(plainCPU.server+plainCPU.self)/float64(apiCPU.server+apiCPU.self))
	row("API creation p50 / p99 ms", "%.1f / %.1f", ms(loadgen.Pct(apiLat, 50)), ms(loadgen.Pct(apiLat, 99)))
	row(fmt.Sprintf("contended: %d requests, %d slots", benchFights, benchHotSlots), "%d won", wins)
	row("contended: 409 p50 / p99 ms", "%.1f / %.1f", ms(loadgen.Pct(conflicts, 50)), ms(loadgen.Pct(conflicts, 99)))
	row("contended: requests/s", "%.0f", float64(benchFights)/fightTook.Seconds())
	row(fmt.Sprintf("window search p50 / p95 ms (%d rooms)", windowRooms), "%.1f / %.1f", ms(loadgen.Pct(windowLat, 50)), ms(loadgen.Pct(windowLat, 95)))
	row(fmt.Sprintf("Tuesdays search p50 / p95 ms (%d rooms)", termRooms), "%.1f / %.1f", ms(loadgen.Pct(termLat, 50)), ms(loadgen.Pct(termLat, 95)))
	row("fsync / synchronous_commit", "%s / %s", fsync, syncCommit)
	b.Log(tbl.String())
	// go test cuts a benchmark's log after a few lines unless -v; the table goes to stdout too.
	fmt.Print("BenchmarkBookings:" + tbl.String())
}

// benchEnv is the real engine over a fresh database, for a benchmark.
type benchEnv struct {
	b      *testing.B
	db     *bun.DB
	url    string
	loc    *time.Location
	srv    *httptest.Server
	client *http.Client
	owner  *organisation.Organisation
	club   *organisation.Organisation
	booker *account.User
	token  string
}

func newBenchEnv(b *testing.B) *benchEnv {
	b.Helper()
	ctx := context.Background()
	e := &benchEnv{b: b, url: dbtest.NewURL(b)}
	// The test cluster runs without synchronous commit; a confirmed booking must survive a
	// crash, so the database gets it back for every connection opened below.
	u, err := url.Parse(e.url)
	if err != nil {
		b.Fatal(err)
	}
	admin, err := database.Open(ctx, e.url, database.Options{MaxOpenConns: 1})
	if err != nil {
		b.Fatal(err)
	}
	_, err = admin.ExecContext(ctx, "ALTER DATABASE "+strings.TrimPrefix(u.Path, "/")+" SET synchronous_commit = on")
	admin.Close()
	if err != nil {
		b.Fatal(err)
	}
	// The API's pool gets as many connections as the plain insert, so that the ratio
	// measures the application, not the pool.
	db, err := database.Open(ctx, e.url, database.Options{MaxOpenConns: benchClients})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	e.db = db
	e.loc, err = time.LoadLocation("Europe/Stockholm")
	if err != nil {
		b.Fatal(err)
	}
	v := validation.New()
	cfg := account.DefaultConfig()
	cfg.Hash = account.HashParams{Memory: 64, Time: 1, Threads: 1}
	orgs := organisation.NewService(db, v, time.Now)
	venues := venue.NewService(db, v, time.Now)
	accounts := account.NewService(db, v, time.Now, cfg)
	bookings := booking.NewService(db, v, time.Now, e.loc)
	h := server.New(server.Options{
		// The request log is formatted as in production and thrown away.
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), DB: db, Auth: accounts, MaxBodyBytes: 1 << 20,
		API: mustAPI(b, httpapi.Deps{
			Organisations: orgs, Venues: venues, Accounts: accounts, Audit: audit.NewService(db, v, time.Now),
			Bookings: bookings, FeedTokens: feedtoken.NewService(db, v, time.Now), Agreements: agreement.NewService(db, v, time.Now, e.loc),
			Meetings: meeting.NewService(db, v, time.Now, e.loc, bookings), Rounds: round.NewService(db, v, time.Now, e.loc, bookings), BaseURL: testBaseURL, InvitationTTL: cfg.InvitationTTL,
		}),
	})
	engine, ok := h.(*gin.Engine)
	if !ok {
		b.Fatalf("server.New returned %T, want *gin.Engine", h)
	}
	e.srv = httptest.NewServer(engine)
	b.Cleanup(e.srv.Close)
	e.client = &http.Client{Transport: &http.Transport{MaxIdleConns: 2 * benchClients, MaxIdleConnsPerHost: 2 * benchClients}}

	mk := func(kind, name string) *organisation.Organisation {
		o, err := orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: kind, Name: name})
		if err != nil {
			b.Fatal(err)
		}
		return o
	}
	e.owner = mk("city", "Fritidsförvaltningen")
	e.club = mk("association", "Borås Schackklubb")
	e.booker, err = accounts.CreateUser(ctx, access.System, account.UserInput{Email: "bokare@schack.example", Name: "Bokare"}, "")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := accounts.SetMember(ctx, access.System, e.club.ID, e.booker.ID, access.RoleBooker); err != nil {
		b.Fatal(err)
	}
	e.token, _, err = accounts.CreateToken(ctx, access.Actor{UserID: e.booker.ID, IP: "bench"}, "bench", nil)
	if err != nil {
		b.Fatal(err)
	}
	return e
}

func (e *benchEnv) count(query string, args ...any) int {
	e.b.Helper()
	var n int
	if err := e.db.NewRaw(query, args...).Scan(context.Background(), &n); err != nil {
		e.b.Fatalf("%s: %v", query, err)
	}
	return n
}

// post sends a booking as the booker and returns the status.
func (e *benchEnv) post(body string) (int, error) {
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/api/v1/bookings", strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.token)
	res, err := e.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode, nil
}

// run calls fn for 0 … n-1 from benchClients goroutines and returns each call's latency
// and status, and the wall time of the whole.
func (e *benchEnv) run(n int, fn func(int) (int, error)) ([]time.Duration, []int, time.Duration) {
	e.b.Helper()
	lat := make([]time.Duration, n)
	status := make([]int, n)
	var next atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	t0 := time.Now()
	for range benchClients {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				s := time.Now()
				st, err := fn(i)
				lat[i], status[i] = time.Since(s), st
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
			}
		})
	}
	wg.Wait()
	took := time.Since(t0)
	if firstErr != nil {
		e.b.Fatal(firstErr)
	}
	return lat, status, took
}

// searches runs the search benchSearches times, one at a time, and returns the latencies;
// rooms is set to the number of rooms found.
func (e *benchEnv) searches(path string, rooms *int) []time.Duration {
	e.b.Helper()
	var lat []time.Duration
	for range benchSearches {
		req, err := http.NewRequest(http.MethodGet, e.srv.URL+path, nil)
		if err != nil {
			e.b.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+e.token)
		s := time.Now()
		res, err := e.client.Do(req)
		if err != nil {
			e.b.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		lat = append(lat, time.Since(s))
		if res.StatusCode != http.StatusOK {
			e.b.Fatalf("GET %s: %d %s", path, res.StatusCode, raw)
		}
		*rooms = strings.Count(string(raw), `"capacity"`)
	}
	return lat
}

// others describes the statuses not among want, or returns "".
func others(statuses []int, want ...int) string {
	bad := map[int]int{}
	for _, s := range statuses {
		if !slices.Contains(want, s) {
			bad[s]++
		}
	}
	if len(bad) == 0 {
		return ""
	}
	return fmt.Sprintf("unexpected statuses (status: count) %v", bad)
}
