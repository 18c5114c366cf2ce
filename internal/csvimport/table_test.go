package csvimport

import (
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/validation"
)

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

// TestControlCharacterInCell: a NUL or U+2028 in a cell is a problem of its row, named by
// its column; on the main of issue 12 it passed the checks and reached the insert.
func TestControlCharacterInCell(t *testing.T) {
	im := &Importer{validate: validation.New()}
	records, ps := readTable(strings.NewReader("name,org_number,kind,description\nKör\x00,802400-0013,association,\"rad ett\nrad två\"\n"), OrganisationColumns)
	if len(ps) != 0 {
		t.Fatal(ps)
	}
	if _, ps := im.checkOrganisations(records); len(ps) != 1 || ps[0].Column != "name" || ps[0].Code != validation.CodeControl {
		t.Errorf("organisations: %v, want one control_char problem on name (a line break in a description is fine)", ps)
	}
	records, _ = readTable(strings.NewReader("name,org_number,signed_on,signer_name\nKör,802400-0013,2026-01-01,Sa\u2028ra\n"), SignatoryColumns)
	if _, ps := im.checkSignatories(records, time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC)); len(ps) != 1 || ps[0].Column != "signer_name" || ps[0].Code != validation.CodeControl {
		t.Errorf("signatories: %v, want one control_char problem on signer_name", ps)
	}
}
