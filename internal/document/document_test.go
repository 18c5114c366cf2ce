package document_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/document"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// pdf is a small but well-formed-enough PDF: the header, a body, the end marker.
func pdf(body string) []byte { return []byte("%PDF-1.7\n" + body + "\n%%EOF\n") }

func TestSafeFilename(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Överenskommelsen 2026.pdf":        "Överenskommelsen 2026.pdf",
		`C:\Users\anna\avtal.PDF`:          "avtal.pdf",
		"../../etc/passwd.pdf":             "passwd.pdf",
		"a\"b;c\r\nd.pdf":                  "a_b_c d.pdf",
		"  .hidden .pdf":                   "hidden.pdf",
		".pdf":                             "dokument.pdf",
		"O\u0308vera\u030a.pdf":            "Överå.pdf", // NFD from a Mac becomes NFC
		strings.Repeat("å", 300) + ".pdf":  strings.Repeat("å", 116) + ".pdf",
		"<b>alert(1)<b>.pdf":               "_b_alert(1)_b_.pdf",
		"rapport (slutlig) – v2_final.pdf": "rapport (slutlig) _ v2_final.pdf",
	} {
		if got := document.SafeFilename(in); got != want {
			t.Errorf("SafeFilename(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDisposition(t *testing.T) {
	t.Parallel()
	got := document.Disposition("Överenskommelsen år 2026.pdf")
	want := `attachment; filename="Overenskommelsen ar 2026.pdf"; filename*=UTF-8''%C3%96verenskommelsen%20%C3%A5r%202026.pdf`
	if got != want {
		t.Errorf("Disposition:\n got %s\nwant %s", got, want)
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 100)...)
	cases := []struct {
		name, title, filename, ctype string
		content                      []byte
		field, code                  string
	}{
		{"OK", "", "Avtal.pdf", "application/pdf", pdf("hej"), "", ""},
		{"OK generic type", "Bilaga", "bilaga.pdf", "application/octet-stream", pdf("hej"), "", ""},
		{"PNG renamed .pdf", "", "bild.pdf", "image/png", png, "file", document.CodeType},
		{"PNG renamed, declared PDF", "", "bild.pdf", "application/pdf", png, "file", document.CodeNotPDF},
		{"HTML file", "", "sida.html", "text/html", []byte("<html><script>alert(1)</script>"), "file", document.CodeType},
		{"HTML named .pdf", "", "sida.pdf", "application/pdf", []byte("<html><script>alert(1)</script>"), "file", document.CodeNotPDF},
		{"truncated PDF", "", "halv.pdf", "application/pdf", []byte("%PDF-1.7\n1 0 obj"), "file", document.CodeNotPDF},
		{"empty", "", "tom.pdf", "application/pdf", nil, "file", "required"},
		{"too large", "", "stor.pdf", "application/pdf", pdf(strings.Repeat("x", document.MaxBytes)), "file", document.CodeTooLarge},
		{"title too long", strings.Repeat("t", 201), "a.pdf", "application/pdf", pdf("x"), "title", "max_len"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			up, err := document.Check(c.title, c.filename, c.ctype, bytes.NewReader(c.content))
			if c.field == "" {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				if !bytes.Equal(up.Content, c.content) || up.Title == "" || !strings.HasSuffix(up.Filename, ".pdf") {
					t.Errorf("upload %q %q, %d bytes", up.Title, up.Filename, len(up.Content))
				}
				return
			}
			fe := fault.Fields(err)
			if len(fe) == 0 || fe[0].Field != c.field || fe[0].Code != c.code {
				t.Fatalf("Check: %v, want %s %s", err, c.field, c.code)
			}
			if document.IsTooLarge(err) != (c.code == document.CodeTooLarge) {
				t.Errorf("IsTooLarge(%v) wrong", err)
			}
		})
	}
}

func TestCheckTitleDefault(t *testing.T) {
	t.Parallel()
	up, err := document.Check("  ", "Överenskommelsen 2026.pdf", "", bytes.NewReader(pdf("x")))
	if err != nil || up.Title != "Överenskommelsen 2026" {
		t.Fatalf("title %q, %v", up.Title, err)
	}
	s := up.Stored(time.Now(), 0)
	if s.Size != int64(len(up.Content)) || len(s.SHA256) != 32 || s.CreatedBy != nil || s.ContentType != "application/pdf" {
		t.Errorf("stored %+v", s)
	}
	if errors.Is(err, document.ErrMalformed) {
		t.Error("not malformed")
	}
}
