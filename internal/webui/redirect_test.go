package webui_test

import (
	"bufio"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// rawGet sends path exactly as given, unescaped and unchecked by any client library, and
// returns the answer.
func rawGet(t *testing.T, s *site, path string) *http.Response {
	t.Helper()
	u, _ := url.Parse(s.url)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("GET " + path + " HTTP/1.1\r\nHost: " + u.Host + "\r\nConnection: close\r\n\r\n")); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	resp.Body.Close()
	return resp
}

// offSite reports whether a browser could read location as another host: it drops tabs and
// line breaks from a URL and reads a backslash as a slash, so "/\t/evil.example" is
// "//evil.example".
func offSite(location string) bool {
	cleaned := strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(strings.TrimLeft(location, " \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"))
	u, err := url.Parse(cleaned)
	return err != nil || u.Host != "" || u.Scheme != "" || strings.HasPrefix(cleaned, "//") || !strings.HasPrefix(cleaned, "/")
}

// TestNoRedirectOffSite: no path, however written, is redirected to another host. GET
// /%09/evil.example once redirected to "/<TAB>/evil.example", which Chromium follows to
// evil.example.
func TestNoRedirectOffSite(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	for _, p := range []string{
		"/%09/evil.example", "/%09/evil.example/", "/%0a/evil.example/", "/%0d/evil.example", "/%5C/evil.example/",
		"/%5Cevil.example/", "//evil.example/", "///evil.example/", "/%2F/evil.example/", "/%2F%2Fevil.example/",
		"/%09/evil.example/?lang=en", "//evil.example/?lang=en", "/%5Cevil.example?lang=sv", "/%09%09/evil.example",
		"/lokaler/", "/lokaler/%09/evil.example/", "/%20/evil.example/", "/%E2%80%A8/evil.example/",
		"/logga-in?next=%2F%09%2Fevil.example", "/.%09/evil.example/", "/%00/evil.example/",
	} {
		resp := rawGet(t, s, p)
		loc := resp.Header.Get("Location")
		if resp.StatusCode >= 300 && resp.StatusCode < 400 && offSite(loc) {
			t.Errorf("GET %s: %d to %q, another host for a browser", p, resp.StatusCode, loc)
		}
	}
	// A trailing slash on a path of the site still goes to the path without it.
	for p, want := range map[string]string{"/lokaler/": "/lokaler", "/lokaler/?lang=en": "/lokaler?lang=en", "/api/v1/organisations/": "/api/v1/organisations"} {
		if resp := rawGet(t, s, p); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
			t.Errorf("GET %s: %d to %q, want 301 to %q", p, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
}
