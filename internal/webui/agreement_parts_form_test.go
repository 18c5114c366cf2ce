package webui_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAgreementFormParts: a city administrator records a premises-sharing agreement with
// its parties, premises and terms picked by name in the form; the agreement's page shows
// them; names the form does not know come back all at once, each named, with what was typed
// kept, and a room that is not the owner's is named too; editing the agreement in the form
// keeps them.
func TestAgreementFormParts(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[city]
	csrf := func(v url.Values) url.Values { v.Set("csrf", b.csrf()); return v }
	page := b.get("/avtal/nytt")
	for _, want := range []string{w.a.Name, w.b.Name} {
		if page.doc.Find(`datalist#organisation-names option[value="`+want+`"]`).Length() != 1 {
			t.Errorf("the list of organisations lacks %q", want)
		}
	}
	roomName := w.venueA.Name + " / " + w.roomA.Name
	if page.doc.Find(`datalist#premises-names option[value="`+roomName+`"]`).Length() != 1 {
		t.Errorf("the list of premises lacks %q", roomName)
	}
	form := func(parties [][2]string, premises ...string) url.Values {
		v := url.Values{"kind": {"premises_sharing"}, "title": {w.unique("Lokalavtal")}, "status": {"active"}, "terms": {"Utan kostnad"}}
		for _, p := range parties {
			v.Add("party_role", p[0])
			v.Add("party_name", p[1])
		}
		for _, pm := range premises {
			v.Add("premises_name", pm)
		}
		return csrf(v)
	}
	good := [][2]string{{"owner", w.a.Name}, {"partner", strings.ToUpper(w.b.Name)}, {"partner", ""}}

	p := b.post("/avtal/nytt", form([][2]string{{"owner", "Förening Okänd"}, {"partner", w.b.Name}}, "Ingen lokal"))
	p.status(t, http.StatusUnprocessableEntity)
	if got := p.text("#parties-error"); !strings.Contains(got, "Förening Okänd") {
		t.Errorf("unknown party: %q", got)
	}
	if got := p.text("#premises-error"); !strings.Contains(got, "Ingen lokal") {
		t.Errorf("unknown premises: %q", got)
	}
	if p.doc.Find(`input[name="party_name"][value="Förening Okänd"]`).Length() != 1 {
		t.Error("what was typed is not kept")
	}
	if href := p.doc.Find(".error-summary__list a").First().AttrOr("href", ""); href != "#parties-0" {
		t.Errorf("the summary links to %q", href)
	}
	other := w.venueIn(w.b.ID)
	p = b.post("/avtal/nytt", form(good, other.Name))
	p.status(t, http.StatusUnprocessableEntity)
	if got := p.text("#premises-error"); !strings.Contains(got, "tillhör inte avtalets ägare") {
		t.Errorf("premises not the owner's: %q; %s", got, p.text(".error-summary"))
	}

	p = b.post("/avtal/nytt", form(good, roomName))
	p.status(t, http.StatusSeeOther)
	shown := b.get(p.resp.Header.Get("Location"))
	parties, premises := shown.text("#parter"), shown.text("#lokaler")
	if !strings.Contains(parties, w.a.Name) || !strings.Contains(parties, w.b.Name) || !strings.Contains(premises, w.roomA.Name) || !strings.Contains(premises, "Utan kostnad") {
		t.Errorf("the agreement's page:\n%s\n%s", parties, premises)
	}

	// The edit form is filled in with them, and saving it keeps them.
	agreementPath, _, _ := strings.Cut(p.resp.Header.Get("Location"), "?")
	edit := b.get(agreementPath + "/andra")
	values := edit.formValues(t, "main form.form")
	if !strings.Contains(strings.Join(values["party_name"], "|"), w.b.Name) || values.Get("premises_name") != roomName {
		t.Fatalf("edit form: %v", values)
	}
	values.Set("title", values.Get("title")+" (ändrat)")
	saved := b.post(agreementPath+"/andra", values)
	saved.status(t, http.StatusSeeOther)
	if got := b.get(saved.resp.Header.Get("Location")).text("#parter"); !strings.Contains(got, w.b.Name) {
		t.Errorf("after editing: %q", got)
	}
}
