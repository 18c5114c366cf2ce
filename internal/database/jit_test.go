package database_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/dbtest"
)

// Every connection from Open runs with JIT off, even on a server or database whose default
// turns it on (a DATABASE_URL installation): the database here is set to jit=on, and the
// embedded cluster's own jit=off must not be what the test sees.
func TestOpenTurnsOffJIT(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	u := dbtest.NewURL(t)
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(parsed.Path, "/")
	admin, err := database.Open(ctx, dbtest.URL(t, "postgres"), database.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "ALTER DATABASE "+name+" SET jit = on"); err != nil {
		t.Fatal(err)
	}
	db, err := database.Open(ctx, u, database.Options{MaxOpenConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var jit string
	if err := db.NewRaw("SHOW jit").Scan(ctx, &jit); err != nil {
		t.Fatal(err)
	}
	if jit != "off" {
		t.Fatalf("SHOW jit on a connection from Open = %q, want off", jit)
	}
}
