package database_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/dbtest"
)

func TestIsUnavailable(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("boom"), false},
		{&pgconn.PgError{Code: "23505"}, false},
		{&pgconn.PgError{Code: "40001"}, false},
		{&pgconn.PgError{Code: "57014"}, false}, // statement timeout: a slow query, not a missing database
		{&pgconn.PgError{Code: "57P01"}, true},
		{&pgconn.PgError{Code: "57P02"}, true},
		{&pgconn.PgError{Code: "57P03"}, true},
		{&pgconn.PgError{Code: "25006"}, true},
		{&pgconn.PgError{Code: "53100"}, true},
		{&pgconn.PgError{Code: "53300"}, true},
		{&pgconn.PgError{Code: "08006"}, true},
		{fmt.Errorf("create booking: %w", &pgconn.PgError{Code: "53100"}), true},
		{fmt.Errorf("find: %w", &net.OpError{Op: "dial", Net: "unix", Err: syscall.ECONNREFUSED}), true},
		{fmt.Errorf("find: %w", io.ErrUnexpectedEOF), true},
		{fmt.Errorf("find: %w", pgconn.ErrConnClosed), true},
	} {
		if got := database.IsUnavailable(tc.err); got != tc.want {
			t.Errorf("IsUnavailable(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

// Health.Check finds a database that answers a ping but cannot write: its probe fails in a
// read-only session, and a write that failed because the database was unavailable keeps it
// red until a write succeeds.
func TestHealthCheck(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h := database.NewHealth()
	db, err := database.Open(ctx, dbtest.NewURL(t), database.Options{Health: h, MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := h.Check(ctx, db); err != nil {
		t.Fatalf("Check of a healthy database: %v", err)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE probe (v int)"); err != nil {
		t.Fatal(err)
	}

	if _, err := db.ExecContext(ctx, "SET default_transaction_read_only = on"); err != nil {
		t.Fatal(err)
	}
	if err := h.Check(ctx, db); err == nil {
		t.Error("Check of a read-only session: nil, want an error")
	}
	_, err = db.ExecContext(ctx, "INSERT INTO probe VALUES (1)")
	if !database.IsUnavailable(err) {
		t.Fatalf("insert in a read-only session: %v, want an error of IsUnavailable", err)
	}
	if _, err := db.ExecContext(ctx, "SET default_transaction_read_only = off"); err != nil {
		t.Fatal(err)
	}
	if err := h.Check(ctx, db); err == nil {
		t.Error("Check right after a write failed for want of a writable database: nil, want an error")
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO probe VALUES (2)"); err != nil {
		t.Fatal(err)
	}
	if err := h.Check(ctx, db); err != nil {
		t.Errorf("Check after a write succeeded again: %v", err)
	}

	var nilHealth *database.Health
	if err := nilHealth.Check(ctx, db); err != nil {
		t.Errorf("nil Health, database answers: %v", err)
	}
}
