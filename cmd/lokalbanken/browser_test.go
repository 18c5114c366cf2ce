package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/browsertest"
	"github.com/borasstad/lokalbanken/internal/config"
	"github.com/borasstad/lokalbanken/internal/dbtest"
)

// TestBrowser drives the real App with headless Chromium: every page in Swedish and English
// passes axe's WCAG 2.1 AA rules and fits a 375 px wide phone without sideways scrolling,
// and the new-venue form works without JavaScript, errors and all.
func TestBrowser(t *testing.T) {
	t.Parallel()
	base := startApp(t)
	ids := demoIDs(t, base)
	b := browsertest.New(t)

	pages := []struct {
		name, path string
		status     int
		// submit, when set, is run on the loaded page and must load the page to check.
		submit func(tab *browsertest.Tab) int
	}{
		{"start", "/", 200, nil},
		{"list", "/lokaler", 200, nil},
		{"list-filtered", "/lokaler?district=Centrum&capacity_min=20&facilities=wifi&accessibility=lift", 200, nil},
		{"list-invalid", "/lokaler?capacity_min=abc&facilities=sauna", 422, nil},
		{"venue", fmt.Sprintf("/lokaler/%d", ids.venue), 200, nil},
		{"room", fmt.Sprintf("/rum/%d", ids.room), 200, nil},
		{"organisation", fmt.Sprintf("/organisationer/%d", ids.city), 200, nil},
		{"new-venue", "/lokaler/ny", 200, nil},
		{"new-venue-errors", "/lokaler/ny", 422, func(tab *browsertest.Tab) int {
			tab.Do(chromedp.SetValue(chromedp.CSS(`#postal_code`), "12"))
			return tab.Load(chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)))
		}},
		{"edit-venue", fmt.Sprintf("/lokaler/%d/andra", ids.venue), 200, nil},
		{"new-room", fmt.Sprintf("/lokaler/%d/rum/nytt", ids.venue), 200, nil},
		{"not-found", "/finns-inte", 404, nil},
	}

	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tab := b.Tab(t)
			if got := tab.Load(chromedp.Navigate(base + "/?lang=" + lang)); got != 200 {
				t.Fatalf("language switch: status %d", got)
			}
			for _, p := range pages {
				tab.Viewport(1280, 900, false)
				status := tab.Load(chromedp.Navigate(base + p.path))
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
				if lang == "sv" && (p.name == "start" || p.name == "list" || p.name == "venue" || p.name == "new-venue-errors") {
					tab.Screenshot("/tmp/lokalbanken-" + p.name + ".png")
				}
				tab.Viewport(375, 800, true)
				if n := tab.HorizontalOverflow(); n > 0 {
					t.Errorf("%s: %d px wider than a 375 px phone", p.name, n)
				}
				if lang == "sv" && (p.name == "start" || p.name == "list" || p.name == "venue") {
					tab.Screenshot("/tmp/lokalbanken-" + p.name + "-phone.png")
				}
			}
		})
	}

	t.Run("NewVenueForm", func(t *testing.T) {
		t.Parallel()
		tab := b.Tab(t)
		// Headless Chromium asks for en-US; choose Swedish, the default for people here.
		tab.Load(chromedp.Navigate(base + "/lokaler/ny?lang=sv"))
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
		var landed struct{ Path, H1 string }
		tab.Eval(`({Path: location.pathname, H1: document.querySelector("h1").textContent})`, &landed)
		if !regexp.MustCompile(`^/lokaler/\d+$`).MatchString(landed.Path) || landed.H1 != "Träffpunkt Sjöbo" {
			t.Errorf("after saving: %+v, want the new venue's page", landed)
		}
	})
}

// startApp starts the real App, as `lokalbanken serve` does, on a database of its own with
// the demo data, and returns its base URL.
func startApp(t *testing.T) string {
	t.Helper()
	cfg := config.Defaults()
	cfg.Addr = "127.0.0.1:0"
	cfg.DatabaseURL = dbtest.NewURL(t)
	cfg.Demo = "yes"
	cfg.LogFormat = "text"
	cfg.BaseURL = "http://127.0.0.1"
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

// demoIDs are records of the demo data the pages are visited for, found through the API.
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
	ids.venue, ids.owner = venues.Items[0].ID, venues.Items[0].OwnerID
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
