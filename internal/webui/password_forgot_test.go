package webui_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/notify"
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

// outbox returns the messages queued to the address, oldest first.
func (s *site) outbox(t *testing.T, to string) []notify.Record {
	t.Helper()
	var rs []notify.Record
	if err := s.db.NewSelect().Model(&rs).Where("lower(to_address) = lower(?)", to).Order("id").Scan(context.Background()); err != nil {
		t.Fatal(err)
	}
	return rs
}

// mailedPath returns the path of the first link to prefix in the message's text.
func mailedPath(t *testing.T, r notify.Record, prefix string) string {
	t.Helper()
	m := regexp.MustCompile(`https?://[^/\s]+(` + regexp.QuoteMeta(prefix) + `[A-Za-z0-9_-]+)`).FindStringSubmatch(r.TextBody)
	if m == nil {
		t.Fatalf("no link to %s in the message:\n%s", prefix, r.TextBody)
	}
	return m[1]
}

// TestForgotPasswordMail: the link mailed opens the page that sets a new password, once.
func TestForgotPasswordMail(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u := s.person(t, false, nil)
	b := s.browser(t)
	b.post("/glomt-losenord", fill(b.get("/glomt-losenord").formValues(t, "main form"), "email", u.Email)).status(t, http.StatusOK)
	if n := len(s.outbox(t, "ingen@test.example")); n != 0 {
		t.Fatalf("%d messages to an address without an account", n)
	}
	msgs := s.outbox(t, u.Email)
	if len(msgs) != 1 || msgs[0].Kind != "account.password_reset" || !msgs[0].Essential || msgs[0].UserID != u.ID {
		t.Fatalf("messages %+v, want one reset link", msgs)
	}
	path := mailedPath(t, msgs[0], "/losenord/")
	form := b.get(path)
	form.status(t, http.StatusOK)
	b.post(path, fill(form.formValues(t, "main form"), "password", "ett helt nytt lösenord")).status(t, http.StatusOK)
	again := b.post(path, fill(form.formValues(t, "main form"), "password", "ett annat nytt lösenord"))
	again.status(t, http.StatusNotFound)
	if _, _, err := s.accounts.Login(context.Background(), u.Email, "ett helt nytt lösenord", "192.0.2.1"); err != nil {
		t.Errorf("login with the new password: %v", err)
	}
}
