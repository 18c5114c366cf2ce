package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/browsertest"
	"github.com/borasstad/lokalbanken/internal/config"
	"github.com/borasstad/lokalbanken/internal/mailtest"
)

// TestWaysInBrowser drives the ways in end to end in headless Chromium, in Swedish and in
// English, with the service mailing through a real SMTP server on loopback: an association
// asks to join the Compact, a city administrator approves, the contact person gets an
// invitation by mail to be the new organisation's admin, accepts it, signs in (landing on
// the to-do page) and makes the organisation's first booking; then, having forgotten the
// password, asks for a link on the login page, gets it by mail, chooses a new password and
// signs in with it. Every page passes axe's WCAG 2.1 AA rules.
func TestWaysInBrowser(t *testing.T) {
	t.Parallel()
	smtp := mailtest.Start(t, mailtest.Options{})
	base := startAppWith(t, func(cfg *config.Config) {
		cfg.SMTPURL, cfg.MailFrom, cfg.MailPoll = smtp.URL, "lokalbanken@example.org", 100*time.Millisecond
	})
	ids := demoIDs(t, base)
	b := browsertest.New(t)
	for i, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			contact := "karin-" + lang + "@example.org"
			j := &joinFlow{t: t, base: base, lang: lang, applicant: b.Tab(t), admin: b.Tab(t), contact: contact}
			j.applicant.Load(chromedp.Navigate(base + "/?lang=" + lang))
			j.admin.Load(chromedp.Navigate(base + "/?lang=" + lang))
			login(t, j.admin, base, cityAdmin)

			name := fmt.Sprintf("Nya föreningen %s", lang)
			status := j.request(name, joinOrgNumber(300+i))
			if got := mailLink(t, smtp, contact, "/overenskommelsen/anslut/"); got != strings.Replace(status, base, "", 1) {
				t.Errorf("the receipt links to %s, want the status page %s", got, status)
			}
			j.decide(name, "godkann", "")

			// The invitation, by mail, to be the organisation's admin.
			tab := j.applicant
			invitation := mailLink(t, smtp, contact, "/inbjudan/")
			if got := tab.Load(chromedp.Navigate(base + invitation)); got != 200 {
				t.Fatalf("the invitation: status %d", got)
			}
			tab.AssertAccessible(lang + " invitation from mail")
			password := "ett långt lösenord " + lang
			tab.Do(chromedp.SetValue(chromedp.CSS(`#name`), "Karin Kontakt"), chromedp.SetValue(chromedp.CSS(`#password`), password))
			if got := tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); got != 200 {
				t.Fatalf("accepting the invitation: status %d", got)
			}
			tab.AssertAccessible(lang + " invitation accepted")

			// Signed in, the new admin lands on the to-do page and makes the first booking.
			loginWith(t, tab, base, contact, password)
			tab.AssertAccessible(lang + " to do, new admin")
			day := time.Now().AddDate(0, 0, 28).Format(time.DateOnly)
			hour := map[string]string{"sv": "08", "en": "15"}[lang]
			if got := tab.Load(chromedp.Navigate(fmt.Sprintf("%s/rum/%d/boka", base, ids.room))); got != 200 {
				t.Fatalf("the booking form: status %d", got)
			}
			tab.Do(
				chromedp.SetValue(chromedp.CSS(`main form.form #title`), "Första mötet "+lang),
				chromedp.SetValue(chromedp.CSS(`main form.form #attendees`), "8"),
				chromedp.SetValue(chromedp.CSS(`main form.form #date`), day),
				chromedp.SetValue(chromedp.CSS(`main form.form #starts_at`), hour+":00"),
				chromedp.SetValue(chromedp.CSS(`main form.form #ends_at`), hour+":45"),
			)
			if got := tab.Load(chromedp.Click(chromedp.CSS(`main form.form button[type="submit"]`))); got != 200 {
				var text string
				tab.Eval(`document.querySelector("main").innerText`, &text)
				t.Fatalf("the first booking: status %d: %s", got, text)
			}
			tab.AssertAccessible(lang + " first booking")
			if got := tab.Load(chromedp.Navigate(base + "/att-gora")); got != 200 {
				t.Fatalf("to do: status %d", got)
			}
			var next string
			tab.Eval(`document.querySelector("section[aria-labelledby=todo-bookings]").textContent`, &next)
			if !strings.Contains(next, "Första mötet "+lang) {
				t.Errorf("the first booking is not among the next bookings: %q", next)
			}

			// Forgotten password: the link on the login page, the mail, a new password.
			logout(tab)
			if got := tab.Load(chromedp.Navigate(base + "/logga-in")); got != 200 {
				t.Fatalf("login page: status %d", got)
			}
			if got := tab.Load(chromedp.Click(chromedp.CSS(`main a[href="/glomt-losenord"]`))); got != 200 {
				t.Fatalf("forgot password: status %d", got)
			}
			tab.AssertAccessible(lang + " forgot password")
			tab.Do(chromedp.SetValue(chromedp.CSS(`main form #email`), contact))
			if got := tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); got != 200 {
				t.Fatalf("asking for a link: status %d", got)
			}
			tab.AssertAccessible(lang + " forgot password sent")
			reset := mailLink(t, smtp, contact, "/losenord/")
			if got := tab.Load(chromedp.Navigate(base + reset)); got != 200 {
				t.Fatalf("the reset link: status %d", got)
			}
			tab.AssertAccessible(lang + " reset from mail")
			newPassword := "ett nytt långt lösenord " + lang
			tab.Do(chromedp.SetValue(chromedp.CSS(`#password`), newPassword))
			if got := tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); got != 200 {
				t.Fatalf("the new password: status %d", got)
			}
			loginWith(t, tab, base, contact, newPassword)
		})
	}
}

// mailLink waits for a mail to the address with a link to a path starting with prefix, and
// returns that path. Links in mail start with the base URL of the configuration, which has
// no port: the path is what the browser opens.
func mailLink(t *testing.T, srv *mailtest.Server, to, prefix string) string {
	t.Helper()
	re := regexp.MustCompile(`https?://[^/\s"]+(` + regexp.QuoteMeta(prefix) + `[A-Za-z0-9_-]+)`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		mails := srv.Mails()
		for i := len(mails) - 1; i >= 0; i-- {
			m := mails[i]
			if len(m.To) != 1 || m.To[0] != to {
				continue
			}
			text, html := re.FindStringSubmatch(m.Text("text/plain")), re.FindStringSubmatch(m.Text("text/html"))
			if text != nil && html != nil && text[1] == html[1] {
				return text[1]
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no mail to %s with a link to %s…", to, prefix)
	return ""
}
