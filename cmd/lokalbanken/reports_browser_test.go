package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/browsertest"
)

// TestSharingReportBrowser opens the sharing report (/uppfoljning) of the real App with the
// demo data in headless Chromium, in Swedish and English: axe finds no WCAG 2.1 AA
// violation at 1280 px nor on a 375 px phone, which it fits without sideways scrolling; the
// charts are drawn without JavaScript, each beside its table; a city administrator finds the
// report in the Administration group, and the menu stays one row; a period typed backwards
// is named at its field.
func TestSharingReportBrowser(t *testing.T) {
	t.Parallel()
	base := startApp(t)
	b := browsertest.New(t)
	year := time.Now().Year()
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			tab := b.Tab(t)
			if got := tab.Load(chromedp.Navigate(base + "/?lang=" + lang)); got != 200 {
				t.Fatalf("language switch: status %d", got)
			}
			login(t, tab, base, cityAdmin)
			tab.Viewport(1280, 900, false)
			if got := tab.Load(chromedp.Navigate(base + "/uppfoljning")); got != 200 {
				t.Fatalf("/uppfoljning: status %d", got)
			}
			var charts, tables int
			var menuLink string
			tab.Eval(`document.querySelectorAll('figure svg.chart').length`, &charts)
			tab.Eval(`document.querySelectorAll('main table').length`, &tables)
			tab.Eval(`(document.querySelector('.site-nav__group a[href="/uppfoljning"]') || {}).textContent || ''`, &menuLink)
			if charts < 1 || tables < 4 || menuLink == "" {
				t.Errorf("charts %d, tables %d, menu link %q", charts, tables, menuLink)
			}
			tab.AssertAccessible(lang + " /uppfoljning")
			if rows := menuRows(tab); rows != 1 {
				t.Errorf("the menu takes %d rows at 1280 px, want 1", rows)
			}
			if lang == "sv" {
				tab.Screenshot("/tmp/lokalbanken-uppfoljning.png")
			}
			tab.Viewport(375, 800, true)
			if n := tab.HorizontalOverflow(); n > 0 {
				t.Errorf("%d px wider than a 375 px phone", n)
			}
			tab.AssertAccessible(lang + " /uppfoljning at 375 px")

			// Anyone may read it, and a period typed backwards is named at its field.
			anon := b.Tab(t)
			anon.Load(chromedp.Navigate(base + "/?lang=" + lang))
			if got := anon.Load(chromedp.Navigate(base + "/uppfoljning?from=" + strconv.Itoa(year) + "-06-01&to=" + strconv.Itoa(year) + "-01-01")); got != 422 {
				t.Errorf("backwards period: status %d, want 422", got)
			}
			var msg string
			anon.Eval(`(document.querySelector('#to-error') || {}).textContent || ''`, &msg)
			if strings.TrimSpace(msg) == "" {
				t.Error("no message at the field to")
			}
			anon.AssertAccessible(lang + " /uppfoljning with an error")
		})
	}
}

// TestUsageBrowser opens a venue's use statistics, reached from the sharing report's list of
// venues, in Swedish and English: axe finds no WCAG 2.1 AA violation at 1280 px nor at
// 375 px, which it fits without sideways scrolling; the heat map is drawn without
// JavaScript beside its table.
func TestUsageBrowser(t *testing.T) {
	t.Parallel()
	base := startApp(t)
	b := browsertest.New(t)
	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			tab := b.Tab(t)
			if got := tab.Load(chromedp.Navigate(base + "/?lang=" + lang)); got != 200 {
				t.Fatalf("language switch: status %d", got)
			}
			if got := tab.Load(chromedp.Navigate(base + "/uppfoljning")); got != 200 {
				t.Fatalf("/uppfoljning: status %d", got)
			}
			var link string
			tab.Eval(`(document.querySelector('a[href^="/uppfoljning/anvandning?"]') || {}).getAttribute?.('href') || ''`, &link)
			if link == "" {
				// No lending this year in the demo data: any venue will do.
				var href string
				tab.Load(chromedp.Navigate(base + "/lokaler"))
				tab.Eval(`[...document.querySelectorAll('main a[href^="/lokaler/"]')].map(a => a.getAttribute('href')).find(h => /^\/lokaler\/\d+$/.test(h)) || ''`, &href)
				id := strings.TrimPrefix(href, "/lokaler/")
				if i := strings.IndexAny(id, "/?"); i >= 0 {
					id = id[:i]
				}
				link = "/uppfoljning/anvandning?venue=" + id
			}
			tab.Viewport(1280, 900, false)
			t.Logf("use statistics at %s", link)
			if got := tab.Load(chromedp.Navigate(base + link)); got != 200 {
				t.Fatalf("%s: status %d", link, got)
			}
			var charts, cells int
			tab.Eval(`document.querySelectorAll('figure svg.chart').length`, &charts)
			tab.Eval(`document.querySelectorAll('#heat-title ~ .table-wrap tbody td').length`, &cells)
			if charts != 1 || cells != 7*24 {
				t.Errorf("charts %d, heat table cells %d, want 1 and %d", charts, cells, 7*24)
			}
			tab.AssertAccessible(lang + " " + link)
			tab.Viewport(375, 800, true)
			if n := tab.HorizontalOverflow(); n > 0 {
				t.Errorf("%d px wider than a 375 px phone", n)
			}
			tab.AssertAccessible(lang + " " + link + " at 375 px")
		})
	}
}
