package csvimport

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// FuzzReadTable: whatever file a city administrator uploads, the table layer and the row
// checks of both kinds of file (everything an import does before it asks the database)
// answer without panicking; every problem is on a line of the file (0 for the file as a
// whole) and reads as a sentence of its own in Swedish and English; and a row with no
// problem holds only clean text (validation.CleanText), so nothing that PostgreSQL refuses
// or that the feeds must not carry gets as far as an insert.
func FuzzReadTable(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.csv")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"name,org_number,kind\nFöreningen,802400-0013,association\n",
		"name;org_number;kind;description\n\"Före;ningen\";802400-0013;association;\"rad ett\nrad två\"\n",
		"\ufeffname,org_number,signed_on,signer_name,signer_role\nA,802400-0013,2026-01-01,Sara,ordförande\n",
		"name,org_number,kind\nNUL\x00,802400-0013,association\n", "name,org_number,signed_on,signer_name\nA,802400-0013,2026-01-01,Sa\u2028ra\n", "name,org_number,kind\n\"unterminated,1,2\n",
		"name,org_number,kind\na,b\n", "name,org_number,kind,email,email\n", "name,org_number,kind\n", "",
		"name,org_number,kind\n\xff\xfe,1,2\n", "name,org_number,kind\r\nA,802400-0013,association\r\nA,8020000001,association\r\n",
	} {
		f.Add([]byte(s))
	}
	im := &Importer{validate: validation.New()}
	today := time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, cols := range []columns{OrganisationColumns, SignatoryColumns} {
			records, ps := readTable(bytes.NewReader(data), cols)
			checkProblems(t, data, lines, ps)
			if records == nil {
				continue
			}
			if cols.required[2] == "kind" {
				rows, ps := im.checkOrganisations(records)
				checkProblems(t, data, lines, ps)
				for _, r := range rows {
					if clean(ps, r.line) && validation.CheckStrings(r.in) != nil {
						t.Fatalf("%q: line %d passes with unclean text %+v", data, r.line, r.in)
					}
				}
			} else {
				rows, ps := im.checkSignatories(records, today)
				checkProblems(t, data, lines, ps)
				for _, r := range rows {
					if clean(ps, r.line) && validation.CheckStrings(r.in) != nil {
						t.Fatalf("%q: line %d passes with unclean text %+v", data, r.line, r.in)
					}
				}
			}
		}
	})
}

// clean reports whether no problem is on the line.
func clean(ps Problems, line int) bool {
	for _, p := range ps {
		if p.Line == line {
			return false
		}
	}
	return true
}

func checkProblems(t *testing.T, data []byte, lines int, ps Problems) {
	t.Helper()
	for _, p := range ps {
		if p.Line < 0 || p.Line > lines+1 {
			t.Fatalf("%q: problem %+v on line %d of a file of %d lines", data, p, p.Line, lines)
		}
		if !i18n.Has("validation." + p.Code) {
			t.Fatalf("%q: problem %+v has no message of its own", data, p)
		}
		for _, lang := range []i18n.Lang{i18n.SV, i18n.EN} {
			if m := p.Message(lang); m == "" || strings.Contains(m, "{") {
				t.Fatalf("%q: problem %+v reads %q", data, p, m)
			}
		}
	}
}
