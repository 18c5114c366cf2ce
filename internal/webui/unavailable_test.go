package webui_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/feed"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/httpapi"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/server"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
	"github.com/borasstad/lokalbanken/internal/webui"
)

// TestDatabaseDown: with the database gone (a socket nobody listens on, as while the
// embedded cluster restarts), pages answer a kind 503 page and the API a 503 problem, both
// with Retry-After, not 500; /readyz is red and /healthz, also for HEAD, stays green.
func TestDatabaseDown(t *testing.T) {
	cfg, err := pgx.ParseConfig("postgres://lokalbanken@/lokalbanken?host=" + filepath.Join(t.TempDir(), "gone") + "&sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	cfg.ConnectTimeout = time.Second
	db := bun.NewDB(stdlib.OpenDB(*cfg), pgdialect.New())
	t.Cleanup(func() { db.Close() })

	v := validation.New()
	now := func() time.Time { return testNow }
	orgs, venues := organisation.NewService(db, v, now), venue.NewService(db, v, now)
	accounts := account.NewService(db, v, now, account.Config{Hash: account.HashParams{Memory: 64, Time: 1, Threads: 1}})
	bookings := booking.NewService(db, v, now, stockholm)
	feeds := feedtoken.NewService(db, v, now)
	agree := agreement.NewService(db, v, now, stockholm)
	auditLog := audit.NewService(db, v, now)
	meetings := meeting.NewService(db, v, now, stockholm, bookings)
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	pages, err := webui.New(webui.Options{
		Log: log, Organisations: orgs, Venues: venues, Accounts: accounts, Audit: auditLog, Bookings: bookings,
		FeedTokens: feeds, Agreements: agree, Meetings: meetings, Rounds: round.NewService(db, v, now, stockholm, bookings), Messages: mustMessages(t, db, "http://example.test"), Validate: v,
		Location: stockholm, BaseURL: "http://example.test", Now: now,
	})
	if err != nil {
		t.Fatal(err)
	}
	api, err := httpapi.New(httpapi.Deps{Organisations: orgs, Venues: venues, Accounts: accounts, Audit: auditLog,
		Bookings: bookings, FeedTokens: feeds, Agreements: agree, Meetings: meetings,
		Rounds: round.NewService(db, v, now, stockholm, bookings), BaseURL: "http://example.test"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(server.Options{
		Log: log, DB: db, Health: database.NewHealth(), MaxBodyBytes: 1 << 20,
		API:   api,
		Auth:  accounts,
		Pages: pages, NotFound: pages.NotFound,
		Feeds: feed.New(feed.Options{DB: db, Log: log, BaseURL: "http://example.test", Location: stockholm, Now: now, Tokens: feeds}),
	}))
	t.Cleanup(srv.Close)

	do := func(method, path, lang string) (*http.Response, string) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept-Language", lang)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}

	for _, tc := range []struct{ lang, want string }{
		{"sv", "Lokalbanken är tillfälligt otillgänglig"},
		{"en", "Lokalbanken is temporarily unavailable"},
	} {
		res, body := do("GET", "/lokaler", tc.lang)
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
			t.Errorf("page /lokaler (%s): %d, Retry-After %q; want 503 with Retry-After", tc.lang, res.StatusCode, res.Header.Get("Retry-After"))
		}
		if !strings.Contains(body, tc.want) || !strings.Contains(res.Header.Get("Content-Type"), "text/html") {
			t.Errorf("page /lokaler (%s) does not say %q in HTML:\n%s", tc.lang, tc.want, body)
		}
	}

	res, body := do("GET", "/api/v1/venues", "en")
	var p httpapi.Problem
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("GET /api/v1/venues: %d %s", res.StatusCode, body)
	}
	if res.StatusCode != http.StatusServiceUnavailable || p.Status != 503 || p.Type != httpapi.ProblemTypeBase+"unavailable" ||
		res.Header.Get("Content-Type") != "application/problem+json" || res.Header.Get("Retry-After") == "" {
		t.Errorf("GET /api/v1/venues: %d %s %q, Retry-After %q; want a 503 problem with Retry-After",
			res.StatusCode, res.Header.Get("Content-Type"), body, res.Header.Get("Retry-After"))
	}

	res, body = do("GET", "/calendar/rooms/1.ics", "sv")
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Errorf("feed: %d %q, Retry-After %q; want 503", res.StatusCode, body, res.Header.Get("Retry-After"))
	}

	for _, method := range []string{"GET", "HEAD"} {
		if res, _ := do(method, "/healthz", "sv"); res.StatusCode != http.StatusOK {
			t.Errorf("%s /healthz: %d, want 200 (the process lives)", method, res.StatusCode)
		}
		if res, body := do(method, "/readyz", "sv"); res.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("%s /readyz: %d %q, want 503", method, res.StatusCode, body)
		}
	}
	if strings.Contains(logs.String(), `level=ERROR msg="page failed"`) || strings.Contains(logs.String(), `level=ERROR msg="request failed"`) {
		t.Errorf("a database that is down is logged as a failure (a bug), not a warning:\n%s", logs)
	}
}
