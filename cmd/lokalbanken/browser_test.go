package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/browsertest"
	"github.com/borasstad/lokalbanken/internal/config"
	"github.com/borasstad/lokalbanken/internal/demo"
)

// TestBrowser drives the real App with headless Chromium: every page in Swedish and English,
// for the visitor it is meant for, passes axe's WCAG 2.1 AA rules and fits a 375 px wide
// phone without sideways scrolling, and the new-venue form works without JavaScript, errors
// and all, for an association's admin. The visitors are the demo users (README.md).
func TestBrowser(t *testing.T) {
	t.Parallel()
	base := startApp(t)
	ids := demoIDs(t, base)
	b := browsertest.New(t)

	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tabs := map[string]*browsertest.Tab{}
			for _, who := range []string{anyone, cityAdmin, orgAdmin, booker} {
				tab := b.Tab(t)
				if got := tab.Load(chromedp.Navigate(base + "/?lang=" + lang)); got != 200 {
					t.Fatalf("language switch: status %d", got)
				}
				if who != anyone {
					login(t, tab, base, who)
				}
				tabs[who] = tab
			}
			for _, p := range visits(base, lang, ids) {
				tab := tabs[p.who]
				tab.Viewport(1280, 900, false)
				status := 0
				if p.path != "" {
					status = tab.Load(chromedp.Navigate(base + p.path))
				}
				if p.submit != nil {
					status = p.submit(tab)
				}
				if status != p.status {
					t.Errorf("%s: status %d, want %d", p.name, status, p.status)
				}
				var htmlLang string
				tab.Eval(`document.documentElement.lang`, &htmlLang)
				if htmlLang != lang {
					t.Errorf("%s: <html lang=%q>, want %q", p.name, htmlLang, lang)
				}
				tab.AssertAccessible(lang + " " + p.name)
				if lang == "sv" && screenshots[p.name] {
					tab.Screenshot("/tmp/lokalbanken-" + p.name + ".png")
				}
				if rows := menuRows(tab); rows != 1 {
					t.Errorf("%s: the menu takes %d rows at 1280 px, want 1", p.name, rows)
				}
				tab.Viewport(375, 800, true)
				if n := tab.HorizontalOverflow(); n > 0 {
					t.Errorf("%s: %d px wider than a 375 px phone", p.name, n)
				}
				if h := menuHeight(tab); h > 60 && !strings.HasPrefix(p.name, menuOpenVisit) {
					t.Errorf("%s: the closed menu is %d px high on a phone, want one row", p.name, h)
				}
				if broken := brokenWords(tab); broken != "" {
					t.Errorf("%s: words of the heading broken across lines on a phone: %s", p.name, broken)
				}
				if lang == "sv" && screenshots[p.name] {
					tab.Screenshot("/tmp/lokalbanken-" + p.name + "-phone.png")
				}
			}
		})
	}

	t.Run("NewVenueForm", func(t *testing.T) {
		t.Parallel()
		tab := b.Tab(t)
		// Headless Chromium asks for en-US; choose Swedish, the default for people here.
		tab.Load(chromedp.Navigate(base + "/?lang=sv"))
		login(t, tab, base, orgAdmin)
		tab.Load(chromedp.Navigate(base + "/lokaler/ny"))
		var owners []string
		tab.Eval(`[...document.querySelectorAll("#owner_id option")].filter(o => o.value).map(o => o.textContent)`, &owners)
		if len(owners) != 1 || owners[0] != "PRO Norrby" {
			t.Errorf("owners offered to PRO Norrby's admin: %v", owners)
		}
		fill := func(sel, value string) chromedp.Action[chromedp.Void] {
			return chromedp.SetValue(chromedp.CSS(sel), value)
		}
		tab.Do(
			fill(`#owner_id`, fmt.Sprint(ids.owner)),
			fill(`#name`, "Träffpunkt Sjöbo"),
			fill(`#street_address`, "Sjöbovägen 12"),
			fill(`#postal_code`, "5063"),
			fill(`#town`, "Borås"),
			chromedp.Click(chromedp.CSS(`#accessibility-lift`)),
		)
		if got := tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); got != 422 {
			t.Fatalf("bad postal code: status %d, want 422", got)
		}
		var form struct {
			Message, Value, Described, Name, Summary string
			Lift                                     bool
		}
		tab.Eval(`(() => {
			const pc = document.getElementById("postal_code");
			return {
				Message: document.getElementById("postal_code-error")?.textContent.trim() ?? "",
				Value: pc.value,
				Described: pc.getAttribute("aria-describedby") ?? "",
				Name: document.getElementById("name").value,
				Summary: document.querySelector(".error-summary a[href='#postal_code']")?.textContent ?? "",
				Lift: document.getElementById("accessibility-lift").checked,
			};
		})()`, &form)
		if !strings.Contains(form.Message, "Postnumret ska ha fem siffror") || form.Value != "5063" ||
			!strings.Contains(form.Described, "postal_code-error") || form.Summary == "" ||
			form.Name != "Träffpunkt Sjöbo" || !form.Lift {
			t.Fatalf("re-rendered form: %+v", form)
		}
		// Placed next to the field: the message sits between the label and the input.
		var between bool
		tab.Eval(`(() => {
			const label = document.querySelector("label[for=postal_code]"), msg = document.getElementById("postal_code-error"),
				input = document.getElementById("postal_code");
			return label.parentElement === input.parentElement && msg.parentElement === input.parentElement &&
				!!(label.compareDocumentPosition(msg) & Node.DOCUMENT_POSITION_FOLLOWING) &&
				!!(msg.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_FOLLOWING);
		})()`, &between)
		if !between {
			t.Error("the message is not placed between the postal code's label and its input")
		}

		tab.Do(fill(`#postal_code`, "506 30"))
		if got := tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); got != 200 {
			t.Fatalf("valid form: landed with status %d, want 200 after the redirect", got)
		}
		var landed struct {
			Path, H1 string
			Edit     bool
		}
		tab.Eval(`({Path: location.pathname, H1: document.querySelector("h1").textContent,
			Edit: !!document.querySelector("a[href$='/andra']")})`, &landed)
		if !regexp.MustCompile(`^/lokaler/\d+$`).MatchString(landed.Path) || landed.H1 != "Träffpunkt Sjöbo" || !landed.Edit {
			t.Errorf("after saving: %+v, want the new venue's page with its edit button", landed)
		}
	})
}

