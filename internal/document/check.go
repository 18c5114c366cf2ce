package document

import (
	"bytes"
	"io"
	"mime"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// maxTitle is the longest title, in characters, as the tables' CHECK says.
const maxTitle = 200

// maxFilename is the longest file name kept, in characters, extension included.
const maxFilename = 120

// Check reads the file from r (at most MaxBytes and one byte more, so a larger one is
// refused without being read whole) and returns it as an Upload. declaredType is the
// Content-Type the client sent for the file and filename the name it gave. It returns field
// errors naming "file" (required, too_large, file_type, not_pdf) and "title" (max_len); a
// read error other than the file's size is returned as it is.
func Check(title, filename, declaredType string, r io.Reader) (Upload, error) {
	var errs fault.FieldErrors
	name := SafeFilename(filename)
	if !strings.EqualFold(filepath.Ext(filename), ".pdf") || !pdfType(declaredType) {
		// Refused before reading: a PNG or an HTML page sent as one is not worth the bytes.
		errs = append(errs, fault.FieldError{Field: "file", Code: CodeType})
	}
	var content []byte
	if len(errs) == 0 {
		var err error
		if content, err = io.ReadAll(io.LimitReader(r, MaxBytes+1)); err != nil {
			return Upload{}, err
		}
		switch {
		case len(content) == 0:
			errs = append(errs, fault.FieldError{Field: "file", Code: "required"})
		case len(content) > MaxBytes:
			errs = append(errs, fault.FieldError{Field: "file", Code: CodeTooLarge, Param: strconv.Itoa(MaxBytes)})
		case !isPDF(content):
			errs = append(errs, fault.FieldError{Field: "file", Code: CodeNotPDF})
		}
	}
	title, err := Title(title, name)
	if fe := fault.Fields(err); fe != nil {
		errs = append(errs, fe...)
	}
	if len(errs) > 0 {
		return Upload{}, errs
	}
	return Upload{Title: title, Filename: name, Content: content}, nil
}

// Title returns the title to store for a document named filename (already safe): the one
// given, trimmed, or failing that the file name without ".pdf". It returns a field error
// "title" (max_len) for one too long.
func Title(title, filename string) (string, error) {
	title = strings.TrimSpace(title)
	if utf8.RuneCountInString(title) > maxTitle {
		return "", fieldError("title", "max_len", strconv.Itoa(maxTitle))
	}
	if title == "" {
		title = truncate(strings.TrimSuffix(filename, ".pdf"), maxTitle)
	}
	return title, nil
}

// Missing is the error for an upload without a file.
func Missing() error { return fieldError("file", "required", "") }

// pdfType accepts the types a browser or a client sends for a PDF; a generic type (or none)
// says nothing, and the name and the content decide.
func pdfType(declared string) bool {
	if strings.TrimSpace(declared) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(declared)
	if err != nil {
		return false
	}
	switch mt {
	case ContentType, "application/x-pdf", "application/octet-stream", "binary/octet-stream":
		return true
	}
	return false
}

// isPDF looks at what every PDF has: the %PDF- header at the start and the %%EOF marker
// near the end (within the last KiB, as readers allow). A truncated upload lacks the marker.
func isPDF(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return false
	}
	tail := b[max(0, len(b)-1024):]
	return bytes.Contains(tail, []byte("%%EOF"))
}

// SafeFilename returns a file name that is safe to store and to send back in a header: the
// last element of the path the client sent, in NFC, with letters (Swedish ones too), digits
// and " -_.()" kept and anything else made "_", ending in ".pdf", at most 120 characters.
func SafeFilename(s string) string {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	s = norm.NFC.String(s)
	if strings.EqualFold(filepath.Ext(s), ".pdf") {
		s = s[:len(s)-len(".pdf")]
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), strings.ContainsRune("-_.()", r):
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		default:
			b.WriteRune('_')
		}
	}
	base := strings.Join(strings.Fields(b.String()), " ")
	base = strings.Trim(base, ". ")
	if base == "" {
		base = "dokument"
	}
	return truncate(base, maxFilename-len(".pdf")) + ".pdf"
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n]))
}
