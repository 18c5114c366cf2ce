package webui_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/browsertest"
)

// TestSingleSignOnInBrowser signs in through the provider in headless Chromium, in Swedish
// and English: the login page with its single sign-on button,
// and the page of a refused sign-in, pass axe's WCAG 2.1 AA rules and fit a 375 px phone;
// the button takes the browser to the provider and back, signed in.
func TestSingleSignOnInBrowser(t *testing.T) {
	t.Parallel()
	p := startIDP(t)
	s := ssoSite(t, p, false)
	b := browsertest.New(t)
	for _, lang := range []string{"sv", "en"} {
		// One after the other: both sign in through the provider's one queue of people.
		t.Run(lang, func(t *testing.T) {
			tab := b.Tab(t)
			check := func(name string, want, got int) {
				t.Helper()
				if got != want {
					t.Errorf("%s: status %d, want %d", name, got, want)
				}
				tab.AssertAccessible(lang + " " + name)
				tab.Viewport(375, 800, true)
				if n := tab.HorizontalOverflow(); n > 0 {
					t.Errorf("%s: %d px wider than a 375 px phone", name, n)
				}
				tab.Viewport(1280, 900, false)
			}
			tab.Load(chromedp.Navigate(s.url + "/?lang=" + lang))
			check("login page with single sign-on", 200, tab.Load(chromedp.Navigate(s.url+"/logga-in")))
			// A callback whose sign-in this browser never started.
			check("refused sign-in", 400, tab.Load(chromedp.Navigate(s.url+"/logga-in/sso/retur?state=unknown&code=x")))

			p.QueueUser(&staff{sub: "browser-" + lang, email: "webb-" + lang + "@boras.example", name: "Webb " + strings.ToUpper(lang),
				verified: true, groups: []string{"kultur"}})
			tab.Load(chromedp.Navigate(s.url + "/logga-in"))
			got := tab.Load(chromedp.Click(chromedp.CSS(`main a[href^="/logga-in/sso"]`)))
			var at struct{ Where, Who string }
			tab.Eval(`({Where: location.pathname, Who: document.querySelector(".site-header__who")?.textContent ?? ""})`, &at)
			if got != 200 || at.Where != "/att-gora" || !strings.Contains(at.Who, "Webb "+strings.ToUpper(lang)) {
				t.Errorf("after the provider: status %d at %+v; want the to-do page, signed in", got, at)
			}
		})
	}
}
