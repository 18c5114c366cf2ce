package validation

import (
	"errors"
	"reflect"

	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"
)

// GinValidator makes gin's binding validate with V and the `validate` struct tag instead of
// gin's own validator and `binding` tag:
//
//	binding.Validator = validation.GinValidator{V: v}
//
// The errors it returns convert with FieldErrors.
type GinValidator struct {
	// V is the process's validator, from New.
	V *validator.Validate
}

var _ binding.StructValidator = GinValidator{}

var errNoValidator = errors.New("validation: GinValidator has no validator")

// ValidateStruct validates a struct or a pointer to one with V and returns its
// validator.ValidationErrors. A slice or array is validated element by element, and the
// failures are returned as a binding.SliceValidationError as long as the slice, nil where an
// element is valid, so that indices are kept. Anything else, and a nil pointer, is valid. It
// never panics: without V it returns an error.
func (g GinValidator) ValidateStruct(obj any) error {
	if obj == nil {
		return nil
	}
	if g.V == nil {
		return errNoValidator
	}
	v := reflect.ValueOf(obj)
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		if v.Elem().Kind() == reflect.Struct {
			return g.V.Struct(obj)
		}
		return g.ValidateStruct(v.Elem().Interface())
	case reflect.Struct:
		return g.V.Struct(obj)
	case reflect.Slice, reflect.Array:
		errs := make(binding.SliceValidationError, v.Len())
		failed := false
		for i := range v.Len() {
			if errs[i] = g.ValidateStruct(v.Index(i).Interface()); errs[i] != nil {
				failed = true
			}
		}
		if failed {
			return errs
		}
	}
	return nil
}

// Engine returns V, the *validator.Validate, for code that registers more rules through gin.
func (g GinValidator) Engine() any { return g.V }
