package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/demo"
)

// TestPrivateFeedLink goes through the whole service: a booker makes a calendar link on the
// organisation's page, the address shown serves the organisation's feed, and once the link
// is revoked the same address answers 404, at once, like an address that never existed.
func TestPrivateFeedLink(t *testing.T) {
	t.Parallel()
	base := startApp(t)
	owner := demoIDs(t, base).owner
	c := signedInClient(t, base, "bo@example.org")
	page := fmt.Sprintf("%s/organisationer/%d/kalender", base, owner)

	made := postPage(t, c, page, formOf(t, fetchPage(t, c, page), `form[action$="/kalender"]`, "name", "Min telefon"))
	// The service's public URL has no port; the test reaches it on the one it listens on.
	feedURL := strings.Replace(made.Find("#new-feed-url").AttrOr("value", ""), "http://127.0.0.1", base, 1)
	if !strings.HasPrefix(feedURL, base+"/calendar/private/lbf_") {
		t.Fatalf("address shown: %q", feedURL)
	}
	status, body, ctype := fetchFeed(t, feedURL)
	if status != http.StatusOK || !strings.HasPrefix(ctype, "text/calendar") || !strings.Contains(body, "BEGIN:VCALENDAR") {
		t.Fatalf("the new link: %d %s\n%.300s", status, ctype, body)
	}

	listed := fetchPage(t, c, page)
	revoke := formOf(t, listed, `form[action$="/aterkalla"]`)
	postPage(t, c, base+listed.Find(`form[action$="/aterkalla"]`).AttrOr("action", ""), revoke)
	revoked, _, _ := fetchFeed(t, feedURL)
	unknown, _, _ := fetchFeed(t, base+"/calendar/private/lbf_"+strings.Repeat("A", 43)+".ics")
	if revoked != http.StatusNotFound || unknown != http.StatusNotFound {
		t.Errorf("after revoking: %d (unknown link: %d), want 404 for both", revoked, unknown)
	}
}

// signedInClient is a cookie-keeping client signed in as the demo user through the login form.
func signedInClient(t *testing.T, base, email string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	postPage(t, c, base+"/logga-in", formOf(t, fetchPage(t, c, base+"/logga-in"), "main form", "email", email, "password", demo.Password))
	return c
}

// fetchPage GETs a page that must answer 200.
func fetchPage(t *testing.T, c *http.Client, u string) *goquery.Document {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	return parsed(t, resp)
}

// postPage posts values and follows any redirect to a page that must answer 200.
func postPage(t *testing.T, c *http.Client, u string, values url.Values) *goquery.Document {
	t.Helper()
	resp, err := c.PostForm(u, values)
	if err != nil {
		t.Fatal(err)
	}
	return parsed(t, resp)
}

func parsed(t *testing.T, resp *http.Response) *goquery.Document {
	t.Helper()
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("%s %s: %s\n%.500s", resp.Request.Method, resp.Request.URL, resp.Status, b)
	}
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// formOf returns the hidden fields of the first form matching sel (its CSRF token) with kv set.
func formOf(t *testing.T, doc *goquery.Document, sel string, kv ...string) url.Values {
	t.Helper()
	f := doc.Find(sel).First()
	if f.Length() == 0 {
		t.Fatalf("no form %s", sel)
	}
	v := url.Values{}
	f.Find(`input[type="hidden"]`).Each(func(_ int, s *goquery.Selection) { v.Set(s.AttrOr("name", ""), s.AttrOr("value", "")) })
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

// fetchFeed fetches u without credentials, as a calendar app does.
func fetchFeed(t *testing.T, u string) (status int, body, contentType string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header.Get("Content-Type")
}
