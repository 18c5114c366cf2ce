// Package i18n holds the two languages Lokalbanken speaks, how a request picks one, and the
// catalogue of every user-visible text outside the templates' own markup.
package i18n

import (
	"strconv"
	"strings"
)

// Lang is a supported language, as its ISO 639-1 code.
type Lang string

// The supported languages.
const (
	SV Lang = "sv"
	EN Lang = "en"
)

// Default is the language used when a request asks for none we speak.
const Default = SV

// Parse picks the language for an Accept-Language header value: the supported language with
// the highest q-value, the earlier one on a tie. Region subtags are ignored ("en-GB" is EN),
// "*" stands for Default, entries with q=0 or an unreadable q are skipped, and anything that
// names no supported language (including an empty header) gives Default.
func Parse(acceptLanguage string) Lang {
	best, bestQ := Default, 0.0
	for part := range strings.SplitSeq(acceptLanguage, ",") {
		tag, params, _ := strings.Cut(part, ";")
		q, ok := quality(params)
		if !ok || q <= bestQ {
			continue
		}
		tag = strings.TrimSpace(tag)
		if tag == "*" {
			best, bestQ = Default, q
			continue
		}
		if l, ok := FromTag(tag); ok {
			best, bestQ = l, q
		}
	}
	return best
}

// quality reads the q parameter of one Accept-Language entry; 1 when absent, false when it
// is not a number between 0 and 1.
func quality(params string) (float64, bool) {
	for p := range strings.SplitSeq(params, ";") {
		k, v, found := strings.Cut(strings.TrimSpace(p), "=")
		if !found || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || q < 0 || q > 1 {
			return 0, false
		}
		return q, true
	}
	return 1, true
}

// FromTag reads a language chosen explicitly, as in a ?lang= query parameter or a cookie:
// "sv", "EN", "sv-SE" and "en_GB" are accepted; it reports false for anything else.
func FromTag(s string) (Lang, bool) {
	primary, _, _ := strings.Cut(strings.TrimSpace(s), "-")
	primary, _, _ = strings.Cut(primary, "_")
	switch {
	case strings.EqualFold(primary, string(SV)):
		return SV, true
	case strings.EqualFold(primary, string(EN)):
		return EN, true
	}
	return "", false
}
