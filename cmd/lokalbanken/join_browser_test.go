package main

import (
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/browsertest"
)

// TestJoinBrowser drives joining the Compact end to end in headless Chromium, in Swedish and
// in English: an association fills in the public form (plain HTML forms, no script on the
// pages), sees its status page say pending, a city administrator approves it in the inbox,
// the status page then says approved and the organisation is among the Compact's
// signatories, one more than before. A second request is rejected with a reason that the
// applicant sees. Every page passes axe's WCAG 2.1 AA rules.
func TestJoinBrowser(t *testing.T) {
	t.Parallel()
	base := startApp(t)
	b := browsertest.New(t)
	// The languages run at once; counting before and after an approval is done by one at a
	// time, so that each sees only its own approval.
	var counting sync.Mutex
	for i, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			j := &joinFlow{t: t, base: base, lang: lang, applicant: b.Tab(t), admin: b.Tab(t)}
			j.applicant.Load(chromedp.Navigate(base + "/?lang=" + lang))
			j.admin.Load(chromedp.Navigate(base + "/?lang=" + lang))
			login(t, j.admin, base, cityAdmin)

			name := fmt.Sprintf("Webbläsarföreningen %s", lang)
			status := j.request(name, joinOrgNumber(100+i))
			j.expectStatus(status, "pending", "")
			counting.Lock()
			before := j.signatories()
			j.decide(name, "godkann", "")
			after := j.signatories()
			counting.Unlock()
			if after != before+1 {
				t.Errorf("signatories: %d after approval, want %d", after, before+1)
			}
			j.expectStatus(status, "approved", "")
			var listed bool
			j.applicant.Load(chromedp.Navigate(base + "/overenskommelsen?q=" + strings.ReplaceAll(name, " ", "+")))
			j.applicant.Eval(`[...document.querySelectorAll("table tbody tr > :first-child")].some(c => c.textContent.trim() === `+strconv.Quote(name)+`)`, &listed)
			if !listed {
				t.Errorf("%s is not in the public list of signatories", name)
			}

			rejected := fmt.Sprintf("Avvisade föreningen %s", lang)
			status = j.request(rejected, joinOrgNumber(200+i))
			j.decide(rejected, "avsla", "Föreningen verkar inte i Borås")
			j.expectStatus(status, "rejected", "Föreningen verkar inte i Borås")
		})
	}
}

// joinFlow is one language's run: an applicant without an account and a city
// administrator, each in a tab of their own.
type joinFlow struct {
	t                *testing.T
	base, lang       string
	applicant, admin *browsertest.Tab
	// contact is the contact person's address; empty is karin@example.org.
	contact string
}

var signedCount = regexp.MustCompile(`^(\d+) `)

// signatories reads the count of current signatories on the Compact's page.
func (j *joinFlow) signatories() int {
	j.t.Helper()
	if got := j.applicant.Load(chromedp.Navigate(j.base + "/overenskommelsen")); got != 200 {
		j.t.Fatalf("the Compact's page: status %d", got)
	}
	var text string
	j.applicant.Eval(`document.querySelector("#signatories-title + p").textContent.trim()`, &text)
	m := signedCount.FindStringSubmatch(text)
	if m == nil {
		j.t.Fatalf("no count of signatories in %q", text)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// request fills in the join form, reached from the Compact's page, first with a wrong check
// digit and then right, and returns the status link the confirmation shows.
func (j *joinFlow) request(name, orgNumber string) string {
	t, tab := j.t, j.applicant
	t.Helper()
	tab.Load(chromedp.Navigate(j.base + "/overenskommelsen"))
	if got := tab.Load(chromedp.Click(chromedp.CSS(`main a[href="/overenskommelsen/anslut"]`))); got != 200 {
		t.Fatalf("the join form: status %d", got)
	}
	var scripts int
	tab.Eval(`document.scripts.length`, &scripts)
	if scripts != 0 {
		t.Errorf("the join form has %d scripts; it must work without them", scripts)
	}
	tab.AssertAccessible(j.lang + " join form")
	fill := func(kv ...string) {
		for i := 0; i+1 < len(kv); i += 2 {
			tab.Do(chromedp.SetValue(chromedp.CSS("#"+kv[i]), kv[i+1]))
		}
	}
	fill("organisation_name", name, "org_number", orgNumber[:10]+string(rune('0'+(orgNumber[10]-'0'+1)%10)),
		"signer_name", "Sara Ordförande", "signer_role", "ordförande",
		"contact_name", "Karin Kontakt", "contact_email", cmp.Or(j.contact, "karin@example.org"))
	submit := chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))
	if got := tab.Load(submit); got != 422 {
		t.Fatalf("a wrong check digit: status %d, want 422", got)
	}
	var kept struct{ Name, Message string }
	tab.Eval(`({Name: document.getElementById("organisation_name").value,
		Message: document.getElementById("org_number-error")?.textContent.trim() ?? ""})`, &kept)
	if kept.Name != name || kept.Message == "" {
		t.Errorf("the form after a wrong check digit: %+v", kept)
	}
	tab.AssertAccessible(j.lang + " join form with errors")
	fill("org_number", orgNumber)
	if got := tab.Load(submit); got != 200 {
		t.Fatalf("the request: status %d", got)
	}
	tab.AssertAccessible(j.lang + " join confirmation")
	var link string
	tab.Eval(`document.querySelector(".secret__value a").getAttribute("href")`, &link)
	if !strings.Contains(link, "/overenskommelsen/anslut/lbj_") {
		t.Fatalf("no status link on the confirmation: %q", link)
	}
	return strings.Replace(link, "http://127.0.0.1", j.base, 1)
}

