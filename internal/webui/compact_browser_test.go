package webui_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/browsertest"
	"github.com/borasstad/lokalbanken/internal/csvimport"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// TestCompactPageInBrowser opens the Compact's page in headless Chromium with JavaScript
// switched off, in Swedish and English, with 61 signatories imported from CSV: the count,
// the first page of 50, the next page, a search, the principles and the versions work, and
// every page passes axe's WCAG 2.1 AA rules and fits a 375 px wide phone.
func TestCompactPageInBrowser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	compact, err := s.agree.FindCompact(ctx, access.System)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.agree.AddVersion(ctx, access.System, compact.ID, agreement.VersionInput{Label: "2026", AdoptedOn: "2026-01-01",
		Link: "https://example.test/overenskommelsen-2026.pdf", Body: "Borås Stad och det idéburna kommer överens om …"}); err != nil {
		t.Fatal(err)
	}
	var file strings.Builder
	file.WriteString("name,org_number,signed_on,signer_name\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&file, "Förening %02d,%s,2026-02-01,Namn %d\n", i, orgNumber(802500000+i), i)
	}
	file.WriteString("Sjöbo Kammarkör,802400-0013,2026-03-01,Åsa Öberg\n")
	im := csvimport.New(s.db, validation.New(), func() time.Time { return testNow }, stockholm)
	if _, err := im.ImportSignatories(ctx, access.System, strings.NewReader(file.String()), csvimport.SignatoryOptions{AgreementID: compact.ID}); err != nil {
		t.Fatal(err)
	}
	b := browsertest.New(t)

	for _, lang := range []string{"sv", "en"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tab := b.Tab(t)
			// Each page is loaded, and each link and button used, with JavaScript off; it is
			// switched on again only to read the page and run axe.
			load := func(action chromedp.Action[chromedp.Void]) int {
				t.Helper()
				tab.Do(scripts(false))
				defer tab.Do(scripts(true))
				return tab.Load(action)
			}
			check := func(name string, want compactView) {
				t.Helper()
				var got compactView
				tab.Eval(`(() => {
					const sig = document.querySelector("section[aria-labelledby=signatories-title]");
					return {
						Lang: document.documentElement.lang,
						Rows: sig.querySelectorAll("tbody tr").length,
						First: sig.querySelector("tbody tr > :first-child")?.textContent.trim() ?? "",
						Versions: [...sig.querySelectorAll("tbody tr > :last-child")].every(c => c.textContent.trim() === "2026"),
						Next: !!document.querySelector("a[rel=next]"),
						Principles: document.querySelectorAll("ol.principles > li").length,
						Text: document.querySelector("section[aria-labelledby=text-title]").textContent.replace(/\s+/g, " "),
						Count: sig.querySelector("p").textContent.trim(),
					};
				})()`, &got)
				if got.Lang != lang || got.Rows != want.Rows || got.First != want.First || !got.Versions || got.Next != want.Next ||
					got.Principles != 6 || !strings.Contains(got.Text, want.Text) || got.Count != want.Count {
					t.Errorf("%s: %+v\nwant %+v", name, got, want)
				}
				tab.AssertAccessible(lang + " " + name)
				tab.Viewport(375, 800, true)
				if n := tab.HorizontalOverflow(); n > 0 {
					t.Errorf("%s: %d px wider than a 375 px phone", name, n)
				}
				tab.Viewport(1280, 900, false)
			}
			text := map[string]compactView{
				"sv": {Count: "61 organisationer har skrivit under.", Text: "Gällande version är 2026, antagen 2026-01-01."},
				"en": {Count: "61 organisations have signed.", Text: "The version in force is 2026, adopted 2026-01-01."},
			}[lang]

			if status := load(chromedp.Navigate(s.url + "/overenskommelsen?lang=" + lang)); status != 200 {
				t.Fatalf("status %d", status)
			}
			first := text
			first.Rows, first.First, first.Next = 50, "Förening 01", true
			check("first page", first)

			load(chromedp.Click(chromedp.CSS("a[rel=next]")))
			next := text
			next.Rows, next.First = 11, "Förening 51"
			check("next page", next)

			tab.Do(chromedp.SetValue(chromedp.CSS("#q"), "sjöbo"))
			load(chromedp.Click(chromedp.CSS(`form[role=search] button[type=submit]`)))
			found := text
			found.Rows, found.First = 1, "Sjöbo Kammarkör"
			check("search", found)
		})
	}
}

// compactView is what TestCompactPageInBrowser reads off the page.
type compactView struct {
	Lang           string
	Rows           int
	First          string
	Versions, Next bool
	Principles     int
	Text, Count    string
}

// scripts switches JavaScript in the tab on or off (some visitors have it off: the page must
// work without it). With it off, the DevTools protocol cannot evaluate anything either.
func scripts(on bool) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tgt *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tgt, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return chromedp.Void{}, err
	}
}

// orgNumber makes a valid organisation number of nine digits and their Luhn check digit.
func orgNumber(first9 int) string {
	s := fmt.Sprintf("%09d", first9)
	sum := 0
	for i, c := range s {
		d := int(c - '0')
		if i%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	s += fmt.Sprint((10 - sum%10) % 10)
	return s[:6] + "-" + s[6:]
}
