package validation_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/validation"
)

func TestOrgNumber(t *testing.T) {
	tests := []struct {
		in   string
		want string // canonical form; "" when invalid
	}{
		{"212000-1561", "212000-1561"}, // Borås Stad
		{"2120001561", "212000-1561"},
		{" 212000-1561 ", "212000-1561"},
		{"802488-9043", "802488-9043"},
		{"556016-0680", "556016-0680"},
		{"8020000009", "802000-0009"},
		{"811228-9874", "811228-9874"}, // a sole trader's personnummer
		{"212000-1562", ""},            // wrong check digit
		{"802488-9044", ""},
		{"212000-156", ""}, // too short
		{"212000-15611", ""},
		{"21200015611", ""},
		{"21200-01561", ""}, // hyphen misplaced
		{"2120-001561", ""},
		{"212000 1561", ""},
		{"21200A-1561", ""},
		{"abcdef-ghij", ""},
		{"212000—1561", ""},
		{"", ""},
	}
	v := validation.New()
	for _, tt := range tests {
		got, ok := validation.NormaliseOrgNumber(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("NormaliseOrgNumber(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
		if err := v.Var(tt.in, "orgnr"); (err == nil) != (tt.want != "") {
			t.Errorf("orgnr %q: err = %v", tt.in, err)
		}
	}
	if err := v.Var(2120001561, "orgnr"); err == nil {
		t.Error("orgnr accepts a number")
	}
}
