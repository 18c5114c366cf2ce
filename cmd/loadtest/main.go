// Command loadtest measures Lokalbanken black-box at city scale. It builds the real
// service (cmd/lokalbanken) and starts it as a user would, with its own embedded cluster in
// a temporary folder, seeds the database by SQL (1 000 000 bookings by default, each through
// the holds' exclusion constraint), then drives the service over HTTP and prints one table:
// booking creation at 8, 32 and 64 clients beside a plain INSERT through one exclusion
// constraint on the same database, the room and venue feeds answered with 200 and with 304,
// and the window and term searches; for every phase the CPU time per request of the service
// process and of PostgreSQL (postmaster and backends, from /proc; Linux only).
//
//	go run ./cmd/loadtest                       # 1 000 000 bookings, 10 s a phase
//	go run ./cmd/loadtest -bookings 100000 -duration 5s -clients 8,32
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/loadgen"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/pgserver"
	"github.com/borasstad/lokalbanken/internal/validation"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	bookings    int
	rooms       int
	duration    time.Duration
	clients     []int
	feedClients int
	bin         string
	dir         string
}

func parse(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.bookings, "bookings", 1_000_000, "bookings to seed by SQL before the measurement")
	fs.IntVar(&o.rooms, "rooms", 1000, "rooms to seed (five a venue); the bookings are spread evenly over them")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "length of each measured phase")
	clients := fs.String("clients", "8,32,64", "client counts of the booking phases, comma-separated")
	fs.IntVar(&o.feedClients, "feed-clients", 8, "concurrent clients of the feed phases (the searches run one at a time)")
	fs.StringVar(&o.bin, "bin", "", "the lokalbanken binary to start (default: go build ./cmd/lokalbanken)")
	fs.StringVar(&o.dir, "dir", "", "folder for the binary and the cluster (default: a temporary folder, removed at the end)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	for f := range strings.SplitSeq(*clients, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-clients: %q is not a positive number", f)
		}
		o.clients = append(o.clients, n)
	}
	if o.rooms < 5 || o.bookings < o.rooms || o.duration <= 0 || o.feedClients < 1 {
		return o, errors.New("need -rooms ≥ 5, -bookings ≥ -rooms, -duration > 0 and -feed-clients ≥ 1")
	}
	return o, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	say := func(format string, a ...any) { fmt.Fprintf(stderr, format+"\n", a...) }
	dir := o.dir
	if dir == "" {
		dir, err = os.MkdirTemp("", "lokalbanken-load-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	// The embedded cluster runs as the postgres account when we are root: it must reach
	// the folder.
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	bin := o.bin
	if bin == "" {
		bin = filepath.Join(dir, "lokalbanken")
		say("building %s", bin)
		b := exec.CommandContext(ctx, "go", "build", "-o", bin, "github.com/borasstad/lokalbanken/cmd/lokalbanken")
		b.Stdout, b.Stderr = stderr, stderr
		if err := b.Run(); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
	}

	svc, err := startService(ctx, bin, filepath.Join(dir, "data"), stderr)
	if err != nil {
		return err
	}
	defer svc.stop()
	say("service pid %d at %s, postmaster pid %d", svc.pid(), svc.base, svc.postmaster)

	db, err := database.Open(ctx, svc.dbURL, database.Options{MaxOpenConns: maxOf(o.clients)})
	if err != nil {
		return err
	}
	defer db.Close()
	fx, err := setup(ctx, db, o, say)
	if err != nil {
		return err
	}
	l := &load{opts: o, svc: svc, db: db, fx: fx,
		client: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256}}}
	res, err := l.phases(ctx, say)
	report(stdout, o, fx, res)
	return err
}

func maxOf(v []int) int {
	m := 1
	for _, x := range v {
		m = max(m, x)
	}
	return m
}

// service is the lokalbanken process under test.
type service struct {
	cmd        *exec.Cmd
	exited     chan struct{}
	base       string // http://127.0.0.1:PORT
	dbURL      string // its embedded cluster, reached over its socket
	postmaster int
}

func (s *service) pid() int { return s.cmd.Process.Pid }

