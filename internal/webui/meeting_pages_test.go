package webui_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// TestSeriesFormNamesWhoOrganises: an association's admin who asks for one of the Compact's
// own kinds gets the form back (422) saying at the kind what to choose, with what was typed,
// and nothing is stored; a network is theirs to organise.
func TestSeriesFormNamesWhoOrganises(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	b := w.browsers[adminA]
	form := url.Values{"kind": {"samrad"}, "name": {"Vårt samråd"}, "organiser_id": {fmt.Sprint(w.a.ID)}, "invite": {"chosen"},
		"csrf": {b.csrf()}}
	p := b.post("/moten/serier/ny", form)
	p.status(t, 422)
	if got := p.text("#kind-error"); !strings.Contains(got, "förvaltningar") {
		t.Errorf("kind error %q", got)
	}
	if got := p.formValues(t, "main form.form").Get("name"); got != "Vårt samråd" {
		t.Errorf("name kept as %q", got)
	}
	var n int
	if err := w.db.NewRaw(`SELECT count(*) FROM meeting_series WHERE organiser_id = ?`, w.a.ID).Scan(t.Context(), &n); err != nil || n != 0 {
		t.Errorf("%d series stored (%v)", n, err)
	}
	form.Set("kind", "network")
	if p := b.post("/moten/serier/ny", form); p.resp.StatusCode != 303 || !strings.HasPrefix(p.resp.Header.Get("Location"), "/moten/serier/") {
		t.Errorf("a network: %d %s", p.resp.StatusCode, p.resp.Header.Get("Location"))
	}
}