// expectStatus opens the status link and checks what it says.
func (j *joinFlow) expectStatus(link, status, reason string) {
	t, tab := j.t, j.applicant
	t.Helper()
	if got := tab.Load(chromedp.Navigate(link)); got != 200 {
		t.Fatalf("the status page: status %d", got)
	}
	var got struct{ Class, Reason string }
	tab.Eval(`({Class: document.getElementById("join-status").className,
		Reason: document.getElementById("join-reason")?.textContent.trim() ?? ""})`, &got)
	if got.Class != "status status--"+status || got.Reason != reason {
		t.Errorf("status page: %+v, want %s with reason %q", got, status, reason)
	}
	tab.AssertAccessible(j.lang + " join status " + status)
}

// decide approves ("godkann") or rejects ("avsla") the request of the organisation in the
// city administrator's inbox; a rejection is first sent without its reason.
func (j *joinFlow) decide(name, verb, reason string) {
	t, tab := j.t, j.admin
	t.Helper()
	if got := tab.Load(chromedp.Navigate(j.base + "/admin/anslutningar")); got != 200 {
		t.Fatalf("the inbox: status %d", got)
	}
	tab.AssertAccessible(j.lang + " join inbox")
	var action string
	tab.Eval(`(() => {
		const li = [...document.querySelectorAll("li.request")].find(li => li.querySelector("h2").textContent.trim() === `+strconv.Quote(name)+`);
		return li ? li.querySelector("form[action$='/`+verb+`']").getAttribute("action") : "";
	})()`, &action)
	if action == "" {
		t.Fatalf("%s is not in the inbox", name)
	}
	form := `form[action="` + action + `"]`
	submit := chromedp.Click(chromedp.CSS(form + ` button[type="submit"]`))
	if verb == "avsla" {
		if got := tab.Load(submit); got != 422 {
			t.Fatalf("rejecting without a reason: status %d, want 422", got)
		}
		tab.AssertAccessible(j.lang + " join inbox with errors")
		tab.Do(chromedp.SetValue(chromedp.CSS(form+" textarea"), reason))
	}
	if got := tab.Load(submit); got != 200 {
		t.Fatalf("%s %s: status %d, want 200 after the redirect", verb, name, got)
	}
	var notice string
	tab.Eval(`document.querySelector("main [role=status]")?.textContent ?? ""`, &notice)
	if notice == "" {
		t.Errorf("%s %s: no notice on the inbox", verb, name)
	}
	tab.AssertAccessible(j.lang + " join inbox after " + verb)
}

// joinOrgNumber returns a valid organisation number (Luhn check digit) made of 80259 and n.
func joinOrgNumber(n int) string {
	digits := fmt.Sprintf("80259%04d", n)
	sum := 0
	for i := range 9 {
		d := int(digits[i] - '0')
		if i%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return fmt.Sprintf("%s-%s%d", digits[:6], digits[6:], (10-sum%10)%10)
}
