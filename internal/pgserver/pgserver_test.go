package pgserver_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/borasstad/lokalbanken/internal/pgserver"
)

// childDirEnv makes the test binary a helper process: it starts a cluster in the named
// folder, prints its URL and sleeps until killed.
const childDirEnv = "PGSERVER_TEST_CHILD_DIR"

func TestMain(m *testing.M) {
	if dir := os.Getenv(childDirEnv); dir != "" {
		srv, err := pgserver.Start(context.Background(), pgserver.Options{DataDir: dir, Ephemeral: true})
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(1)
		}
		fmt.Println("URL", srv.URL("lokalbanken"))
		time.Sleep(time.Hour)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestStart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv := mustStart(t, dir)
	if !srv.Owned() {
		t.Fatal("Owned() = false for the first Start on a folder")
	}
	cfg, err := pgx.ParseConfig(srv.URL("lokalbanken"))
	if err != nil {
		t.Fatalf("pgx.ParseConfig(%q): %v", srv.URL("lokalbanken"), err)
	}
	if !strings.HasPrefix(cfg.Host, "/") || cfg.Port != 5432 || cfg.User != "lokalbanken" || cfg.Database != "lokalbanken" {
		t.Errorf("parsed URL: host %q port %d user %q database %q", cfg.Host, cfg.Port, cfg.User, cfg.Database)
	}
	for _, name := range []string{"pg/PG_VERSION", "postgres.log", "lokalbanken.lock", "run"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("data folder: %v", err)
		}
	}
	if got := queryInt(t, srv.URL("lokalbanken"), "SELECT 1"); got != 1 {
		t.Fatalf("SELECT 1 = %d", got)
	}
	mustExec(t, srv.URL("lokalbanken"), "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)")
	// JIT is off for every connection, not only the service's (internal/database.Open).
	conn := mustConnect(t, srv.URL("lokalbanken"))
	var jit string
	if err := conn.QueryRow(context.Background(), "SHOW jit").Scan(&jit); err != nil || jit != "off" {
		t.Errorf("SHOW jit = %q (%v), want off", jit, err)
	}
	conn.Close(context.Background())

	if err := srv.Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if err := srv.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	if conn, err := pgx.Connect(context.Background(), srv.URL("lokalbanken")); err == nil {
		conn.Close(context.Background())
		t.Fatal("cluster still accepts connections after Stop")
	}

	again := mustStart(t, dir)
	if got := queryInt(t, again.URL("lokalbanken"), "SELECT v FROM kept"); got != 42 {
		t.Fatalf("after restart: v = %d, want 42", got)
	}
}

// TestStartAfterKill kills the owner with SIGKILL: the parent-death signal must take its
// cluster down, and the next Start must recover it with its data.
func TestStartAfterKill(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	child, url := startChild(t, dir)
	// synchronous_commit is off in an ephemeral cluster; this row must reach the WAL.
	mustExec(t, url, "SET synchronous_commit = on; CREATE TABLE kept (v int); INSERT INTO kept VALUES (7)")
	pid := postmasterPID(t, dir)
	t.Cleanup(func() {
		if t.Failed() {
			_ = syscall.Kill(pid, syscall.SIGQUIT) // don't leave a cluster behind
		}
	})

	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
	waitGone(t, pid)

	srv := mustStart(t, dir)
	if !srv.Owned() {
		t.Fatal("Owned() = false after the owner was killed")
	}
	if got := queryInt(t, srv.URL("lokalbanken"), "SELECT v FROM kept"); got != 7 {
		t.Fatalf("after crash: v = %d, want 7", got)
	}
}

// TestStartStopsOrphan leaves a postmaster running with no owner (started by pg_ctl, as
// if its owner had died without the parent-death signal): Start must stop it and take over.
func TestStartStopsOrphan(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv := mustStart(t, dir)
	mustExec(t, srv.URL("lokalbanken"), "CREATE TABLE kept (v int); INSERT INTO kept VALUES (3)")
	cfg, err := pgx.ParseConfig(srv.URL("lokalbanken"))
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}

	binDir, err := pgserver.FindBinDir()
	if err != nil {
		t.Fatal(err)
	}
	pgDir := filepath.Join(dir, "pg")
	// -l, or the postmaster inherits our output pipe and CombinedOutput never returns.
	cmd := exec.Command(filepath.Join(binDir, "pg_ctl"), "start", "-w", "-D", pgDir, "-l", filepath.Join(pgDir, "orphan.log"),
		"-o", fmt.Sprintf(`-c listen_addresses= -c unix_socket_directories='%s'`, cfg.Host))
	cmd.Dir = pgDir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: postgresCredential(t)}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pg_ctl start: %v\n%s", err, out)
	}
	orphan := postmasterPID(t, dir)
	t.Cleanup(func() { _ = syscall.Kill(orphan, syscall.SIGQUIT) })

	srv = mustStart(t, dir)
	if !srv.Owned() {
		t.Fatal("Owned() = false with only an orphan running")
	}
	if pid := postmasterPID(t, dir); pid == orphan {
		t.Fatalf("postmaster.pid still names the orphan %d", orphan)
	}
	if err := syscall.Kill(orphan, 0); !errors.Is(err, syscall.ESRCH) && !isZombie(orphan) {
		t.Fatalf("orphan %d still runs (kill 0: %v)", orphan, err)
	}
	if got := queryInt(t, srv.URL("lokalbanken"), "SELECT v FROM kept"); got != 3 {
		t.Fatalf("v = %d, want 3", got)
	}
}