// startService starts `lokalbanken serve` on a free port of 127.0.0.1 with its embedded
// cluster in dataDir, without demo data, and waits until /readyz answers 200.
func startService(ctx context.Context, bin, dataDir string, stderr io.Writer) (*service, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "LOKALBANKEN_ADDR="+addr, "LOKALBANKEN_DATA_DIR="+dataDir,
		"LOKALBANKEN_DEMO=no", "LOKALBANKEN_LOG_LEVEL=error", "LOKALBANKEN_BASE_URL=http://"+addr, "DATABASE_URL=")
	cmd.Stdout, cmd.Stderr = io.Discard, stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &service{cmd: cmd, exited: make(chan struct{}), base: "http://" + addr}
	go func() { _ = cmd.Wait(); close(s.exited) }()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		res, err := http.Get(s.base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case <-s.exited:
			return nil, fmt.Errorf("lokalbanken exited during start: %v", cmd.ProcessState)
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, errors.New("lokalbanken did not become ready in 2 minutes")
		}
	}
	// The cluster is the service's; this process only connects to it.
	pg, err := pgserver.Start(ctx, pgserver.Options{DataDir: dataDir})
	if err != nil {
		s.stop()
		return nil, err
	}
	s.dbURL = pg.URL("lokalbanken")
	raw, err := os.ReadFile(filepath.Join(dataDir, "pg", "postmaster.pid"))
	if err == nil {
		s.postmaster, err = strconv.Atoi(strings.TrimSpace(strings.SplitN(string(raw), "\n", 2)[0]))
	}
	if err != nil {
		s.stop()
		return nil, fmt.Errorf("postmaster pid: %w", err)
	}
	return s, nil
}

// stop ends the service as an operator would, with SIGTERM, and waits for it.
func (s *service) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(time.Minute):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

// cpu returns the CPU time so far of the service process (without its children, the
// cluster among them) and of the cluster.
func (s *service) cpu() (svc, pg time.Duration, err error) {
	st, err := loadgen.ProcStat(s.pid())
	if err != nil {
		return 0, 0, err
	}
	pg, err = loadgen.ClusterCPU(s.postmaster)
	return st.Own(), pg, err
}

// fixture is the seeded data the phases use.
type fixture struct {
	club     int64
	token    string
	rooms    []int64
	venues   []int64
	bookings int
	seedTook time.Duration
	today    time.Time
	loc      *time.Location
	settings string
}

func setup(ctx context.Context, db *bun.DB, o options, say func(string, ...any)) (fixture, error) {
	var fx fixture
	var err error
	fx.loc, err = time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return fx, err
	}
	v := validation.New()
	orgs := organisation.NewService(db, v, time.Now)
	accounts := account.NewService(db, v, time.Now, account.DefaultConfig())
	owner, err := orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "city", Name: "Fritidsförvaltningen"})
	if err != nil {
		return fx, err
	}
	club, err := orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: "Borås Schackklubb"})
	if err != nil {
		return fx, err
	}
	fx.club = club.ID
	booker, err := accounts.CreateUser(ctx, access.System, account.UserInput{Email: "bokare@schack.example", Name: "Bokare"}, "")
	if err != nil {
		return fx, err
	}
	if _, err := accounts.SetMember(ctx, access.System, club.ID, booker.ID, access.RoleBooker); err != nil {
		return fx, err
	}
	fx.token, _, err = accounts.CreateToken(ctx, access.Actor{UserID: booker.ID, IP: "loadtest"}, "loadtest", nil)
	if err != nil {
		return fx, err
	}
	now := time.Now().In(fx.loc)
	fx.today = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, fx.loc)
	rooms := o.rooms / 5 * 5
	seed := loadgen.Seed{OwnerID: owner.ID, ClubID: club.ID, Rooms: rooms, PerRoom: o.bookings / rooms,
		Day0: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)}
	say("seeding %d rooms × %d bookings", rooms, seed.PerRoom)
	t0 := time.Now()
	if err := seed.Run(ctx, db, func(what string, took time.Duration) { say("  %s: %s", what, took.Round(time.Millisecond)) }); err != nil {
		return fx, err
	}
	fx.seedTook = time.Since(t0)
	if err := db.NewRaw(`SELECT id FROM rooms WHERE name LIKE 'Rum %' ORDER BY id`).Scan(ctx, &fx.rooms); err != nil {
		return fx, err
	}
	if err := db.NewRaw(`SELECT id FROM venues WHERE name LIKE 'Lokal %' ORDER BY id`).Scan(ctx, &fx.venues); err != nil {
		return fx, err
	}
	if err := db.NewRaw(`SELECT (SELECT count(*) FROM bookings),
			concat_ws(' ', 'fsync=' || current_setting('fsync'), 'synchronous_commit=' || current_setting('synchronous_commit'),
				'jit=' || current_setting('jit'), 'shared_buffers=' || current_setting('shared_buffers'))`).
		Scan(ctx, &fx.bookings, &fx.settings); err != nil {
		return fx, err
	}
	return fx, nil
}

