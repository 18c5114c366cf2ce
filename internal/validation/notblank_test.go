package validation_test

import "testing"

func TestNotBlank(t *testing.T) {
	checkTag(t, "notblank", []tagCase{
		{"Samlingssalen", true},
		{" x ", true},
		{"", false},
		{"   ", false},
		{"\t\n", false},
		{"\u00a0\u2003", false}, // no-break and em space
		{1, true},
		{0, false},
		{[]string{"a"}, true},
	})
}
