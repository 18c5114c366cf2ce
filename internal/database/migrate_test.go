package database_test

import (
	"context"
	"sync"
	"testing"

	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/migrations"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// Instances that start together must not both migrate: each call takes the advisory lock, the
// first applies everything, the others find nothing left to do.
func TestMigrateConcurrently(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	admin, err := database.Open(ctx, dbtest.URL(t, "postgres"), database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE migrate_race"); err != nil {
		t.Fatal(err)
	}
	const instances = 4
	applied := make([][]string, instances)
	errs := make([]error, instances)
	var wg sync.WaitGroup
	for i := range instances {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := database.Open(ctx, dbtest.URL(t, "migrate_race"), database.Options{})
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close()
			applied[i], errs[i] = database.Migrate(ctx, db, migrations.FS)
		}()
	}
	wg.Wait()
	total := 0
	for i := range instances {
		if errs[i] != nil {
			t.Fatalf("instance %d: %v", i, errs[i])
		}
		if len(applied[i]) > 0 {
			total++
		}
	}
	if total != 1 {
		t.Fatalf("%d instances applied migrations, want exactly 1: %v", total, applied)
	}
	db, err := database.Open(ctx, dbtest.URL(t, "migrate_race"), database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pending, err := database.Pending(ctx, db, migrations.FS)
	if err != nil || len(pending) != 0 {
		t.Fatalf("pending after migrate: %v, %v", pending, err)
	}
	var n int
	if err := db.NewRaw("SELECT (SELECT count(*) FROM bun_migrations) + (SELECT count(*) FROM river_migration)").Scan(ctx, &n); err != nil || n != len(applied[0])+len(applied[1])+len(applied[2])+len(applied[3]) {
		t.Fatalf("bun_migrations and river_migration have %d rows: %v", n, err)
	}
}

func TestPendingOnEmptyDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	admin, err := database.Open(ctx, dbtest.URL(t, "postgres"), database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE pending_empty"); err != nil {
		t.Fatal(err)
	}
	db, err := database.Open(ctx, dbtest.URL(t, "pending_empty"), database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pending, err := database.Pending(ctx, db, migrations.FS)
	if err != nil || len(pending) == 0 {
		t.Fatalf("an empty database has no pending migrations: %v, %v", pending, err)
	}
}
