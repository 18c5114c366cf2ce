package webui_test

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/browsertest"
)

// TestRoundPagesInBrowser opens the pages of seasonal allocation, as the owner's admin and
// as an applicant, in Swedish and English, in headless Chromium: the rounds, a round, the
// round form sent with errors, the application form sent with errors and with a second
// section, the application; the allocation board with a hand allocation sent with errors,
// a proposal and publishing; the applicant's allocated time, accepted. Every page passes axe's WCAG 2.1 AA rules and fits a 375 px
// wide phone.
func TestRoundPagesInBrowser(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r := w.openRound()
	b := browsertest.New(t)
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			owner := w.person(t, false, map[string]access.Role{w.a.Name: access.RoleAdmin})
			club := w.org("Schackklubben " + lang) // one application per organisation and round
			applicant := w.person(t, false, map[string]access.Role{club.Name: access.RoleBooker})
			tab := b.Tab(t)
			check := statusChecker(t, tab, lang)
			signIn := func(email string) { w.signInTab(t, tab, email) }
			roundPath := fmt.Sprintf("%s/sasongsbokning/%d", w.url, r.ID)
			tab.Load(chromedp.Navigate(w.url + "/?lang=" + lang))
			check("rounds", 200, tab.Load(chromedp.Navigate(w.url+"/sasongsbokning")))
			check("round", 200, tab.Load(chromedp.Navigate(roundPath)))

			signIn(applicant.Email)
			check("application form", 200, tab.Load(chromedp.Navigate(roundPath+"/ansok")))
			check("application form, two sections", 200, tab.Load(chromedp.Click(chromedp.CSS(`button[name="more"]`))))
			tab.Do(chromedp.SetValue(chromedp.CSS(`#s0_purpose`), "Schack"), chromedp.SetValue(chromedp.CSS(`#s0_w0_starts`), "18:00"))
			check("application form with errors", 422, tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]:not([name])`))))
			tab.Do(chromedp.SetValue(chromedp.CSS(`#s0_age_group`), "youth"), chromedp.SetValue(chromedp.CSS(`#s0_attendees`), "10"),
				chromedp.SetValue(chromedp.CSS(`#s0_sessions_per_week`), "1"), chromedp.SetValue(chromedp.CSS(`#s0_minutes_per_session`), "90"),
				chromedp.SetValue(chromedp.CSS(`#s0_room_1`), fmt.Sprint(w.roomA.ID)), chromedp.SetValue(chromedp.CSS(`#s0_w0_weekday`), "2"),
				chromedp.SetValue(chromedp.CSS(`#s0_w0_ends`), "21:00"))
			check("application", 200, tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]:not([name])`))))
			check("round, applied", 200, tab.Load(chromedp.Navigate(roundPath)))

			signOutTab(tab)
			signIn(owner.Email)
			check("round, owner", 200, tab.Load(chromedp.Navigate(roundPath)))
			check("round form", 200, tab.Load(chromedp.Navigate(w.url+"/sasongsbokning/ny")))
			check("round form with errors", 422, tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))))

			closed, app := w.allocatingRound()
			board := fmt.Sprintf("%s/sasongsbokning/%d/fordelning", w.url, closed.ID)
			check("board", 200, tab.Load(chromedp.Navigate(board)))
			check("board, allocation with errors", 422, tab.Load(chromedp.Click(chromedp.CSS(`form[action$="/fordelning"] button[type="submit"]`))))
			check("board, proposal", 200, tab.Load(chromedp.Click(chromedp.CSS(`form[action$="/forslag"] button`))))
			check("board, published", 200, tab.Load(chromedp.Click(chromedp.CSS(`form[action$="/publicera"] button`))))
			signOutTab(tab)
			signIn(w.person(t, false, map[string]access.Role{w.b.Name: access.RoleAdmin}).Email)
			check("application, allocated", 200, tab.Load(chromedp.Navigate(fmt.Sprintf("%s/ansokningar/%d", w.url, app.ID))))
			check("application, accepted", 200, tab.Load(chromedp.Click(chromedp.CSS(`form[action$="/svar"] button`))))
		})
	}
}
