package webui_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/gin-gonic/gin"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/demo"
	"github.com/borasstad/lokalbanken/internal/feed"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/httpapi"
	"github.com/borasstad/lokalbanken/internal/letter"
	"github.com/borasstad/lokalbanken/internal/logging"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/notify"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/ratelimit"
	"github.com/borasstad/lokalbanken/internal/report"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/server"
	"github.com/borasstad/lokalbanken/internal/sso"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
	"github.com/borasstad/lokalbanken/internal/webui"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// site is the real HTTP handler (server.New with the pages) over a fresh database holding
// the demo data (without its demo users: each test makes the people it needs).
type site struct {
	url      string
	engine   *gin.Engine
	db       *bun.DB
	orgs     *organisation.Service
	venues   *venue.Service
	accounts *account.Service
	audit    *audit.Service
	bookings *booking.Service
	feeds    *feedtoken.Service
	agree    *agreement.Service
	meetings *meeting.Service
	rounds   *round.Service
	messages *notify.Service
	log      *syncBuffer
	people   atomic.Int64 // numbers the test users' addresses
}

// testNow is the site's clock.
var testNow = time.Date(2026, 3, 29, 12, 0, 0, 0, time.UTC)

// stockholm is the site's local time zone.
var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	return loc
}()

// testPassword is every test user's password.
const testPassword = "korrekt häst batteri"

func newSite(t *testing.T) *site {
	t.Helper()
	return newSiteAt(t, "http://example.test")
}

// newSiteAt is newSite with the public base URL given.
func newSiteAt(t *testing.T, baseURL string) *site {
	t.Helper()
	// Cheap password hashes: the tests sign in often, and the cost is not what they test.
	return newSiteWith(t, baseURL, account.Config{Hash: account.HashParams{Memory: 64, Time: 1, Threads: 1}})
}

// newSiteWith is newSiteAt with the account service's configuration given.
func newSiteWith(t testing.TB, baseURL string, cfg account.Config) *site {
	t.Helper()
	return newSiteFull(t, baseURL, cfg, nil)
}

