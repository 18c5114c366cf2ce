package validation

import (
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
)

// isNotBlank implements the notblank tag: a string must hold something besides white space
// (Unicode's, so a no-break space is blank too). On other kinds it means "not the zero value".
func isNotBlank(fl validator.FieldLevel) bool {
	f := fl.Field()
	if f.Kind() == reflect.String {
		return strings.TrimSpace(f.String()) != ""
	}
	return f.IsValid() && !f.IsZero()
}
