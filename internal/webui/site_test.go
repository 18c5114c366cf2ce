package webui_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/demo"
	"github.com/borasstad/lokalbanken/internal/httpapi"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/server"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
	"github.com/borasstad/lokalbanken/internal/webui"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// site is the real HTTP handler (server.New with the pages) over a fresh database holding
// the demo data.
type site struct {
	url    string
	db     *bun.DB
	orgs   *organisation.Service
	venues *venue.Service
	log    *syncBuffer
}

func newSite(t *testing.T) *site {
	t.Helper()
	return newSiteAt(t, "http://example.test")
}

// newSiteAt is newSite with the public base URL given.
func newSiteAt(t *testing.T, baseURL string) *site {
	t.Helper()
	db := dbtest.New(t)
	v := validation.New()
	now := func() time.Time { return time.Date(2026, 3, 29, 12, 0, 0, 0, time.UTC) }
	orgs, venues := organisation.NewService(db, v, now), venue.NewService(db, v, now)
	if err := demo.Load(context.Background(), orgs, venues); err != nil {
		t.Fatalf("load demo data: %v", err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	pages, err := webui.New(webui.Options{Log: log, Organisations: orgs, Venues: venues, Validate: v, BaseURL: baseURL})
	if err != nil {
		t.Fatalf("webui.New: %v", err)
	}
	h := server.New(server.Options{
		Log: log, DB: db, MaxBodyBytes: 1 << 20,
		API:   &httpapi.Handler{Organisations: orgs, Venues: venues},
		Pages: pages, NotFound: pages.NotFound,
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &site{url: srv.URL, db: db, orgs: orgs, venues: venues, log: logs}
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
