package validation

import (
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"
)

// isPhone implements the phone tag, a loose check that fits Swedish and international ways of
// writing a number: 6–20 characters, surrounding space aside, of digits, spaces, "+", "-",
// "(" and ")", at least six of them digits.
func isPhone(fl validator.FieldLevel) bool {
	f := fl.Field()
	if f.Kind() != reflect.String {
		return false
	}
	s := strings.TrimSpace(f.String())
	if n := utf8.RuneCountInString(s); n < 6 || n > 20 {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-()", r):
		default:
			return false
		}
	}
	return digits >= 6
}
