package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestAnonymousWriteBeforeBody: every route that changes something and that the access
// matrix closes to anonymous callers answers an anonymous request 401 before it reads the
// body, whatever the body is: malformed JSON, JSON of the wrong shape, not JSON at all.
// Once, a bad body got 422 or 400 first, telling an outsider what the route would take.
func TestAnonymousWriteBeforeBody(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	checked := 0
	for route, row := range accessMatrix(w) {
		method, _, _ := strings.Cut(route, " ")
		if method == http.MethodGet || method == http.MethodHead || row.want[anon] != http.StatusUnauthorized {
			continue
		}
		path, _ := row.req(w)
		for _, bad := range []struct{ body, contentType string }{
			{`{"`, "application/json"},
			{`{"title":17,"unknown":[]}`, "application/json"},
			{`[]`, "application/json"},
			{"nonsense", "text/plain"},
		} {
			r := w.doAs(anonymous, method, path, bad.body, "Content-Type", bad.contentType)
			if r.status != http.StatusUnauthorized {
				t.Errorf("%s anonymous with %q (%s): status %d, want 401\n%s", route, bad.body, bad.contentType, r.status, r.raw)
				continue
			}
			checkRefusal(t, route+" anonymous with a bad body", r)
		}
		checked++
	}
	if checked < 40 {
		t.Errorf("only %d write routes checked", checked)
	}
}
