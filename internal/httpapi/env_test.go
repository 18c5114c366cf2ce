package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/gin-gonic/gin"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/feed"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/httpapi"
	"github.com/borasstad/lokalbanken/internal/logging"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/ratelimit"
	"github.com/borasstad/lokalbanken/internal/report"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/server"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// testBaseURL is the public URL the test engine makes links with.
const testBaseURL = "https://lokalbanken.example"

// env is the real engine over a fresh database, with the services behind it, a clock the
// test can move, and a city administrator whose real API token authenticates requests by
// default.
type env struct {
	t        *testing.T
	db       *bun.DB
	engine   *gin.Engine
	srv      *httptest.Server
	orgs     *organisation.Service
	venues   *venue.Service
	accounts *account.Service
	audit    *audit.Service
	bookings *booking.Service
	feeds    *feedtoken.Service
	agree    *agreement.Service
	meetings *meeting.Service
	rounds   *round.Service
	clock    *clock
	// logs is what the server logged, as JSON lines (the format of production).
	logs *lockedBuffer
	// city is the city administrator; cityToken their token.
	city      *account.User
	cityToken string
}

// clock is time.Now moved by an offset the test sets.
type clock struct{ offset atomic.Int64 }

func (c *clock) now() time.Time             { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *clock) advance(d time.Duration)    { c.offset.Add(int64(d)) }
func (e *env) now() time.Time               { return e.clock.now() }
func (e *env) ctx() context.Context         { return context.Background() }
func (e *env) url(path string) string       { return e.srv.URL + path }
func (e *env) fail(format string, a ...any) { e.t.Helper(); e.t.Fatalf(format, a...) }

// newEnv starts the engine with the body limit of maxBody bytes.
func newEnv(t *testing.T, maxBody int64) *env {
	t.Helper()
	db := dbtest.New(t)
	v := validation.New()
	e := &env{t: t, db: db, clock: &clock{}, logs: &lockedBuffer{}}
	// Cheap hashes: the tests are about access, not about argon2's cost.
	cfg := account.DefaultConfig()
	cfg.Hash = account.HashParams{Memory: 64, Time: 1, Threads: 1}
	e.orgs = organisation.NewService(db, v, e.now)
	e.venues = venue.NewService(db, v, e.now)
	e.accounts = account.NewService(db, v, e.now, cfg)
	e.audit = audit.NewService(db, v, e.now)
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	e.bookings = booking.NewService(db, v, e.now, stockholm)
	e.feeds = feedtoken.NewService(db, v, e.now)
	e.agree = agreement.NewService(db, v, e.now, stockholm)
	e.agree.LimitJoins(unlimited, unlimited) // the clock stands still; tests of the limit set it back
	e.meetings = meeting.NewService(db, v, e.now, stockholm, e.bookings)
	e.rounds = round.NewService(db, v, e.now, stockholm, e.bookings)
	h := server.New(server.Options{
		Log: logging.New(io.MultiWriter(testWriter{t}, e.logs), "json", "info"), DB: db, MaxBodyBytes: maxBody, Auth: e.accounts,
		API: mustAPI(t, httpapi.Deps{
			Organisations: e.orgs, Venues: e.venues, Accounts: e.accounts, Audit: e.audit, Bookings: e.bookings,
			FeedTokens: e.feeds, Agreements: e.agree, Meetings: e.meetings, Rounds: e.rounds, BaseURL: testBaseURL, InvitationTTL: cfg.InvitationTTL,
			Reports: report.NewService(db, e.now, stockholm),
		}),
		Feeds: feed.New(feed.Options{DB: db, BaseURL: testBaseURL, Location: stockholm, Now: e.now, Tokens: e.feeds}),
	})
	engine, ok := h.(*gin.Engine)
	if !ok {
		t.Fatalf("server.New returned %T, want *gin.Engine", h)
	}
	e.engine = engine
	e.srv = httptest.NewServer(engine)
	t.Cleanup(e.srv.Close)
	e.city = e.user("stadsadmin@boras.example", true)
	e.cityToken = e.token(e.city)
	return e
}

