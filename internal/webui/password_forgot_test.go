package webui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/ratelimit"
)

// TestForgotPassword: the login page leads to the form, which answers the same whether the
// address has an account or not, names a malformed address, and refuses a flood with 429.
func TestForgotPassword(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u := s.person(t, false, nil)
	b := s.browser(t)

	login := b.get("/logga-in")
	if href, _ := login.doc.Find(`main a[href="/glomt-losenord"]`).Attr("href"); href == "" {
		t.Fatalf("the login page has no link to /glomt-losenord: %s", login.text("main"))
	}
	form := b.get("/glomt-losenord")
	form.status(t, http.StatusOK)
	answers := map[string]string{}
	for _, email := range []string{u.Email, strings.ToUpper(u.Email), "ingen@test.example"} {
		values := form.formValues(t, "main form")
		values.Set("email", email)
		p := b.post("/glomt-losenord", values)
		p.status(t, http.StatusOK)
		answers[email] = p.text("main")
	}
	if answers[u.Email] != answers["ingen@test.example"] || answers[u.Email] != answers[strings.ToUpper(u.Email)] {
		t.Errorf("the answers differ:\n%q", answers)
	}
	if !strings.Contains(answers[u.Email], "Titta i din e-post") {
		t.Errorf("answer: %q", answers[u.Email])
	}

	bad := b.post("/glomt-losenord", url.Values{"csrf": {b.csrf()}, "email": {"inte en adress"}})
	bad.status(t, http.StatusUnprocessableEntity)
	if msg := bad.text(".error-summary"); !strings.Contains(msg, "e-post") {
		t.Errorf("malformed address: %q", msg)
	}

	s.accounts.LimitForgot(ratelimit.Rate{Burst: 1, Every: time.Hour}, ratelimit.Rate{Burst: 100, Every: time.Second})
	b.post("/glomt-losenord", url.Values{"csrf": {b.csrf()}, "email": {"ingen@test.example"}}).status(t, http.StatusOK)
	limited := b.post("/glomt-losenord", url.Values{"csrf": {b.csrf()}, "email": {"ingen@test.example"}})
	limited.status(t, http.StatusTooManyRequests)
	if limited.resp.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
}
