package webui_test

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/export/exporttest"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// signatoryNames lists the organisations in the Compact page's table, in order.
func signatoryNames(p page) []string {
	var names []string
	p.doc.Find(`section[aria-labelledby="signatories-title"] table tbody tr > :first-child`).Each(func(_ int, s *goquery.Selection) {
		names = append(names, strings.TrimSpace(s.Text()))
	})
	return names
}

func TestCompactPage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	compact, err := s.agree.FindCompact(ctx, access.System)
	if err != nil {
		t.Fatal(err)
	}
	// A version in force with its link, and a coming one with its text: the page shows the
	// first as current and lists all three, newest first.
	if _, err := s.agree.AddVersion(ctx, access.System, compact.ID, agreement.VersionInput{Label: "2", AdoptedOn: "2026-01-01", Link: "https://example.test/overenskommelsen-2.pdf"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.agree.AddVersion(ctx, access.System, compact.ID, agreement.VersionInput{Label: "3", AdoptedOn: "2027-01-01", Body: "Den reviderade texten."}); err != nil {
		t.Fatal(err)
	}
	var sigs []*agreement.Signatory
	for _, name := range []string{"Östra kören", "Alingsås schack", "Norrby läxhjälp"} {
		o, err := s.orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: name})
		if err != nil {
			t.Fatal(err)
		}
		sig, err := s.agree.Sign(ctx, access.System, compact.ID, agreement.SignInput{OrganisationID: o.ID, SignedOn: "2026-01-15", SignerName: "Eva Ek"})
		if err != nil {
			t.Fatal(err)
		}
		sigs = append(sigs, sig)
	}
	if _, err := s.agree.Withdraw(ctx, access.System, sigs[2].ID, agreement.WithdrawInput{}); err != nil {
		t.Fatal(err)
	}
	b := s.browser(t)

	t.Run("OK", func(t *testing.T) {
		p := b.get("/overenskommelsen")
		if p.resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", p.resp.StatusCode)
		}
		names := signatoryNames(p)
		if strings.Join(names, "|") != "Alingsås schack|Östra kören" {
			t.Errorf("signatories %v, want the two current ones, sorted the Swedish way", names)
		}
		if text := p.doc.Find("main").Text(); !strings.Contains(text, "2 organisationer har skrivit under.") || strings.Contains(text, "Eva Ek") {
			t.Errorf("want the count, and no signer's name:\n%s", text)
		}
		if p.doc.Find(`nav a[href="/overenskommelsen"][aria-current="page"]`).Length() != 1 {
			t.Error("the menu does not mark the Compact's page as current")
		}
	})
	t.Run("PrinciplesAndVersions", func(t *testing.T) {
		p := b.get("/overenskommelsen")
		principles := p.doc.Find("ol.principles > li h3")
		if principles.Length() != 6 || strings.TrimSpace(principles.Eq(1).Text()) != "Öppenhet och insyn" {
			t.Errorf("principles: %d, the second %q; want six, the second openness", principles.Length(), principles.Eq(1).Text())
		}
		text := p.doc.Find(`section[aria-labelledby="text-title"]`)
		if !strings.Contains(text.Text(), "Gällande version är 2, antagen 2026-01-01.") ||
			text.Find(`a[href="https://example.test/overenskommelsen-2.pdf"]`).Length() != 1 {
			t.Errorf("the text in force:\n%s", text.Text())
		}
		var rows []string
		p.doc.Find(`section[aria-labelledby="versions-title"] tbody tr`).Each(func(_ int, r *goquery.Selection) {
			rows = append(rows, strings.Join(strings.Fields(r.Text()), " "))
		})
		want := []string{
			"3 kommande 2027-01-01 Visa texten till version 3Den reviderade texten.",
			"2 gäller 2026-01-01 Läs version 2",
			"1 2000-01-01 Texten finns inte här.",
		}
		if strings.Join(rows, "\n") != strings.Join(want, "\n") {
			t.Errorf("versions:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
		}
		var versions []string
		p.doc.Find(`section[aria-labelledby="signatories-title"] tbody tr td:last-child`).Each(func(_ int, c *goquery.Selection) {
			versions = append(versions, c.Text())
		})
		if strings.Join(versions, ",") != "2,2" {
			t.Errorf("the version each signed: %v, want 2 (in force on the day they signed)", versions)
		}
	})
	t.Run("Search", func(t *testing.T) {
		p := b.get("/overenskommelsen?q=k%C3%B6r")
		if names := signatoryNames(p); len(names) != 1 || names[0] != "Östra kören" {
			t.Errorf("search: %v", names)
		}
		if !strings.Contains(p.doc.Find("[role=status]").Text(), "1 undertecknare passar sökningen.") {
			t.Errorf("search: no count of matches")
		}
		if names := signatoryNames(b.get("/overenskommelsen?q=ingen")); len(names) != 0 {
			t.Errorf("search for nothing: %v", names)
		}
	})
	t.Run("ErrSearchTooLong", func(t *testing.T) {
		p := b.get("/overenskommelsen?q=" + strings.Repeat("a", 201))
		if p.resp.StatusCode != http.StatusUnprocessableEntity || p.doc.Find("#q-error").Length() == 0 && p.doc.Find(".error-summary").Length() == 0 {
			t.Errorf("status %d, want 422 with the error at the field", p.resp.StatusCode)
		}
	})
	t.Run("English", func(t *testing.T) {
		p := b.get("/overenskommelsen?lang=en")
		if p.resp.StatusCode == http.StatusSeeOther {
			p = b.get(p.resp.Header.Get("Location"))
		}
		if !strings.Contains(p.doc.Find("main").Text(), "2 organisations have signed.") {
			t.Errorf("English page:\n%s", p.doc.Find("main").Text())
		}
	})
	t.Run("CSV", func(t *testing.T) {
		links := b.get("/overenskommelsen").doc.Find(`a[download]`)
		read := func(i int) ([]byte, string) {
			t.Helper()
			href, _ := links.Eq(i).Attr("href")
			resp, err := http.Get(s.url + href)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", href, resp.StatusCode)
			}
			return body, href
		}
		if links.Length() != 4 {
			t.Fatalf("%d download links, want CSV and .xlsx, current and with history", links.Length())
		}
		body, href := read(1)
		rows := exporttest.ReadCSV(t, body).Rows
		if len(rows) != 4 || rows[3][0] != "Östra kören" || !strings.Contains(string(body), "Norrby läxhjälp") {
			t.Errorf("the CSV with history (%s): %q", href, rows)
		}
		body, href = read(3)
		if sheets := exporttest.ReadXLSX(t, body); len(sheets) != 1 || len(sheets[0].Rows) != 4 || sheets[0].Rows[3][0].V != "Östra kören" {
			t.Errorf("the workbook with history (%s): %+v", href, sheets)
		}
	})
}

