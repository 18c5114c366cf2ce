package csvimport

import "testing"

func TestColumnsMatch(t *testing.T) {
	cols := columns{required: []string{"name", "org_number"}, optional: []string{"email", "phone"}}
	for _, tc := range []struct {
		header []string
		ok     bool
	}{
		{[]string{"name", "org_number"}, true},
		{[]string{" name ", "org_number", "phone", "email"}, true}, // optional ones in any order, spaces ignored
		{[]string{"org_number", "name"}, false},                    // required ones in order
		{[]string{"name"}, false},
		{[]string{"Name", "org_number"}, false},
		{[]string{"name", "org_number", "email", "email"}, false},
		{[]string{"name", "org_number", "fax"}, false},
	} {
		if got := cols.matches(tc.header); got != tc.ok {
			t.Errorf("%q: %v, want %v", tc.header, got, tc.ok)
		}
	}
}

func TestSeparator(t *testing.T) {
	for in, want := range map[string]rune{
		"name,org_number\n\"a;b\",1\n": ',',
		"name;org_number\r\n\"a,b\";1": ';', // commas in the data do not count
		"name;org_number,kind\n":       ',', // a wrong header, refused as such
		"":                             ',',
	} {
		if got := separator([]byte(in)); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
