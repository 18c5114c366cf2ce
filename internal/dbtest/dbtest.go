// Package dbtest gives tests a real PostgreSQL: one throwaway cluster per test binary, a
// template database migrated once, and a fresh database cloned from it for every test.
// Import it only from _test.go files.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"sort"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/pgserver"
	"github.com/borasstad/lokalbanken/migrations"
)

// EnvURL names a PostgreSQL server to use instead of starting a cluster; its user must be
// allowed to create databases.
const EnvURL = "LOKALBANKEN_TEST_DATABASE_URL"

var (
	serverURL string // URL of the server, database part replaced per use

	tplOnce sync.Once
	tplName string
	tplErr  error
)

// Main starts the cluster, runs the tests and stops the cluster. Call it from TestMain. A
// cluster that cannot start fails the run: database tests never skip.
func Main(m *testing.M) {
	os.Exit(run(m))
}

// Run is Main without the exit: it returns the tests' exit code, for a TestMain that has
// more to clean up after the cluster has stopped.
func Run(m *testing.M) int {
	return run(m)
}

func run(m *testing.M) int {
	if u := os.Getenv(EnvURL); u != "" {
		serverURL = u
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "lbtest")
	if err != nil {
		fmt.Fprintln(os.Stderr, "dbtest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	srv, err := pgserver.Start(context.Background(), pgserver.Options{
		DataDir:   dir,
		Ephemeral: true,
		Log:       slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "dbtest: start PostgreSQL:", err)
		return 1
	}
	defer srv.Stop()
	serverURL = srv.URL("postgres")
	return m.Run()
}

// URL returns the URL of database name on the test server.
func URL(tb testing.TB, name string) string {
	tb.Helper()
	if serverURL == "" {
		tb.Fatal("dbtest: no server; call dbtest.Main from TestMain")
	}
	u, err := url.Parse(serverURL)
	if err != nil {
		tb.Fatalf("dbtest: parse server url: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// NewURL creates a fresh, migrated database and returns its URL; it is dropped when the test
// passes and kept (its URL logged) when it fails.
func NewURL(tb testing.TB) string {
	tb.Helper()
	tplOnce.Do(func() { tplName, tplErr = ensureTemplate(tb) })
	if tplErr != nil {
		tb.Fatalf("dbtest: template database: %v", tplErr)
	}
	name := "t_" + randomHex(8)
	admin := open(tb, URL(tb, "postgres"))
	defer admin.Close()
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+tplName); err != nil {
		tb.Fatalf("dbtest: create database: %v", err)
	}
	dbURL := URL(tb, name)
	tb.Cleanup(func() {
		if tb.Failed() {
			tb.Logf("dbtest: kept database of failed test: %s", dbURL)
			return
		}
		admin := open(tb, URL(tb, "postgres"))
		defer admin.Close()
		_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	return dbURL
}

// New returns a pool on a fresh, migrated database of its own; see NewURL.
func New(tb testing.TB) *bun.DB {
	tb.Helper()
	db := open(tb, NewURL(tb))
	// Registered after NewURL's cleanup, so it runs first: close before drop.
	tb.Cleanup(func() { db.Close() })
	return db
}

func open(tb testing.TB, u string) *bun.DB {
	tb.Helper()
	db, err := database.Open(context.Background(), u, database.Options{MaxOpenConns: 10})
	if err != nil {
		tb.Fatalf("dbtest: %v", err)
	}
	return db
}

// ensureTemplate creates and migrates the template database once per migration set. Several
// test binaries may share a server, so the work is done under an advisory lock, and the
// database is marked as a template only after migrating succeeded; a half-built one left by
// a crash is dropped and rebuilt.
func ensureTemplate(tb testing.TB) (string, error) {
	ctx := context.Background()
	name, err := templateName()
	if err != nil {
		return "", err
	}
	admin := open(tb, URL(tb, "postgres"))
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	const lockID = 0x6c62746573746462 // "lbtestdb"
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?)", lockID); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(?)", lockID) //nolint:errcheck

	var isTemplate bool
	err = conn.QueryRowContext(ctx, "SELECT datistemplate FROM pg_database WHERE datname = ?", name).Scan(&isTemplate)
	if err == nil && isTemplate {
		return name, nil
	}
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	tpl := open(tb, URL(tb, name))
	_, err = database.Migrate(ctx, tpl, migrations.FS)
	tpl.Close()
	if err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+name+" WITH IS_TEMPLATE true"); err != nil {
		return "", err
	}
	return name, nil
}

// templateName is derived from the migration files and River's schema version, so a changed
// migration gets a new template.
func templateName() (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "river %d\n", database.RiverVersion())
	var names []string
	err := fs.WalkDir(migrations.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(migrations.FS, n)
		if err != nil {
			return "", err
		}
		h.Write([]byte(n))
		h.Write(b)
	}
	return "tpl_" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
