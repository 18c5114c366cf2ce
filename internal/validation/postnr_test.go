package validation_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/validation"
)

func TestPostalCode(t *testing.T) {
	tests := []struct {
		in   string
		want string // canonical form; "" when invalid
	}{
		{"503 35", "503 35"},
		{"50335", "503 35"},
		{" 501 80\t", "501 80"},
		{"981 99", "981 99"},
		{"012 34", ""}, // no code starts with 0
		{"01234", ""},
		{"503  35", ""},
		{"5033", ""},
		{"503355", ""},
		{"50 335", ""},
		{"503-35", ""},
		{"SE-503 35", ""},
		{"5O3 35", ""},
		{"", ""},
	}
	v := validation.New()
	for _, tt := range tests {
		got, ok := validation.NormalisePostalCode(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("NormalisePostalCode(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
		if err := v.Var(tt.in, "postnr"); (err == nil) != (tt.want != "") {
			t.Errorf("postnr %q: err = %v", tt.in, err)
		}
	}
}
