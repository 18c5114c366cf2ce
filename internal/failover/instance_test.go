package failover_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/database"
)

// instance is one `lokalbanken serve` process.
type instance struct {
	name string
	cmd  *exec.Cmd
	url  string
	log  *syncBuffer
}

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// startAll starts n serve processes on dbURL at once (so that they migrate together) and
// waits until each has printed its URL.
func startAll(t *testing.T, bin, dbURL string, n int) []*instance {
	t.Helper()
	out := make([]*instance, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in, err := start(bin, dbURL, fmt.Sprintf("serve%d", i+1))
			if in != nil {
				t.Cleanup(func() { _ = in.cmd.Process.Kill(); _, _ = in.cmd.Process.Wait() })
			}
			out[i] = in
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func start(bin, dbURL, name string) (*instance, error) {
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--log-format", "text", "--demo", "no", "--shutdown-timeout", "5s")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL, "LOKALBANKEN_BASE_URL=http://lokalbanken.test")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	in := &instance{name: name, cmd: cmd, log: &syncBuffer{}}
	cmd.Stderr = in.log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		close(found)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			return in, fmt.Errorf("%s exited without printing its URL:\n%s", name, in.log)
		}
		in.url = u
		return in, nil
	case <-time.After(60 * time.Second):
		return in, fmt.Errorf("%s printed no URL in 60 s:\n%s", name, in.log)
	}
}

// kill ends the process with SIGKILL, as a crash or the OOM killer would.
func (in *instance) kill(t *testing.T) {
	t.Helper()
	if err := in.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_, _ = in.cmd.Process.Wait()
}

// cli runs a command of the program on dbURL and returns its standard output.
func cli(t *testing.T, bin, dbURL, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dbURL)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("lokalbanken %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// target is what the load books: a room of the demo data, for its owner, by a city
// administrator's API token.
type target struct {
	token     string
	room, org int64
}

// seed loads the demo data (organisations, venues, rooms) and makes a city administrator
// with an API token, through the program's own commands.
func seed(t *testing.T, bin, dbURL string) target {
	t.Helper()
	cli(t, bin, dbURL, "", "demo")
	cli(t, bin, dbURL, "ett långt lösenord för testet\n", "user", "create", "--email", "last@example.org", "--name", "Last", "--city-admin")
	tg := target{token: strings.TrimSpace(cli(t, bin, dbURL, "", "token", "create", "--email", "last@example.org"))}
	db, err := database.Open(context.Background(), dbURL, database.Options{MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRowContext(context.Background(), `SELECT r.id, v.owner_id FROM rooms r JOIN venues v ON v.id = r.venue_id
		WHERE v.name = 'PRO-lokalen Norrby' ORDER BY r.id LIMIT 1`).Scan(&tg.room, &tg.org); err != nil {
		t.Fatalf("demo room of PRO-lokalen: %v", err)
	}
	return tg
}

// load is clients booking through the instances until stop: each client books half hours of
// its own (no two of its requests clash with anyone's), except the contenders, who all try
// the same half hour at each step (one may win it). A client keeps to its instance and
// moves to the next one when its instance does not answer, as a load balancer would.
type load struct {
	tg        target
	instances []*instance
	first     time.Time

	mu       sync.Mutex
	acked    []int64                // bookings answered 201 or 202
	ackedAt  map[string][]time.Time // instance name → times of its acknowledgements
	statuses map[int]int            // status → count; 0 for no answer
	contest  map[int]map[int64]bool // contested step → bookings acknowledged for it
	stop     chan struct{}
	wg       sync.WaitGroup
}

func newLoad(tg target, instances []*instance) *load {
	return &load{tg: tg, instances: instances, first: time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 3),
		ackedAt: map[string][]time.Time{}, statuses: map[int]int{}, contest: map[int]map[int64]bool{}, stop: make(chan struct{})}
}

func (l *load) run(clients, contenders int) {
	client := &http.Client{Timeout: 10 * time.Second}
	for c := range clients {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			at := c % len(l.instances)
			for i := 0; ; i++ {
				select {
				case <-l.stop:
					return
				default:
				}
				var start time.Time
				contender := c < contenders
				if contender {
					start = l.first.AddDate(0, 4, 0).Add(time.Duration(i) * 30 * time.Minute)
				} else {
					start = l.first.Add(time.Duration(c+clients*i) * 30 * time.Minute)
				}
				in := l.instances[at]
				id, status := l.book(client, in, start, c, i)
				l.mu.Lock()
				l.statuses[status]++
				if id > 0 {
					l.acked = append(l.acked, id)
					l.ackedAt[in.name] = append(l.ackedAt[in.name], time.Now())
					if contender {
						if l.contest[i] == nil {
							l.contest[i] = map[int64]bool{}
						}
						l.contest[i][id] = true
					}
				}
				l.mu.Unlock()
				switch {
				case status == 0:
					at = (at + 1) % len(l.instances) // the instance is gone: another one
					time.Sleep(20 * time.Millisecond)
				case id == 0 && status != http.StatusConflict:
					time.Sleep(50 * time.Millisecond) // the database is away: don't spin
				default:
					time.Sleep(10 * time.Millisecond)
				}
			}
		}()
	}
}

func (l *load) book(client *http.Client, in *instance, start time.Time, c, i int) (int64, int) {
	body := fmt.Sprintf(`{"room_id":%d,"organisation_id":%d,"title":"Last %d.%d","attendees":5,"starts_at":%q,"ends_at":%q}`,
		l.tg.room, l.tg.org, c, i, start.Format(time.RFC3339), start.Add(30*time.Minute).Format(time.RFC3339))
	req, _ := http.NewRequest(http.MethodPost, in.url+"/api/v1/bookings", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+l.tg.token)
	res, err := client.Do(req)
	if err != nil {
		return 0, 0
	}
	defer res.Body.Close()
	var b struct {
		ID int64 `json:"id"`
	}
	_ = json.NewDecoder(res.Body).Decode(&b)
	if res.StatusCode == http.StatusCreated || res.StatusCode == http.StatusAccepted {
		return b.ID, res.StatusCode
	}
	return 0, res.StatusCode
}

func (l *load) halt() {
	close(l.stop)
	l.wg.Wait()
}

func (l *load) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.acked)
}

