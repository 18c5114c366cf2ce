package validation

import (
	"errors"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// FieldErrors converts the validator's errors in err's chain into fault.FieldErrors, and
// returns nil when err holds none (nil, or any other error, which the caller returns as is).
//
// Field is the path as the client sent it: the namespace without the root struct's name,
// e.g. "name", "address.postal_code", "facilities[2]", "extra[key]". Param is the tag's
// parameter; a cross-field rule's Go field names (required_with=Longitude) are given in
// snake_case, the API's spelling of them. Code is the failed tag, except that the size rules
// are renamed by what they measured, so that a message can say "characters" or "items":
//
//	strings:                min, gte → min_len    max, lte → max_len    len → len
//	slices, arrays, maps:   min, gte → min_items  max, lte → max_items  len → len_items
//	numbers:                min, gte → min        max, lte → max        len → eq
//
// On strings and collections gt=N becomes min_len/min_items with param N+1, and lt=N
// max_len/max_items with N-1. gt and lt on numbers, and every rule on other kinds (such as
// time.Time), keep their tag.
func FieldErrors(err error) fault.FieldErrors {
	var ve validator.ValidationErrors
	if !errors.As(err, &ve) || len(ve) == 0 {
		return nil
	}
	out := make(fault.FieldErrors, 0, len(ve))
	for _, fe := range ve {
		c, p := code(fe.Tag(), fe.Kind(), fe.Param())
		out = append(out, fault.FieldError{Field: path(fe.Namespace()), Code: c, Param: p})
	}
	return out
}

// path drops the root struct's name from a namespace.
func path(namespace string) string {
	_, rest, found := strings.Cut(namespace, ".")
	if !found {
		return namespace
	}
	return rest
}

// code returns the code and param for a failed tag on a value of kind, as FieldErrors
// documents.
func code(tag string, kind reflect.Kind, param string) (string, string) {
	switch tag {
	case "required_with", "required_with_all", "required_without", "required_without_all",
		"excluded_with", "excluded_with_all", "excluded_without", "excluded_without_all",
		"eqfield", "nefield", "gtfield", "gtefield", "ltfield", "ltefield":
		return tag, snakeFields(param)
	}
	var suffix string
	switch kind {
	case reflect.String:
		suffix = "_len"
	case reflect.Slice, reflect.Array, reflect.Map:
		suffix = "_items"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return numberCode(tag), param
	default:
		return tag, param
	}
	switch tag {
	case "min", "gte":
		return "min" + suffix, param
	case "max", "lte":
		return "max" + suffix, param
	case "len":
		if suffix == "_len" {
			return "len", param
		}
		return "len_items", param
	case "gt", "lt":
		n, err := strconv.Atoi(param)
		if err != nil {
			return tag, param
		}
		if tag == "gt" {
			return "min" + suffix, strconv.Itoa(n + 1)
		}
		return "max" + suffix, strconv.Itoa(n - 1)
	}
	return tag, param
}

func numberCode(tag string) string {
	switch tag {
	case "gte":
		return "min"
	case "lte":
		return "max"
	case "len":
		return "eq"
	}
	return tag
}

// snakeFields turns a space-separated list of Go field names into snake_case.
func snakeFields(param string) string {
	names := strings.Fields(param)
	for i, n := range names {
		names[i] = snake(n)
	}
	return strings.Join(names, " ")
}

// snake turns a Go name into snake_case, keeping initialisms whole: OwnerID → owner_id,
// AreaM2 → area_m2, URLPath → url_path.
func snake(name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if isUpper(c) && i > 0 {
			prev := name[i-1]
			nextLower := i+1 < len(name) && name[i+1] >= 'a' && name[i+1] <= 'z'
			if !isUpper(prev) || nextLower {
				b.WriteByte('_')
			}
		}
		if isUpper(c) {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
