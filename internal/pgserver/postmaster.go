package pgserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// logSettings keep statement values out of the cluster's log: the service's statements
// carry personal data inline (bun writes arguments into the SQL text), and PostgreSQL would
// otherwise log the statement of every failed one (log_min_error_statement = error) and the
// key values in the DETAIL line of a constraint violation ("Key (email)=(…) already
// exists"). Terse verbosity drops DETAIL, HINT, QUERY and CONTEXT lines; the error's message
// itself (which names the constraint, not the values) and every LOG line (start, stop,
// checkpoints, crash recovery) remain. The service has the error in its own log anyway.
var logSettings = []string{
	"log_min_error_statement=panic",
	"log_error_verbosity=terse",
	"log_statement=none",
	"log_min_duration_statement=-1",
	"log_parameter_max_length=0",
	"log_parameter_max_length_on_error=0",
	"log_connections=off",
	"log_disconnections=off",
}

// start runs the owned cluster: the caller holds the lock.
func (s *Server) start(ctx context.Context) error {
	begin := time.Now()
	pgDir := filepath.Join(s.dataDir, "pg")
	if !initialised(pgDir) {
		if err := initdb(ctx, s.binDir, pgDir, s.acct, s.ephemeral, s.log); err != nil {
			return err
		}
	}
	s.sockDir, s.port = socketDir(s.dataDir), port
	logs, err := openLogSink(filepath.Join(s.dataDir, "postgres.log"), maxLogSize, logFiles)
	if err != nil {
		return err
	}
	s.logs = logs
	if err := s.launch(ctx); err != nil {
		logs.Close()
		return err
	}
	s.log.Info("database cluster started", slog.String("data_dir", s.dataDir), slog.String("bin_dir", s.binDir),
		slog.String("socket_dir", s.sockDir), slog.Int("pid", s.pid()),
		slog.Int64("duration_ms", time.Since(begin).Milliseconds()))
	return nil
}

// launch starts postgres on the initialised cluster and waits until it accepts connections
// and has the service's database: at first start and for every restart. On error the child
// is gone.
func (s *Server) launch(ctx context.Context) error {
	pgDir := filepath.Join(s.dataDir, "pg")
	// A postmaster.pid left by a postmaster that died: postgres checks it itself, unless the
	// pid now belongs to another process (stopOrphan removes it then), or a postmaster runs
	// there although we hold the lock (stopOrphan stops it).
	if err := stopOrphan(pgDir, s.log); err != nil {
		return err
	}
	if err := prepareSocketDir(s.sockDir, s.acct); err != nil {
		return err
	}
	args := []string{"-D", pgDir,
		"-c", "listen_addresses=",
		"-c", "unix_socket_directories=" + quoteListItem(s.sockDir),
		"-c", "port=" + strconv.Itoa(s.port),
		"-c", "logging_collector=off",
		"-c", "log_destination=stderr",
		// The service's queries are short; JIT compiling costs more than it saves on them
		// (internal/database.Open turns it off per connection too, for DATABASE_URL).
		"-c", "jit=off",
	}
	for _, set := range logSettings {
		args = append(args, "-c", set)
	}
	if major(pgDir) >= 14 && runtime.GOOS == "linux" {
		// Before crash recovery postgres syncs every file of the cluster, one fsync each
		// (seconds on a busy disk); syncfs does it with one call per file system.
		args = append(args, "-c", "recovery_init_sync_method=syncfs")
	}
	if s.ephemeral {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	cmd := exec.Command(filepath.Join(s.binDir, "postgres"), args...)
	cmd.Dir = pgDir
	cmd.Env = childEnv()
	cmd.SysProcAttr = postgresAttr(s.acct)
	mark := s.logs.mark()
	if err := s.spawn(cmd); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	conn, err := s.waitReady(ctx, mark)
	if err == nil {
		err = ensureDatabase(ctx, conn)
		_ = conn.Close(context.Background())
	}
	if err != nil {
		_ = s.terminate()
		return err
	}
	return nil
}

// spawn starts cmd with its output piped into the log sink and reaps it in the background.
// The pipe is ours, not exec's: Wait then returns when the postmaster exits, not when the
// last of its children has closed its end. The parent-death signal is sent when the
// thread that forked the child exits, not the process (golang/go#27505), and the Go runtime
// may end idle threads; so the forking goroutine keeps its thread until postgres has exited.
func (s *Server) spawn(cmd *exec.Cmd) error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	cmd.Stdout, cmd.Stderr = w, w
	exited := make(chan struct{})
	s.mu.Lock()
	s.cmd, s.exited, s.waitErr = cmd, exited, nil
	s.mu.Unlock()
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		err := cmd.Start()
		w.Close()
		if err != nil {
			r.Close()
			started <- err
			close(exited)
			return
		}
		go func() {
			_, _ = io.Copy(s.logs, r)
			r.Close()
		}()
		started <- nil
		err = cmd.Wait()
		s.mu.Lock()
		s.waitErr = err
		s.mu.Unlock()
		close(exited)
	}()
	return <-started
}

