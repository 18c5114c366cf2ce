// Package backup dumps the service's database with pg_dump and restores it with pg_restore,
// PostgreSQL's own programs, taken from the folder of the embedded cluster's binaries (or
// from PATH), and keeps the daily dumps of the embedded cluster. It knows no tables: a dump
// is the whole database.
package backup

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/borasstad/lokalbanken/internal/pgserver"
)

// Tool returns the path of a PostgreSQL client program (pg_dump, pg_restore): from the
// folder the embedded cluster's binaries are found in (pgserver.FindBinDir), so that the
// programs match the server, else from PATH (a machine with only the client package).
func Tool(name string) (string, error) {
	if dir, err := pgserver.FindBinDir(); err == nil {
		if p := filepath.Join(dir, name); isExecutable(p) {
			return p, nil
		}
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%s not found beside the PostgreSQL server binaries or on PATH: install PostgreSQL's client programs (Debian: apt-get install postgresql-client)", name)
	}
	return p, nil
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// Dump writes the whole database at dbURL to w in pg_dump's custom format (compressed; read
// by pg_restore). The dump is one consistent snapshot, taken while the service runs.
func Dump(ctx context.Context, dbURL string, w io.Writer) error {
	pgDump, err := Tool("pg_dump")
	if err != nil {
		return err
	}
	cmd, err := command(ctx, pgDump, dbURL, "--format=custom")
	if err != nil {
		return err
	}
	cmd.Stdout = w
	return run(cmd, "pg_dump")
}

// Restore loads a dump made by Dump into the database at dbURL, in one transaction: all of it
// or, on any error, nothing. Owners and privileges of the dump are not restored; everything
// belongs to the user of dbURL. The database should be empty (see Empty): a table that
// exists already is an error.
func Restore(ctx context.Context, dbURL string, r io.Reader) error {
	pgRestore, err := Tool("pg_restore")
	if err != nil {
		return err
	}
	cmd, err := command(ctx, pgRestore, dbURL, "--exit-on-error", "--single-transaction", "--no-owner", "--no-acl")
	if err != nil {
		return err
	}
	cmd.Stdin = r
	return run(cmd, "pg_restore")
}

// command runs prog on dbURL. A password in the URL goes to the program in PGPASSWORD, not on
// its command line, where every user of the machine could read it.
func command(ctx context.Context, prog, dbURL string, args ...string) (*exec.Cmd, error) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return nil, errors.New("database URL: cannot be parsed")
	}
	env := os.Environ()
	if pw, ok := u.User.Password(); ok {
		env = append(env, "PGPASSWORD="+pw)
		u.User = url.User(u.User.Username())
	}
	cmd := exec.CommandContext(ctx, prog, append(args, "--dbname="+u.String())...)
	cmd.Env = env
	return cmd, nil
}

func run(cmd *exec.Cmd, name string) error {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 2000 {
			msg = msg[:2000] + " …"
		}
		return fmt.Errorf("%s: %w: %s", name, err, msg)
	}
	return nil
}

// Daily keeps a dump a day of the embedded cluster in Dir: Run makes one when the newest is
// older than 23 hours (so at the first run after a start without a recent one, then about
// once a day), and removes all but the newest Keep.
type Daily struct {
	Dir  string
	Keep int
	URL  string // the database to dump
	Now  func() time.Time
}

// dumpPrefix and dumpSuffix frame the names of the daily dumps:
// lokalbanken-20261206T031500Z.dump, which sort by time.
const (
	dumpPrefix = "lokalbanken-"
	dumpSuffix = ".dump"
)

// Run makes the day's dump if it is due and prunes the old ones. It returns the file it
// wrote, or "" when none was due. A dump is written to a temporary file and renamed when
// complete, so a crash never leaves a partial dump under a dump's name.
func (d Daily) Run(ctx context.Context) (string, error) {
	if err := os.MkdirAll(d.Dir, 0o700); err != nil {
		return "", fmt.Errorf("backup folder: %w", err)
	}
	dumps, err := d.list()
	if err != nil {
		return "", err
	}
	now := d.Now().UTC()
	if n := len(dumps); n > 0 {
		if t, err := time.Parse("20060102T150405Z", strings.TrimSuffix(strings.TrimPrefix(dumps[n-1], dumpPrefix), dumpSuffix)); err == nil && now.Sub(t) < 23*time.Hour {
			return "", nil
		}
	}
	name := filepath.Join(d.Dir, dumpPrefix+now.Format("20060102T150405Z")+dumpSuffix)
	if err := WriteFile(ctx, d.URL, name); err != nil {
		return "", err
	}
	dumps = append(dumps, filepath.Base(name))
	for len(dumps) > max(d.Keep, 1) {
		if err := os.Remove(filepath.Join(d.Dir, dumps[0])); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return name, fmt.Errorf("remove old dump: %w", err)
		}
		dumps = dumps[1:]
	}
	return name, nil
}

// list returns the names of the daily dumps in Dir, oldest first.
func (d Daily) list() ([]string, error) {
	entries, err := os.ReadDir(d.Dir)
	if err != nil {
		return nil, fmt.Errorf("backup folder: %w", err)
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, dumpPrefix) && strings.HasSuffix(n, dumpSuffix) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, nil
}

// WriteFile dumps the database at dbURL into the file name (mode 0600: a dump holds personal
// data and password hashes), through a temporary file renamed when the dump is complete.
func WriteFile(ctx context.Context, dbURL, name string) (err error) {
	f, err := os.CreateTemp(filepath.Dir(name), ".partial-"+filepath.Base(name)+"-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := Dump(ctx, dbURL, f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(f.Name(), name); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}
