package webui_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/browsertest"
	"github.com/borasstad/lokalbanken/internal/export/exporttest"
)

// TestFeePages: the owner's admin sets the room's price list on the settings page (bad
// input named and nothing stored), the room page and the booking form show the price for
// the organisation that books and, once a time is chosen, its fee; the invoicing basis
// shows the booking with its fee and totals, is refused to a booker, and downloads as CSV.
func TestFeePages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t)
	admin := w.adminOf(t, w.a.Name)
	settings := fmt.Sprintf("/rum/%d/installningar", w.roomA.ID)

	bad := admin.post(settings+"/taxa", url.Values{"csrf": {admin.csrf()}, "unit": {"hour"}, "city_price": {"0"}, "association_price": {"femtio"}, "other_price": {"300"}})
	bad.status(t, http.StatusUnprocessableEntity)
	if msg := bad.text(".error-summary"); !strings.Contains(msg, "Pris för föreningar (kr) måste vara ett belopp") {
		t.Errorf("the summary does not name the field: %q", msg)
	}
	if tr, err := w.bookings.FindTariff(ctx, w.roomA.ID); err != nil || tr != nil {
		t.Fatalf("a refused form stored %+v (%v)", tr, err)
	}
	admin.post(settings+"/taxa", url.Values{"csrf": {admin.csrf()}, "unit": {"hour"}, "city_price": {"0"}, "association_price": {"150,50"}, "other_price": {"300"},
		"free_for_signatories": {"yes"}, "description": {"Taxa 2026"}}).status(t, http.StatusSeeOther)
	if tr, err := w.bookings.FindTariff(ctx, w.roomA.ID); err != nil || tr == nil || tr.Prices["association"] != 15050 || !tr.FreeForSignatories {
		t.Fatalf("stored %+v (%v)", tr, err)
	}

	booker := w.signedIn(t, false, map[string]access.Role{w.b.Name: access.RoleBooker})
	room := booker.get(fmt.Sprintf("/rum/%d", w.roomA.ID))
	room.status(t, http.StatusOK)
	if got := room.text("section[aria-labelledby=price-title]"); !strings.Contains(got, w.b.Name+": 150,50 kr per timme") {
		t.Errorf("room page price: %q", got)
	}
	form := booker.get(fmt.Sprintf("/rum/%d/boka?date=2026-04-20&starts_at=18:00&ends_at=20:00", w.roomA.ID))
	form.status(t, http.StatusOK)
	if got := form.text("section[aria-labelledby=price-title]"); !strings.Contains(got, "den valda tiden: 301 kr") {
		t.Errorf("booking form price: %q", got)
	}

	b := w.book(w.b.ID, w.roomA.ID, false) // private: the owner's admin sees it in full
	if b.FeeOre != 15050 {
		t.Fatalf("an hour's fee: %d", b.FeeOre)
	}
	if got := admin.get(fmt.Sprintf("/bokningar/%d", b.ID)).text("main"); !strings.Contains(got, "Avgift150,50 kr (150,50 kr per timme) – Taxa 2026") {
		t.Errorf("booking page: %q", got)
	}
	inv := admin.get("/fakturaunderlag?from=2026-04-01&to=2026-04-30&owner_id=" + fmt.Sprint(w.a.ID))
	inv.status(t, http.StatusOK)
	if got := inv.text("main"); !strings.Contains(got, w.b.Name) || !strings.Contains(got, b.Title) || !strings.Contains(got, "Totalt 150,50 kr för 1 timmar") {
		t.Errorf("invoicing page: %q", got)
	}
	w.signedIn(t, false, map[string]access.Role{w.a.Name: access.RoleBooker}).get("/fakturaunderlag").status(t, http.StatusForbidden)
	admin.get("/fakturaunderlag?from=2026-04-30&to=2026-04-01").status(t, http.StatusUnprocessableEntity)

	res, err := admin.client.Get(w.url + "/fakturaunderlag.csv?from=2026-04-01&to=2026-04-30")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	csv := exporttest.ReadCSV(t, raw)
	if !csv.BOM || len(csv.Rows) != 4 || csv.Rows[0][0] != "Organisation" || csv.Rows[1][7] != b.Title || csv.Rows[1][9] != "150,5" || csv.Rows[3][9] != "150,5" {
		t.Errorf("CSV read back: %+v", csv)
	}
}

// TestFeePagesInBrowser opens, in headless Chromium in Swedish and English, the settings
// page's price list sent with an error and then saved, the booking form with the price for
// the organisation and the time chosen, and the invoicing basis; every page passes axe's
// WCAG 2.1 AA rules and fits a 375 px wide phone.
func TestFeePagesInBrowser(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.book(w.b.ID, w.roomA.ID, true) // free: before the price list
	bw := browsertest.New(t)
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			owner := w.person(t, false, map[string]access.Role{w.a.Name: access.RoleAdmin})
			booker := w.person(t, false, map[string]access.Role{w.b.Name: access.RoleBooker})
			tab := bw.Tab(t)
			check := statusChecker(t, tab, lang)
			tab.Load(chromedp.Navigate(w.url + "/?lang=" + lang))
			w.signInTab(t, tab, owner.Email)
			settings := fmt.Sprintf("%s/rum/%d/installningar", w.url, w.roomA.ID)
			check("settings", 200, tab.Load(chromedp.Navigate(settings)))
			tab.Do(chromedp.SetValue(chromedp.CSS(`#unit`), "occasion"), chromedp.SetValue(chromedp.CSS(`#association_price`), "x"))
			check("price list with errors", 422, tab.Load(chromedp.Click(chromedp.CSS(`form[action$="/taxa"] button[type="submit"]`))))
			tab.Do(chromedp.SetValue(chromedp.CSS(`#city_price`), "0"), chromedp.SetValue(chromedp.CSS(`#association_price`), "200"),
				chromedp.SetValue(chromedp.CSS(`#other_price`), "400"))
			check("price list saved", 200, tab.Load(chromedp.Click(chromedp.CSS(`form[action$="/taxa"] button[type="submit"]`))))
			w.book(w.b.ID, w.roomA.ID, false)
			check("invoicing", 200, tab.Load(chromedp.Navigate(w.url+"/fakturaunderlag?from=2026-04-01&to=2026-06-30")))
			var text string
			tab.Eval(`document.querySelector("main").innerText`, &text)
			if !strings.Contains(text, w.b.Name) {
				t.Errorf("invoicing page without %s: %q", w.b.Name, text)
			}
			signOutTab(tab)
			w.signInTab(t, tab, booker.Email)
			check("booking form", 200, tab.Load(chromedp.Navigate(fmt.Sprintf("%s/rum/%d/boka?date=2026-06-22&starts_at=18:00&ends_at=20:00", w.url, w.roomA.ID))))
			tab.Eval(`document.querySelector("section[aria-labelledby=price-title]").innerText`, &text)
			if !strings.Contains(text, "200") {
				t.Errorf("booking form price: %q", text)
			}
			check("room", 200, tab.Load(chromedp.Navigate(fmt.Sprintf("%s/rum/%d", w.url, w.roomA.ID))))
		})
	}
}
