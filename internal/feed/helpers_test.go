package feed_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/feed"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	return loc
}()

// at is a local Stockholm time.
func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, stockholm)
}

// baseURL is the public URL of the test service; its host names the UIDs.
const baseURL = "https://lokalbanken.example"

// The personal data of the world, which no feed may show.
const (
	personName   = "Hemliga Hanna Persson"
	personEmail  = "hanna.persson@example.org"
	contactName  = "Kontakt Karl Karlsson"
	contactEmail = "karl.karlsson@example.org"
)

// clock is the settable clock of every service of a fixture.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// fixture is a fresh database with the feeds served over real HTTP.
type fixture struct {
	db       *bun.DB
	clock    *clock
	orgs     *organisation.Service
	venues   *venue.Service
	bookings *booking.Service
	tokens   *feedtoken.Service
	url      string
}

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	db := dbtest.New(tb)
	v := validation.New()
	c := &clock{now: at(2026, 9, 1, 10, 0)}
	f := &fixture{db: db, clock: c, orgs: organisation.NewService(db, v, c.Now), venues: venue.NewService(db, v, c.Now),
		bookings: booking.NewService(db, v, c.Now, stockholm), tokens: feedtoken.NewService(db, v, c.Now)}
	feeds := feed.New(feed.Options{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: baseURL,
		Location: stockholm, Now: c.Now, Tokens: f.tokens})
	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	feeds.Register(engine)
	srv := httptest.NewServer(engine)
	tb.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

func (f *fixture) org(tb testing.TB, kind, name string) *organisation.Organisation {
	tb.Helper()
	o, err := f.orgs.CreateOrganisation(context.Background(), access.System, organisation.Input{Kind: kind, Name: name})
	if err != nil {
		tb.Fatal(err)
	}
	return o
}

// member makes the person of the world a booker of org and returns them as an actor.
func (f *fixture) member(tb testing.TB, org int64) access.Actor {
	tb.Helper()
	var id int64
	err := f.db.NewRaw(`INSERT INTO users (email, name, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id`,
		personEmail, personName, f.clock.Now(), f.clock.Now()).Scan(context.Background(), &id)
	if err != nil {
		tb.Fatal(err)
	}
	f.exec(tb, `INSERT INTO memberships (user_id, organisation_id, role, created_at, updated_at) VALUES (?, ?, 'booker', ?, ?)`,
		id, org, f.clock.Now(), f.clock.Now())
	return access.Actor{UserID: id, Roles: map[int64]access.Role{org: access.RoleBooker}, IP: "127.0.0.1"}
}

func (f *fixture) exec(tb testing.TB, query string, args ...any) {
	tb.Helper()
	if _, err := f.db.NewRaw(query, args...).Exec(context.Background()); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
}

// get fetches path from the feeds with the given request headers.
func (f *fixture) get(tb testing.TB, method, path string, header ...string) (*http.Response, string) {
	tb.Helper()
	req, err := http.NewRequest(method, f.url+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, string(body)
}

// mustGet fetches a feed that must be there.
func (f *fixture) mustGet(tb testing.TB, path string) (*http.Response, string) {
	tb.Helper()
	resp, body := f.get(tb, http.MethodGet, path)
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("GET %s: %d %s", path, resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != feed.ContentType {
		tb.Fatalf("GET %s: Content-Type %q", path, ct)
	}
	return resp, body
}

// must(f())(t) is f's value, or t fails.
func must[T any](v T, err error) func(testing.TB) T {
	return func(tb testing.TB) T {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return v
	}
}

// trickyTitle has everything TEXT escaping and folding must survive: a newline, a comma, a
// semicolon, a backslash, a colon, an emoji, Swedish letters, and length (200 characters).
var trickyTitle = func() string {
	s := "Nattpass: rad ett\nrad två; med, komma \\ och 🎉 – åäö ÅÄÖ "
	for len([]rune(s)) < 200 {
		s += "x"
	}
	return s
}()
