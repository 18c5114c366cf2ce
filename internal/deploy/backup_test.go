package deploy_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/pgserver"
)

// buildPlain builds the program as `go build` does by default (sharing the build cache with
// the other tests), into dir.
func buildPlain(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "lokalbanken")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/lokalbanken")
	cmd.Dir = root()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestBackupRestore: `lokalbanken backup` of a DATABASE_URL database with the demo data,
// people, and agreement and meeting documents (binary PDFs of 300 kB), restored with
// `lokalbanken restore` into a fresh data folder (the embedded default, its own new
// cluster); every row of every table, and every sequence, is the same afterwards. A second
// restore into the now full database is refused and changes nothing.
func TestBackupRestore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	bin := buildPlain(t)
	srcURL := dbtest.NewURL(t)
	lb := func(env []string, stdin string, args ...string) (string, error) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), env...)
		cmd.Stdin = strings.NewReader(stdin)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return stderr.String(), fmt.Errorf("lokalbanken %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return string(out), nil
	}
	src := []string{"DATABASE_URL=" + srcURL, "LOKALBANKEN_LOG_FORMAT=text"}
	for _, args := range [][]string{
		{"demo"},
		{"user", "create", "--email", "kim@example.org", "--name", "Kim", "--city-admin"},
	} {
		if _, err := lb(src, "ett långt lösenord för testet\n", args...); err != nil {
			t.Fatal(err)
		}
	}
	db, err := database.Open(ctx, srcURL, database.Options{MaxOpenConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pdf := make([]byte, 300_000)
	_, _ = rand.Read(pdf)
	copy(pdf, "%PDF-1.7\n")
	for _, table := range []string{"agreement", "meeting"} {
		if _, err := db.ExecContext(ctx, fmt.Sprintf(`INSERT INTO %[1]s_documents (%[1]s_id, title, filename, content_type, size, sha256, content, created_at)
			SELECT id, 'Protokoll', 'protokoll.pdf', 'application/pdf', ?, sha256(?::bytea), ?::bytea, now() FROM %[1]ss ORDER BY id LIMIT 2`, table),
			len(pdf), pdf, pdf); err != nil {
			t.Fatal(err)
		}
	}
	before := fingerprint(t, db)
	for _, table := range []string{"bookings", "agreements", "agreement_documents", "meeting_documents", "users", "organisations"} {
		if !strings.HasPrefix(before[table], "0 ") && before[table] != "" {
			continue
		}
		t.Fatalf("the source has no %s: %q", table, before[table])
	}

	dump := filepath.Join(t.TempDir(), "lokalbanken.dump")
	start := time.Now()
	if _, err := lb(src, "", "backup", dump); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dump)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("the dump is readable by others: %v", fi.Mode())
	}
	t.Logf("backup: %d bytes in %.1f s", fi.Size(), time.Since(start).Seconds())

	dataDir := filepath.Join(t.TempDir(), "restored")
	dst := []string{"DATABASE_URL=", "LOKALBANKEN_DATA_DIR=" + dataDir, "LOKALBANKEN_LOG_FORMAT=text"}
	start = time.Now()
	if _, err := lb(dst, "", "restore", dump); err != nil {
		t.Fatal(err)
	}
	t.Logf("restore into a new embedded cluster: %.1f s", time.Since(start).Seconds())
	msg, err := lb(dst, "", "restore", dump)
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(msg, "not empty") {
		t.Errorf("a restore into a full database: %v", err)
	}

	srv, err := pgserver.Start(ctx, pgserver.Options{DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	restored, err := database.Open(ctx, srv.URL("lokalbanken"), database.Options{MaxOpenConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	after := fingerprint(t, restored)
	for table, want := range before {
		if after[table] != want {
			t.Errorf("%s: restored %q, was %q", table, after[table], want)
		}
	}
	for table := range after {
		if _, ok := before[table]; !ok {
			t.Errorf("%s: restored, but not in the source", table)
		}
	}
}

// fingerprint returns, for every table of the public schema, its row count and an md5 of
// all its rows in text form, and for every sequence its last value.
func fingerprint(t *testing.T, db *bun.DB) map[string]string {
	t.Helper()
	ctx := context.Background()
	var tables []string
	if err := db.NewRaw("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").Scan(ctx, &tables); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, table := range tables {
		var n int
		var sum string
		if err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*), coalesce(md5(string_agg(t::text, E'\n' ORDER BY t::text)), '') FROM %q t`, table)).Scan(&n, &sum); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		out[table] = fmt.Sprintf("%d %s", n, sum)
	}
	var seqs []string
	if err := db.NewRaw("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1").Scan(ctx, &seqs); err != nil {
		t.Fatal(err)
	}
	for _, s := range seqs {
		var last *int64
		if err := db.QueryRowContext(ctx, fmt.Sprintf(`SELECT last_value FROM %q`, s)).Scan(&last); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if last != nil {
			out["sequence "+s] = fmt.Sprint(*last)
		}
	}
	return out
}
