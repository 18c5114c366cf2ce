// Package pgserver starts and stops a private PostgreSQL cluster from the server binaries
// installed on the machine. The service runs on one when no DATABASE_URL is set, and the test
// suite starts a throwaway one per test binary.
//
// A data folder holds:
//
//	pg/               the cluster, made by initdb on first start
//	postgres.log      the server's output, rotated at 10 MB (postgres.log.1, .2)
//	lokalbanken.lock  locked (flock) by the process running the cluster; holds its pid
//	run/              the Unix socket folder, unless its path would be too long
//
// The cluster listens only on a Unix socket in a folder private to it, never on TCP, and
// its superuser lokalbanken logs in by trust. The process that takes the lock owns the
// cluster: it starts postgres as its child, restarts it when it dies (see Options.Exclusive)
// and stops it. Another process that finds the lock taken (a command-line tool next to a
// running service) connects to the running cluster instead; a second service refuses.
//
// The cluster's log holds no statement and no values from statements (see logSettings).
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
	// Exclusive is for the service: it must own the cluster. When another service holds the
	// folder, Start fails at once with an *InUseError naming its pid (a second service on one
	// cluster would lose it when the first stops); when a command holds it for a moment,
	// Start waits for the folder. Without Exclusive, Start uses a cluster another process
	// runs.
	Exclusive bool
}

// Restarts of a postmaster that died: the first attempt after firstBackoff, then twice as
// long each time up to maxBackoff. Attempts fail while the dead postmaster's children still
// hold its shared memory, which takes them a moment to notice. After giveUpAfter without a
// running cluster, Failed reports the last error.
const (
	firstBackoff = 100 * time.Millisecond
	maxBackoff   = 5 * time.Second
	giveUpAfter  = 5 * time.Minute
)

// Server is a running cluster, started by this process or found running by another one.
// Its methods may be called from several goroutines.
type Server struct {
	sockDir string
	port    int
	owned   bool
	dataDir string
	log     *slog.Logger

	// Set only when owned.
	binDir    string
	acct      account
	ephemeral bool
	lock      *os.File
	logs      *logSink
	mu        sync.Mutex
	cmd       *exec.Cmd     // the current postmaster
	exited    chan struct{} // closed when it has exited; waitErr is set by then
	waitErr   error
	quit      chan struct{} // closed by Stop: the supervisor returns
	watching  sync.WaitGroup
	failed    chan struct{} // closed when the supervisor gave up; failErr says why
	failErr   error
	restarts  atomic.Int64
	onRestart func()
	stopOnce  sync.Once
	stopErr   error
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
	lockPath := filepath.Join(dataDir, "lokalbanken.lock")
	role := roleCommand
	if opts.Exclusive {
		role = roleService
	}
	for {
		lock, err := tryLock(lockPath, role)
		if err != nil {
			return nil, err
		}
		if lock != nil {
			s := &Server{dataDir: dataDir, log: log, owned: true, lock: lock, binDir: binDir, acct: acct, ephemeral: opts.Ephemeral,
				quit: make(chan struct{}), failed: make(chan struct{})}
			if err := s.start(ctx); err != nil {
				lock.Close()
				return nil, err
			}
			s.watching.Add(1)
			go s.supervise()
			return s, nil
		}
		pid, holder := lockHolder(lockPath)
		if opts.Exclusive {
			// A service holds the folder: refuse, and touch nothing. (The file may still name
			// a holder that died, until the new one has written itself in.)
			if holder == roleService && alive(pid) {
				return nil, &InUseError{DataDir: dataDir, PID: pid}
			}
		} else if s, ok := attach(ctx, dataDir, log); ok {
			// The owner may still be starting its cluster, or be about to die and free the lock.
			return s, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("data folder %s is in use by another process (pid %d) whose database cluster does not answer: %w", dataDir, pid, ctx.Err())
		case <-tick.C:
		}
	}
}

// supervise restarts the postmaster whenever it exits while the Server is not being stopped
// (killed, crashed, shut down by hand), with backoff; the data folder survives and postgres
// recovers from its write-ahead log. It returns when Stop closes quit.
func (s *Server) supervise() {
	defer s.watching.Done()
	for {
		exited, _ := s.current()
		select {
		case <-s.quit:
			return
		case <-exited:
		}
		_, waitErr := s.current()
		s.log.Error("database cluster exited unexpectedly; restarting it", slog.String("data_dir", s.dataDir), slog.Any("err", waitErr))
		down := time.Now()
		backoff := firstBackoff
		for attempt := 1; ; attempt++ {
			select {
			case <-s.quit:
				return
			case <-time.After(backoff):
			}
			ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
			go func() {
				select {
				case <-s.quit: // Stop while starting: give up at once
					cancel()
				case <-ctx.Done():
				}
			}()
			err := s.launch(ctx)
			cancel()
			if err == nil {
				s.restarts.Add(1)
				s.mu.Lock()
				f := s.onRestart
				s.mu.Unlock()
				if f != nil {
					f()
				}
				s.log.Info("database cluster restarted", slog.String("data_dir", s.dataDir), slog.Int("pid", s.pid()),
					slog.Int("attempts", attempt), slog.Int64("down_ms", time.Since(down).Milliseconds()))
				break
			}
			select {
			case <-s.quit:
				return
			default:
			}
			s.log.Warn("database cluster restart failed", slog.String("data_dir", s.dataDir), slog.Int("attempt", attempt), slog.Any("err", err))
			if time.Since(down) > giveUpAfter {
				s.mu.Lock()
				s.failErr = fmt.Errorf("database cluster in %s does not start again after %s: %w", s.dataDir, giveUpAfter, err)
				s.mu.Unlock()
				close(s.failed)
				return
			}
			backoff = min(2*backoff, maxBackoff)
		}
	}
}

// Failed returns a channel that is closed when the cluster died and could not be started
// again for five minutes, and the error then; the service should exit so that whatever runs
// it can act. It is nil (never ready) for a Server that is not Owned.
func (s *Server) Failed() <-chan struct{} {
	return s.failed
}

// Err returns why Failed was closed, or nil.
func (s *Server) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failErr
}

// Alive returns nil when this process's postmaster runs, and an error while it is dead or
// being restarted; nil for a cluster that another process runs. Connections made before a
// postmaster died may still answer for a moment, so /readyz asks this too.
func (s *Server) Alive() error {
	if !s.owned {
		return nil
	}
	exited, _ := s.current()
	select {
	case <-exited:
		return errors.New("database cluster is not running; it is being restarted")
	default:
		return nil
	}
}

// OnRestart sets a function called after each restart of the postmaster (the service
// empties its pool of the dead postmaster's connections).
func (s *Server) OnRestart(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onRestart = f
}

// Restarts returns how many times the postmaster was restarted after it died.
func (s *Server) Restarts() int64 {
	return s.restarts.Load()
}

// PID returns the running postmaster's process id, or 0 when there is none or the cluster
// is another process's.
func (s *Server) PID() int {
	if !s.owned {
		return 0
	}
	return s.pid()
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
		close(s.quit)
		s.watching.Wait() // no restart from now on
		s.stopErr = s.terminate()
		if filepath.Dir(s.sockDir) == "/tmp" {
			_ = os.Remove(s.sockDir) // the fallback folder; fails harmlessly if not empty
		}
		s.lock.Close()
		s.logs.Close()
		s.log.Info("database cluster stopped", slog.String("data_dir", s.dataDir),
			slog.Int64("duration_ms", time.Since(start).Milliseconds()))
	})
	return s.stopErr
}
