package calendar

import (
	"bytes"
	"strings"
	"testing"
)

// TestFolderChunking: folding does not depend on how the writes are cut, even inside a
// UTF-8 sequence, and a line of exactly 75 octets is not folded.
func TestFolderChunking(t *testing.T) {
	line := "SUMMARY:" + strings.Repeat("å🎻x", 40) + "\r\n" + strings.Repeat("y", 75) + "\r\nEND:X\r\n"
	var whole bytes.Buffer
	(&folder{w: &whole}).writeString(line)
	for _, size := range []int{1, 2, 3, 5, 7, 74, 75, 76} {
		var got bytes.Buffer
		f := &folder{w: &got}
		for i := 0; i < len(line); i += size {
			f.writeString(line[i:min(i+size, len(line))])
		}
		if got.String() != whole.String() {
			t.Errorf("chunks of %d: %q, want %q", size, got.String(), whole.String())
		}
	}
	want := "\r\n" + strings.Repeat("y", 75) + "\r\nEND:X\r\n"
	if !strings.HasSuffix(whole.String(), want) {
		t.Errorf("a 75-octet line was changed: %q", whole.String())
	}
	if unfolded := strings.ReplaceAll(whole.String(), "\r\n ", ""); unfolded != line {
		t.Errorf("unfolding does not give back the input: %q", unfolded)
	}
}

func TestUnescapeText(t *testing.T) {
	for in, want := range map[string]string{
		`a\,b\;c\\d\ne\Nf`: "a,b;c\\d\ne\nf",
		`a,b`:              "a,b",   // an unescaped comma from a lenient writer is kept
		`a\:b`:             "a:b",   // an unknown escape keeps its character
		`end\`:             "end\\", // a lone backslash at the end is kept
	} {
		if got := unescapeText(in); got != want {
			t.Errorf("unescapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEscapeTextDropsControls: no control character, line or paragraph separator or byte
// order mark reaches a TEXT value, whatever was stored; on the main of issue 12 a U+2028 in a
// booking's title went into the feeds, where node-ical emptied the event's SUMMARY.
func TestEscapeTextDropsControls(t *testing.T) {
	for in, want := range map[string]string{
		"Möte\u2028i kväll":        "Möte i kväll",
		"a\u2029b\ufeffc":          "a bc",
		"nul\x00 del\x7f c1\u0085": "nul del c1",
		"esc\x1b[31mröd":           "esc[31mröd",
		"rad\r\nny\ttab":           `rad\nny` + "\ttab",
		"bad\xffutf8":              "bad\uFFFDutf8",
		"emoji 🎻, semikolon;":      `emoji 🎻\, semikolon\;`,
	} {
		if got := escapeText(in); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", in, got, want)
		}
	}
}