// mustAPI is httpapi.New that fails the test on an error.
func mustAPI(tb testing.TB, d httpapi.Deps) *httpapi.Handler {
	tb.Helper()
	h, err := httpapi.New(d)
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// user creates a person as the System; city makes them a city administrator.
func (e *env) user(email string, city bool) *account.User {
	e.t.Helper()
	name := strings.SplitN(email, "@", 2)[0]
	u, err := e.accounts.CreateUser(e.ctx(), access.System, account.UserInput{Email: email, Name: name, CityAdmin: city}, "")
	if err != nil {
		e.fail("create user %s: %v", email, err)
	}
	return u
}

// member gives the person the role in the organisation, as the System.
func (e *env) member(org int64, u *account.User, role access.Role) {
	e.t.Helper()
	if _, err := e.accounts.SetMember(e.ctx(), access.System, org, u.ID, role); err != nil {
		e.fail("set member %d of %d: %v", u.ID, org, err)
	}
}

// token makes a real API token for the person, as they would through the API.
func (e *env) token(u *account.User) string {
	e.t.Helper()
	secret, _, err := e.accounts.CreateToken(e.ctx(), access.Actor{UserID: u.ID, IP: "test"}, "test", nil)
	if err != nil {
		e.fail("create token for %d: %v", u.ID, err)
	}
	return secret
}

// org creates an organisation as the System.
func (e *env) org(kind, name string) *organisation.Organisation {
	e.t.Helper()
	o, err := e.orgs.CreateOrganisation(e.ctx(), access.System, organisation.Input{Kind: kind, Name: name})
	if err != nil {
		e.fail("create organisation %s: %v", name, err)
	}
	return o
}

// venueOf creates a venue of the owner as the System.
func (e *env) venueOf(owner int64, name string) *venue.Venue {
	e.t.Helper()
	v, err := e.venues.CreateVenue(e.ctx(), access.System, venue.VenueInput{
		OwnerID: owner, Name: name, StreetAddress: "Storgatan 1", PostalCode: "50335", Town: "Borås"})
	if err != nil {
		e.fail("create venue %s: %v", name, err)
	}
	return v
}

// roomIn creates a room in the venue as the System.
func (e *env) roomIn(venueID int64, name string) *venue.Room {
	e.t.Helper()
	r, err := e.venues.CreateRoom(e.ctx(), access.System, venueID, venue.RoomInput{Name: name, Capacity: 10})
	if err != nil {
		e.fail("create room %s: %v", name, err)
	}
	return r
}

// anonymous, given as the token, sends a request without credentials.
const anonymous = "-"

type response struct {
	status int
	header http.Header
	body   map[string]any
	raw    string
}

// do sends a request as the city administrator; headers are name, value pairs and may
// replace the Authorization header (an empty value removes it).
func (e *env) do(method, path, body string, headers ...string) response {
	e.t.Helper()
	return e.doAs(e.cityToken, method, path, body, headers...)
}

// doAs sends a request with the token (anonymous for none).
func (e *env) doAs(token, method, path, body string, headers ...string) response {
	e.t.Helper()
	req, err := http.NewRequestWithContext(e.ctx(), method, e.url(path), strings.NewReader(body))
	if err != nil {
		e.fail("%v", err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != anonymous {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
			continue
		}
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.fail("%v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := response{status: res.StatusCode, header: res.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &out.body)
	return out
}

func (r response) id(t *testing.T) string {
	t.Helper()
	id, ok := r.body["id"].(float64)
	if !ok {
		t.Fatalf("no id in %s", r.raw)
	}
	return strconv.FormatInt(int64(id), 10)
}

// fields returns the problem's errors as field → code.
func (r response) fields() map[string]string {
	out := map[string]string{}
	errs, _ := r.body["errors"].([]any)
	for _, e := range errs {
		m := e.(map[string]any)
		out[m["field"].(string)], _ = m["code"].(string)
	}
	return out
}

// items returns the members "items" of a list.
func (r response) items() []map[string]any {
	var out []map[string]any
	items, _ := r.body["items"].([]any)
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// problem returns the last segment of the problem's type.
func (r response) problem() string {
	typ, _ := r.body["type"].(string)
	return strings.TrimPrefix(typ, httpapi.ProblemTypeBase)
}

func idStr(id int64) string { return strconv.FormatInt(id, 10) }

func jsonStr(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// unlimited is a rate no test reaches.
var unlimited = ratelimit.Rate{Burst: 1 << 30, Every: time.Second}
