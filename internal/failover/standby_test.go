package failover_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/pgserver"
)

// cluster is a PostgreSQL server this test runs from the binaries: initdb, postgres,
// pg_basebackup, pg_ctl.
type cluster struct {
	tools *pgserver.Tools
	dir   string
	port  int
	log   *syncBuffer
	pid   int // the postmaster, leader of its process group
	done  chan struct{}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func (c *cluster) run(t *testing.T, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if out, err := c.tools.Command(ctx, name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

// start runs postgres on the cluster's folder, listening on 127.0.0.1 only, with extra
// settings, and waits until it accepts connections.
func (c *cluster) start(t *testing.T, settings ...string) {
	t.Helper()
	args := []string{"-D", c.dir, "-c", "listen_addresses=127.0.0.1", "-c", "port=" + strconv.Itoa(c.port),
		"-c", "unix_socket_directories=", "-c", "fsync=off", "-c", "jit=off", "-c", "max_connections=200"}
	for _, s := range settings {
		args = append(args, "-c", s)
	}
	cmd := c.tools.Command(context.Background(), "postgres", args...)
	c.log = &syncBuffer{}
	cmd.Stdout, cmd.Stderr = c.log, c.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c.pid, c.done = cmd.Process.Pid, make(chan struct{})
	go func() { _ = cmd.Wait(); close(c.done) }()
	t.Cleanup(func() { c.killAll() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		db, err := database.Open(context.Background(), c.url("postgres"), database.Options{MaxOpenConns: 1})
		if err == nil {
			db.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("postgres on port %d does not answer: %v\n%s", c.port, err, c.log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// killAll kills the postmaster and every backend with SIGKILL: their process group.
func (c *cluster) killAll() {
	if c.pid == 0 {
		return
	}
	_ = syscall.Kill(-c.pid, syscall.SIGKILL)
	<-c.done
	c.pid = 0
}

func (c *cluster) url(db string) string {
	return fmt.Sprintf("postgres://lokalbanken@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// TestStandbyTakesOver: a primary with a synchronous hot standby (streaming replication,
// synchronous_standby_names naming it), three serve instances on DATABASE_URL with both
// hosts and target_session_attrs=read-write, 12 clients booking through them. The primary
// and all its backends are killed with SIGKILL, the standby promoted with pg_ctl promote:
// every instance must book again by itself within 10 s of the promotion, and every booking
// acknowledged before or after must be on the new primary.
func TestStandbyTakesOver(t *testing.T) {
	t.Parallel()
	tools, err := pgserver.FindTools()
	if err != nil {
		t.Fatal(err)
	}
	bin := build(t)
	base := filepath.Join(t.TempDir(), "pg")
	primary := &cluster{tools: tools, dir: filepath.Join(base, "primary"), port: freePort(t)}
	standby := &cluster{tools: tools, dir: filepath.Join(base, "standby"), port: freePort(t)}
	for _, dir := range []string{primary.dir, standby.dir} {
		if err := tools.MakeDir(dir); err != nil {
			t.Fatal(err)
		}
	}
	primary.run(t, "initdb", "-D", primary.dir, "-U", "lokalbanken", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")
	primary.start(t, "wal_level=replica", "max_wal_senders=5")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := database.Open(ctx, primary.url("postgres"), database.Options{MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE lokalbanken"); err != nil {
		t.Fatal(err)
	}
	primary.run(t, "pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(primary.port), "-U", "lokalbanken", "-D", standby.dir, "-X", "stream", "-R", "--no-sync", "--checkpoint=fast")
	standby.start(t, "hot_standby=on",
		fmt.Sprintf("primary_conninfo=host=127.0.0.1 port=%d user=lokalbanken application_name=standby1", primary.port))
	// From now on commits wait until the standby has their WAL: what the service
	// acknowledges survives the primary. (Set after the base backup: the standby, once
	// promoted, has no standby to wait for.)
	for _, q := range []string{"ALTER SYSTEM SET synchronous_standby_names = 'standby1'", "SELECT pg_reload_conf()"} {
		if _, err := admin.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(30 * time.Second); ; {
		var state string
		_ = admin.QueryRowContext(ctx, "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'").Scan(&state)
		if state == "sync" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the standby is not synchronous (%q)\n%s", state, standby.log)
		}
		time.Sleep(50 * time.Millisecond)
	}
	admin.Close()

	dbURL := fmt.Sprintf("postgres://lokalbanken@127.0.0.1:%d,127.0.0.1:%d/lokalbanken?sslmode=disable&target_session_attrs=read-write&connect_timeout=2",
		primary.port, standby.port)
	instances := startAll(t, bin, dbURL, 3)
	tg := seed(t, bin, dbURL)
	l := newLoad(tg, instances)
	l.run(12, 4)
	time.Sleep(2 * time.Second)
	before := l.count()

	primary.killAll()
	killed := time.Now()
	promote := killed
	standby.run(t, "pg_ctl", "promote", "-w", "-D", standby.dir)
	promoted := time.Now()
	// Wait until every instance has booked again (or 20 s), then 1 s more of load.
	var after map[string]time.Duration
	for {
		after = l.firstAckAfter(promoted)
		all := true
		for _, d := range after {
			all = all && d >= 0
		}
		if all || time.Since(promoted) > 20*time.Second {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(time.Second)
	l.halt()

	lost := l.check(t, standby.url("lokalbanken"))
	t.Logf("primary killed after %d acknowledged bookings; pg_ctl promote took %.2f s; first booking after the promotion: %v, after the kill: %v; acknowledged in all %d, lost %d; statuses %v",
		before, promoted.Sub(promote).Seconds(), after, l.firstAckAfter(killed), len(l.acked), lost, l.statuses)
	for _, in := range instances {
		d := after[in.name]
		if d < 0 || d > 10*time.Second {
			t.Errorf("%s did not book again within 10 s of the promotion (%v)\n%s", in.name, d, tail(in.log.String(), 3000))
		}
	}
	if l.statuses[http.StatusInternalServerError] > 0 {
		t.Errorf("%d bookings answered 500 (want 503 while no database can write)", l.statuses[http.StatusInternalServerError])
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
