package browsertest_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/browsertest"
)

// TestChecksCanFail makes sure the checks the page tests rely on do find problems: a page
// with an image without text, grey-on-white text and an element wider than a phone.
func TestChecksCanFail(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(`<!doctype html><html lang="en"><head><title>Bad page</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main>
<h1>Bad page</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#bbb">Hard to read.</p><div style="width:900px">Too wide.</div>
</main></body></html>`))
	}))
	defer srv.Close()

	b := browsertest.New(t)
	tab := b.Tab(t)
	if status := tab.Load(chromedp.Navigate(srv.URL)); status != http.StatusOK {
		t.Fatalf("status %d", status)
	}
	var ids []string
	for _, v := range tab.Axe(browsertest.WCAG21AA...) {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"image-alt", "color-contrast"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe did not report %s; got %v", want, ids)
		}
	}
	tab.Viewport(375, 800, true)
	if n := tab.HorizontalOverflow(); n <= 0 {
		t.Errorf("overflow %d, want the 900 px box to overflow a 375 px phone", n)
	}
}
