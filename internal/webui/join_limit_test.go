package webui_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/agreement"
)

// TestJoinFormLimited: past the limit for one address the join form answers 429 with
// Retry-After and a page that says to wait, and stores nothing.
func TestJoinFormLimited(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.agree.LimitJoins(agreement.JoinRate, agreement.JoinRateOverall)
	b := s.browser(t)
	for i := range agreement.JoinRate.Burst + 3 {
		form := b.get("/overenskommelsen/anslut").formValues(t, "main form")
		for k, v := range joinForm(40 + i) {
			form[k] = v
		}
		p := b.post("/overenskommelsen/anslut", form)
		if i < agreement.JoinRate.Burst {
			p.status(t, http.StatusOK)
			continue
		}
		p.status(t, http.StatusTooManyRequests)
		if ra, err := strconv.Atoi(p.resp.Header.Get("Retry-After")); err != nil || ra < 1 {
			t.Errorf("Retry-After %q", p.resp.Header.Get("Retry-After"))
		}
		if got := p.text("main"); !strings.Contains(got, "För många förfrågningar") || !strings.Contains(got, "Vänta en stund") {
			t.Errorf("the page says %q", got)
		}
	}
	if n := countJoinRequests(t, s); n != agreement.JoinRate.Burst {
		t.Errorf("%d requests stored, want %d", n, agreement.JoinRate.Burst)
	}
}
