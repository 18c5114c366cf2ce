package main

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/browsertest"
)

// TestBookingBrowser drives the booking flow in headless Chromium, without JavaScript of
// ours, across the change to summer time of the coming spring: a booker books an hour of
// Stora salen in one click from the venue's day grid, then searches Wednesdays for a term,
// finds Stora salen free most weeks (that hour's week listed, the room marked as needing
// approval), opens the form filled in with room, date, times, weekday and term, and books
// the free weeks; the series' page survives a reload without booking again; the room's
// week grid shows the Wednesdays at 18:00 on both sides of the change; the city
// administrator approves the whole series from the grouped inbox. Every page passes axe and
// fits 375 px, in Swedish and English.
func TestBookingBrowser(t *testing.T) {
	t.Parallel()
	base := startApp(t)
	ids := bookingDemoIDs(t, base)
	// The Wednesdays of seven weeks around the last Sunday of March, summer time's start.
	now := time.Now()
	y := now.Year()
	if now.Month() >= time.March {
		y++
	}
	change := time.Date(y, 3, 31, 0, 0, 0, 0, time.UTC)
	for change.Weekday() != time.Sunday {
		change = change.AddDate(0, 0, -1)
	}
	first, last := change.AddDate(0, 0, -4-21), change.AddDate(0, 0, 3+21)
	taken := change.AddDate(0, 0, -4-7) // a Wednesday before the change
	day := func(t time.Time) string { return t.Format(time.DateOnly) }

	b := browsertest.New(t)
	tab := b.Tab(t)
	tab.Load(chromedp.Navigate(base + "/?lang=sv"))
	login(t, tab, base, booker)
	var pages []string // what the booker saw, to see again in English
	check := func(tab *browsertest.Tab, name string) {
		t.Helper()
		tab.AssertAccessible(name)
		tab.Viewport(375, 800, true)
		if n := tab.HorizontalOverflow(); n > 0 {
			t.Errorf("%s: %d px wider than a 375 px phone", name, n)
		}
		tab.Viewport(1280, 900, false)
	}
	visit := func(path, name string) {
		t.Helper()
		if got := tab.Load(chromedp.Navigate(base + path)); got != 200 {
			t.Fatalf("%s: %s: status %d", name, path, got)
		}
		check(tab, "sv "+name)
		pages = append(pages, path)
	}
	eval := func(js string) string {
		t.Helper()
		var out string
		tab.Eval(js, &out)
		return out
	}
	here := func() string { return eval(`location.pathname + location.search`) }

	// One click on a free hour of the venue's day grid opens the form with it filled in.
	visit(fmt.Sprintf("/lokaler/%d/schema?datum=%s", ids.venue, day(taken)), "venue grid")
	href := eval(`(() => { const heads = [...document.querySelectorAll(".grid thead th")].map(th => th.textContent.trim());
		const col = heads.indexOf("Stora salen");
		const tr = [...document.querySelectorAll(".grid tbody tr")].find(tr => tr.querySelector("th").textContent === "18:00");
		const a = tr && col > 0 ? tr.children[col].querySelector("a") : null;
		return a ? a.getAttribute("href") : ""; })()`)
	if !strings.HasPrefix(href, fmt.Sprintf("/rum/%d/boka?", ids.room)) {
		t.Fatalf("the 18:00 hour of Stora salen links %q", href)
	}
	if got := tab.Load(chromedp.Click(chromedp.CSS(`.grid a[href="` + href + `"]`))); got != 200 {
		t.Fatalf("booking form from the grid: %d", got)
	}
	check(tab, "sv booking form from the grid")
	if got := eval(`[date.value, starts_at.value, ends_at.value].join(" ")`); got != day(taken)+" 18:00 19:00" {
		t.Errorf("form from the grid: %q", got)
	}
	tab.Do(chromedp.SetValue(chromedp.CSS(`#ends_at`), "20:00"), chromedp.SetValue(chromedp.CSS(`#title`), "Enstaka möte"),
		chromedp.SetValue(chromedp.CSS(`#attendees`), "30"))
	if got := tab.Load(chromedp.Click(chromedp.CSS(`main form.form button[type="submit"]`))); got != 200 {
		t.Fatalf("booking the hour: %d", got)
	}
	if p := here(); !regexp.MustCompile(`^/bokningar/\d+\?klart=forfragan$`).MatchString(p) {
		t.Fatalf("after booking the hour: %s", p)
	}

	// The term search: Wednesdays 18–20 for 30 people.
	visit("/lediga-lokaler", "free rooms form")
	tab.Do(chromedp.Click(chromedp.CSS(`#mode-weekly`)), chromedp.SetValue(chromedp.CSS(`#weekday`), "3"),
		chromedp.SetValue(chromedp.CSS(`#first_day`), day(first)), chromedp.SetValue(chromedp.CSS(`#last_day`), day(last)),
		chromedp.SetValue(chromedp.CSS(`#starts_at`), "18:00"), chromedp.SetValue(chromedp.CSS(`#ends_at`), "20:00"),
		chromedp.SetValue(chromedp.CSS(`#capacity_min`), "30"))
	if got := tab.Load(chromedp.Click(chromedp.CSS(`form.filters button[type="submit"]`))); got != 200 {
		t.Fatalf("term search: %d", got)
	}
	check(tab, "sv term search")
	pages = append(pages, here())
	var card struct {
		Unavailable, Book string
		Approval          bool
	}
	tab.Eval(`(() => { const c = [...document.querySelectorAll("#partly-list .card")].find(c => c.querySelector(".card__title").textContent.trim() === "Stora salen");
		return c ? {Unavailable: c.querySelector(".unavailable").textContent, Book: c.querySelector("a.button").getAttribute("href"),
			Approval: !!c.querySelector(".tag--approval")} : {}; })()`, &card)
	if !strings.Contains(card.Unavailable, day(taken)+" 18:00–20:00") || !card.Approval || card.Book == "" {
		t.Fatalf("Stora salen among the rooms free most weeks: %+v", card)
	}
	if got := tab.Load(chromedp.Click(chromedp.CSS(`#partly-list a[href="` + card.Book + `"]`))); got != 200 {
		t.Fatalf("booking form from the search: %d", got)
	}
	check(tab, "sv booking form from the search")
	pages = append(pages, here())
	want := strings.Join([]string{day(first), "18:00", "20:00", "weekly", "true", day(last), "true", "30"}, " ")
	if got := eval(`[date.value, starts_at.value, ends_at.value, repeat.value, document.getElementById("repeat_days-3").checked,
		repeat_until.value, document.getElementById("skip_unavailable-yes").checked, attendees.value].join(" ")`); got != want {
		t.Errorf("form from the search: %q, want %q", got, want)
	}
	tab.Do(chromedp.SetValue(chromedp.CSS(`#title`), "Kör på onsdagar"))
	if got := tab.Load(chromedp.Click(chromedp.CSS(`main form.form button[type="submit"]`))); got != 200 {
		t.Fatalf("booking the term: %d", got)
	}
	series := here()
	if !regexp.MustCompile(`^/bokningar/\d+/serie\?klart=serie-forfragan$`).MatchString(series) {
		t.Fatalf("after booking the term: %s", series)
	}
	check(tab, "sv series booked")
	pages = append(pages, series)
	counts := func() string {
		return eval(`document.querySelectorAll(".booked li").length + " booked, " + document.querySelectorAll(".skipped li").length + " skipped: " +
			(document.querySelector(".skipped li") || {}).textContent`)
	}
	wantCounts := "7 booked, 1 skipped: " + day(taken) + " 18:00–20:00"
	if got := counts(); !strings.HasPrefix(got, wantCounts) {
		t.Errorf("series page: %q, want %q…", got, wantCounts)
	}
	// A reload reads the page again: nothing is booked twice.
	if got := tab.Load(chromedp.Reload()); got != 200 || here() != series || !strings.HasPrefix(counts(), wantCounts) {
		t.Errorf("reloaded: status %d at %s: %q", got, here(), counts())
	}

	// The room's week grid: the Wednesday at 18:00 before and after the change.
	for _, wed := range []time.Time{change.AddDate(0, 0, -4), change.AddDate(0, 0, 3)} {
		yy, ww := wed.ISOWeek()
		path := fmt.Sprintf("/rum/%d?vecka=%d-W%02d", ids.room, yy, ww)
		visit(path, fmt.Sprintf("room week %d", ww))
		got := eval(`(() => { const col = [...document.querySelectorAll("#vecka thead th")].findIndex(th => th.textContent.startsWith("onsdag"));
			const tr = [...document.querySelectorAll("#vecka tbody tr")].find(tr => tr.querySelector("th").textContent === "18:00");
			return tr.children[col].textContent.trim(); })()`)
		if !strings.HasPrefix(got, "Kör på onsdagar") {
			t.Errorf("week %d, Wednesday 18:00: %q", ww, got)
		}
	}

	// The city administrator approves the series whole from the inbox, grouped by room.
	admin := b.Tab(t)
	admin.Load(chromedp.Navigate(base + "/?lang=sv"))
	login(t, admin, base, cityAdmin)
	inbox := fmt.Sprintf("/organisationer/%d/forfragningar?rum=%d", ids.owner, ids.room)
	if got := admin.Load(chromedp.Navigate(base + inbox)); got != 200 {
		t.Fatalf("inbox: %d", got)
	}
	check(admin, "sv inbox")
	var group struct{ When, Action string }
	admin.Eval(`(() => { const c = [...document.querySelectorAll(".request")].find(c => c.querySelector(".request__title").textContent.trim() === "Kör på onsdagar");
		return c ? {When: c.querySelector(".facts dd").textContent, Action: c.querySelector("form").getAttribute("action")} : {}; })()`, &group)
	if !strings.HasPrefix(group.When, "7 tillfällen") || !strings.HasSuffix(group.Action, "/serie/godkann") {
		t.Fatalf("the series in the inbox: %+v", group)
	}
	if got := admin.Load(chromedp.Click(chromedp.CSS(`form[action="` + group.Action + `"] button:not(.button--secondary)`))); got != 200 {
		t.Fatalf("approving the series: %d", got)
	}
	var after struct {
		Notice string
		Left   int
	}
	admin.Eval(`({Notice: (document.querySelector(".notice--ok") || {}).textContent || "",
		Left: [...document.querySelectorAll(".request__title")].filter(h => h.textContent.trim() === "Kör på onsdagar").length})`, &after)
	if after.Notice == "" || after.Left != 0 {
		t.Errorf("after approving: %+v", after)
	}
	check(admin, "sv inbox after approving")

	// The same pages in English.
	tab.Load(chromedp.Navigate(base + "/?lang=en"))
	for _, p := range pages {
		if got := tab.Load(chromedp.Navigate(base + p)); got != 200 {
			t.Errorf("en %s: %d", p, got)
		}
		check(tab, "en "+p)
	}
	admin.Load(chromedp.Navigate(base + "/?lang=en"))
	admin.Load(chromedp.Navigate(base + strings.Replace(inbox, "?", "?status=confirmed&", 1)))
	check(admin, "en inbox, confirmed")
	if got := admin.Load(chromedp.Navigate(base + "/lediga-lokaler?" + url.Values{"mode": {"once"}, "date": {day(taken)}, "starts_at": {"18:00"}, "ends_at": {"20:00"}}.Encode())); got != 200 {
		t.Errorf("en one-off search: %d", got)
	}
	check(admin, "en one-off search")
}

// bookingDemoIDs are Norrby träffpunkt, its room Stora salen (whose owner approves every
// booking) and its owner, a city department, found through the API.
func bookingDemoIDs(t *testing.T, base string) demoRecords {
	t.Helper()
	var venues struct {
		Items []struct {
			ID      int64 `json:"id"`
			OwnerID int64 `json:"owner_id"`
		} `json:"items"`
	}
	getJSON(t, base+"/api/v1/venues?q="+url.QueryEscape("Norrby träffpunkt"), &venues)
	if len(venues.Items) != 1 {
		t.Fatalf("demo venue Norrby träffpunkt: %+v", venues)
	}
	ids := demoRecords{venue: venues.Items[0].ID, owner: venues.Items[0].OwnerID}
	var rooms struct {
		Items []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"items"`
	}
	getJSON(t, fmt.Sprintf("%s/api/v1/venues/%d/rooms", base, ids.venue), &rooms)
	for _, r := range rooms.Items {
		if r.Name == "Stora salen" {
			ids.room = r.ID
		}
	}
	if ids.room == 0 {
		t.Fatalf("demo room Stora salen: %+v", rooms)
	}
	return ids
}
