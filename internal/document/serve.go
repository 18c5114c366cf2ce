package document

import (
	"bytes"
	"encoding/hex"
	"net/http"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Serve writes the document as a download: application/pdf, a Content-Disposition naming
// the file (ASCII, and RFC 5987 UTF-8 for Swedish letters), nosniff, a CSP sandbox so that
// a browser that opens it anyway runs nothing in the site's origin, and an ETag from the
// SHA-256 of the content. Conditional and range requests are answered by http.ServeContent.
// cache is the Cache-Control to send: "public, no-cache" for what anyone may read,
// "private, no-cache" otherwise.
func Serve(w http.ResponseWriter, r *http.Request, s *Stored, cache string) {
	h := w.Header()
	h.Set("Content-Type", ContentType)
	h.Set("Content-Disposition", Disposition(s.Filename))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", cache)
	h.Set("ETag", ETag(s.SHA256))
	http.ServeContent(w, r, "", s.CreatedAt, bytes.NewReader(s.Content))
}

// ETag is the strong entity tag of content with this SHA-256.
func ETag(sum []byte) string { return `"` + hex.EncodeToString(sum) + `"` }

// Disposition returns an attachment Content-Disposition for filename: filename= an ASCII
// rendering (å→a, ö→o; anything else outside ASCII "_") for old clients, and filename* the
// name itself, percent-encoded UTF-8 (RFC 5987, RFC 6266).
func Disposition(filename string) string {
	return `attachment; filename="` + asciiName(filename) + `"; filename*=UTF-8''` + encode5987(filename)
}

// asciiName drops diacritics (NFD, then no marks) and replaces what is still not printable
// ASCII, and the quote and backslash that would end the quoted string, with "_".
func asciiName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '"' || r == '\\' || r < 0x20 || r > 0x7e:
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// encode5987 percent-encodes every byte that is not an attr-char of RFC 5987.
func encode5987(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}
