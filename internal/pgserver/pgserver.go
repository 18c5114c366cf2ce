// Package pgserver starts and stops a private PostgreSQL cluster from the server binaries
// installed on the machine. The service runs on one when no DATABASE_URL is set, and the test
// suite starts a throwaway one per test binary.
//
// A data folder holds:
//
//	pg/               the cluster, made by initdb on first start
//	postgres.log      the server's output, appended to
//	lokalbanken.lock  locked (flock) by the process running the cluster
//	run/              the Unix socket folder, unless its path would be too long
//
// The cluster listens only on a Unix socket in a folder private to it, never on TCP, and
// its superuser lokalbanken logs in by trust. The process that takes the lock owns the
// cluster: it starts postgres as its child and stops it. Another process that finds the lock
// taken (a command-line tool next to a running service) connects to the running cluster
// instead.
//
// PostgreSQL refuses to run as root. When we are root, initdb and postgres run as the
// postgres account, which gets the cluster and socket folders and search permission on the
// folders above them.
package pgserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

const (
	dbName       = "lokalbanken" // the service's database, created on first start
	pollInterval = 50 * time.Millisecond
	startTimeout = 60 * time.Second // for the whole Start, initdb included
	stopTimeout  = 30 * time.Second // for a fast shutdown, before an immediate one
	killTimeout  = 10 * time.Second // for an immediate shutdown, before SIGKILL
)

// Options configures a cluster.
type Options struct {
	// DataDir is the folder holding the cluster and its lock, log and socket folder. It is
	// created if missing and survives restarts.
	DataDir string
	// Ephemeral tunes the cluster for tests: no fsync, no synchronous commit, no full page
	// writes, and initdb --no-sync. A machine crash may corrupt such a cluster.
	Ephemeral bool
	// Log receives lifecycle messages at info level; nil discards them.
	Log *slog.Logger
}

// Server is a running cluster, started by this process or found running by another one.
// Its methods may be called from several goroutines.
type Server struct {
	sockDir string
	port    int
	owned   bool
	dataDir string
	log     *slog.Logger

	// Set only when owned.
	cmd      *exec.Cmd
	exited   chan struct{} // closed when postgres has exited; waitErr is set by then
	waitErr  error
	running  atomic.Bool // started and not being stopped: an exit now is unexpected
	lock     *os.File
	logFile  *os.File
	stopOnce sync.Once
	stopErr  error
}

// Start returns a running cluster in opts.DataDir. If no other process holds the folder's
// lock, it takes it, creates the cluster on first use (initdb), stops an orphaned postmaster
// left by a crashed owner, starts postgres as a child process, waits until it accepts
// connections and creates the database lokalbanken if missing; the Server is then Owned.
// If another process holds the lock, Start waits until that process's cluster accepts
// connections and returns a Server that is not Owned.
//
// Start returns ErrNoBinaries when PostgreSQL is not installed, an error naming the way out
// when running as root without a postgres account, and an error quoting the end of
// postgres.log when postgres exits during start. It gives up after 60 seconds or when ctx
// ends; ctx does not bound the life of the cluster.
func Start(ctx context.Context, opts Options) (*Server, error) {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if opts.DataDir == "" {
		return nil, errors.New("start database cluster: no data folder")
	}
	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	binDir, err := FindBinDir()
	if err != nil {
		return nil, err
	}
	acct, err := lookupAccount()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	if err := acct.grantSearch(dataDir, log); err != nil {
		return nil, err
	}

	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	tick := time.NewTicker(pollInterval)
	defer tick.Stop()
	for {
		lock, err := tryLock(filepath.Join(dataDir, "lokalbanken.lock"))
		if err != nil {
			return nil, err
		}
		if lock != nil {
			s := &Server{dataDir: dataDir, log: log, owned: true, lock: lock}
			if err := s.start(ctx, binDir, acct, opts.Ephemeral); err != nil {
				lock.Close()
				return nil, err
			}
			return s, nil
		}
		// The owner may still be starting its cluster, or be about to die and free the lock.
		if s, ok := attach(ctx, dataDir, log); ok {
			return s, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("data folder %s is in use by another process whose database cluster does not answer: %w", dataDir, ctx.Err())
		case <-tick.C:
		}
	}
}

// attach returns a Server for the cluster another process runs in dataDir, if it accepts
// connections to the service's database (so the owner has finished starting it).
func attach(ctx context.Context, dataDir string, log *slog.Logger) (*Server, bool) {
	pf, err := readPIDFile(filepath.Join(dataDir, "pg"))
	if err != nil || pf.sockDir == "" || pf.port == 0 || (pf.status != "" && pf.status != "ready") {
		return nil, false
	}
	s := &Server{dataDir: dataDir, log: log, sockDir: pf.sockDir, port: pf.port}
	cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, err := pgx.Connect(cctx, s.URL(dbName))
	if err != nil {
		return nil, false
	}
	_ = conn.Close(cctx)
	log.Info("using database cluster of another process", slog.String("data_dir", dataDir), slog.Int("pid", pf.pid))
	return s, true
}

// URL returns a URL for database dbname on the cluster, for pgx or libpq:
// postgres://lokalbanken@/DBNAME?host=SOCKETDIR&port=5432&sslmode=disable.
func (s *Server) URL(dbname string) string {
	q := "host=" + queryEscape(s.sockDir) + "&port=" + strconv.Itoa(s.port) + "&sslmode=disable"
	u := url.URL{Scheme: "postgres", User: url.User(superuser), Path: "/" + dbname, RawQuery: q}
	return u.String()
}

// queryEscape escapes a query value the way libpq and pgx decode it: they take %XX only,
// and read a '+' as a plus, so a space must be %20 (url.Values would write '+').
func queryEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// Owned reports whether this process started the cluster, in which case Stop stops it.
func (s *Server) Owned() bool {
	return s.owned
}

// Stop stops the cluster if this process owns it, with a fast shutdown (open sessions are
// ended, committed work is kept), and releases the data folder. If postgres does not stop
// within 30 seconds it is shut down immediately, and Stop returns an error saying so; the next
// start then recovers from the write-ahead log. For a Server that is not owned Stop does
// nothing. Calling Stop again returns the first result.
func (s *Server) Stop() error {
	if !s.owned {
		return nil
	}
	s.stopOnce.Do(func() {
		start := time.Now()
		s.running.Store(false)
		s.stopErr = s.terminate()
		if filepath.Dir(s.sockDir) == "/tmp" {
			_ = os.Remove(s.sockDir) // the fallback folder; fails harmlessly if not empty
		}
		s.lock.Close()
		s.logFile.Close()
		s.log.Info("database cluster stopped", slog.String("data_dir", s.dataDir),
			slog.Int64("duration_ms", time.Since(start).Milliseconds()))
	})
	return s.stopErr
}
