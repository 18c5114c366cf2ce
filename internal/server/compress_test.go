package server_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/server"
)

// Pages, the API and the feeds are gzipped for a client that asks, over real HTTP, and a
// feed's conditional GET still answers 304 for either representation: the gzipped one has
// an ETag of its own, which revalidates.
func TestCompression(t *testing.T) {
	t.Parallel()
	m := newMatrix(t)
	srv := httptest.NewServer(server.Compress(m.handler))
	t.Cleanup(srv.Close)
	m.url = srv.URL
	// A transport that neither asks for gzip nor unpacks it by itself.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(path, encoding, inm string) (*http.Response, []byte) {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, m.url+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		if inm != "" {
			req.Header.Set("If-None-Match", inm)
		}
		if strings.HasPrefix(path, "/api/") {
			req.Header.Set("Authorization", "Bearer "+m.tokens[cityAdmin])
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res, body
	}
	gunzip := func(b []byte) []byte {
		t.Helper()
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("not gzip: %v", err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}

	for _, path := range []string{"/", fmt.Sprintf("/lokaler/%d", m.venue.ID), "/api/v1/bookings", "/api/v1/openapi.yaml", fmt.Sprintf("/calendar/rooms/%d.ics", m.room.ID), m.privateICS} {
		t.Run(path, func(t *testing.T) {
			plain, plainBody := get(path, "", "")
			zipped, zippedBody := get(path, "gzip, deflate, br", "")
			if plain.StatusCode != http.StatusOK || zipped.StatusCode != http.StatusOK {
				t.Fatalf("status %d and %d", plain.StatusCode, zipped.StatusCode)
			}
			if plain.Header.Get("Content-Encoding") != "" {
				t.Errorf("gzipped for a client that did not ask")
			}
			if zipped.Header.Get("Content-Encoding") != "gzip" {
				t.Fatalf("not gzipped: Content-Encoding %q", zipped.Header.Get("Content-Encoding"))
			}
			for _, res := range []*http.Response{plain, zipped} {
				if !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding") {
					t.Errorf("Vary: %q", res.Header.Values("Vary"))
				}
			}
			unpacked := gunzip(zippedBody)
			if !strings.HasPrefix(path, "/calendar/") {
				// Pages carry a fresh CSRF token each time: no byte-for-byte comparison.
				t.Logf("%s: %d bytes, gzipped %d", path, len(unpacked), len(zippedBody))
				return
			}
			if !bytes.Equal(unpacked, plainBody) {
				t.Fatalf("the gzipped feed is not the plain one")
			}
			t.Logf("%s: %d bytes, gzipped %d (%.1f×)", path, len(plainBody), len(zippedBody), float64(len(plainBody))/float64(len(zippedBody)))
			plainTag, zippedTag := plain.Header.Get("ETag"), zipped.Header.Get("ETag")
			if plainTag == "" || zippedTag == plainTag {
				t.Fatalf("ETags plain %q, gzipped %q: the two representations need different ones", plainTag, zippedTag)
			}
			// Each client revalidates the copy it holds.
			for _, c := range []struct{ encoding, tag string }{{"", plainTag}, {"gzip", zippedTag}, {"gzip", plainTag}} {
				res, body := get(path, c.encoding, c.tag)
				if res.StatusCode != http.StatusNotModified || len(body) != 0 {
					t.Errorf("If-None-Match %s (Accept-Encoding %q): %d", c.tag, c.encoding, res.StatusCode)
				}
				if got := res.Header.Get("ETag"); got != c.tag {
					t.Errorf("304 for %s carries ETag %s", c.tag, got)
				}
			}
			// A stale validator still gets the whole feed.
			if res, _ := get(path, "gzip", `"stale-gzip"`); res.StatusCode != http.StatusOK {
				t.Errorf("stale ETag: %d", res.StatusCode)
			}
		})
	}
}
