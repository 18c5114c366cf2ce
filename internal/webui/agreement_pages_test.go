package webui_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/document"
)

// upload is a file sent in a form's "file" field.
type upload struct {
	name, contentType string
	content           []byte
}

// testPDF is a small PDF-shaped file: the header, some body, the end marker.
func testPDF(body string) []byte { return []byte("%PDF-1.7\n" + body + "\n%%EOF\n") }

// postFile sends form and the file as multipart/form-data, as a browser does.
func (b *browser) postFile(path string, form url.Values, f upload) page {
	b.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, f.name))
	h.Set("Content-Type", f.contentType)
	part, _ := w.CreatePart(h)
	_, _ = part.Write(f.content)
	_ = w.Close()
	req, err := http.NewRequest(http.MethodPost, b.site.url+path, &buf)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.do(req)
}

func (s *site) compactID(t *testing.T) int64 {
	t.Helper()
	a, err := s.agree.FindCompact(context.Background(), access.System)
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func (w *world) compactPage() string { return fmt.Sprintf("/avtal/%d", w.compactID(w.t)) }

// agreementForm is a valid agreement form with a title not used before.
func (w *world) agreementForm() url.Values {
	return url.Values{"kind": {"iop"}, "title": {w.unique("IOP")}, "status": {"active"}, "valid_from": {"2026-01-01"}}
}

// freshIOP makes an active IOP agreement as the System and returns its page.
func (w *world) freshIOP() string {
	a, err := w.agree.CreateAgreement(context.Background(), access.System, agreement.Input{Kind: "iop", Title: w.unique("IOP"), Status: "active", ValidFrom: "2025-01-01"})
	if err != nil {
		w.t.Fatal(err)
	}
	return fmt.Sprintf("/avtal/%d", a.ID)
}

func (w *world) versionRequest() request {
	return request{path: w.compactPage() + "/versioner", form: url.Values{"label": {w.unique("v")}, "adopted_on": {"2026-01-01"}}}
}

func (w *world) uploadRequest() request {
	return request{path: w.compactPage() + "/dokument", form: url.Values{"title": {"Bilaga"}}, file: &upload{"bilaga.pdf", "application/pdf", testPDF("bilaga")}}
}

// documentPage attaches a fresh document to the Compact and returns its page path.
func (w *world) documentPage() string {
	up, err := document.Check("", "bilaga.pdf", "application/pdf", bytes.NewReader(testPDF("bilaga")))
	if err != nil {
		w.t.Fatal(err)
	}
	d, err := w.agree.AddDocument(context.Background(), access.System, w.compactID(w.t), up)
	if err != nil {
		w.t.Fatal(err)
	}
	return fmt.Sprintf("%s/dokument/%d", w.compactPage(), d.ID)
}

func (w *world) signRequest() request {
	return request{path: w.compactPage() + "/underskrifter", form: url.Values{
		"organisation_id": {fmt.Sprint(w.org(w.unique("Förening")).ID)}, "signed_on": {"2026-03-01"}, "signer_name": {"Eva Ek"}, "signer_role": {"ordförande"}}}
}

func (w *world) withdrawRequest() request {
	s, err := w.agree.Sign(context.Background(), access.System, w.compactID(w.t), agreement.SignInput{OrganisationID: w.org(w.unique("Förening")).ID, SignedOn: "2026-03-01"})
	if err != nil {
		w.t.Fatal(err)
	}
	return request{path: fmt.Sprintf("%s/underskrifter/%d/aterkalla", w.compactPage(), s.ID), form: url.Values{"withdrawn_on": {""}}}
}

func (s *site) count(t *testing.T, table string) int {
	t.Helper()
	n, err := s.db.NewSelect().Table(table).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// TestAgreementForms sends the admin forms with bad input: each comes back with the field
// named and what was typed kept, and nothing is stored; then with good input.
func TestAgreementForms(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.cityAdmin(t)
	csrf := func() string { return b.csrf() }

	form := b.get("/avtal/nytt")
	form.status(t, http.StatusOK)
	v := form.formValues(t, "main form")
	v.Set("title", "  ")
	v.Set("valid_from", "2026-05-01")
	v.Set("valid_to", "2026-04-01")
	v.Set("summary", "Läxhjälp för alla")
	p := b.post("/avtal/nytt", v)
	p.status(t, http.StatusUnprocessableEntity)
	if p.doc.Find("#title-error").Length() != 1 || p.doc.Find("#summary").Text() != "Läxhjälp för alla" {
		t.Errorf("create with a blank title: %s", p.text(".error-summary"))
	}
	agreementsBefore := s.count(t, "agreements")

	v.Set("title", "IOP Läxhjälp")
	v.Set("valid_from", "2026-01-01")
	v.Set("valid_to", "2026-12-31")
	p = b.post("/avtal/nytt", v)
	p.status(t, http.StatusSeeOther)
	agreementPath, _, _ := strings.Cut(p.resp.Header.Get("Location"), "?") // after "?klart=avtal-sparat"
	if s.count(t, "agreements") != agreementsBefore+1 {
		t.Fatal("not created")
	}

	// A document that is not a PDF, and one that is.
	before := s.count(t, "agreement_documents")
	for name, f := range map[string]upload{
		"PNG renamed": {"bild.pdf", "image/png", []byte("\x89PNG\r\n\x1a\n....")},
		"HTML":        {"sida.html", "text/html", []byte("<html><script>alert(1)</script>")},
		"HTML as PDF": {"sida.pdf", "application/pdf", []byte("<html><script>alert(1)</script>")},
		"empty":       {"tom.pdf", "application/pdf", nil},
		"too large":   {"stor.pdf", "application/pdf", testPDF(strings.Repeat("x", document.MaxBytes))},
	} {
		p := b.postFile(agreementPath+"/dokument", url.Values{"csrf": {csrf()}, "title": {"Avtalet " + name}}, f)
		p.status(t, http.StatusUnprocessableEntity)
		if p.doc.Find("#file-error").Length() != 1 || p.doc.Find("#title").AttrOr("value", "") != "Avtalet "+name {
			t.Errorf("%s: no error at the file, or the title lost: %q", name, p.text(".error-summary"))
		}
	}
	if s.count(t, "agreement_documents") != before {
		t.Fatal("a refused document was stored")
	}
	p = b.postFile(agreementPath+"/dokument", url.Values{"csrf": {csrf()}, "title": {""}}, upload{"Avtal år 2026.pdf", "application/pdf", testPDF("avtal")})
	p.status(t, http.StatusSeeOther)
	view := b.get(agreementPath)
	link := view.doc.Find("#dokument a[download]")
	if link.Text() != "Avtal år 2026" || link.AttrOr("download", "") != "Avtal år 2026.pdf" {
		t.Errorf("document link: %q %q", link.Text(), link.AttrOr("download", ""))
	}

	// Signatures dated in the future, before the agreement, twice.
	org := s.orgNamed(t, "PRO Norrby")
	sign := func(date string) page {
		return b.post(agreementPath+"/underskrifter", url.Values{"csrf": {csrf()}, "organisation_id": {fmt.Sprint(org.ID)}, "signed_on": {date}, "signer_name": {"Eva Ek"}})
	}
	for date, code := range map[string]string{"2026-03-30": "framtiden", "2025-12-31": "före", "31 mars": "signed_on"} {
		p := sign(date)
		p.status(t, http.StatusUnprocessableEntity)
		if p.doc.Find("#signed_on-error").Length() != 1 || p.doc.Find("#signed_on").AttrOr("value", "") != date || p.doc.Find("#signer_name").AttrOr("value", "") != "Eva Ek" {
			t.Errorf("signed %s: %q (want %s)", date, p.text(".error-summary"), code)
		}
	}
	signed := sign("2026-03-01")
	signed.status(t, http.StatusSeeOther)
	if got := b.get(signed.resp.Header.Get("Location")).text(`[role="status"]`); got != "Underskriften är registrerad." {
		t.Errorf("after signing, the notice %q", got)
	}
	p = sign("2026-03-02")
	p.status(t, http.StatusUnprocessableEntity)
	if p.doc.Find("#organisation_id-error").Length() != 1 {
		t.Errorf("a second signature of the same version: %q", p.text(".error-summary"))
	}
	if n := s.count(t, "signatories"); n != 1 {
		t.Errorf("%d signatures stored, want 1", n)
	}

	// Withdrawn before it was signed, then today.
	sig := view.doc.Find("form[action$='/aterkalla']")
	if sig.Length() != 0 {
		t.Errorf("a withdraw form before any signature")
	}
	view = b.get(agreementPath)
	action := view.doc.Find("form[action$='/aterkalla']").AttrOr("action", "")
	p = b.post(action, url.Values{"csrf": {csrf()}, "withdrawn_on": {"2026-02-01"}})
	p.status(t, http.StatusUnprocessableEntity)
	if !strings.Contains(p.text(".error-summary"), "2026-03-01") {
		t.Errorf("withdrawn before signed: %q", p.text(".error-summary"))
	}
	withdrawn := b.post(action, url.Values{"csrf": {csrf()}, "withdrawn_on": {""}})
	withdrawn.status(t, http.StatusSeeOther)
	if got := b.get(withdrawn.resp.Header.Get("Location")).text(`[role="status"]`); got != "Underskriften är återkallad." {
		t.Errorf("after withdrawing, the notice %q", got)
	}
	b.get(fmt.Sprintf("/organisationer/%d?lang=en", org.ID)) // sets the language, and redirects
	orgPage := b.get(fmt.Sprintf("/organisationer/%d", org.ID))
	if got := orgPage.text("section[aria-labelledby=agreements-title] li"); !strings.Contains(got, "IOP Läxhjälp") || !strings.Contains(got, "left 2026-03-29") {
		t.Errorf("organisation page: %q", got)
	}

	// A version and an edit.
	b.post(agreementPath+"/versioner", url.Values{"csrf": {csrf()}, "label": {"2026b"}, "adopted_on": {"2026-03-15"}, "version_link": {"ftp://x"}}).status(t, http.StatusUnprocessableEntity)
	b.post(agreementPath+"/versioner", url.Values{"csrf": {csrf()}, "label": {"2026b"}, "adopted_on": {"2026-03-15"}}).status(t, http.StatusSeeOther)
	edit := b.get(agreementPath + "/andra")
	ev := edit.formValues(t, "main form")
	ev.Set("status", "ended")
	b.post(agreementPath+"/andra", ev).status(t, http.StatusSeeOther)
	if got := b.get(agreementPath).text("dl"); !strings.Contains(got, "Ended") {
		t.Errorf("after edit: %q", got)
	}
}

// TestAgreementPagesForEveryone: the index and a page as anyone, a draft hidden, and the
// document downloaded byte for byte.
func TestAgreementPagesForEveryone(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	draft, err := s.agree.CreateAgreement(ctx, access.System, agreement.Input{Kind: "iop", Title: "Hemligt utkast", Status: "draft"})
	if err != nil {
		t.Fatal(err)
	}
	iop, err := s.agree.CreateAgreement(ctx, access.System, agreement.Input{Kind: "iop", Title: "IOP Läxhjälp", Status: "active", ValidFrom: "2025-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	content := testPDF("avtal")
	up, _ := document.Check("", "Avtal år 2026.pdf", "application/pdf", bytes.NewReader(content))
	d, err := s.agree.AddDocument(ctx, access.System, iop.ID, up)
	if err != nil {
		t.Fatal(err)
	}
	anon := s.browser(t)
	index := anon.get("/avtal")
	index.status(t, http.StatusOK)
	if strings.Contains(index.text("main"), "Hemligt") || index.doc.Find(fmt.Sprintf("a[href='/avtal/%d']", iop.ID)).Length() != 1 {
		t.Errorf("index: %q", index.text("main"))
	}
	anon.get(fmt.Sprintf("/avtal/%d", draft.ID)).status(t, http.StatusNotFound)
	p := anon.get(fmt.Sprintf("/avtal/%d", iop.ID))
	p.status(t, http.StatusOK)
	if p.doc.Find("form").Length() != 0 {
		t.Errorf("a visitor sees %d forms", p.doc.Find("form").Length())
	}
	href := p.doc.Find("#dokument a[download]").AttrOr("href", "")
	res, err := http.Get(s.url + href)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var got bytes.Buffer
	_, _ = got.ReadFrom(res.Body)
	if res.StatusCode != 200 || !bytes.Equal(got.Bytes(), content) || res.Header.Get("Content-Type") != "application/pdf" ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "filename*=UTF-8''Avtal%20%C3%A5r%202026.pdf") ||
		res.Header.Get("Content-Security-Policy") != "default-src 'none'; sandbox" {
		t.Errorf("download %s: %d %v", href, res.StatusCode, res.Header)
	}
	if href != fmt.Sprintf("/avtal/%d/dokument/%d", iop.ID, d.ID) {
		t.Errorf("href %s", href)
	}
}
