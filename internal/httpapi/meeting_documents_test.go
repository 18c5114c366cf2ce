package httpapi_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/document"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// meetingDocumentOf attaches a PDF to the meeting as the System and returns its path.
func (e *env) meetingDocumentOf(meetingID int64, content []byte) string {
	e.t.Helper()
	up, err := document.Check("", "Protokoll.pdf", "application/pdf", bytes.NewReader(content))
	if err != nil {
		e.fail("check: %v", err)
	}
	d, err := e.meetings.AddDocument(e.ctx(), access.System, meetingID, up)
	if err != nil {
		e.fail("add meeting document: %v", err)
	}
	return fmt.Sprintf("/api/v1/meetings/%d/documents/%d", meetingID, d.ID)
}

func (e *env) meetingDocumentCount() int {
	e.t.Helper()
	n, err := e.db.NewSelect().Table("meeting_documents").Count(context.Background())
	if err != nil {
		e.fail("count: %v", err)
	}
	return int(n)
}

// TestMeetingDocumentRoundTrip uploads minutes as a city administrator and downloads them as
// anyone: the same bytes, with the headers of a safe download; then removes them.
func TestMeetingDocumentRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	org := e.org("association", "Mötesarrangör").ID
	m := e.onlineMeeting(e.meetingSeriesOf(org).ID, 1)
	path := fmt.Sprintf("/api/v1/meetings/%d", m.ID)
	content := testPDF(strings.Repeat("protokoll ", 200_000)) // ~2 MB, over the site's body limit
	body, ct := upload("Protokoll", "Samråd/../Protokoll mars.pdf", "application/pdf", content)
	r := e.do("POST", path+"/documents", body, "Content-Type", ct)
	if r.status != http.StatusCreated {
		t.Fatalf("upload: %d\n%s", r.status, r.raw)
	}
	loc := r.header.Get("Location")
	sum := sha256.Sum256(content)
	if r.body["filename"] != "Protokoll mars.pdf" || r.body["title"] != "Protokoll" || r.body["sha256"] != hex.EncodeToString(sum[:]) ||
		r.body["size"] != float64(len(content)) || r.body["url"] != loc || r.body["meeting_id"] != float64(m.ID) {
		t.Errorf("upload answered %.500s (Location %s)", r.raw, loc)
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
		"Content-Disposition":     `attachment; filename="Protokoll mars.pdf"; filename*=UTF-8''Protokoll%20mars.pdf`,
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "default-src 'none'; sandbox",
		"Etag":                    etag,
		"Cache-Control":           "public, no-cache",
	} {
		if res.Header.Get(h) != want {
			t.Errorf("download %s: %q, want %q", h, res.Header.Get(h), want)
		}
	}

	list := e.doAs(anonymous, "GET", path+"/documents", "")
	if items, _ := list.body["items"].([]any); list.status != 200 || len(items) != 1 {
		t.Errorf("list: %d %s", list.status, list.raw)
	}
	var after string
	err := e.db.NewSelect().Table("audit_log").Column("after").Where("action = 'meeting.document.add'").Scan(e.ctx(), &after)
	if err != nil || !strings.Contains(after, hex.EncodeToString(sum[:])) || strings.Contains(after, "protokoll ") || strings.Contains(after, `"content"`) {
		t.Errorf("audit: %v %.300s", err, after)
	}

	if r := e.do("DELETE", loc, ""); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.status, r.raw)
	}
	if r := e.doAs(anonymous, "GET", loc, ""); r.status != 404 || r.problem() != "document-not-found" {
		t.Errorf("deleted document: %d %s", r.status, r.raw)
	}
	n, _ := e.db.NewSelect().Table("audit_log").Where("action = 'meeting.document.delete'").Count(e.ctx())
	if n != 1 || e.meetingDocumentCount() != 0 {
		t.Errorf("after delete: %d audit rows, %d documents", n, e.meetingDocumentCount())
	}
}

// TestMeetingDocumentRefusals: what is not a PDF is refused naming the field, and nothing is
// stored; an unknown meeting is a 404.
func TestMeetingDocumentRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	m := e.onlineMeeting(e.meetingSeriesOf(e.org("association", "Arrangör").ID).ID, 1)
	path := fmt.Sprintf("/api/v1/meetings/%d/documents", m.ID)
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
	for name, c := range map[string][3]string{
		"PNG renamed, declared PDF": {"bild.pdf", "application/pdf", string(png)},
		"HTML file":                 {"sida.html", "text/html", "<html><script>alert(1)</script></html>"},
	} {
		body, ct := upload("", c[0], c[1], []byte(c[2]))
		r := e.do("POST", path, body, "Content-Type", ct)
		if r.status != 422 || r.problem() != "validation" || !strings.Contains(r.raw, `"field":"file"`) {
			t.Errorf("%s: %d %s", name, r.status, r.raw)
		}
	}
	if n := e.meetingDocumentCount(); n != 0 {
		t.Errorf("%d documents stored after refusals", n)
	}
	body, ct := upload("", "a.pdf", "application/pdf", testPDF("x"))
	if r := e.do("POST", "/api/v1/meetings/999999/documents", body, "Content-Type", ct); r.status != 404 || r.problem() != "meeting-not-found" {
		t.Errorf("unknown meeting: %d %s", r.status, r.raw)
	}
}

