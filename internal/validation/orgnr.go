package validation

import (
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
)

// isOrgNumber implements the orgnr tag.
func isOrgNumber(fl validator.FieldLevel) bool {
	f := fl.Field()
	if f.Kind() != reflect.String {
		return false
	}
	_, ok := NormaliseOrgNumber(f.String())
	return ok
}

// NormaliseOrgNumber returns a Swedish organisation number in its canonical form NNNNNN-NNNN.
// It accepts ten digits with or without a hyphen after the sixth, surrounded by any space,
// and reports false when the form is wrong or the last digit is not the Luhn check digit of
// the first nine. Numbers of sole traders (a personnummer, third digit below 2) are accepted
// like those of legal entities.
func NormaliseOrgNumber(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) == 11 && s[6] == '-' {
		s = s[:6] + s[7:]
	}
	if len(s) != 10 || !allDigits(s) || !luhnValid(s) {
		return "", false
	}
	return s[:6] + "-" + s[6:], true
}

// luhnValid reports whether the last digit of s is the Luhn check digit of the others. s
// must be all ASCII digits.
func luhnValid(s string) bool {
	sum := 0
	double := false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
