package i18n_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/i18n"
)

func TestParse(t *testing.T) {
	tests := []struct {
		header string
		want   i18n.Lang
	}{
		{"", i18n.SV},
		{"sv", i18n.SV},
		{"sv-SE", i18n.SV},
		{"en", i18n.EN},
		{"en-GB,en;q=0.9", i18n.EN},
		{"EN-us", i18n.EN},
		{"de", i18n.SV},
		{"de, en;q=0.5", i18n.EN},
		{"de;q=1.0, en;q=0.5, sv;q=0.7", i18n.SV},
		{"sv;q=0.2, en;q=0.8", i18n.EN},
		{"en;q=0.8, sv;q=0.8", i18n.EN},
		{"en;q=0", i18n.SV},
		{"en;q=0, sv;q=0", i18n.SV},
		{"en;q=abc", i18n.SV},
		{"en;q=2", i18n.SV},
		{"en ; Q=0.4 , de", i18n.EN},
		{"*", i18n.SV},
		{"en;q=0.5, *;q=0.8", i18n.SV},
		{"fr-CA, fr;q=0.9, en-US;q=0.8, en;q=0.7, *;q=0.5", i18n.EN},
		{",,;", i18n.SV},
		{"english", i18n.SV},
	}
	for _, tt := range tests {
		if got := i18n.Parse(tt.header); got != tt.want {
			t.Errorf("Parse(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestFromTag(t *testing.T) {
	tests := []struct {
		in     string
		want   i18n.Lang
		wantOK bool
	}{
		{"sv", i18n.SV, true},
		{"SV", i18n.SV, true},
		{" sv-SE ", i18n.SV, true},
		{"en", i18n.EN, true},
		{"en_GB", i18n.EN, true},
		{"", "", false},
		{"de", "", false},
		{"svenska", "", false},
		{"*", "", false},
	}
	for _, tt := range tests {
		got, ok := i18n.FromTag(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("FromTag(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestCatalogueComplete(t *testing.T) {
	for _, k := range i18n.Keys() {
		if i18n.T(i18n.SV, k) == "" || i18n.T(i18n.EN, k) == "" {
			t.Errorf("%s lacks a Swedish or English text", k)
		}
	}
}