// newSiteFull is newSiteWith with single sign-on when ssoFor is given: the site then serves
// at its own address, which is its public URL (baseURL is not used), so that the provider
// can send the browser back, and ssoFor makes the provider over the site's database (with
// the demo data loaded) and its public URL.
func newSiteFull(t testing.TB, baseURL string, cfg account.Config, ssoFor func(s *site) *sso.Provider) *site {
	t.Helper()
	var ln net.Listener
	if ssoFor != nil {
		var err error
		if ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
		baseURL = "http://" + ln.Addr().String()
	}
	db := dbtest.New(t)
	v := validation.New()
	now := func() time.Time { return testNow }
	orgs, venues := organisation.NewService(db, v, now), venue.NewService(db, v, now)
	accounts := account.NewService(db, v, now, cfg)
	auditLog := audit.NewService(db, v, now)
	bookings := booking.NewService(db, v, now, stockholm)
	feeds := feedtoken.NewService(db, v, now)
	agree := agreement.NewService(db, v, now, stockholm)
	// The clock stands still, so no limit would ever refill; tests of the limits set them back.
	agree.LimitJoins(ratelimit.Rate{Burst: 1 << 30, Every: time.Second}, ratelimit.Rate{Burst: 1 << 30, Every: time.Second})
	accounts.LimitForgot(ratelimit.Rate{Burst: 1 << 30, Every: time.Second}, ratelimit.Rate{Burst: 1 << 30, Every: time.Second})
	meetings := meeting.NewService(db, v, now, stockholm, bookings)
	if err := demo.Load(context.Background(), demo.Target{Organisations: orgs, Venues: venues}); err != nil {
		t.Fatalf("load demo data: %v", err)
	}
	logs := &syncBuffer{}
	log := logging.New(logs, "json", "info") // as in production
	messages := mustMessages(t, db, baseURL)
	letters := letter.New(messages, stockholm)
	accounts.SetMailer(letters)
	agree.SetMail(letters, accounts)
	rounds := round.NewService(db, v, now, stockholm, bookings)
	opts := webui.Options{
		Log: log, Organisations: orgs, Venues: venues, Accounts: accounts, Audit: auditLog, Bookings: bookings, FeedTokens: feeds, Agreements: agree, Meetings: meetings, Rounds: rounds, Messages: messages, Validate: v, Location: stockholm, BaseURL: baseURL, Now: now,
		Reports: report.NewService(db, now, stockholm),
	}
	if ssoFor != nil {
		opts.SSO = ssoFor(&site{url: baseURL, db: db, orgs: orgs})
	}
	pages, err := webui.New(opts)
	if err != nil {
		t.Fatalf("webui.New: %v", err)
	}
	api, err := httpapi.New(httpapi.Deps{Organisations: orgs, Venues: venues, Accounts: accounts, Audit: auditLog,
		Bookings: bookings, FeedTokens: feeds, Agreements: agree, Meetings: meetings,
		Rounds: rounds, BaseURL: baseURL})
	if err != nil {
		t.Fatalf("httpapi.New: %v", err)
	}
	h := server.New(server.Options{
		Log: log, DB: db, MaxBodyBytes: 1 << 20,
		API:   api,
		Auth:  accounts,
		Pages: pages, NotFound: pages.NotFound,
		Feeds: feed.New(feed.Options{DB: db, Log: log, BaseURL: baseURL, Location: stockholm, Now: now, Tokens: feeds}),
	})
	engine, ok := h.(*gin.Engine)
	if !ok {
		t.Fatalf("server.New returned a %T, not the gin engine", h)
	}
	srv := httptest.NewUnstartedServer(engine)
	if ln != nil {
		srv.Listener.Close()
		srv.Listener = ln
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return &site{url: srv.URL, engine: engine, db: db, orgs: orgs, venues: venues, accounts: accounts, audit: auditLog, bookings: bookings, feeds: feeds, agree: agree, meetings: meetings, rounds: rounds, messages: messages, log: logs}
}

// person makes a user with testPassword and the given roles, by organisation name.
func (s *site) person(t *testing.T, cityAdmin bool, roles map[string]access.Role) *account.User {
	t.Helper()
	ctx := context.Background()
	n := s.people.Add(1)
	u, err := s.accounts.CreateUser(ctx, access.System, account.UserInput{
		Email: fmt.Sprintf("person%d@test.example", n), Name: fmt.Sprintf("Person %d", n), CityAdmin: cityAdmin,
	}, testPassword)
	if err != nil {
		t.Fatalf("create user: %v", err)
	}
	for org, role := range roles {
		if _, err := s.accounts.SetMember(ctx, access.System, s.orgNamed(t, org).ID, u.ID, role); err != nil {
			t.Fatalf("make %s %s of %s: %v", u.Email, role, org, err)
		}
	}
	return u
}

// orgNamed returns the organisation with exactly the name.
func (s *site) orgNamed(t *testing.T, name string) *organisation.Organisation {
	t.Helper()
	page, err := s.orgs.FindOrganisations(context.Background(), organisation.Filter{Q: name, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	for i := range page.Items {
		if page.Items[i].Name == name {
			return &page.Items[i]
		}
	}
	t.Fatalf("no organisation %q", name)
	return nil
}

// signedIn returns a browser signed in as a new person with the roles given.
func (s *site) signedIn(t *testing.T, cityAdmin bool, roles map[string]access.Role) *browser {
	t.Helper()
	b := s.browser(t)
	b.login(s.person(t, cityAdmin, roles).Email)
	return b
}

// adminOf returns a browser signed in as an admin of the organisation.
func (s *site) adminOf(t *testing.T, org string) *browser {
	t.Helper()
	return s.signedIn(t, false, map[string]access.Role{org: access.RoleAdmin})
}

// cityAdmin returns a browser signed in as a city administrator.
func (s *site) cityAdmin(t *testing.T) *browser {
	t.Helper()
	return s.signedIn(t, true, nil)
}

// login signs the browser in through the login form, as a person would.
func (b *browser) login(email string) page {
	b.t.Helper()
	form := b.get("/logga-in").formValues(b.t, `main form[action="/logga-in"]`)
	form.Set("email", email)
	form.Set("password", testPassword)
	p := b.post("/logga-in", form)
	p.status(b.t, http.StatusSeeOther)
	return p
}

// csrf returns the token the browser's forms carry now, bound to its CSRF cookie and its
// session, read from a page with a form (and kept while both cookies stay the same).
func (b *browser) csrf() string {
	b.t.Helper()
	key := ""
	for _, name := range []string{"csrf", "lb_session"} {
		if c := b.cookie(name); c != nil {
			key += c.Value
		}
		key += "|"
	}
	if v, ok := b.tokens[key]; ok && b.cookie("csrf") != nil {
		return v
	}
	for _, path := range []string{"/konto", "/logga-in"} {
		if v, ok := b.get(path).doc.Find(`input[name="csrf"]`).First().Attr("value"); ok {
			if b.tokens == nil {
				b.tokens = map[string]string{}
			}
			b.tokens[key] = v
			return v
		}
	}
	b.t.Fatal("no page with a CSRF token")
	return ""
}

// cookie returns the browser's cookie of that name, or nil.
func (b *browser) cookie(name string) *http.Cookie {
	u, _ := url.Parse(b.site.url)
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// syncBuffer collects the log, written by the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// browser is an HTTP client with cookies that does not follow redirects, so tests see them.
type browser struct {
	t      *testing.T
	site   *site
	client *http.Client
	header http.Header
	tokens map[string]string // CSRF tokens by cookies, for csrf()
}

func (s *site) browser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, site: s, header: http.Header{}, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// page is a response with its body parsed.
type page struct {
	resp *http.Response
	doc  *goquery.Document
}

func (b *browser) do(req *http.Request) page {
	b.t.Helper()
	for k, v := range b.header {
		req.Header[k] = v
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		b.t.Fatalf("%s %s: parse html: %v", req.Method, req.URL, err)
	}
	return page{resp: resp, doc: doc}
}

func (b *browser) head(path string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodHead, b.site.url+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

func (b *browser) get(path string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.site.url+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.site.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// formValues reads a form of the page as a browser would submit it untouched.
func (p page) formValues(t *testing.T, selector string) url.Values {
	t.Helper()
	f := p.doc.Find(selector)
	if f.Length() != 1 {
		t.Fatalf("form %q: found %d", selector, f.Length())
	}
	v := url.Values{}
	f.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		if name == "" {
			return
		}
		switch {
		case goquery.NodeName(s) == "textarea":
			v.Add(name, s.Text())
		case goquery.NodeName(s) == "select":
			if o := s.Find("option[selected]"); o.Length() > 0 {
				v.Add(name, o.AttrOr("value", ""))
			}
		case s.AttrOr("type", "") == "checkbox":
			if _, ok := s.Attr("checked"); ok {
				v.Add(name, s.AttrOr("value", "on"))
			}
		default:
			v.Add(name, s.AttrOr("value", ""))
		}
	})
	return v
}

func (p page) status(t *testing.T, want int) {
	t.Helper()
	if p.resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d; page: %s", p.resp.Request.Method, p.resp.Request.URL.Path,
			p.resp.StatusCode, want, strings.Join(strings.Fields(p.doc.Find("main").Text()), " "))
	}
}

func (p page) text(selector string) string {
	return strings.Join(strings.Fields(p.doc.Find(selector).First().Text()), " ")
}

// mustVenueNamed returns the live venue with the given name, failing the test when there is none.
func (s *site) venueNamed(t *testing.T, name string) *venue.Venue {
	t.Helper()
	page, err := s.venues.FindVenues(context.Background(), venue.Filter{Q: name, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	for i := range page.Items {
		if page.Items[i].Name == name {
			return &page.Items[i]
		}
	}
	return nil
}

func (s *site) countVenues(t *testing.T) int {
	t.Helper()
	page, err := s.venues.FindVenues(context.Background(), venue.Filter{Limit: 200, IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	return len(page.Items)
}

// mustMessages is an outbox on db (nil: none, for parsing templates) that sends nothing.
func mustMessages(tb testing.TB, db *bun.DB, baseURL string) *notify.Service {
	s, err := notify.New(notify.Options{DB: db, BaseURL: baseURL})
	if err != nil {
		if tb == nil {
			panic(err)
		}
		tb.Fatal(err)
	}
	return s
}
