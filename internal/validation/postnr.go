package validation

import (
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
)

// isPostalCode implements the postnr tag.
func isPostalCode(fl validator.FieldLevel) bool {
	f := fl.Field()
	if f.Kind() != reflect.String {
		return false
	}
	_, ok := NormalisePostalCode(f.String())
	return ok
}

// NormalisePostalCode returns a Swedish postal code in its canonical form "NNN NN". It
// accepts "NNN NN" or "NNNNN", surrounded by any space, and reports false for anything else,
// including codes starting with 0, which Sweden does not use.
func NormalisePostalCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) == 6 && s[3] == ' ' {
		s = s[:3] + s[4:]
	}
	if len(s) != 5 || !allDigits(s) || s[0] == '0' {
		return "", false
	}
	return s[:3] + " " + s[3:], true
}
