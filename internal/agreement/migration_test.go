package agreement_test

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/migrations"
)

// agreementsMigration is the migration that moved the stand-in table compact_signatories
// into the Compact's signatures.
const agreementsMigration = "20261124130000_agreements.tx.up.sql"

// migrationsBefore returns the migrations that ran before name, as a file system of its own.
func migrationsBefore(t *testing.T, name string) fs.FS {
	t.Helper()
	out := fstest.MapFS{}
	entries, err := fs.ReadDir(migrations.FS, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") || e.Name() >= name {
			continue
		}
		b, err := fs.ReadFile(migrations.FS, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = &fstest.MapFile{Data: b}
	}
	return out
}

// TestMigrationMovesCompactSignatories: a database that had signatories in the stand-in
// table keeps every one of them, with its date, as a current signature of the seeded
// Compact, and they keep their right to book under the rule compact.
func TestMigrationMovesCompactSignatories(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	admin, err := database.Open(ctx, dbtest.URL(t, "postgres"), database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Named apart, as a server given by LOKALBANKEN_TEST_DATABASE_URL may serve other runs.
	name := fmt.Sprintf("move_signatories_%d", time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	// Cleanups run after the deferred close of db below, so the drop finds it unused.
	t.Cleanup(func() {
		_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		admin.Close()
	})
	db, err := database.Open(ctx, dbtest.URL(t, name), database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	if _, err := database.Migrate(ctx, db, migrationsBefore(t, agreementsMigration)); err != nil {
		t.Fatal(err)
	}
	var orgs []int64
	for _, n := range []string{"Röda Korset Borås", "PRO Norrby", "Ej undertecknare"} {
		var id int64
		err := db.NewRaw(`INSERT INTO organisations (kind, name, created_at, updated_at) VALUES ('association', ?, now(), now()) RETURNING id`, n).Scan(ctx, &id)
		if err != nil {
			t.Fatal(err)
		}
		orgs = append(orgs, id)
	}
	_, err = db.ExecContext(ctx, `INSERT INTO compact_signatories VALUES (?, '2019-03-14', now()), (?, '2021-05-01', now())`, orgs[0], orgs[1])
	if err != nil {
		t.Fatal(err)
	}

	if _, err := database.Migrate(ctx, db, migrations.FS); err != nil {
		t.Fatal(err)
	}
	var sigs []struct {
		OrganisationID int64
		SignedOn       time.Time
		SignerName     string
		AdoptedOn      time.Time
		Status         string
	}
	err = db.NewRaw(`SELECT s.organisation_id, s.signed_on, s.signer_name, v.adopted_on, a.status
		FROM signatories s JOIN agreement_versions v ON v.id = s.version_id JOIN agreements a ON a.id = s.agreement_id
		WHERE a.kind = 'compact' AND s.withdrawn_on IS NULL ORDER BY s.signed_on`).Scan(ctx, &sigs)
	if err != nil {
		t.Fatal(err)
	}
	if len(sigs) != 2 || sigs[0].OrganisationID != orgs[0] || sigs[0].SignedOn.Format(time.DateOnly) != "2019-03-14" ||
		sigs[1].OrganisationID != orgs[1] || sigs[1].SignedOn.Format(time.DateOnly) != "2021-05-01" ||
		sigs[0].SignerName != "" || sigs[0].AdoptedOn.Format(time.DateOnly) != "2019-03-14" || sigs[0].Status != "active" {
		t.Fatalf("moved signatures: %+v", sigs)
	}
	var stillThere bool
	if err := db.NewRaw(`SELECT to_regclass('compact_signatories') IS NOT NULL`).Scan(ctx, &stillThere); err != nil || stillThere {
		t.Fatalf("compact_signatories is still there (%v)", err)
	}
	current, err := agreement.CurrentCompactSignatories(ctx, db, orgs)
	if err != nil || len(current) != 2 {
		t.Fatalf("current signatories after the move: %v, %v", current, err)
	}
}
