package webui_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/browsertest"
)

// signInTab signs the tab in as the person with email (and testPassword) through the login
// form, in the language the tab has chosen.
func (s *site) signInTab(t *testing.T, tab *browsertest.Tab, email string) {
	t.Helper()
	tab.Load(chromedp.Navigate(s.url + "/logga-in"))
	tab.Do(chromedp.SetValue(chromedp.CSS(`#email`), email), chromedp.SetValue(chromedp.CSS(`#password`), testPassword))
	if got := tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); got != 200 {
		t.Fatalf("sign in %s: %d", email, got)
	}
}

// signOutTab signs the tab out with the button in the menu's Account group.
func signOutTab(tab *browsertest.Tab) {
	var opened bool
	tab.Eval(`document.querySelectorAll(".site-nav details").forEach(d => { d.open = true }); true`, &opened)
	tab.Load(chromedp.Click(chromedp.CSS(`form[action="/logga-ut"] button`)))
}

// checkTab checks the page the tab shows: axe's WCAG 2.1 AA rules pass, and it is no wider
// than a 375 px phone or a 1280 px screen.
func checkTab(t *testing.T, tab *browsertest.Tab, lang, name string) {
	t.Helper()
	tab.AssertAccessible(lang + " " + name)
	for _, w := range []int64{375, 1280} {
		tab.Viewport(w, 800, w < 400)
		if n := tab.HorizontalOverflow(); n > 0 {
			t.Errorf("%s: %d px wider than %d px", name, n, w)
		}
	}
}

// statusChecker returns a check of a page loaded with status got: that it is want, then
// checkTab.
func statusChecker(t *testing.T, tab *browsertest.Tab, lang string) func(name string, want, got int) {
	return func(name string, want, got int) {
		t.Helper()
		if got != want {
			t.Errorf("%s: status %d, want %d", name, got, want)
		}
		checkTab(t, tab, lang, name)
	}
}
