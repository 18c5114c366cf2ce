// Package fault holds the handful of error kinds that every capability's errors wrap, so that
// the HTTP edge can translate any error into a status without knowing the capability.
package fault

import (
	"errors"
	"fmt"
)

// Kind classifies an error by what the caller should do about it.
type Kind int

// The kinds. Anything that carries no kind is Internal.
const (
	Internal Kind = iota
	Invalid
	NotFound
	Conflict
	Forbidden
	Unauthenticated
	TooLarge
	// Unavailable: the work could not be done now (the database is down, read-only or
	// full); the same request may succeed later.
	Unavailable
)

var kindNames = [...]string{"internal", "invalid", "not_found", "conflict", "forbidden", "unauthenticated", "too_large", "unavailable"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is an error of a kind with a stable machine code (e.g. "organisation_not_found") that
// the edges turn into a problem type and a translated message.
type Error struct {
	Kind Kind
	Code string
	// Err is the wrapped cause, if any; never shown to users.
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Code + ": " + e.Err.Error()
	}
	return e.Code
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is match two *Error values with the same kind and code, so that sentinels
// declared with New still match after a copy has been wrapped with a cause.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Kind == e.Kind && t.Code == e.Code
}

// New returns a sentinel error of the given kind and code.
func New(kind Kind, code string) *Error { return &Error{Kind: kind, Code: code} }

// Wrap returns a copy of sentinel carrying cause; errors.Is(result, sentinel) holds.
func Wrap(sentinel *Error, cause error) error {
	return &Error{Kind: sentinel.Kind, Code: sentinel.Code, Err: cause}
}

// KindOf returns the kind of the first *Error or FieldErrors in err's chain, or Internal.
func KindOf(err error) Kind {
	var fe FieldErrors
	if errors.As(err, &fe) {
		return Invalid
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// CodeOf returns the code of the first *Error in err's chain, or "" when there is none.
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// FieldError says that one input field is invalid: Code is the validation tag that failed
// (e.g. "required", "max", "orgnr") and Param its parameter, so messages can be rendered later
// in the user's language.
type FieldError struct {
	Field string
	Code  string
	Param string
}

// FieldErrors is an Invalid error listing every bad field of one input.
type FieldErrors []FieldError

func (fe FieldErrors) Error() string {
	s := "invalid input:"
	for _, f := range fe {
		s += " " + f.Field + " (" + f.Code + ")"
	}
	return s
}

// Fields returns the FieldErrors in err's chain, or nil.
func Fields(err error) FieldErrors {
	var fe FieldErrors
	if errors.As(err, &fe) {
		return fe
	}
	return nil
}