// TestStartStalePID finds lock files naming a live process that is no postmaster, as after
// a container restart hands out the same pids again: postgres would refuse to start over
// them, so Start must see that they are stale.
func TestStartStalePID(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv := mustStart(t, dir)
	cfg, err := pgx.ParseConfig(srv.URL("lokalbanken"))
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	// Run as the account postgres runs as: postgres takes a pid it may not signal for dead.
	sleeper := exec.Command("sleep", "60")
	sleeper.SysProcAttr = &syscall.SysProcAttr{Credential: postgresCredential(t)}
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sleeper.Process.Kill(); _ = sleeper.Wait() })
	pgDir := filepath.Join(dir, "pg")
	stale := fmt.Sprintf("%d\n%s\n1700000000\n5432\n%s\n\n  5432001         0\nready   \n", sleeper.Process.Pid, pgDir, cfg.Host)
	for _, p := range []string{filepath.Join(pgDir, "postmaster.pid"), filepath.Join(cfg.Host, ".s.PGSQL.5432.lock")} {
		if err := os.WriteFile(p, []byte(stale), 0o600); err != nil {
			t.Fatal(err)
		}
		if cred := postgresCredential(t); cred != nil {
			if err := os.Chown(p, int(cred.Uid), int(cred.Gid)); err != nil {
				t.Fatal(err)
			}
		}
	}

	srv = mustStart(t, dir)
	if got := queryInt(t, srv.URL("lokalbanken"), "SELECT 1"); got != 1 {
		t.Fatalf("SELECT 1 = %d", got)
	}
	if err := syscall.Kill(sleeper.Process.Pid, 0); err != nil {
		t.Fatalf("Start signalled the unrelated process: %v", err)
	}
}

// TestStartShared starts twice on one folder: the second Server uses the first one's
// cluster, and stopping it leaves that cluster running.
func TestStartShared(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data folder") // a space must survive socket settings and URLs
	owner := mustStart(t, dir)
	other := mustStart(t, dir)
	if other.Owned() {
		t.Fatal("second Start on a locked folder: Owned() = true")
	}
	if other.URL("lokalbanken") != owner.URL("lokalbanken") {
		t.Errorf("URL: got %q, owner has %q", other.URL("lokalbanken"), owner.URL("lokalbanken"))
	}
	if got := queryInt(t, other.URL("lokalbanken"), "SELECT 1"); got != 1 {
		t.Fatalf("SELECT 1 = %d", got)
	}
	if err := other.Stop(); err != nil {
		t.Fatalf("Stop of a shared server: %v", err)
	}
	if got := queryInt(t, owner.URL("lokalbanken"), "SELECT 1"); got != 1 {
		t.Fatalf("after the other Stop: SELECT 1 = %d", got)
	}
}

// TestStartLongDataDir needs the socket outside the data folder: its path would not fit in
// a sockaddr_un.
func TestStartLongDataDir(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), strings.Repeat("x", 100))
	srv := mustStart(t, dir)
	cfg, err := pgx.ParseConfig(srv.URL("lokalbanken"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Host != pgserver.SocketDir(dir) || !strings.HasPrefix(cfg.Host, "/tmp/lokalbanken-") {
		t.Errorf("socket folder = %q, want %q", cfg.Host, pgserver.SocketDir(dir))
	}
	if got := queryInt(t, srv.URL("lokalbanken"), "SELECT 1"); got != 1 {
		t.Fatalf("SELECT 1 = %d", got)
	}
}

func mustStart(t *testing.T, dir string) *pgserver.Server {
	t.Helper()
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, err := pgserver.Start(context.Background(), pgserver.Options{DataDir: dir, Ephemeral: true, Log: log})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Stop(); err != nil {
			t.Errorf("Stop: %v", err)
		}
	})
	return srv
}

func mustExec(t *testing.T, url, sql string) {
	t.Helper()
	conn := mustConnect(t, url)
	defer conn.Close(context.Background())
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func queryInt(t *testing.T, url, sql string) int {
	t.Helper()
	conn := mustConnect(t, url)
	defer conn.Close(context.Background())
	var n int
	if err := conn.QueryRow(context.Background(), sql).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func mustConnect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect to %s: %v", url, err)
	}
	return conn
}

// startChild runs the test binary as a helper that owns a cluster in dir and returns it
// with the cluster's URL.
func startChild(t *testing.T, dir string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childDirEnv+"="+dir)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Scan()
		lines <- sc.Text()
	}()
	select {
	case line := <-lines:
		url, ok := strings.CutPrefix(line, "URL ")
		if !ok {
			t.Fatalf("helper process: %q", line)
		}
		return cmd, url
	case <-time.After(60 * time.Second):
		t.Fatal("helper process did not start a cluster within 60s")
		return nil, ""
	}
}

