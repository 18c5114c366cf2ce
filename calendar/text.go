package calendar

import (
	"io"
	"strings"
	"unicode/utf8"
)

// escapeText writes s as an RFC 5545 TEXT value (§3.3.11). We escape ourselves rather than
// with go-ical's SetText because any line break (CRLF, CR) must become \n — go-ical passes a
// raw CR through and its encoder then refuses the whole calendar — and because control
// characters other than tab are not allowed in TEXT at all, so they are dropped (and so are
// U+2028, U+2029 and U+FEFF, see dropped). Invalid UTF-8 becomes U+FFFD: the file must stay
// UTF-8.
func escapeText(s string) string {
	if !needsEscape(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			b.WriteString(`\n`)
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteByte(c)
		default:
			if c < 0x20 || c == 0x7f {
				continue
			}
			if c >= utf8.RuneSelf {
				r, n := utf8.DecodeRuneInString(s[i:])
				switch {
				case r == '\u2028' || r == '\u2029':
					b.WriteByte(' ')
				case !dropped(r):
					b.WriteString(s[i : i+n])
				}
				i += n - 1
				continue
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// dropped reports whether escapeText leaves r out although it is valid UTF-8: the C1
// controls, which TEXT does not allow either, and the characters that some readers take for
// a line end or that hide in a text unseen — U+2028 and U+2029 (JavaScript's line
// terminators: node-ical empties a SUMMARY that holds one; escapeText writes a space for
// them) and the byte order mark U+FEFF. The API and the pages refuse them all; this is for
// text stored before they did.
func dropped(r rune) bool {
	return (r >= 0x80 && r <= 0x9f) || r == '\u2028' || r == '\u2029' || r == '\ufeff'
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c == '\\' || c == ';' || c == ',' || c >= utf8.RuneSelf {
			// Non-ASCII only needs the (slower) UTF-8 check, not escaping; one path is enough.
			return true
		}
	}
	return false
}

// unescapeText reads a TEXT value. It is lenient where go-ical's Prop.Text is strict, as
// third-party files need: an unescaped comma is kept (go-ical would cut the text there), and
// an unknown escape such as \: keeps its character.
func unescapeText(s string) string {
	if !strings.ContainsRune(s, '\\') {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch c = s[i]; c {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// maxLine is the longest a physical line may be, in octets without its CRLF (RFC 5545 §3.1).
const maxLine = 75

// folder folds the content lines written through it: a line longer than maxLine octets is
// broken with CRLF and a space, never inside a UTF-8 sequence (a Swedish å is two octets,
// an emoji four). It keeps its column across writes, so a line may come in any pieces. The
// first error of the underlying writer is kept in err, and later writes are dropped.
type folder struct {
	w   io.StringWriter
	col int // octets already on the current physical line
	err error
}

func (f *folder) writeString(s string) {
	// Most pieces are short and end no line: no need to look at each octet. The margin of
	// 3 leaves room for the rest of a UTF-8 sequence that this piece may only begin.
	if f.col+len(s)+3 <= maxLine && strings.IndexByte(s, '\n') < 0 {
		f.write(s)
		f.col += len(s)
		return
	}
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' {
			f.col = 0
			continue
		}
		if c < 0x80 || c >= 0xC0 { // an ASCII octet or the first octet of a sequence
			if f.col+seqLen(c) > maxLine {
				f.write(s[start:i])
				f.write("\r\n ")
				start = i
				f.col = 1
			}
		}
		f.col++
	}
	f.write(s[start:])
}

func (f *folder) write(s string) {
	if f.err == nil && len(s) > 0 {
		_, f.err = f.w.WriteString(s)
	}
}

// seqLen is the length of the UTF-8 sequence that starts with c. A CR counts as zero so that
// a line of exactly maxLine octets is not folded before its CRLF.
func seqLen(c byte) int {
	switch {
	case c == '\r':
		return 0
	case c < 0x80:
		return 1
	case c >= 0xF0:
		return 4
	case c >= 0xE0:
		return 3
	default:
		return 2
	}
}