// Saving the Compact's form as a draft took it out of force before issue 12. Now the form
// comes back with a 409 that says why and asks for the confirmation, and the Compact's page
// stays; with the box ticked the change goes through.
func TestCompactFormAsksBeforeTakingItOutOfForce(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	compact, err := s.agree.FindCompact(context.Background(), access.System)
	if err != nil {
		t.Fatal(err)
	}
	b := s.signedIn(t, true, nil)
	path := "/avtal/" + strconv.FormatInt(compact.ID, 10) + "/andra"
	edit := b.get(path)
	edit.status(t, http.StatusOK)
	if edit.doc.Find(`input[type="checkbox"][name="confirm"]`).Length() != 1 {
		t.Fatal("no confirmation box on the Compact's form")
	}
	values := edit.formValues(t, `main form[action="`+path+`"]`)
	values.Set("status", "draft")
	p := b.post(path, values)
	p.status(t, http.StatusConflict)
	checkPage(t, p, "sv")
	if got := p.text(".error-summary__title"); got != "Överenskommelsen gäller" {
		t.Errorf("problem title %q", got)
	}
	if got := p.doc.Find(`select[name="status"] option[selected]`).AttrOr("value", ""); got != "draft" {
		t.Errorf("chosen status lost: %q", got)
	}
	anonymous := s.browser(t)
	anonymous.get("/overenskommelsen").status(t, http.StatusOK)

	values.Set("confirm", "yes")
	b.post(path, values).status(t, http.StatusSeeOther)
	anonymous.get("/overenskommelsen").status(t, http.StatusNotFound)
}
