package httpapi_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/document"
)

// testPDF is a small PDF-shaped file: the header, some body, the end marker.
func testPDF(body string) []byte { return []byte("%PDF-1.7\n" + body + "\n%%EOF\n") }

// upload is a multipart body with a "title" (when not empty) and a "file" part.
func upload(title, filename, ctype string, content []byte) (body, contentType string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if title != "" {
		_ = w.WriteField("title", title)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename="%s"`, filename))
	if ctype != "" {
		h.Set("Content-Type", ctype)
	}
	part, _ := w.CreatePart(h)
	_, _ = part.Write(content)
	_ = w.Close()
	return buf.String(), w.FormDataContentType()
}

// agreementOf creates an agreement of status as the System and returns its API path.
func (e *env) agreementOf(status string) (int64, string) {
	e.t.Helper()
	a, err := e.agree.CreateAgreement(e.ctx(), access.System, agreement.Input{Kind: "iop", Title: "IOP " + status + fmt.Sprint(e.clock.now().UnixNano()), Status: status})
	if err != nil {
		e.fail("create agreement: %v", err)
	}
	return a.ID, fmt.Sprintf("/api/v1/agreements/%d", a.ID)
}

// documentOf attaches a PDF to the agreement as the System and returns its path.
func (e *env) documentOf(agreementID int64, content []byte) string {
	e.t.Helper()
	up, err := document.Check("", "Bilaga.pdf", "application/pdf", bytes.NewReader(content))
	if err != nil {
		e.fail("check: %v", err)
	}
	d, err := e.agree.AddDocument(e.ctx(), access.System, agreementID, up)
	if err != nil {
		e.fail("add document: %v", err)
	}
	return fmt.Sprintf("/api/v1/agreements/%d/documents/%d", agreementID, d.ID)
}

func (e *env) documentCount() int {
	e.t.Helper()
	n, err := e.db.NewSelect().Table("agreement_documents").Count(context.Background())
	if err != nil {
		e.fail("count: %v", err)
	}
	return int(n)
}

// TestAgreementDocumentRoundTrip uploads a PDF as a city administrator and downloads it as
// anyone: the same bytes, with the headers that make it a safe download.
func TestAgreementDocumentRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	_, path := e.agreementOf("active")
	content := testPDF(strings.Repeat("innehåll ", 200_000)) // ~2 MB, over the site's body limit
	body, ct := upload("Undertecknat avtal", "Överenskommelse/../Avtal år 2026.pdf", "application/pdf", content)
	r := e.do("POST", path+"/documents", body, "Content-Type", ct)
	if r.status != http.StatusCreated {
		t.Fatalf("upload: %d\n%s", r.status, r.raw)
	}
	loc := r.header.Get("Location")
	sum := sha256.Sum256(content)
	if r.body["filename"] != "Avtal år 2026.pdf" || r.body["title"] != "Undertecknat avtal" || r.body["sha256"] != hex.EncodeToString(sum[:]) ||
		r.body["size"] != float64(len(content)) || r.body["url"] != loc {
		t.Errorf("upload answered %s (Location %s)", r.raw, loc)
	}

	res := e.rawGet(loc, "")
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !bytes.Equal(got, content) {
		t.Fatalf("download: %d, %d bytes (want %d)", res.StatusCode, len(got), len(content))
	}
	etag := `"` + hex.EncodeToString(sum[:]) + `"`
	for h, want := range map[string]string{
		"Content-Type":            "application/pdf",
		"Content-Disposition":     `attachment; filename="Avtal ar 2026.pdf"; filename*=UTF-8''Avtal%20%C3%A5r%202026.pdf`,
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "default-src 'none'; sandbox",
		"Etag":                    etag,
		"Cache-Control":           "public, no-cache",
	} {
		if res.Header.Get(h) != want {
			t.Errorf("download %s: %q, want %q", h, res.Header.Get(h), want)
		}
	}
	again := e.rawGet(loc, etag)
	again.Body.Close()
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", again.StatusCode)
	}

	list := e.doAs(anonymous, "GET", path+"/documents", "")
	if items := list.body["items"].([]any); list.status != 200 || len(items) != 1 {
		t.Errorf("list: %d %s", list.status, list.raw)
	}
	var after string
	err := e.db.NewSelect().Table("audit_log").Column("after").Where("action = 'agreement.document.add'").Scan(e.ctx(), &after)
	if err != nil || !strings.Contains(after, hex.EncodeToString(sum[:])) || strings.Contains(after, "innehåll") || strings.Contains(after, `"content"`) {
		t.Errorf("audit: %v %.300s", err, after)
	}

	if r := e.do("DELETE", loc, ""); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.status, r.raw)
	}
	if r := e.doAs(anonymous, "GET", loc, ""); r.status != 404 || r.problem() != "document-not-found" {
		t.Errorf("deleted document: %d %s", r.status, r.raw)
	}
	n, _ := e.db.NewSelect().Table("audit_log").Where("action = 'agreement.document.delete'").Count(e.ctx())
	if n != 1 || e.documentCount() != 0 {
		t.Errorf("after delete: %d audit rows, %d documents", n, e.documentCount())
	}
}

// rawGet downloads path anonymously, with If-None-Match when etag is set.
func (e *env) rawGet(path, etag string) *http.Response {
	e.t.Helper()
	req, _ := http.NewRequestWithContext(e.ctx(), "GET", e.url(path), nil)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.fail("%v", err)
	}
	return res
}

// TestAgreementDocumentRefusals sends what is not an acceptable PDF: each answer names the
// field, and nothing is stored.
func TestAgreementDocumentRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	_, path := e.agreementOf("active")
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	multi := func(title, name, ctype string, content []byte) func() (string, string) {
		return func() (string, string) { return upload(title, name, ctype, content) }
	}
	cases := []struct {
		name    string
		body    func() (string, string)
		status  int
		problem string
		field   string
	}{
		{"PNG renamed .pdf", multi("", "bild.pdf", "image/png", png), 422, "validation", "file"},
		{"PNG renamed, declared PDF", multi("", "bild.pdf", "application/pdf", png), 422, "validation", "file"},
		{"HTML file", multi("", "sida.html", "text/html", []byte("<html><script>alert(1)</script></html>")), 422, "validation", "file"},
		{"empty file", multi("", "tom.pdf", "application/pdf", nil), 422, "validation", "file"},
		{"title too long", multi(strings.Repeat("t", 201), "a.pdf", "application/pdf", testPDF("x")), 422, "validation", "title"},
		{"file over 10 MiB", multi("", "stor.pdf", "application/pdf", testPDF(strings.Repeat("x", document.MaxBytes))), 413, "too-large", "file"},
		{"body over the route's limit", multi("", "stor.pdf", "application/pdf", testPDF(strings.Repeat("x", document.MaxRequestBytes))), 413, "too-large", ""},
		{"no file", func() (string, string) {
			var buf bytes.Buffer
			w := multipart.NewWriter(&buf)
			_ = w.WriteField("title", "Utan fil")
			_ = w.Close()
			return buf.String(), w.FormDataContentType()
		}, 422, "validation", "file"},
		{"unknown field", func() (string, string) {
			var buf bytes.Buffer
			w := multipart.NewWriter(&buf)
			_ = w.WriteField("owner", "1")
			_ = w.Close()
			return buf.String(), w.FormDataContentType()
		}, 422, "validation", "owner"},
		{"not multipart", func() (string, string) { return `{"file":"JVBERi0="}`, "application/json" }, 415, "unsupported-media-type", ""},
		{"broken multipart", func() (string, string) { return "--x\r\nbroken", "multipart/form-data; boundary=x" }, 400, "malformed", ""},
	}
	for _, c := range cases {
		body, ct := c.body()
		r := e.do("POST", path+"/documents", body, "Content-Type", ct)
		if r.status != c.status || r.problem() != c.problem {
			t.Errorf("%s: %d %s, want %d %s\n%.500s", c.name, r.status, r.problem(), c.status, c.problem, r.raw)
			continue
		}
		if c.field != "" && !strings.Contains(r.raw, `"field":"`+c.field+`"`) {
			t.Errorf("%s: the problem does not name %s: %s", c.name, c.field, r.raw)
		}
	}
	if n := e.documentCount(); n != 0 {
		t.Errorf("%d documents stored after refusals", n)
	}
	body, ct := upload("", "a.pdf", "application/pdf", testPDF("x"))
	if r := e.do("POST", "/api/v1/agreements/999999/documents", body, "Content-Type", ct); r.status != 404 {
		t.Errorf("unknown agreement: %d %s", r.status, r.raw)
	}
}

// TestDraftAgreementDocuments: a draft's documents are for city administrators alone.
func TestDraftAgreementDocuments(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	id, path := e.agreementOf("draft")
	doc := e.documentOf(id, testPDF("utkast"))
	for _, p := range []string{path + "/documents", doc} {
		if r := e.doAs(anonymous, "GET", p, ""); r.status != 404 {
			t.Errorf("anonymous %s: %d", p, r.status)
		}
		if r := e.do("GET", p, ""); r.status != 200 {
			t.Errorf("city %s: %d", p, r.status)
		}
	}
	if r := e.do("GET", doc, ""); r.header.Get("Cache-Control") != "private, no-cache" {
		t.Errorf("a draft's document is cached as %q", r.header.Get("Cache-Control"))
	}
	other, _ := e.agreementOf("active")
	wrong := strings.Replace(doc, fmt.Sprintf("/agreements/%d/", id), fmt.Sprintf("/agreements/%d/", other), 1)
	if r := e.do("GET", wrong, ""); r.status != 404 || r.problem() != "document-not-found" {
		t.Errorf("a document under another agreement: %d %s", r.status, r.raw)
	}
}

// compactID is the id of the Compact the migrations seed.
func (e *env) compactID() int64 {
	e.t.Helper()
	a, err := e.agree.FindCompact(e.ctx(), access.System)
	if err != nil {
		e.fail("find the Compact: %v", err)
	}
	return a.ID
}

// matrixBoundary is the multipart boundary of matrixUpload, which bodyType recognises.
const matrixBoundary = "matrix-boundary"

// matrixUpload is an upload of a small PDF for the access matrix.
func matrixUpload() string {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.SetBoundary(matrixBoundary)
	part, _ := w.CreateFormFile("file", "matris.pdf")
	_, _ = part.Write(testPDF("matris"))
	_ = w.Close()
	return buf.String()
}

// bodyType gives the Content-Type header of a matrix request whose body is matrixUpload's
// (the others are JSON, doAs's default).
func bodyType(body string) []string {
	if strings.HasPrefix(body, "--"+matrixBoundary) {
		return []string{"Content-Type", "multipart/form-data; boundary=" + matrixBoundary}
	}
	return nil
}
