package validation

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// The texts live in the i18n catalogue: messages under "validation.<code>", field labels
// under "label.<field>".
const (
	messagePrefix = "validation."
	labelPrefix   = "label."
)

// Message renders f as a sentence in lang: the code's text with {field} replaced by the
// field's Label and {param} by the parameter, made readable (numbers written the language's
// way, oneof values listed, cross-field names labelled, JSON types named), first letter
// capitalised. A code without a text of its own gets a generic "has an invalid value".
func Message(lang i18n.Lang, f fault.FieldError) string {
	key := messagePrefix + f.Code
	if !i18n.Has(key) {
		key = messagePrefix + "invalid"
	}
	s := i18n.T(lang, key)
	s = strings.ReplaceAll(s, "{field}", Label(lang, f.Field))
	s = strings.ReplaceAll(s, "{param}", param(lang, f.Code, f.Param))
	return capitalise(s)
}

// KnownCodes returns, sorted, every code that has a message of its own in both languages.
func KnownCodes() []string {
	var codes []string
	for _, k := range i18n.Keys() {
		if c, ok := strings.CutPrefix(k, messagePrefix); ok {
			codes = append(codes, c)
		}
	}
	slices.Sort(codes)
	return codes
}

// decimalNumber matches the numbers number rewrites.
var decimalNumber = regexp.MustCompile(`^[-+]?[0-9]+(\.[0-9]+)?$`)

// indices matches the slice indices and map keys in a field path.
var indices = regexp.MustCompile(`\[[^\]]*\]`)

// Label returns the name to show for a field path in lang, in lower case. The label of the
// whole path without indices is used when there is one ("accessibility.note"), then that of
// its last element ("address.postal_code" → "postal_code"); failing both, the last element
// as it is. An empty path names the whole input ("label.body").
func Label(lang i18n.Lang, field string) string {
	p := indices.ReplaceAllString(field, "")
	if p == "" {
		p = "body"
	}
	if i18n.Has(labelPrefix + p) {
		return i18n.T(lang, labelPrefix+p)
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		p = p[i+1:]
	}
	if i18n.Has(labelPrefix + p) {
		return i18n.T(lang, labelPrefix+p)
	}
	return p
}

// param renders a code's parameter for a reader.
func param(lang i18n.Lang, code, p string) string {
	switch code {
	case "type":
		if i18n.Has("jsontype." + p) {
			return i18n.T(lang, "jsontype."+p)
		}
	case "oneof":
		return strings.Join(strings.Fields(p), ", ")
	case "required_with", "required_without", "excluded_with", "excluded_without":
		return labels(lang, p, "list.or")
	case "required_with_all", "required_without_all":
		return labels(lang, p, "list.and")
	case "role_for_kind", "party_required":
		// Roles of agreement parties, named in the reader's language.
		roles := strings.Fields(p)
		for i, r := range roles {
			roles[i] = i18n.T(lang, "party_role."+r)
		}
		return strings.Join(roles, " "+i18n.T(lang, "list.or")+" ")
	case "min", "max", "gt", "lt", "gte", "lte", "eq", "ne",
		"min_len", "max_len", "len", "min_items", "max_items", "len_items":
		return number(lang, p)
	}
	return p
}

// labels renders a space-separated list of field names as labels joined by the given word.
func labels(lang i18n.Lang, fields, conjunction string) string {
	names := strings.Fields(fields)
	for i, n := range names {
		names[i] = Label(lang, n)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + i18n.T(lang, conjunction) + " " + names[len(names)-1]
}

// number writes a decimal number the language's way: in Swedish with a decimal comma and a
// no-break space between thousands from five digits on (10 000), in English with a point and
// commas (10,000). Anything that is not a plain decimal number is returned unchanged.
func number(lang i18n.Lang, s string) string {
	if !decimalNumber.MatchString(s) {
		return s
	}
	sign, digits := "", s
	if s[0] == '-' || s[0] == '+' {
		sign, digits = s[:1], s[1:]
	}
	whole, frac, hasFrac := strings.Cut(digits, ".")
	thousands, decimal := ",", "."
	if lang != i18n.EN {
		thousands, decimal = "\u00a0", ","
	}
	if len(whole) >= 5 {
		var b strings.Builder
		for i, c := range whole {
			if i > 0 && (len(whole)-i)%3 == 0 {
				b.WriteString(thousands)
			}
			b.WriteRune(c)
		}
		whole = b.String()
	}
	if hasFrac {
		return sign + whole + decimal + frac
	}
	return sign + whole
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