func postmasterPID(t *testing.T, dir string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "pg", "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(b), "\n")
	pid, err := strconv.Atoi(first)
	if err != nil {
		t.Fatalf("postmaster.pid: %v", err)
	}
	return pid
}

// waitGone waits for a process that is not our child to exit.
func waitGone(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for syscall.Kill(pid, 0) == nil && !isZombie(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("postmaster %d still runs 10s after its owner was killed", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func isZombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := strings.LastIndexByte(string(b), ')')
	return i >= 0 && i+2 < len(b) && b[i+2] == 'Z'
}

// TestRestartAfterPostmasterKilled kills the postmaster with SIGKILL under the Server's
// feet: the Server must start it again on the same data, with no help.
func TestRestartAfterPostmasterKilled(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv := mustStart(t, dir)
	url := srv.URL("lokalbanken")
	mustExec(t, url, "SET synchronous_commit = on; CREATE TABLE kept (v int); INSERT INTO kept VALUES (5)")
	pid := srv.PID()
	if pid == 0 || pid != postmasterPID(t, dir) {
		t.Fatalf("PID() = %d, postmaster.pid says %d", pid, postmasterPID(t, dir))
	}
	killed := time.Now()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn, err := pgx.Connect(ctx, url)
		cancel()
		if err == nil {
			conn.Close(context.Background())
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no connection 60 s after the postmaster was killed: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("the cluster accepts connections again %.2f s after kill -9 of the postmaster", time.Since(killed).Seconds())
	if got := queryInt(t, url, "SELECT v FROM kept"); got != 5 {
		t.Fatalf("after restart: v = %d, want 5", got)
	}
	for i := 0; i < 100 && srv.Restarts() == 0; i++ {
		time.Sleep(50 * time.Millisecond) // the supervisor may still be creating the database
	}
	if srv.Restarts() != 1 || srv.PID() == pid || srv.PID() == 0 {
		t.Errorf("Restarts() = %d, PID() = %d (killed %d)", srv.Restarts(), srv.PID(), pid)
	}
	select {
	case <-srv.Failed():
		t.Fatalf("Failed: %v", srv.Err())
	default:
	}
}

// TestStartExclusive: a second service on a data folder refuses and names the first one's
// pid, without harm to it; a command still uses the cluster beside the service.
func TestStartExclusive(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	first, err := pgserver.Start(context.Background(), pgserver.Options{DataDir: dir, Ephemeral: true, Log: log, Exclusive: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = first.Stop() })
	mustExec(t, first.URL("lokalbanken"), "CREATE TABLE kept (v int); INSERT INTO kept VALUES (9)")

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	second, err := pgserver.Start(ctx, pgserver.Options{DataDir: dir, Ephemeral: true, Log: log, Exclusive: true})
	var inUse *pgserver.InUseError
	if !errors.As(err, &inUse) || inUse.PID != os.Getpid() || !strings.Contains(err.Error(), strconv.Itoa(os.Getpid())) {
		if second != nil {
			_ = second.Stop()
		}
		t.Fatalf("second exclusive Start: %v, want an InUseError naming pid %d", err, os.Getpid())
	}
	cmd := mustStart(t, dir)
	if cmd.Owned() {
		t.Error("a command beside the service owns the cluster")
	}
	if got := queryInt(t, first.URL("lokalbanken"), "SELECT v FROM kept"); got != 9 {
		t.Fatalf("v = %d, want 9", got)
	}
}

// TestLogHoldsNoValues: a unique violation and a check violation with personal data in
// them leave the error in postgres.log, but neither the statement nor the values.
func TestLogHoldsNoValues(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv := mustStart(t, dir)
	url := srv.URL("lokalbanken")
	mustExec(t, url, `CREATE TABLE people (email text CONSTRAINT people_email_key UNIQUE, phone text CHECK (phone <> '070-123 45 67'));
		INSERT INTO people VALUES ('anna.andersson@example.se', '031-1')`)
	conn := mustConnect(t, url)
	defer conn.Close(context.Background())
	for _, q := range []string{
		"INSERT INTO people (email) VALUES ('anna.andersson@example.se')",
		"INSERT INTO people VALUES ('bertil@example.se', '070-123 45 67')",
		"SELECT 1 FROM people WHERE email = 'cecilia@example.se' AND no_such_column",
	} {
		if _, err := conn.Exec(context.Background(), q); err == nil {
			t.Fatalf("%s: no error", q)
		}
	}
	logPath := filepath.Join(dir, "postgres.log")
	deadline := time.Now().Add(10 * time.Second)
	var log []byte
	for {
		var err error
		log, err = os.ReadFile(logPath)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(log), "no_such_column") || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(string(log), `duplicate key value violates unique constraint "people_email_key"`) {
		t.Errorf("postgres.log lacks the unique violation:\n%s", log)
	}
	for _, secret := range []string{"anna.andersson", "bertil@", "070-123", "cecilia@", "INSERT", "STATEMENT", "DETAIL"} {
		if strings.Contains(string(log), secret) {
			t.Errorf("postgres.log holds %q:\n%s", secret, log)
		}
	}
}
