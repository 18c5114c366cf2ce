package webui_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAgreementFormParts: a city administrator records a premises-sharing agreement with
// its parties, premises and terms in the form; the agreement's page shows them; a line that
// cannot be read, or a room that is not the owner's, comes back naming the field with what
// was typed kept; editing the agreement in the form keeps them.
func TestAgreementFormParts(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[city]
	csrf := func(v url.Values) url.Values { v.Set("csrf", b.csrf()); return v }
	b.get("/avtal/nytt")
	form := func(parties, premises string) url.Values {
		return csrf(url.Values{"kind": {"premises_sharing"}, "title": {w.unique("Lokalavtal")}, "status": {"active"},
			"parties": {parties}, "premises": {premises}, "terms": {"Utan kostnad"}})
	}
	good := fmt.Sprintf("owner %d\npartner %d\n", w.a.ID, w.b.ID)

	p := b.post("/avtal/nytt", form("ägare A", fmt.Sprintf("rum %d", w.roomA.ID)))
	p.status(t, http.StatusUnprocessableEntity)
	if !strings.Contains(p.doc.Find("#parties").Text(), "ägare A") || p.doc.Find("#parties-error").Length() == 0 {
		t.Errorf("a line that cannot be read: the field keeps it and says so")
	}
	other := w.venueIn(w.b.ID)
	p = b.post("/avtal/nytt", form(good, fmt.Sprintf("lokal %d", other.ID)))
	p.status(t, http.StatusUnprocessableEntity)
	if got := p.text("#premises-error"); !strings.Contains(got, "tillhör inte avtalets ägare") {
		t.Errorf("premises not the owner's: %q; %s", got, p.text(".error-summary"))
	}

	p = b.post("/avtal/nytt", form(good, fmt.Sprintf("rum %d", w.roomA.ID)))
	p.status(t, http.StatusSeeOther)
	page := b.get(p.resp.Header.Get("Location"))
	parties, premises := page.text("#parter"), page.text("#lokaler")
	if !strings.Contains(parties, w.a.Name) || !strings.Contains(parties, w.b.Name) || !strings.Contains(premises, w.roomA.Name) || !strings.Contains(premises, "Utan kostnad") {
		t.Errorf("the agreement's page:\n%s\n%s", parties, premises)
	}

	// The edit form is filled in with them, and saving it keeps them.
	agreementPath, _, _ := strings.Cut(p.resp.Header.Get("Location"), "?")
	edit := b.get(agreementPath + "/andra")
	values := edit.formValues(t, "main form.form")
	if !strings.Contains(values.Get("parties"), fmt.Sprintf("partner %d", w.b.ID)) || !strings.Contains(values.Get("premises"), fmt.Sprintf("room %d", w.roomA.ID)) {
		t.Fatalf("edit form: %v", values)
	}
	values.Set("title", values.Get("title")+" (ändrat)")
	saved := b.post(agreementPath+"/andra", values)
	saved.status(t, http.StatusSeeOther)
	if got := b.get(saved.resp.Header.Get("Location")).text("#parter"); !strings.Contains(got, w.b.Name) {
		t.Errorf("after editing: %q", got)
	}
}
