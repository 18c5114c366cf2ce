// Package exporttest reads export files back with real spreadsheet readers, for tests:
// .xlsx through openpyxl and CSV through Python's csv module. It needs Debian's
// python3-openpyxl and fails (never skips) a test without it:
//
//	apt-get install python3-openpyxl
//
// Debian's modules are importable by /usr/bin/python3, which is tried before a python3 on
// PATH (often a pyenv or venv one that cannot see them).
package exporttest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// Cell is a cell as openpyxl read it: its value (string, float64 for any number, a date as
// YYYY-MM-DD, nil when empty) and openpyxl's data type ("s" text, "n" number, "d" date,
// "f" formula, "b" boolean).
type Cell struct {
	V any    `json:"v"`
	T string `json:"t"`
}

// Sheet is one sheet of a workbook as openpyxl read it.
type Sheet struct {
	Title  string   `json:"title"`
	Rows   [][]Cell `json:"rows"`
	Frozen *string  `json:"frozen"` // the top-left cell below and right of frozen panes
}

// CSVFile is a CSV file as Python's csv module read it.
type CSVFile struct {
	BOM       bool       `json:"bom"`       // begins with UTF-8's byte-order mark
	CRLF      bool       `json:"crlf"`      // every row ends with CR LF
	Delimiter string     `json:"delimiter"` // the separator the csv sniffer found in the first row of several cells
	Rows      [][]string `json:"rows"`
}

// ReadXLSX reads a workbook with openpyxl.
func ReadXLSX(t testing.TB, data []byte) []Sheet {
	t.Helper()
	var out struct{ Sheets []Sheet }
	run(t, "xlsx", data, &out)
	return out.Sheets
}

// ReadCSV reads a CSV file with Python's csv module, semicolon-separated.
func ReadCSV(t testing.TB, data []byte) CSVFile {
	t.Helper()
	var out CSVFile
	run(t, "csv", data, &out)
	return out
}

// Values is a sheet's cells as their values only, row by row.
func (s Sheet) Values() [][]any {
	out := make([][]any, len(s.Rows))
	for i, r := range s.Rows {
		out[i] = make([]any, len(r))
		for j, c := range r {
			out[i][j] = c.V
		}
	}
	return out
}

func run(t testing.TB, kind string, data []byte, v any) {
	t.Helper()
	py := python(t)
	file := filepath.Join(t.TempDir(), "export."+kind)
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, filepath.Join(dir(), "read.py"), kind, file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("exporttest: read %s: %v\n%s", kind, err, stderr.String())
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("exporttest: %v\n%s", err, out)
	}
}

func python(t testing.TB) string {
	t.Helper()
	for _, c := range []string{"/usr/bin/python3", "python3"} {
		exe, err := exec.LookPath(c)
		if err == nil && exec.Command(exe, "-c", "import openpyxl").Run() == nil {
			return exe
		}
	}
	t.Fatalf("exporttest: no python3 can import openpyxl; install it with `apt-get install python3-openpyxl`")
	return ""
}

func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}
