// Package validation builds the process's one *validator.Validate with Lokalbanken's custom
// tags (orgnr, postnr, facility, notblank, httpurl, phone), turns its errors into
// fault.FieldErrors named as the client sent them, and renders those in Swedish or English.
//
// Input structs use the `validate` tag, so a struct validates the same in the API, a page
// form and a CSV import: the services validate what every entry point hands them.
package validation

import (
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
)

// New returns a validator with the custom tags registered and fields named by their json tag,
// then form, then uri, then the Go name. It is safe for concurrent use; build one per process
// and share it, since it caches what it learns about each struct type. Other packages may add
// struct-level rules to it with RegisterStructValidation.
func New() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled(), validator.WithTagNameFuncBlankOmit())
	v.RegisterTagNameFunc(fieldName)
	for tag, fn := range map[string]validator.Func{
		"orgnr":    isOrgNumber,
		"postnr":   isPostalCode,
		"facility": isFacility,
		"notblank": isNotBlank,
		"httpurl":  isHTTPURL,
		"phone":    isPhone,
	} {
		// Registration fails only for an empty tag name, which would be a bug here.
		if err := v.RegisterValidation(tag, fn); err != nil {
			panic("validation: register " + tag + ": " + err.Error())
		}
	}
	return v
}

// fieldName names a field as the client spells it. A tag whose name is "-" or empty gives no
// name and the next tag is tried. An embedded struct without an explicit name gets none, so
// that its fields appear at the level where JSON puts them.
func fieldName(f reflect.StructField) string {
	for _, key := range []string{"json", "form", "uri"} {
		name, _, _ := strings.Cut(f.Tag.Get(key), ",")
		if name != "" && name != "-" {
			return name
		}
	}
	if f.Anonymous {
		return ""
	}
	return f.Name
}