// major returns the cluster's major version from PG_VERSION, or 0.
func major(pgDir string) int {
	b, err := os.ReadFile(filepath.Join(pgDir, "PG_VERSION"))
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return n
}

// pid is the current postmaster's process id, or 0.
func (s *Server) pid() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// current returns the running postmaster's channel that closes when it exits.
func (s *Server) current() (<-chan struct{}, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.exited, s.waitErr
}

// waitReady connects until postgres answers, it exits, or ctx ends.
func (s *Server) waitReady(ctx context.Context, mark int64) (*pgx.Conn, error) {
	exited, _ := s.current()
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	logPath := filepath.Join(s.dataDir, "postgres.log")
	for {
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		conn, err := pgx.Connect(cctx, s.URL("postgres"))
		cancel()
		if err == nil {
			return conn, nil
		}
		select {
		case <-exited:
			_, waitErr := s.current()
			time.Sleep(pollInterval) // the last lines may still be in the pipe
			return nil, fmt.Errorf("postgres exited during start (%v); end of %s:\n%s", waitErr, logPath, lastLines(s.logs.since(mark), 20))
		case <-ctx.Done():
			return nil, fmt.Errorf("postgres does not accept connections: %w (last attempt: %v); end of %s:\n%s",
				ctx.Err(), err, logPath, lastLines(s.logs.since(mark), 20))
		case <-tick.C:
		}
	}
}

func ensureDatabase(ctx context.Context, conn *pgx.Conn) error {
	var exists bool
	err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", dbName).Scan(&exists)
	if err != nil {
		return fmt.Errorf("look up database %s: %w", dbName, err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{dbName}.Sanitize()); err != nil {
		return fmt.Errorf("create database %s: %w", dbName, err)
	}
	return nil
}

// terminate stops our postgres child: SIGINT (fast shutdown), then SIGQUIT (immediate),
// then SIGKILL. It returns an error unless the fast shutdown worked.
func (s *Server) terminate() error {
	s.mu.Lock()
	cmd, exited, waitErr := s.cmd, s.exited, s.waitErr
	s.mu.Unlock()
	if cmd == nil {
		return nil
	}
	select {
	case <-exited:
		if waitErr == nil {
			return nil // a clean shutdown: Stop came while a restart was starting up
		}
		return fmt.Errorf("postgres had exited: %v", waitErr)
	default:
	}
	steps := []struct {
		sig     os.Signal
		timeout time.Duration
	}{{syscall.SIGINT, stopTimeout}, {syscall.SIGQUIT, killTimeout}, {os.Kill, killTimeout}}
	for i, step := range steps {
		_ = cmd.Process.Signal(step.sig)
		select {
		case <-exited:
			if i == 0 {
				return nil
			}
			return fmt.Errorf("postgres did not stop within %s; forced it with %v", stopTimeout, step.sig)
		case <-time.After(step.timeout):
		}
	}
	return errors.New("postgres does not exit, even after SIGKILL")
}

// quoteListItem quotes a folder for a list-valued setting such as unix_socket_directories,
// where commas and spaces would otherwise split it.
func quoteListItem(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