// result is one measured phase.
type result struct {
	name          string
	clients       int
	lat           []time.Duration
	status        map[int]int
	took          time.Duration
	svcCPU, pgCPU time.Duration // per request
	plain         bool          // no HTTP: the service's CPU does not apply
	note          string
}

func (r result) n() int { return len(r.lat) }
func (r result) rate() float64 {
	if r.took <= 0 {
		return 0
	}
	return float64(r.n()) / r.took.Seconds()
}

// load drives the phases.
type load struct {
	opts   options
	svc    *service
	db     *bun.DB
	fx     fixture
	client *http.Client
	hour   int // the evening hour of the next creation phase: every phase books slots of its own
}

// drive calls fn from clients goroutines for the phase's duration, the n-th call with n, and
// measures latency, statuses, wall time and CPU time per call.
func (l *load) drive(ctx context.Context, name string, clients int, fn func(n int) (int, error)) (result, error) {
	r := result{name: name, clients: clients, status: map[int]int{}}
	s0, p0, err := l.svc.cpu()
	if err != nil {
		return r, err
	}
	var next atomic.Int64
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	t0 := time.Now()
	end := t0.Add(l.opts.duration)
	for range clients {
		wg.Go(func() {
			var lat []time.Duration
			status := map[int]int{}
			for time.Now().Before(end) && ctx.Err() == nil {
				n := int(next.Add(1) - 1)
				s := time.Now()
				st, err := fn(n)
				if err != nil {
					mu.Lock()
					firstErr = cmpErr(firstErr, err)
					mu.Unlock()
					break
				}
				lat = append(lat, time.Since(s))
				status[st]++
			}
			mu.Lock()
			r.lat = append(r.lat, lat...)
			for k, v := range status {
				r.status[k] += v
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	r.took = time.Since(t0)
	s1, p1, err := l.svc.cpu()
	if err != nil {
		return r, err
	}
	if n := time.Duration(max(r.n(), 1)); r.n() > 0 {
		r.svcCPU, r.pgCPU = (s1-s0)/n, (p1-p0)/n
	}
	if firstErr == nil && ctx.Err() != nil {
		firstErr = ctx.Err()
	}
	if firstErr != nil {
		return r, fmt.Errorf("%s: %w", name, firstErr)
	}
	return r, nil
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// get sends a GET and returns the status and the ETag.
func (l *load) get(path string, header ...string) (int, string, error) {
	req, err := http.NewRequest(http.MethodGet, l.svc.base+path, nil)
	if err != nil {
		return 0, "", err
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := l.client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode, res.Header.Get("ETag"), nil
}

// firstSlotDay is the day after today of the first slot booked in the creation phases: past
// the window (day 30) and the term (days 7–111) of the searches, so that those search the
// seeded data alone, and well within a room's horizon (a year).
const firstSlotDay = 120

// search sends a search as the booker and returns the status and the number of rooms in
// the answer.
func (l *load) search(path string) (int, int, error) {
	req, err := http.NewRequest(http.MethodGet, l.svc.base+path, nil)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Authorization", "Bearer "+l.fx.token)
	res, err := l.client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	return res.StatusCode, strings.Count(string(raw), `"capacity"`), err
}

// slot returns the n-th free slot of an evening hour: room n % rooms, on day
// firstSlotDay + n / rooms.
func (l *load) slot(n, hour int) (int64, time.Time, time.Time) {
	d := time.Date(l.fx.today.Year(), l.fx.today.Month(), l.fx.today.Day()+firstSlotDay+n/len(l.fx.rooms), hour, 0, 0, 0, l.fx.loc)
	return l.fx.rooms[n%len(l.fx.rooms)], d, d.Add(50 * time.Minute)
}

// nextSlots returns the slots of the next creation phase: an evening hour of its own (from
// 16:00 on, after the seeded bookings); from the ninth phase on, the same hours again 60 days
// later.
func (l *load) nextSlots() func(n int) (int64, time.Time, time.Time) {
	h := l.hour
	l.hour++
	hour, shift := 16+h%8, h/8*len(l.fx.rooms)*60
	return func(n int) (int64, time.Time, time.Time) { return l.slot(n+shift, hour) }
}

func (l *load) phases(ctx context.Context, say func(string, ...any)) ([]result, error) {
	var out []result
	add := func(r result, err error) error {
		out = append(out, r)
		say("%-28s %6d requests %8.1f/s", fmt.Sprintf("%s (%d)", r.name, r.clients), r.n(), r.rate())
		return err
	}
	// Booking creation through the API, every request a free slot of its own.
	for _, c := range l.opts.clients {
		slot := l.nextSlots()
		r, err := l.drive(ctx, "create booking (API)", c, func(n int) (int, error) {
			room, s, e := slot(n)
			body := fmt.Sprintf(`{"room_id":%d,"organisation_id":%d,"title":"Årsmöte","purpose":"Föreningens årsmöte","attendees":5,"public":false,"starts_at":%q,"ends_at":%q}`,
				room, l.fx.club, s.Format(time.RFC3339), e.Format(time.RFC3339))
			req, err := http.NewRequest(http.MethodPost, l.svc.base+"/api/v1/bookings", strings.NewReader(body))
			if err != nil {
				return 0, err
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+l.fx.token)
			res, err := l.client.Do(req)
			if err != nil {
				return 0, err
			}
			defer res.Body.Close()
			_, _ = io.Copy(io.Discard, res.Body)
			return res.StatusCode, nil
		})
		if err := add(r, err); err != nil {
			return out, err
		}
		// The same kind of row by plain INSERT: the booking and its hold in one statement,
		// through the holds' exclusion constraint, one connection per client.
		slot = l.nextSlots()
		r, err = l.drive(ctx, "plain INSERT (SQL)", c, func(n int) (int, error) {
			room, s, e := slot(n)
			_, err := l.db.ExecContext(ctx, `WITH b AS (
					INSERT INTO bookings (room_id, organisation_id, title, purpose, attendees, public, starts_at, ends_at, status, created_at, updated_at)
					VALUES (?, ?, 'Årsmöte', 'Föreningens årsmöte', 5, false, ?, ?, 'confirmed', now(), now())
					RETURNING id, room_id, span)
				INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM b`,
				room, l.fx.club, s, e)
			if err != nil {
				return 0, err
			}
			return http.StatusCreated, nil
		})
		r.plain = true
		if err := add(r, err); err != nil {
			return out, err
		}
	}

	// Feeds, each request a room (or venue) of its own in turn; the 304s send the ETag of
	// the room's 200.
	feeds := []struct {
		name string
		ids  []int64
		path string
	}{
		{"room feed", l.fx.rooms, "/calendar/rooms/%d.ics"},
		{"venue feed", l.fx.venues, "/calendar/venues/%d.ics"},
	}
	for _, f := range feeds {
		ids := f.ids[:min(len(f.ids), 200)]
		r, err := l.drive(ctx, f.name+" 200", l.opts.feedClients, func(n int) (int, error) {
			st, _, err := l.get(fmt.Sprintf(f.path, ids[n%len(ids)]))
			return st, err
		})
		if err := add(r, err); err != nil {
			return out, err
		}
		etags := make([]string, len(ids))
		for i, id := range ids {
			st, etag, err := l.get(fmt.Sprintf(f.path, id))
			if err != nil {
				return out, err
			}
			if st != http.StatusOK || etag == "" {
				return out, fmt.Errorf("%s %d: status %d, ETag %q", f.name, id, st, etag)
			}
			etags[i] = etag
		}
		r, err = l.drive(ctx, f.name+" 304", l.opts.feedClients, func(n int) (int, error) {
			st, _, err := l.get(fmt.Sprintf(f.path, ids[n%len(ids)]), "If-None-Match", etags[n%len(ids)])
			return st, err
		})
		if err := add(r, err); err != nil {
			return out, err
		}
	}

	// The free-room searches, one client: an evening window a month ahead, and every
	// weekday of a term (15 Tuesdays).
	wFrom := time.Date(l.fx.today.Year(), l.fx.today.Month(), l.fx.today.Day()+30, 18, 0, 0, 0, l.fx.loc)
	first := time.Date(l.fx.today.Year(), l.fx.today.Month(), l.fx.today.Day()+7, 0, 0, 0, 0, time.UTC)
	searches := []struct{ name, path string }{
		{"window search", "/api/v1/availability?" + url.Values{"from": {wFrom.Format(time.RFC3339)},
			"to": {wFrom.Add(150 * time.Minute).Format(time.RFC3339)}}.Encode()},
		{"term search (15 Tuesdays)", "/api/v1/availability?" + url.Values{"weekday": {"2"}, "start_time": {"18:00"}, "end_time": {"20:30"},
			"first_day": {first.Format("2006-01-02")}, "last_day": {first.AddDate(0, 0, 104).Format("2006-01-02")}}.Encode()},
	}
	for _, s := range searches {
		var found atomic.Int64
		r, err := l.drive(ctx, s.name, 1, func(int) (int, error) {
			st, n, err := l.search(s.path)
			found.Store(int64(n))
			return st, err
		})
		r.note = fmt.Sprintf("%d rooms found", found.Load())
		if err := add(r, err); err != nil {
			return out, err
		}
	}
	return out, checkStatuses(out)
}

// checkStatuses reports a phase that got answers it should not: creations other than 201
// and 409, feeds other than their 200 or 304, searches other than 200.
func checkStatuses(rs []result) error {
	var errs []error
	for _, r := range rs {
		want := map[int]bool{http.StatusOK: true}
		switch {
		case strings.HasPrefix(r.name, "create"), r.plain:
			want = map[int]bool{http.StatusCreated: true, http.StatusConflict: true}
		case strings.HasSuffix(r.name, " 304"):
			want = map[int]bool{http.StatusNotModified: true}
		}
		for st, n := range r.status {
			if !want[st] {
				errs = append(errs, fmt.Errorf("%s (%d clients): %d answers with status %d", r.name, r.clients, n, st))
			}
		}
		if r.n() == 0 {
			errs = append(errs, fmt.Errorf("%s (%d clients): no request finished", r.name, r.clients))
		}
	}
	return errors.Join(errs...)
}

func report(w io.Writer, o options, fx fixture, rs []result) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/1e6) }
	us := func(d time.Duration) string { return fmt.Sprintf("%.0f", float64(d)/1e3) }
	fmt.Fprintf(w, "\nLokalbanken load test: %d bookings in %d rooms, %d venues (seeded in %s); %s a phase\n",
		fx.bookings, len(fx.rooms), len(fx.venues), fx.seedTook.Round(time.Second), o.duration)
	fmt.Fprintf(w, "PostgreSQL: %s\n\n", fx.settings)
	fmt.Fprintf(w, "%-26s %7s %8s %9s %8s %8s %8s %6s %6s %6s %11s %11s\n",
		"phase", "clients", "requests", "rate/s", "p50 ms", "p95 ms", "p99 ms", "2xx", "304", "409", "svc µs/req", "pg µs/req")
	var api, plain = map[int]float64{}, map[int]float64{}
	for _, r := range rs {
		two := 0
		for st, n := range r.status {
			if st >= 200 && st < 300 {
				two += n
			}
		}
		svc := us(r.svcCPU)
		if r.plain {
			svc = "-"
			plain[r.clients] = r.rate()
		} else if strings.HasPrefix(r.name, "create") {
			api[r.clients] = r.rate()
		}
		fmt.Fprintf(w, "%-26s %7d %8d %9.1f %8s %8s %8s %6d %6d %6d %11s %11s\n",
			r.name, r.clients, r.n(), r.rate(), ms(loadgen.Pct(r.lat, 50)), ms(loadgen.Pct(r.lat, 95)), ms(loadgen.Pct(r.lat, 99)),
			two, r.status[http.StatusNotModified], r.status[http.StatusConflict], svc, us(r.pgCPU))
	}
	fmt.Fprintln(w)
	for _, r := range rs {
		if r.note != "" {
			fmt.Fprintf(w, "%s: %s\n", r.name, r.note)
		}
	}
	for _, c := range o.clients {
		if plain[c] > 0 {
			fmt.Fprintf(w, "API / plain INSERT at %d clients: %.2f (target at 32: ≥ 0.5)\n", c, api[c]/plain[c])
		}
	}
	fmt.Fprintln(w, "CPU: svc is the lokalbanken process alone, pg the postmaster and its backends; both per request of the phase.")
}
