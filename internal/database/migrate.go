package database

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"
)

// migrationLockID is the pg_advisory_lock key that serialises migrations across instances
// ("lokalban" in ASCII).
const migrationLockID int64 = 0x6c6f6b616c62616e

// Migrate applies every migration in fsys that the database has not seen, holding a
// PostgreSQL advisory lock for the whole run so that instances starting together take turns:
// the second one waits, then finds nothing left to do. The lock is a session lock on a
// dedicated connection, so a crashed process leaves nothing behind (unlike bun's lock table).
// After our own migrations it runs River's (the job queue that delivers mail, see
// internal/notify), under the same lock; they are named "river_<version>" in the result.
// It returns the names of the migrations it applied.
func Migrate(ctx context.Context, db *bun.DB, fsys fs.FS) ([]string, error) {
	ms := migrate.NewMigrations()
	if err := ms.Discover(fsys); err != nil {
		return nil, fmt.Errorf("discover migrations: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(?)", migrationLockID); err != nil {
		return nil, fmt.Errorf("take migration lock: %w", err)
	}
	// Unlock with a fresh context: ctx may be cancelled, and a pooled connection that kept the
	// lock would block every later migration.
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(?)", migrationLockID) //nolint:errcheck

	m := migrate.NewMigrator(db, ms, migrate.WithMarkAppliedOnSuccess(true))
	if err := m.Init(ctx); err != nil {
		return nil, fmt.Errorf("init migrations table: %w", err)
	}
	group, err := m.Migrate(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var names []string
	for _, mig := range group.Migrations {
		names = append(names, mig.Name)
	}
	river, err := riverMigrator(db)
	if err != nil {
		return names, err
	}
	res, err := river.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return names, fmt.Errorf("migrate job queue: %w", err)
	}
	for _, v := range res.Versions {
		names = append(names, fmt.Sprintf("river_%d", v.Version))
	}
	return names, nil
}

// riverMigrator returns River's migrator over db's pool; River logs only its warnings.
func riverMigrator(db *bun.DB) (*rivermigrate.Migrator[*sql.Tx], error) {
	m, err := rivermigrate.New(riverdatabasesql.New(db.DB), &rivermigrate.Config{
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		return nil, fmt.Errorf("job queue migrations: %w", err)
	}
	return m, nil
}

// RiverVersion is the newest version of River's schema that Migrate applies; a test
// template database built for another version is stale.
func RiverVersion() int {
	m, err := rivermigrate.New(riverdatabasesql.New(nil), nil)
	if err != nil {
		return 0
	}
	all := m.AllVersions()
	if len(all) == 0 {
		return 0
	}
	return all[len(all)-1].Version
}

// Pending returns the names of the migrations in fsys not yet applied; /readyz uses it.
func Pending(ctx context.Context, db bun.IDB, fsys fs.FS) ([]string, error) {
	ms := migrate.NewMigrations()
	if err := ms.Discover(fsys); err != nil {
		return nil, fmt.Errorf("discover migrations: %w", err)
	}
	var applied []string
	var exists bool
	if err := db.NewRaw("SELECT to_regclass('bun_migrations') IS NOT NULL").Scan(ctx, &exists); err != nil {
		return nil, fmt.Errorf("pending migrations: %w", err)
	}
	if exists {
		if err := db.NewRaw("SELECT name FROM bun_migrations").Scan(ctx, &applied); err != nil {
			return nil, fmt.Errorf("pending migrations: %w", err)
		}
	}
	done := make(map[string]bool, len(applied))
	for _, n := range applied {
		done[n] = true
	}
	var names []string
	for _, mig := range ms.Sorted() {
		if !done[mig.Name] {
			names = append(names, mig.Name)
		}
	}
	riverPending, err := riverPending(ctx, db)
	if err != nil {
		return nil, err
	}
	return append(names, riverPending...), nil
}

// riverPending names River's migrations not yet applied.
func riverPending(ctx context.Context, db bun.IDB) ([]string, error) {
	var exists bool
	if err := db.NewRaw("SELECT to_regclass('river_migration') IS NOT NULL").Scan(ctx, &exists); err != nil {
		return nil, fmt.Errorf("pending migrations: %w", err)
	}
	var applied []int
	if exists {
		if err := db.NewRaw("SELECT version FROM river_migration WHERE line = 'main'").Scan(ctx, &applied); err != nil {
			return nil, fmt.Errorf("pending migrations: %w", err)
		}
	}
	done := make(map[int]bool, len(applied))
	for _, v := range applied {
		done[v] = true
	}
	m, err := rivermigrate.New(riverdatabasesql.New(nil), nil)
	if err != nil {
		return nil, fmt.Errorf("pending migrations: %w", err)
	}
	var names []string
	for _, mig := range m.AllVersions() {
		if !done[mig.Version] {
			names = append(names, fmt.Sprintf("river_%d", mig.Version))
		}
	}
	return names, nil
}
