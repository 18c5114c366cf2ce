package validation_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

func TestCleanText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s                  string
		oneLine, multiLine bool
	}{
		{"", true, true},
		{"Föreningen Ålö – möte 🎉", true, true},
		{"tab\there", false, true},
		{"rad ett\nrad två\r\n", false, true},
		{"nul\x00", false, false},
		{"bell\a", false, false},
		{"esc\x1b[31m", false, false},
		{"del\x7f", false, false},
		{"c1\u0085", false, false},
		{"c1\u009b", false, false},
		{"line\u2028sep", false, false},
		{"para\u2029sep", false, false},
		{"\ufeffbom", false, false},
		{"bad \xff utf-8", false, false},
		{"cut \xc3", false, false},
		{"no-break\u00a0space", true, true},
		{"replacement \uFFFD is text", true, true},
	}
	for _, tt := range tests {
		if got := validation.CleanText(tt.s, false); got != tt.oneLine {
			t.Errorf("CleanText(%q, false) = %v, want %v", tt.s, got, tt.oneLine)
		}
		if got := validation.CleanText(tt.s, true); got != tt.multiLine {
			t.Errorf("CleanText(%q, true) = %v, want %v", tt.s, got, tt.multiLine)
		}
	}
}

func TestCheckStrings(t *testing.T) {
	t.Parallel()
	type address struct {
		Town string `json:"town"`
	}
	type input struct {
		Name        string            `json:"name"`
		Description string            `json:"description"`
		Note        *string           `json:"note"`
		Address     address           `json:"address"`
		Tags        []string          `json:"tags"`
		Extra       map[string]string `json:"extra"`
		Form        string            `form:"form_name"`
		Hidden      string            `json:"-"`
		Raw         []byte            `json:"raw"`
		unexported  string
	}
	note := "ok\nok"
	in := input{
		Name: "a\x00", Description: "b\r\nc", Note: &note, Address: address{Town: "B\u2028"},
		Tags: []string{"ok", "\ufeff"}, Extra: map[string]string{"k": "\x7f"},
		Form: "\t", Hidden: "\x00", Raw: []byte{0}, unexported: "\x00",
	}
	got := validation.CheckStrings(&in)
	want := fault.FieldErrors{
		{Field: "name", Code: "control_char"},
		{Field: "address.town", Code: "control_char"},
		{Field: "tags[1]", Code: "control_char"},
		{Field: "extra[k]", Code: "control_char"},
		{Field: "form_name", Code: "control_char"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CheckStrings (-want +got):\n%s", diff)
	}
	if errs := validation.CheckStrings(input{Name: "ok", Description: "ok\n"}); errs != nil {
		t.Errorf("clean input: %v", errs)
	}
}
