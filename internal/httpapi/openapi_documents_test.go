package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/document"
)

// exerciseDocuments covers the documents of an agreement: upload, list, download (and its
// 304), delete, and each refusal.
func exerciseDocuments(t *testing.T, e *env, c *oaClient) {
	_, path := e.agreementOf("active")
	one := strings.TrimPrefix(path, apiBase)
	docs := one + "/documents"

	body, ct := upload("Avtal", "Avtal år 2026.pdf", "application/pdf", testPDF("avtal"))
	made := c.do(call{name: "upload document", method: "POST", path: docs, body: body, contentType: ct, status: 201})
	doc := strings.TrimPrefix(made.header.Get("Location"), apiBase)
	c.do(call{name: "upload as outsider", method: "POST", path: docs, body: body, contentType: ct, as: c.outsider, status: 403, problem: "forbidden"})
	c.do(call{name: "upload to no agreement", method: "POST", path: "/agreements/999999/documents", body: body, contentType: ct, status: 404, problem: "agreement-not-found"})
	html, hct := upload("", "sida.pdf", "application/pdf", []byte("<html></html>"))
	c.do(call{name: "upload HTML", method: "POST", path: docs, body: html, contentType: hct, status: 422, problem: "validation", field: "file"})
	big, bct := upload("", "stor.pdf", "application/pdf", testPDF(strings.Repeat("x", document.MaxBytes)))
	c.do(call{name: "upload too large", method: "POST", path: docs, body: big, contentType: bct, status: 413, problem: "too-large", field: "file"})
	c.do(call{name: "upload JSON", method: "POST", path: docs, body: `{"file":"x"}`, docRejects: true, status: 415, problem: "unsupported-media-type"})
	c.do(call{name: "upload broken multipart", method: "POST", path: docs, body: "--x\r\nbroken", contentType: "multipart/form-data; boundary=x",
		docRejects: true, status: 400, problem: "malformed"})

	c.do(call{name: "list documents", method: "GET", path: docs, as: anonymous, status: 200})
	c.do(call{name: "list documents of no agreement", method: "GET", path: "/agreements/999999/documents", status: 404, problem: "agreement-not-found"})
	got := c.do(call{name: "download document", method: "GET", path: doc, as: anonymous, status: 200})
	if string(got.raw) != string(testPDF("avtal")) {
		t.Errorf("download: not the bytes uploaded")
	}
	c.do(call{name: "download unchanged", method: "GET", path: doc, as: anonymous, status: 304, etag: got.header.Get("ETag")})
	c.do(call{name: "download no document", method: "GET", path: fmt.Sprintf("%s/documents/999999", one), status: 404, problem: "document-not-found"})

	c.do(call{name: "delete document as outsider", method: "DELETE", path: doc, as: c.outsider, status: 403, problem: "forbidden"})
	c.do(call{name: "delete document", method: "DELETE", path: doc, status: 204})
	c.do(call{name: "delete document again", method: "DELETE", path: doc, status: 404, problem: "document-not-found"})
}