// The visitors of the browser test: the demo users, and anyone.
const (
	anyone    = ""
	cityAdmin = "admin@example.org"
	orgAdmin  = "anna@example.org" // admin of PRO Norrby
	booker    = "bo@example.org"   // booker of PRO Norrby
)

// visit is a page to check: loaded from path (if any), then submit (if any) is run on it and
// must load the page to check.
type visit struct {
	who, name, path string
	status          int
	submit          func(tab *browsertest.Tab) int
}

var screenshots = map[string]bool{"start": true, "list": true, "venue": true, "new-venue-errors": true, "account": true, "members": true, "token": true, "audit-log": true,
	"booking-form-errors": true, "booking": true, "room-week": true, "booking-series-refused": true, "booking-series": true,
	"room-settings-errors": true, "room-signed-in": true, "feed-created": true,
	"premises-agreements": true, "bookings-without-right": true}

// visits lists every page, in an order that lets one page make what a later one shows (an
// invitation link, then the invitation).
func visits(base, lang string, ids demoRecords) []visit {
	click := func(sel string) func(tab *browsertest.Tab) int {
		return func(tab *browsertest.Tab) int { return tab.Load(chromedp.Click(chromedp.CSS(sel))) }
	}
	fillAndSubmit := func(form string, kv ...string) func(tab *browsertest.Tab) int {
		return func(tab *browsertest.Tab) int {
			for i := 0; i+1 < len(kv); i += 2 {
				tab.Do(chromedp.SetValue(chromedp.CSS(form+" "+kv[i]), kv[i+1]))
			}
			return tab.Load(chromedp.Click(chromedp.CSS(form + ` button[type="submit"]`)))
		}
	}
	// expanded loads path with every <details> of the page opened, so that what they hold is
	// checked too; menuOpen does the same for the menu's (its own visit: the closed menu's
	// height on a phone is checked on every other page).
	open := func(path, within string) func(tab *browsertest.Tab) int {
		return func(tab *browsertest.Tab) int {
			status := tab.Load(chromedp.Navigate(base + path))
			tab.Eval(`document.querySelectorAll("`+within+` details").forEach(d => { d.open = true }); true`, nil)
			return status
		}
	}
	expanded := func(path string) func(tab *browsertest.Tab) int { return open(path, "main") }
	menuOpen := func(path string) func(tab *browsertest.Tab) int { return open(path, ".site-nav") }
	var invitation string // the link the invite-created page shows
	// A booking three weeks ahead, at an hour of each language's own (both run at once).
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	day := time.Now().In(stockholm).AddDate(0, 0, 21)
	hour := map[string]string{"sv": "10", "en": "13"}[lang]
	year, week := day.ISOWeek()
	members := fmt.Sprintf("/organisationer/%d/medlemmar", ids.owner)
	settings := fmt.Sprintf("/rum/%d/installningar", ids.room)
	feeds := fmt.Sprintf("/organisationer/%d/kalender", ids.owner)
	return []visit{
		{anyone, "start", "/", 200, nil},
		{anyone, "list", "/lokaler", 200, nil},
		{anyone, "list-filtered", "/lokaler?district=Centrum&capacity_min=20&facilities=wifi&accessibility=lift", 200, nil},
		{anyone, "list-invalid", "/lokaler?capacity_min=abc&facilities=sauna", 422, nil},
		{anyone, "free-rooms", "/lediga-lokaler", 200, nil},
		{anyone, "free-rooms-once", "/lediga-lokaler?mode=once&date=" + day.Format(time.DateOnly) + "&starts_at=18:00&ends_at=20:00&capacity_min=10&facilities=wifi", 200, nil},
		{anyone, "free-rooms-weekly", "/lediga-lokaler?mode=weekly&weekday=2&first_day=" + day.Format(time.DateOnly) + "&last_day=" + day.AddDate(0, 5, 0).Format(time.DateOnly) + "&starts_at=18:00&ends_at=20:30", 200, nil},
		{anyone, "free-rooms-invalid", "/lediga-lokaler?mode=once&date=abc&starts_at=25:00&ends_at=11:00", 422, nil},
		{anyone, "venue", fmt.Sprintf("/lokaler/%d", ids.venue), 200, nil},
		{anyone, "room", fmt.Sprintf("/rum/%d", ids.room), 200, nil},
		{anyone, "organisation", fmt.Sprintf("/organisationer/%d", ids.city), 200, nil},
		{anyone, "compact", "/overenskommelsen", 200, nil},
		{anyone, "compact-search", "/overenskommelsen?q=Bor%C3%A5s", 200, nil},
		{anyone, "compact-invalid", "/overenskommelsen?q=" + strings.Repeat("a", 201), 422, nil},
		{anyone, "premises-agreements", "/avtal/lokalavtal", 200, nil},
		{anyone, "iop-agreements", "/avtal/iop", 200, nil},
		{cityAdmin, "premises-agreements-city", "/avtal/lokalavtal", 200, nil},
		{anyone, "not-found", "/finns-inte", 404, nil},
		{anyone, "login", "/logga-in", 200, nil},
		{anyone, "login-failed", "/logga-in", 422, fillAndSubmit("main form", "#email", "ingen-"+lang+"@example.org", "#password", "fel lösenord")},
		{anyone, "forgot-password", "/logga-in", 200, click(`main a[href="/glomt-losenord"]`)},
		{anyone, "forgot-password-errors", "/glomt-losenord", 422, fillAndSubmit("main form", "#email", "fel")},
		{anyone, "forgot-password-sent", "/glomt-losenord", 200, fillAndSubmit("main form", "#email", "ingen-"+lang+"@example.org")},
		{anyone, "password-reset", "/losenord/okand-lank", 200, nil},
		{anyone, "password-reset-invalid", "/losenord/okand-lank", 404, fillAndSubmit("main form", "#password", "ett långt nytt lösenord")},
		{cityAdmin, "new-venue", "/lokaler/ny", 200, nil},
		{cityAdmin, "new-venue-errors", "/lokaler/ny", 422, fillAndSubmit("main form", "#postal_code", "12")},
		{cityAdmin, "edit-venue", fmt.Sprintf("/lokaler/%d/andra", ids.venue), 200, nil},
		{cityAdmin, "new-room", fmt.Sprintf("/lokaler/%d/rum/nytt", ids.venue), 200, nil},
		{cityAdmin, "venue-signed-in", fmt.Sprintf("/lokaler/%d", ids.venue), 200, nil},
		{cityAdmin, "room-settings", settings, 200, nil},
		{cityAdmin, "room-settings-errors", settings, 422, fillAndSubmit(`form[action$="/oppettider"]`, "#closes_1_1", "25:00", "#opens_2_1", "08:00")},
		{cityAdmin, "room-settings-closure", settings, 200, fillAndSubmit(`form[action$="/stangt"]`,
			"#first_day", "2030-12-24", "#last_day", "2030-12-26", "#reason", "Webbläsartest "+lang)},
		{cityAdmin, "room-signed-in", fmt.Sprintf("/rum/%d", ids.room), 200, nil},
		{cityAdmin, "venue-closure-errors", fmt.Sprintf("/lokaler/%d", ids.venue), 422, fillAndSubmit(`form[action$="/stangt"]`, "#first_day", "fel")},
		{cityAdmin, "account", "/konto", 200, nil},
		{cityAdmin, "account-errors", "/konto", 422, fillAndSubmit(`form[action="/konto/losenord"]`, "#current_password", "fel", "#password", "kort")},
		{cityAdmin, "token", "/konto", 200, fillAndSubmit(`form[action="/konto/nycklar"]`, "#token_name", "Webbläsartest "+lang)},
		{cityAdmin, "account-tokens", "/konto", 200, nil},
		{cityAdmin, "delete-account", "/konto/radera", 200, nil},
		{cityAdmin, "users", "/admin/anvandare", 200, nil},
		{cityAdmin, "users-search", "/admin/anvandare?q=example", 200, nil},
		{cityAdmin, "new-user", "/admin/anvandare/ny", 200, nil},
		{cityAdmin, "new-user-errors", "/admin/anvandare/ny", 422, fillAndSubmit("main form", "#email", "fel")},
		{cityAdmin, "reset-link", "/admin/anvandare?q=bo%40example.org", 200, click(`form[action$="/losenordslank"] button`)},
		{cityAdmin, "audit-log", "", 200, expanded("/admin/logg")},
		{cityAdmin, "audit-log-filtered", "", 200, expanded("/admin/logg?action=venue.create&object_type=venue&from=2020-01-01")},
		{cityAdmin, "audit-log-invalid", "/admin/logg?actor_user_id=abc&from=2026-13-45", 422, nil},
		{orgAdmin, "members", members, 200, nil},
		{orgAdmin, "invite-errors", members, 422, fillAndSubmit(`form[action$="/inbjudningar"]`, "#email", "fel")},
		{orgAdmin, "invite-created", members, 200, func(tab *browsertest.Tab) int {
			status := fillAndSubmit(`form[action$="/inbjudningar"]`, "#email", "ny-"+lang+"@example.org")(tab)
			tab.Eval(`document.querySelector(".secret__value code").textContent`, &invitation)
			return status
		}},
		{orgAdmin, "organisation-signed-in", fmt.Sprintf("/organisationer/%d", ids.owner), 200, nil},
		{anyone, "invitation", "", 200, func(tab *browsertest.Tab) int {
			return tab.Load(chromedp.Navigate(strings.Replace(invitation, "http://127.0.0.1", base, 1)))
		}},
		{anyone, "invitation-errors", "", 422, fillAndSubmit("main form", "#name", "Ny Medlem", "#password", "kort")},
		{anyone, "invitation-accepted", "", 200, fillAndSubmit("main form", "#name", "Ny Medlem", "#password", "ett långt nytt lösenord")},
		{booker, "members-booker", members, 200, nil},
		{booker, "booking-form", fmt.Sprintf("/rum/%d/boka", ids.room), 200, nil},
		{booker, "booking-form-errors", fmt.Sprintf("/rum/%d/boka", ids.room), 422, fillAndSubmit("main form.form", "#date", "", "#starts_at", "")},
		{booker, "booking", fmt.Sprintf("/rum/%d/boka", ids.room), 200, fillAndSubmit("main form.form",
			"#title", "Webbläsartest "+lang, "#attendees", "2", "#date", day.Format(time.DateOnly), "#starts_at", hour+":00", "#ends_at", hour+":45")},
		{booker, "booking-conflict", fmt.Sprintf("/rum/%d/boka", ids.room), 409, fillAndSubmit("main form.form",
			"#title", "Krock "+lang, "#attendees", "2", "#date", day.Format(time.DateOnly), "#starts_at", hour+":30", "#ends_at", hour+":50")},
		{booker, "booking-series-errors", fmt.Sprintf("/rum/%d/boka", ids.room), 422, fillAndSubmit("main form.form",
			"#title", "Serie "+lang, "#attendees", "2", "#date", "", "#starts_at", hour+":00", "#ends_at", hour+":45", "#repeat", "weekly")},
		// The first occurrence is the booking above: the whole series is refused, listing it.
		{booker, "booking-series-refused", fmt.Sprintf("/rum/%d/boka", ids.room), 409, fillAndSubmit("main form.form",
			"#title", "Serie "+lang, "#attendees", "2", "#date", day.Format(time.DateOnly), "#starts_at", hour+":00", "#ends_at", hour+":45",
			"#repeat", "weekly", "#repeat_count", "3")},
		{booker, "booking-series", "", 200, func(tab *browsertest.Tab) int {
			tab.Do(chromedp.Click(chromedp.CSS(`#skip_unavailable-yes`)))
			return click(`main form.form button[type="submit"]`)(tab)
		}},
		{booker, "booking-in-series", "", 200, click(`.booked li a`)},
		{booker, "booking-move-errors", "", 422, fillAndSubmit(`form[action$="/flytta"]`, "#starts_at", "")},
		{booker, "booking-moved", "", 200, fillAndSubmit(`form[action$="/flytta"]`, "#starts_at", hour+":15", "#ends_at", hour+":55")},
		{booker, "room-week", fmt.Sprintf("/rum/%d?vecka=%d-W%02d", ids.room, year, week), 200, nil},
		{anyone, "room-week-anyone", fmt.Sprintf("/rum/%d?vecka=%d-W%02d", ids.room, year, week), 200, nil},
		{booker, "organisation-bookings", fmt.Sprintf("/organisationer/%d/bokningar", ids.owner), 200, nil},
		// The organisation's calendar links: the form's error, a link just made (shown once,
		// with its webcal:// link), and one revoked.
		{booker, "feeds", feeds, 200, nil},
		{booker, "feeds-errors", feeds, 422, fillAndSubmit(`form[action$="/kalender"]`, "#name", " ")},
		{booker, "feed-created", feeds, 200, fillAndSubmit(`form[action$="/kalender"]`, "#name", "Webbläsartest "+lang)},
		{booker, "feed-revoked", "", 200, click(`form[action$="/aterkalla"] button`)},
		{orgAdmin, "booking-requests", fmt.Sprintf("/organisationer/%d/forfragningar", ids.owner), 200, nil},
		{orgAdmin, "bookings-without-right", fmt.Sprintf("/organisationer/%d/utan-ratt", ids.owner), 200, nil},
		{cityAdmin, "booking-requests-city", fmt.Sprintf("/organisationer/%d/forfragningar", ids.city), 200, nil},
		{booker, "forbidden", "/lokaler/ny", 403, nil},
		{booker, "account-booker", "/konto", 200, nil},
		// What waits: the owner's admin has the booker's requests to decide, with a count in the
		// menu; the booker sees the organisation's next bookings.
		{orgAdmin, "todo", "/att-gora", 200, nil},
		{booker, "todo-booker", "/att-gora", 200, nil},
		{cityAdmin, "todo-city", "/att-gora", 200, nil},
		{booker, "mail-settings", "/konto/installningar", 200, nil},
		{booker, "mail-settings-saved", "/konto/installningar", 200, click(`main form[action="/konto/installningar"] button[type="submit"]`)},
		// Last: the messages the visits above caused are kept (no SMTP) and listed.
		{cityAdmin, "outbox", "", 200, expanded("/admin/meddelanden")},
		{cityAdmin, menuOpenVisit, "", 200, menuOpen("/admin/logg")},
		{booker, menuOpenVisit + "-booker", "", 200, menuOpen("/")},
	}
}

