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

// maxLogSize is the size at which postgres.log is moved to postgres.log.1 on start.
const maxLogSize = 10 << 20

// start runs the owned cluster: the caller holds the lock.
func (s *Server) start(ctx context.Context, binDir string, acct account, ephemeral bool) error {
	begin := time.Now()
	pgDir := filepath.Join(s.dataDir, "pg")
	if err := stopOrphan(pgDir, s.log); err != nil {
		return err
	}
	if !initialised(pgDir) {
		if err := initdb(ctx, binDir, pgDir, acct, ephemeral, s.log); err != nil {
			return err
		}
	}
	s.sockDir, s.port = socketDir(s.dataDir), port
	if err := prepareSocketDir(s.sockDir, acct); err != nil {
		return err
	}
	logPath := filepath.Join(s.dataDir, "postgres.log")
	logFile, offset, err := openLog(logPath)
	if err != nil {
		return err
	}
	s.logFile = logFile

	args := []string{"-D", pgDir,
		"-c", "listen_addresses=",
		"-c", "unix_socket_directories=" + quoteListItem(s.sockDir),
		"-c", "port=" + strconv.Itoa(s.port),
		"-c", "logging_collector=off",
		"-c", "log_destination=stderr",
	}
	if ephemeral {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	cmd := exec.Command(filepath.Join(binDir, "postgres"), args...)
	cmd.Dir = pgDir
	cmd.Env = childEnv()
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = postgresAttr(acct)
	if err := s.spawn(cmd); err != nil {
		logFile.Close()
		return fmt.Errorf("start postgres: %w", err)
	}

	conn, err := s.waitReady(ctx, logPath, offset)
	if err == nil {
		err = ensureDatabase(ctx, conn)
		_ = conn.Close(context.Background())
	}
	if err != nil {
		_ = s.terminate()
		logFile.Close()
		return err
	}
	s.running.Store(true)
	s.log.Info("database cluster started", slog.String("data_dir", s.dataDir), slog.String("bin_dir", binDir),
		slog.String("socket_dir", s.sockDir), slog.Int("pid", cmd.Process.Pid),
		slog.Int64("duration_ms", time.Since(begin).Milliseconds()))
	return nil
}

// spawn starts cmd and reaps it in the background. The parent-death signal is sent when the
// thread that forked the child exits, not the process (golang/go#27505), and the Go runtime
// may end idle threads; so the forking goroutine keeps its thread until postgres has exited.
func (s *Server) spawn(cmd *exec.Cmd) error {
	s.cmd = cmd
	s.exited = make(chan struct{})
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		s.waitErr = cmd.Wait()
		close(s.exited)
		if s.running.Load() {
			s.log.Error("database cluster exited unexpectedly", slog.String("data_dir", s.dataDir), slog.Any("err", s.waitErr))
		}
	}()
	return <-started
}

// waitReady connects until postgres answers, it exits, or ctx ends.
func (s *Server) waitReady(ctx context.Context, logPath string, offset int64) (*pgx.Conn, error) {
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		conn, err := pgx.Connect(cctx, s.URL("postgres"))
		cancel()
		if err == nil {
			return conn, nil
		}
		select {
		case <-s.exited:
			return nil, fmt.Errorf("postgres exited during start (%v); end of %s:\n%s", s.waitErr, logPath, logTail(logPath, offset))
		case <-ctx.Done():
			return nil, fmt.Errorf("postgres does not accept connections: %w (last attempt: %v); end of %s:\n%s",
				ctx.Err(), err, logPath, logTail(logPath, offset))
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
	select {
	case <-s.exited:
		return fmt.Errorf("postgres had exited: %v", s.waitErr)
	default:
	}
	steps := []struct {
		sig     os.Signal
		timeout time.Duration
	}{{syscall.SIGINT, stopTimeout}, {syscall.SIGQUIT, killTimeout}, {os.Kill, killTimeout}}
	for i, step := range steps {
		_ = s.cmd.Process.Signal(step.sig)
		select {
		case <-s.exited:
			if i == 0 {
				return nil
			}
			return fmt.Errorf("postgres did not stop within %s; forced it with %v", stopTimeout, step.sig)
		case <-time.After(step.timeout):
		}
	}
	return errors.New("postgres does not exit, even after SIGKILL")
}

// openLog opens postgres.log for appending, after moving a large one aside, and returns
// its size, from where this run's output starts.
func openLog(path string) (*os.File, int64, error) {
	if fi, err := os.Stat(path); err == nil && fi.Size() > maxLogSize {
		_ = os.Rename(path, path+".1")
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, 0, fmt.Errorf("postgres log: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("postgres log: %w", err)
	}
	return f, fi.Size(), nil
}

// logTail returns the last lines postgres wrote to its log since offset.
func logTail(path string, offset int64) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	b, _ := io.ReadAll(io.NewSectionReader(f, offset, 1<<20))
	return lastLines(string(b), 20)
}

// quoteListItem quotes a folder for a list-valued setting such as unix_socket_directories,
// where commas and spaces would otherwise split it.
func quoteListItem(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
