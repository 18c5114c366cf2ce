package webui_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/browsertest"
)

// TestWaysInPagesInBrowser opens the pages of the ways in with everything on them, in
// Swedish and English, in headless Chromium: the to-do page with requests to decide, a
// meeting invitation's reply forms (and one sent wrong), the message settings with a log,
// the unsubscribe page and its answer, and a person's log for support. Every page passes
// axe's WCAG 2.1 AA rules and fits a 375 px wide phone.
func TestWaysInPagesInBrowser(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.book(w.b.ID, w.approvalA.ID, true)
	w.seriesOf(w.b.ID, w.approvalA.ID, 3)
	w.book(w.a.ID, w.roomA.ID, false)
	w.invitedMeeting(w.b.ID, w.a.ID)
	b := browsertest.New(t)
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			admin := w.person(t, false, map[string]access.Role{w.a.Name: access.RoleAdmin})
			city := w.person(t, true, nil)
			tab := b.Tab(t)
			check := statusChecker(t, tab, lang)
			signIn := func(email string) { w.signInTab(t, tab, email) }
			tab.Load(chromedp.Navigate(w.url + "/?lang=" + lang))
			check("forgot password", 200, tab.Load(chromedp.Navigate(w.url+"/glomt-losenord")))

			signIn(admin.Email)
			check("to do", 200, tab.Load(chromedp.Navigate(w.url+"/att-gora")))
			tab.Do(chromedp.SetValue(chromedp.CSS(`form:has(input[name="participants"]) input[name="participants"]`), "0"))
			check("to do, reply with errors", 422, tab.Load(chromedp.Click(chromedp.CSS(`form:has(input[name="participants"]) button[type="submit"]`))))

			token := w.site.mailKind(t, admin.ID, admin.Email, "booking.request")
			check("message settings", 200, tab.Load(chromedp.Navigate(w.url+"/konto/installningar")))
			check("message settings saved", 200, tab.Load(chromedp.Click(chromedp.CSS(`main form[action="/konto/installningar"] button[type="submit"]`))))
			check("unsubscribe", 200, tab.Load(chromedp.Navigate(w.url+"/avregistrera/"+token)))
			check("unsubscribed", 200, tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))))
			check("unsubscribe, unknown link", 404, tab.Load(chromedp.Navigate(w.url+"/avregistrera/okand-lank")))

			signOutTab(tab)
			// A meeting invitation's link, followed without a login.
			_, secret := w.replyLink()
			check("reply link", 200, tab.Load(chromedp.Navigate(w.url+"/svar/"+secret)))
			tab.Do(chromedp.SetValue(chromedp.CSS(`form:has(input[name="participants"]) input[name="participants"]`), "0"))
			check("reply link, with errors", 422, tab.Load(chromedp.Click(chromedp.CSS(`form:has(input[name="participants"]) button[type="submit"]`))))
			tab.Do(chromedp.SetValue(chromedp.CSS(`form:has(input[name="participants"]) input[name="participants"]`), "5"))
			check("reply link, answered", 200, tab.Load(chromedp.Click(chromedp.CSS(`form:has(input[name="participants"]) button[type="submit"]`))))
			check("reply link, unknown", 404, tab.Load(chromedp.Navigate(w.url+"/svar/okand-lank")))
			signIn(city.Email)
			check("to do, city", 200, tab.Load(chromedp.Navigate(w.url+"/att-gora")))
			check("person's messages", 200, tab.Load(chromedp.Navigate(fmt.Sprintf("%s/admin/anvandare/%d/meddelanden", w.url, admin.ID))))
		})
	}
}