// login signs the tab in as a demo user through the login form.
func login(t *testing.T, tab *browsertest.Tab, base, email string) {
	t.Helper()
	loginWith(t, tab, base, email, demo.Password)
}

// loginWith signs the tab in through the login form, which lands on the to-do page.
func loginWith(t *testing.T, tab *browsertest.Tab, base, email, password string) {
	t.Helper()
	tab.Load(chromedp.Navigate(base + "/logga-in"))
	tab.Do(
		chromedp.SetValue(chromedp.CSS(`#email`), email),
		chromedp.SetValue(chromedp.CSS(`#password`), password),
	)
	if got := tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]`))); got != 200 {
		t.Fatalf("login as %s: status %d, want 200 after the redirect", email, got)
	}
	var path string
	tab.Eval(`location.pathname`, &path)
	if path != "/att-gora" {
		t.Fatalf("login as %s landed on %s, want /att-gora", email, path)
	}
}

// startApp starts the real App, as `lokalbanken serve` does, on an embedded database of its
// own with the demo data and demo users, and returns its base URL.
func startApp(t *testing.T) string {
	t.Helper()
	return startAppWith(t, nil)
}

// startAppWith is startApp with the configuration changed by change (nil: none).
func startAppWith(t *testing.T, change func(*config.Config)) string {
	t.Helper()
	cfg := config.Defaults()
	cfg.Addr = "127.0.0.1:0"
	// An embedded database of its own, as `lokalbanken serve` has without DATABASE_URL: only
	// there does the demo data include the demo users, whose passwords are published.
	cfg.DatabaseURL = ""
	cfg.DataDir = filepath.Join(t.TempDir(), "data")
	cfg.Demo = "yes"
	cfg.LogFormat = "text"
	cfg.BaseURL = "http://127.0.0.1"
	if change != nil {
		change(&cfg)
	}
	var logs syncBuffer
	app := NewApp(cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	if err := app.Start(context.Background()); err != nil {
		app.Close()
		t.Fatalf("start: %v\n%s", err, logs.String())
	}
	t.Cleanup(func() {
		if err := app.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
		if t.Failed() {
			t.Logf("service log:\n%s", logs.String())
		}
	})
	// The browser must reach the address the listener has, not a name that may resolve to ::1.
	return strings.Replace(app.URL(), "//localhost:", "//127.0.0.1:", 1)
}

// syncBuffer is a log sink that the server's goroutines may write to at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// demoIDs are records of the demo data the pages are visited for, found through the API:
// Stadshuset, one of its rooms, the city, and PRO Norrby (owner).
type demoRecords struct{ venue, room, owner, city int64 }

func demoIDs(t *testing.T, base string) demoRecords {
	t.Helper()
	var ids demoRecords
	var venues struct {
		Items []struct {
			ID      int64 `json:"id"`
			OwnerID int64 `json:"owner_id"`
		} `json:"items"`
	}
	getJSON(t, base+"/api/v1/venues?q="+url.QueryEscape("Stadshuset"), &venues)
	if len(venues.Items) == 0 {
		t.Fatal("demo venue Stadshuset not found")
	}
	ids.venue = venues.Items[0].ID
	var rooms struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	getJSON(t, fmt.Sprintf("%s/api/v1/venues/%d/rooms", base, ids.venue), &rooms)
	var orgs struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	getJSON(t, base+"/api/v1/organisations?kind=city&q="+url.QueryEscape("212000-9994"), &orgs)
	if len(rooms.Items) == 0 || len(orgs.Items) == 0 {
		t.Fatalf("demo room or city not found: %+v %+v", rooms, orgs)
	}
	ids.room, ids.city = rooms.Items[0].ID, orgs.Items[0].ID
	getJSON(t, base+"/api/v1/organisations?q="+url.QueryEscape("802471-2344"), &orgs)
	if len(orgs.Items) != 1 {
		t.Fatalf("demo association PRO Norrby not found: %+v", orgs)
	}
	ids.owner = orgs.Items[0].ID
	return ids
}

func getJSON(t *testing.T, u string, out any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

// menuOpenVisit names the visits with the menu's <details> opened.
const menuOpenVisit = "menu-open"

// logout signs out as a person would: the account group of the menu opened (and, on a
// phone, the menu itself), then "Sign out".
func logout(tab *browsertest.Tab) int {
	var done bool
	tab.Eval(`(() => {
		const menu = document.querySelector(".site-nav__menu"), toggle = menu.querySelector(".site-nav__toggle");
		if (!menu.open && toggle.offsetParent !== null) toggle.click();
		const group = document.querySelector(".site-nav__group--end");
		if (!group.open) group.querySelector("summary").click();
		return true;
	})()`, &done)
	return tab.Load(chromedp.Click(chromedp.CSS(`form[action="/logga-ut"] button`)))
}

// menuRows is how many rows the top level of the menu takes.
func menuRows(tab *browsertest.Tab) int {
	var n int
	tab.Eval(`new Set([...document.querySelectorAll(".site-nav__list > li")].map(li => Math.round(li.getBoundingClientRect().top))).size`, &n)
	return n
}

// menuHeight is the height of the menu bar in whole pixels.
func menuHeight(tab *browsertest.Tab) int {
	var h float64
	tab.Eval(`document.querySelector(".site-nav").getBoundingClientRect().height`, &h)
	return int(h)
}

// brokenWords lists the words of the page's h1 that are broken across two lines.
func brokenWords(tab *browsertest.Tab) string {
	var s string
	tab.Eval(`(() => {
		const h = document.querySelector("main h1"), bad = [];
		if (!h) return "";
		const w = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
		while (w.nextNode()) {
			const t = w.currentNode, re = /\S+/g;
			let m;
			while ((m = re.exec(t.data))) {
				const r = document.createRange();
				r.setStart(t, m.index);
				r.setEnd(t, m.index + m[0].length);
				const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
				if (tops.size > 1) bad.push(m[0]);
			}
		}
		return bad.join(" ");
	})()`, &s)
	return s
}
