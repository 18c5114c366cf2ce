package webui_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// signatoryNames lists the organisations in the Compact page's table, in order.
func signatoryNames(p page) []string {
	var names []string
	p.doc.Find("table tbody tr td:first-child").Each(func(_ int, s *goquery.Selection) {
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
		href, _ := b.get("/overenskommelsen").doc.Find(`a[download]`).Last().Attr("href")
		resp, err := http.Get(s.url + href)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		lines := strings.Split(strings.TrimSpace(string(body)), "\n")
		if resp.StatusCode != http.StatusOK || len(lines) != 4 || !strings.HasPrefix(lines[3], "Östra kören,") || !strings.Contains(string(body), "Norrby läxhjälp") {
			t.Errorf("the CSV with history (%s): %d\n%s", href, resp.StatusCode, body)
		}
	})
}
