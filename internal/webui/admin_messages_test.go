package webui_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/notify"
)

// Without SMTP nothing is sent: city administrators read the kept messages on the outbox
// page, with their text, and the page says why they were not sent.
func TestAdminMessages(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	err := s.messages.Enqueue(context.Background(), s.db, notify.Message{
		Kind: "booking.request", Key: "test:1", To: "anna@test.example", Lang: i18n.SV,
		Subject: "Ny bokningsförfrågan: Stora salen", Paragraphs: []string{"Friluftsfrämjandet vill boka Stora salen."},
		Action: &notify.Link{Label: "Besluta", Path: "/bokningar/1"},
	})
	if err != nil {
		t.Fatal(err)
	}
	city := s.cityAdmin(t)
	for _, lang := range []string{"sv", "en"} {
		p := city.get("/admin/meddelanden?lang=" + lang)
		if p.resp.StatusCode == http.StatusSeeOther { // the language is set, and the address cleaned
			p = city.get(p.resp.Header.Get("Location"))
		}
		p.status(t, http.StatusOK)
		checkPage(t, p, lang)
		if p.doc.Find(`.site-nav a[href="/admin/meddelanden"][aria-current="page"]`).Length() != 1 {
			t.Error("the menu does not mark the outbox")
		}
		row := p.doc.Find("tbody tr")
		if row.Length() != 1 {
			t.Fatalf("%d rows, want 1", row.Length())
		}
		text := strings.Join(strings.Fields(row.Text()), " ")
		want := map[string][]string{
			"sv": {"Ny bokningsförfrågan: Stora salen", "anna@test.example", "Sparat, skickas inte", "Friluftsfrämjandet vill boka Stora salen.", "http://example.test/bokningar/1"},
			"en": {"anna@test.example", "Kept, not sent"},
		}[lang]
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: row lacks %q: %s", lang, w, text)
			}
		}
		if !strings.Contains(p.text(".notice"), "LOKALBANKEN_SMTP_URL") {
			t.Errorf("%s: no notice that nothing is sent", lang)
		}
	}
}