// TestPrivateMeetingDocuments: the documents of a meeting of a private series are a 404 to
// those who may not see the meeting, and are not kept by shared caches.
func TestPrivateMeetingDocuments(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	org := e.org("association", "Slutet nätverk").ID
	se, err := e.meetings.CreateSeries(e.ctx(), access.System, meeting.SeriesInput{Kind: "network", Name: "Slutna träffar",
		OrganiserID: org, Invitees: []int64{org}})
	if err != nil {
		t.Fatal(err)
	}
	m := e.onlineMeeting(se.ID, 1)
	doc := e.meetingDocumentOf(m.ID, testPDF("slutet"))
	for _, p := range []string{fmt.Sprintf("/api/v1/meetings/%d/documents", m.ID), doc} {
		if r := e.doAs(anonymous, "GET", p, ""); r.status != 404 {
			t.Errorf("anonymous %s: %d", p, r.status)
		}
		if r := e.do("GET", p, ""); r.status != 200 {
			t.Errorf("city %s: %d", p, r.status)
		}
	}
	if r := e.do("GET", doc, ""); r.header.Get("Cache-Control") != "private, no-cache" {
		t.Errorf("a private meeting's document is cached as %q", r.header.Get("Cache-Control"))
	}
}

// exerciseMeetingDocuments covers the documents of a meeting for the OpenAPI test: upload,
// list, download (and its 304), delete, and the refusals.
func exerciseMeetingDocuments(t *testing.T, e *env, c *oaClient) {
	m := e.onlineMeeting(e.meetingSeriesOf(e.org("association", "Dokumentnätverket").ID).ID, 7)
	one := fmt.Sprintf("/meetings/%d", m.ID)
	docs := one + "/documents"

	body, ct := upload("Protokoll", "Protokoll.pdf", "application/pdf", testPDF("protokoll"))
	made := c.do(call{name: "upload meeting document", method: "POST", path: docs, body: body, contentType: ct, status: 201})
	doc := strings.TrimPrefix(made.header.Get("Location"), apiBase)
	c.do(call{name: "upload meeting document as outsider", method: "POST", path: docs, body: body, contentType: ct, as: c.outsider, status: 403, problem: "forbidden"})
	c.do(call{name: "upload to no meeting", method: "POST", path: "/meetings/999999/documents", body: body, contentType: ct, status: 404, problem: "meeting-not-found"})
	html, hct := upload("", "sida.pdf", "application/pdf", []byte("<html></html>"))
	c.do(call{name: "upload HTML to a meeting", method: "POST", path: docs, body: html, contentType: hct, status: 422, problem: "validation", field: "file"})
	big, bct := upload("", "stor.pdf", "application/pdf", testPDF(strings.Repeat("x", document.MaxBytes)))
	c.do(call{name: "upload too large to a meeting", method: "POST", path: docs, body: big, contentType: bct, status: 413, problem: "too-large", field: "file"})
	c.do(call{name: "upload JSON to a meeting", method: "POST", path: docs, body: `{"file":"x"}`, docRejects: true, status: 415, problem: "unsupported-media-type"})
	c.do(call{name: "upload broken multipart to a meeting", method: "POST", path: docs, body: "--x\r\nbroken", contentType: "multipart/form-data; boundary=x",
		docRejects: true, status: 400, problem: "malformed"})

	c.do(call{name: "list meeting documents", method: "GET", path: docs, as: anonymous, status: 200})
	c.do(call{name: "list documents of no meeting", method: "GET", path: "/meetings/999999/documents", status: 404, problem: "meeting-not-found"})
	got := c.do(call{name: "download meeting document", method: "GET", path: doc, as: anonymous, status: 200})
	if string(got.raw) != string(testPDF("protokoll")) {
		t.Errorf("download: not the bytes uploaded")
	}
	c.do(call{name: "download meeting document unchanged", method: "GET", path: doc, as: anonymous, status: 304, etag: got.header.Get("ETag")})
	c.do(call{name: "download no meeting document", method: "GET", path: one + "/documents/999999", status: 404, problem: "document-not-found"})

	c.do(call{name: "delete meeting document as outsider", method: "DELETE", path: doc, as: c.outsider, status: 403, problem: "forbidden"})
	c.do(call{name: "delete meeting document", method: "DELETE", path: doc, status: 204})
	c.do(call{name: "delete meeting document again", method: "DELETE", path: doc, status: 404, problem: "document-not-found"})
}
