package validation_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/validation"
)

// tagCase is one value checked against one tag.
type tagCase struct {
	in any
	ok bool
}

// checkTag validates every case's value against tag alone.
func checkTag(t *testing.T, tag string, cases []tagCase) {
	t.Helper()
	v := validation.New()
	for _, c := range cases {
		if err := v.Var(c.in, tag); (err == nil) != c.ok {
			t.Errorf("%s %#v: err = %v, want ok = %v", tag, c.in, err, c.ok)
		}
	}
}
