package i18n

import "fmt"

// Text is one message in both languages.
type Text struct{ SV, EN string }

// catalogue holds every user-visible text outside the templates' own markup, by key. Files
// in this package fill it with register from init functions, one file per area.
var catalogue = map[string]Text{}

func register(m map[string]Text) {
	for k, v := range m {
		if _, dup := catalogue[k]; dup {
			panic("i18n: duplicate key " + k)
		}
		catalogue[k] = v
	}
}

// T returns the text for key in lang, formatted with args when given (fmt verbs). An unknown
// key is returned as it is, so a missing text shows up on the page instead of vanishing.
func T(lang Lang, key string, args ...any) string {
	t, ok := catalogue[key]
	if !ok {
		return key
	}
	s := t.SV
	if lang == EN {
		s = t.EN
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Has reports whether key has a text.
func Has(key string) bool {
	_, ok := catalogue[key]
	return ok
}

// Keys returns every key in the catalogue, for tests that check completeness.
func Keys() []string {
	keys := make([]string, 0, len(catalogue))
	for k := range catalogue {
		keys = append(keys, k)
	}
	return keys
}
