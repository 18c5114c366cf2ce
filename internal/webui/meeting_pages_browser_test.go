package webui_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/browsertest"
)

// TestOrganiseMeetingsInBrowser drives the meetings from the pages in headless Chromium, in
// Swedish and English: a city department's admin creates a FRÖ series (after a form error),
// adds a meeting (after a form that names every problem at once), invites an association
// found by a name search, uploads the agenda; the association's booker finds the invitation
// on the to-do page and answers it from the meeting's page; the organiser sees the reply,
// moves the meeting and cancels it. Every page passes axe and fits 375 px and 1280 px
// without scrolling sideways.
func TestOrganiseMeetingsInBrowser(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := browsertest.New(t)
	dir := t.TempDir()
	agenda := filepath.Join(dir, "Dagordning.pdf")
	if err := os.WriteFile(agenda, testPDF("dagordning"), 0o600); err != nil {
		t.Fatal(err)
	}
	guests := map[string]string{"sv": "PRO Norrby", "en": "Borås Scoutkår"}
	for _, lang := range []string{"sv", "en"} {
		organiser := s.person(t, false, map[string]access.Role{"Fritids- och folkhälsoförvaltningen": access.RoleAdmin})
		guest := s.person(t, false, map[string]access.Role{guests[lang]: access.RoleBooker})
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			org, inv := b.Tab(t), b.Tab(t)
			signIn := func(tab *browsertest.Tab, email string) {
				t.Helper()
				tab.Load(chromedp.Navigate(s.url + "/?lang=" + lang))
				s.signInTab(t, tab, email)
			}
			check := func(tab *browsertest.Tab, name string) { t.Helper(); checkTab(t, tab, lang, name) }
			path := func(tab *browsertest.Tab) string {
				var p string
				tab.Eval(`location.pathname + location.search`, &p)
				return p
			}
			text := func(tab *browsertest.Tab, sel string) string {
				var s string
				tab.Eval(fmt.Sprintf(`document.querySelector(%q)?.textContent.replace(/\s+/g, " ").trim() ?? ""`, sel), &s)
				return s
			}
			set := func(sel, v string) chromedp.Action[chromedp.Void] { return chromedp.SetValue(chromedp.CSS(sel), v) }
			click := func(tab *browsertest.Tab, sel string) int {
				t.Helper()
				return tab.Load(chromedp.Click(chromedp.CSS(sel)))
			}

			signIn(org, organiser.Email)
			org.Load(chromedp.Navigate(s.url + "/moten/organisera"))
			check(org, "organise")
			if got := click(org, `a[href="/moten/serier/ny"]`); got != 200 {
				t.Fatalf("new series form: %d", got)
			}
			check(org, "series form")
			// No name, and the chosen invitees: the form comes back saying so.
			org.Do(set(`#kind`, "fro"), chromedp.Click(chromedp.CSS(`#invite-chosen`)))
			if got := click(org, `main form.form button[type="submit"]`); got != 422 {
				t.Fatalf("series without a name: %d, want 422", got)
			}
			if text(org, "#name-error") == "" {
				t.Errorf("no error at the name")
			}
			check(org, "series form with errors")
			org.Do(set(`#name`, "FRÖ "+lang))
			if got := click(org, `main form.form button[type="submit"]`); got != 200 {
				t.Fatalf("create series: %d", got)
			}
			if p := path(org); !regexp.MustCompile(`^/moten/serier/\d+\?klart=serie-skapad$`).MatchString(p) || text(org, ".notice--ok") == "" {
				t.Fatalf("after creating the series: %s", p)
			}
			check(org, "series")

			click(org, `a[href$="/nytt-mote"]`)
			check(org, "meeting form")
			// Everything wrong at once: no date, no times, a link that is no link.
			org.Do(chromedp.Click(chromedp.CSS(`#place-online`)))
			org.Do(set(`#online_url`, "möte"))
			org.Do(set(`#title`, " "))
			if got := click(org, `main form.form button[type="submit"]`); got != 422 {
				t.Fatalf("bad meeting: %d, want 422", got)
			}
			var summary int
			org.Eval(`document.querySelectorAll(".error-summary li").length`, &summary)
			for _, f := range []string{"title", "date", "starts_at", "ends_at", "online_url"} {
				if text(org, "#"+f+"-error") == "" {
					t.Errorf("meeting form: no error at %s (summary of %d)", f, summary)
				}
			}
			check(org, "meeting form with errors")
			org.Do(set(`#title`, "FRÖ-möte om lokaler"), set(`#date`, "2026-04-15"), set(`#starts_at`, "18:00"), set(`#ends_at`, "20:00"),
				set(`#online_url`, "https://meet.example/fro"), set(`#agenda`, "1. Lokalbanken"))
			if got := click(org, `main form.form button[type="submit"]`); got != 200 {
				t.Fatalf("create meeting: %d", got)
			}
			meetingPath := strings.SplitN(path(org), "?", 2)[0]
			if !regexp.MustCompile(`^/moten/\d+$`).MatchString(meetingPath) {
				t.Fatalf("after creating the meeting: %s", path(org))
			}
			check(org, "meeting for its organiser")

			// Invite by name: search, tick, save.
			click(org, `a[href$="/inbjudna"]`)
			org.Do(set(`#q`, strings.Fields(guests[lang])[0]))
			click(org, `form[role=search] button[type="submit"]`)
			check(org, "invitations search")
			var box string
			org.Eval(fmt.Sprintf(`[...document.querySelectorAll("input[name=organisation_ids]")].find(i => i.labels[0].textContent === %q)?.id ?? ""`, guests[lang]), &box)
			if box == "" {
				t.Fatalf("the search found no %s", guests[lang])
			}
			org.Do(chromedp.Click(chromedp.CSS("#" + box)))
			if got := click(org, `form.form[method="post"]:not(:has(input[name=signatories])) button[type="submit"]`); got != 200 {
				t.Fatalf("save invitations: %d", got)
			}
			if got := text(org, "#inbjudna tbody"); !strings.Contains(got, guests[lang]) {
				t.Errorf("invited: %q", got)
			}

			// The agenda as a PDF.
			// (Loaded afresh: DOM actions right after a redirect to a #fragment can hang.)
			org.Load(chromedp.Navigate(s.url + meetingPath))
			org.Do(chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{agenda}), set(`#title`, "Dagordning"))
			if got := click(org, `form[action$="/dokument"] button[type="submit"]`); got != 200 {
				t.Fatalf("upload: %d", got)
			}
			if got := text(org, "#dokument a[download]"); got != "Dagordning" {
				t.Errorf("document link: %q", got)
			}
			check(org, "meeting with invitation and agenda")

			// The invited association's booker answers.
			signIn(inv, guest.Email)
			if got := text(inv, `a[href="`+meetingPath+`"]`); got != "FRÖ-möte om lokaler" {
				t.Errorf("to do: the invitation's link %q", got)
			}
			inv.Load(chromedp.Navigate(s.url + meetingPath))
			check(inv, "meeting for the invited")
			inv.Do(set(`#svar input[name=participants]`, "3"))
			if got := click(inv, `#svar form.form button[type="submit"]`); got != 200 {
				t.Fatalf("reply: %d", got)
			}
			inv.Load(chromedp.Navigate(s.url + "/moten/organisera"))
			if got := text(inv, "section[aria-labelledby=invited-title] li"); !strings.Contains(got, "3") {
				t.Errorf("the invited's list: %q", got)
			}
			check(inv, "organise for the invited")

			org.Load(chromedp.Navigate(s.url + meetingPath))
			if got := text(org, "#inbjudna p"); !strings.HasPrefix(got, "1 ") || !strings.Contains(got, "(3 ") {
				t.Errorf("replies for the organiser: %q", got)
			}
			// Move it an hour, then cancel it.
			click(org, `a[href$="/andra"]`)
			org.Do(set(`#starts_at`, "19:00"), set(`#ends_at`, "21:00"))
			if got := click(org, `main form.form button[type="submit"]`); got != 200 || !strings.Contains(text(org, "dl.facts"), "19:00–21:00") {
				t.Errorf("move: %d, %q", got, text(org, "dl.facts"))
			}
			org.Do(set(`#reason`, "Sjukdom"))
			if got := click(org, `form[action$="/stall-in"] button[type="submit"]`); got != 200 || text(org, ".status--cancelled") == "" {
				t.Errorf("cancel: %d, %q", got, path(org))
			}
			check(org, "cancelled meeting")
		})
	}
}
