package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/httpapi"
	"github.com/borasstad/lokalbanken/internal/logging"
	"github.com/borasstad/lokalbanken/internal/server"
)

// TestDatabaseReadOnly: a database that answers but refuses writes (here
// default_transaction_read_only, as on a standby; a full disk fails the same way) makes
// writes answer 503 with Retry-After rather than 500, and /readyz red although a ping
// works; once writes work again, so does everything.
func TestDatabaseReadOnly(t *testing.T) {
	e := newEnv(t, 1<<20)
	health := database.NewHealth()
	e.db.AddQueryHook(health)
	srv := httptest.NewServer(server.New(server.Options{
		Log: logging.New(testWriter{t}, "text", "info"), DB: e.db, Health: health, MaxBodyBytes: 1 << 20, Auth: e.accounts,
		API: mustAPI(t, httpapi.Deps{
			Organisations: e.orgs, Venues: e.venues, Accounts: e.accounts, Audit: e.audit, Bookings: e.bookings,
			FeedTokens: e.feeds, Agreements: e.agree, Meetings: e.meetings, Rounds: e.rounds, BaseURL: testBaseURL,
		}),
	}))
	t.Cleanup(srv.Close)
	e.srv = srv

	for _, method := range []string{"GET", "HEAD"} {
		for _, path := range []string{"/healthz", "/readyz"} {
			if r := e.do(method, path, ""); r.status != http.StatusOK {
				t.Fatalf("%s %s before: %d %s", method, path, r.status, r.raw)
			}
		}
	}

	setReadOnly(t, e.db, true)
	r := e.do("POST", "/api/v1/organisations", `{"kind":"association","name":"Skrivskyddade föreningen"}`)
	if r.status != http.StatusServiceUnavailable || r.header.Get("Retry-After") == "" || r.header.Get("Content-Type") != "application/problem+json" ||
		r.body["type"] != httpapi.ProblemTypeBase+"unavailable" {
		t.Errorf("create organisation in a read-only database: %d, Retry-After %q, %s; want a 503 problem with Retry-After",
			r.status, r.header.Get("Retry-After"), r.raw)
	}
	for _, method := range []string{"GET", "HEAD"} {
		if r := e.do(method, "/readyz", ""); r.status != http.StatusServiceUnavailable {
			t.Errorf("%s /readyz while the database cannot write: %d %s, want 503", method, r.status, r.raw)
		}
		if r := e.do(method, "/healthz", ""); r.status != http.StatusOK {
			t.Errorf("%s /healthz while the database cannot write: %d, want 200", method, r.status)
		}
	}
	if r := e.do("GET", "/api/v1/organisations?limit=1", ""); r.status != http.StatusOK {
		t.Errorf("reading from a read-only database: %d %s, want 200", r.status, r.raw)
	}

	setReadOnly(t, e.db, false)
	if r := e.do("POST", "/api/v1/organisations", `{"kind":"association","name":"Skrivbara föreningen"}`); r.status != http.StatusCreated {
		t.Fatalf("create organisation after: %d %s", r.status, r.raw)
	}
	if r := e.do("GET", "/readyz", ""); r.status != http.StatusOK {
		t.Errorf("/readyz after a write succeeded again: %d %s, want 200", r.status, r.raw)
	}
}

// setReadOnly makes the test's database refuse or allow writes, for new sessions, and ends
// every session so that the pool reconnects (as it must after a failover).
func setReadOnly(t *testing.T, db *bun.DB, on bool) {
	t.Helper()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	stmt := "RESET default_transaction_read_only"
	if on {
		stmt = "SET default_transaction_read_only = on"
	}
	for _, q := range []string{
		"SET default_transaction_read_only = off",
		"DO $$ BEGIN EXECUTE format('ALTER DATABASE %I " + stmt + "', current_database()); END $$",
		"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// This session too: the pool must not keep it.
	_, _ = conn.ExecContext(ctx, "SELECT pg_terminate_backend(pg_backend_pid())")
}
