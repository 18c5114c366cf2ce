package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/borasstad/lokalbanken/internal/browsertest"
)

// TestAgreementBrowser drives the agreement pages in headless Chromium, without JavaScript
// of ours: a city administrator creates an agreement (after a form error), uploads a PDF
// (after refusing a PNG renamed .pdf), sees it on the agreement's page and its link
// downloads the same bytes for anyone; every page passes axe in Swedish and English.
func TestAgreementBrowser(t *testing.T) {
	t.Parallel()
	base := startApp(t)
	b := browsertest.New(t)
	tab := b.Tab(t)
	tab.Load(chromedp.Navigate(base + "/?lang=sv"))
	login(t, tab, base, cityAdmin)
	submit := func(form string) int {
		return tab.Load(chromedp.Click(chromedp.CSS(form + ` button[type="submit"]`)))
	}
	set := func(sel, value string) chromedp.Action[chromedp.Void] {
		return chromedp.SetValue(chromedp.CSS(sel), value)
	}

	if got := tab.Load(chromedp.Navigate(base + "/avtal/nytt")); got != 200 {
		t.Fatalf("new agreement form: %d", got)
	}
	tab.AssertAccessible("sv agreement form")
	tab.Do(set(`#kind`, "iop"), set(`#status`, "active"), set(`#summary`, "Läxhjälp på Norrby"), set(`#valid_from`, "2026-01-01"), set(`#valid_to`, "2025-12-31"))
	if got := submit("main form"); got != 422 {
		t.Fatalf("blank title: status %d, want 422", got)
	}
	var errs struct{ Title, Summary, ValidTo string }
	tab.Eval(`({Title: document.getElementById("title-error")?.textContent ?? "", Summary: document.getElementById("summary").value,
		ValidTo: document.getElementById("valid_to").value})`, &errs)
	if !strings.Contains(errs.Title, "Rubrik måste anges") || errs.Summary != "Läxhjälp på Norrby" || errs.ValidTo != "2025-12-31" {
		t.Errorf("agreement form errors: %+v", errs)
	}
	tab.AssertAccessible("sv agreement form with errors")
	// The period is checked once the shape is right: an end before the start.
	tab.Do(set(`#title`, "IOP Läxhjälp Norrby"))
	if got := submit("main form"); got != 422 {
		t.Fatalf("period ending before it starts: status %d, want 422", got)
	}
	var periodErr string
	tab.Eval(`document.getElementById("valid_to-error")?.textContent ?? ""`, &periodErr)
	if periodErr == "" {
		t.Error("no error at valid_to")
	}
	tab.Do(set(`#valid_to`, "2026-12-31"))
	if got := submit("main form"); got != 200 {
		t.Fatalf("create agreement: landed with %d", got)
	}
	var path string
	tab.Eval(`location.pathname`, &path)
	if !regexp.MustCompile(`^/avtal/\d+$`).MatchString(path) {
		t.Fatalf("after creating: %s", path)
	}

	dir := t.TempDir()
	png := filepath.Join(dir, "bild.pdf")
	content := []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	pdf := filepath.Join(dir, "Avtal år 2026.pdf")
	if err := os.WriteFile(png, []byte("\x89PNG\r\n\x1a\nnot a pdf"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pdf, content, 0o600); err != nil {
		t.Fatal(err)
	}
	uploadForm := `form[action$="/dokument"]`
	tab.Do(chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{png}), set(`#title`, "Undertecknat avtal"))
	if got := submit(uploadForm); got != 422 {
		t.Fatalf("PNG renamed .pdf: status %d, want 422", got)
	}
	var fileErr, title string
	tab.Eval(`document.getElementById("file-error")?.textContent ?? ""`, &fileErr)
	tab.Eval(`document.getElementById("title").value`, &title)
	if !strings.Contains(fileErr, "ingen PDF") || title != "Undertecknat avtal" {
		t.Errorf("refused upload: error %q, title %q", fileErr, title)
	}
	tab.AssertAccessible("sv agreement with upload error")
	tab.Do(chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{pdf}))
	if got := submit(uploadForm); got != 200 {
		t.Fatalf("upload: landed with %d", got)
	}
	var link struct{ Text, Href, Download string }
	tab.Eval(`(() => { const a = document.querySelector("#dokument a[download]");
		return a ? {Text: a.textContent, Href: a.getAttribute("href"), Download: a.getAttribute("download")} : {}; })()`, &link)
	if link.Text != "Undertecknat avtal" || link.Download != "Avtal år 2026.pdf" {
		t.Fatalf("document on the page: %+v", link)
	}
	tab.AssertAccessible("sv agreement for a city administrator")

	res, err := http.Get(base + link.Href)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Equal(got, content) || res.Header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") {
		t.Errorf("download %s: %d, %d bytes, %v", link.Href, res.StatusCode, len(got), res.Header)
	}

	// What anyone sees, in both languages.
	visitor := b.Tab(t)
	for _, lang := range []string{"sv", "en"} {
		visitor.Load(chromedp.Navigate(base + "/?lang=" + lang))
		for _, p := range []string{"/avtal", path} {
			if got := visitor.Load(chromedp.Navigate(base + p)); got != 200 {
				t.Errorf("%s %s: %d", lang, p, got)
			}
			visitor.AssertAccessible(lang + " " + p)
			visitor.Viewport(375, 800, true)
			if n := visitor.HorizontalOverflow(); n > 0 {
				t.Errorf("%s %s: %d px wider than a phone", lang, p, n)
			}
			visitor.Viewport(1280, 900, false)
		}
		var forms int
		visitor.Eval(`document.querySelectorAll("main form").length`, &forms)
		if forms != 0 {
			t.Errorf("%s: a visitor sees %d forms", lang, forms)
		}
	}
	tab.Load(chromedp.Navigate(base + "/?lang=en"))
	tab.Load(chromedp.Navigate(base + path))
	tab.Do(set(`#signed_on`, "2099-01-01"))
	if got := submit(`form[action$="/underskrifter"]`); got != 422 {
		t.Errorf("signature in the future: %d", got)
	}
	tab.AssertAccessible("en agreement with signature errors")
}