// firstAckAfter is the time from t to each instance's first acknowledged booking after t
// (-1 for an instance that had none).
func (l *load) firstAckAfter(t time.Time) map[string]time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]time.Duration{}
	for _, in := range l.instances {
		out[in.name] = -1
		for _, at := range l.ackedAt[in.name] {
			if at.After(t) {
				out[in.name] = at.Sub(t)
				break
			}
		}
	}
	return out
}

// check finds every acknowledged booking in the database at dbURL, no two bookings that
// hold the room at the same time, and at most one winner of each contested half hour. It
// returns the number of acknowledged bookings missing.
func (l *load) check(t *testing.T, dbURL string) int {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, dbURL, database.Options{MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var found int
	if err := db.NewRaw("SELECT count(*) FROM bookings WHERE id IN (?) AND status IN ('confirmed', 'pending')", bun.In(l.acked)).Scan(ctx, &found); err != nil {
		t.Fatal(err)
	}
	lost := len(l.acked) - found
	if lost != 0 {
		t.Errorf("%d of %d acknowledged bookings are missing", lost, len(l.acked))
	}
	var overlaps int
	if err := db.NewRaw(`SELECT count(*) FROM bookings a JOIN bookings b ON a.room_id = b.room_id AND a.id < b.id
		AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
		WHERE a.status IN ('confirmed', 'pending') AND b.status IN ('confirmed', 'pending')`).Scan(ctx, &overlaps); err != nil {
		t.Fatal(err)
	}
	if overlaps != 0 {
		t.Errorf("%d pairs of bookings overlap in one room", overlaps)
	}
	for step, winners := range l.contest {
		if len(winners) > 1 {
			t.Errorf("contested half hour %d acknowledged to %d bookings", step, len(winners))
		}
	}
	return lost
}

// syncBuffer is a process's log, written by exec's copying goroutine and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// freshDatabase creates an empty database (not migrated: the instances do that) on the
// server of adminURL and returns its URL; it is dropped when the test ends.
func freshDatabase(t *testing.T, adminURL string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := database.Open(ctx, adminURL, database.Options{MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("failover_%d", time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin, err := database.Open(ctx, adminURL, database.Options{MaxOpenConns: 1})
		if err != nil {
			return
		}
		defer admin.Close()
		_, _ = admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(adminURL)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
