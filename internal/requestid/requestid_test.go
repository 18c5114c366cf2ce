package requestid_test

import (
	"context"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/requestid"
)

func TestSane(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in string
		kept     bool
	}{
		{"OK", "req-12345", true},
		{"Dots", "a.b_c-D9", true},
		{"Empty", "", false},
		{"TooLong", strings.Repeat("a", 65), false},
		{"Space", "req 1", false},
		{"Newline", "req\n{\"x\":1}", false},
		{"NonASCII", "réq", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := requestid.Sane(tc.in)
			if (got == tc.in) != tc.kept {
				t.Errorf("Sane(%q) = %q, kept %v, want kept %v", tc.in, got, got == tc.in, tc.kept)
			}
			if got == "" || requestid.Sane(got) != got {
				t.Errorf("Sane(%q) = %q, not a sane id itself", tc.in, got)
			}
		})
	}
	if a, b := requestid.Sane(""), requestid.Sane(""); a == b {
		t.Errorf("two new ids are the same: %q", a)
	}
}

func TestContext(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if got := requestid.From(ctx); got != "" {
		t.Errorf("From(empty) = %q", got)
	}
	if got := requestid.From(requestid.With(ctx, "r1")); got != "r1" {
		t.Errorf("From(With(r1)) = %q", got)
	}
}
