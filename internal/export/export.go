// Package export writes tables as files that open well in a spreadsheet: CSV the way
// Swedish Excel reads it (UTF-8 with a byte-order mark, semicolons, CRLF, decimal commas)
// and Office Open XML workbooks (.xlsx) through github.com/xuri/excelize. Text typed by
// people is never run as a formula: in CSV a cell that begins with = + - @, a tab or a
// carriage return is prefixed with an apostrophe (OWASP's advice on CSV injection); in
// .xlsx text is always stored as a text cell, never as a formula.
package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Table is one table of an export: a sheet of a workbook, or a block of a CSV file.
// A row's cells are string, int, int64, float64, bool, time.Time (a date, written as
// YYYY-MM-DD) or nil (an empty cell, as is ""); any other value is written with fmt's %v
// as text. Date reads a YYYY-MM-DD string as a date cell.
type Table struct {
	Title  string // the sheet's name in a workbook; a title row in a CSV of several tables
	Header []string
	Rows   [][]any
}

// Format is a kind of export file.
type Format string

// The formats, named by their file extension.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// ContentType is the media type of the format.
func (f Format) ContentType() string {
	if f == XLSX {
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "text/csv; charset=utf-8"
}

// ParseFormat reads a file extension ("csv" or "xlsx", with or without the dot); ok is
// false for any other.
func ParseFormat(ext string) (f Format, ok bool) {
	switch Format(strings.TrimPrefix(ext, ".")) {
	case CSV:
		return CSV, true
	case XLSX:
		return XLSX, true
	}
	return "", false
}

// Send answers the tables as a download named base + "." + format, with status 200.
// Headers are sent before the body; an error after that means the client went away.
func Send(w http.ResponseWriter, base string, f Format, tables ...Table) error {
	w.Header().Set("Content-Type", f.ContentType())
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, base, f))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if f == XLSX {
		return WriteXLSX(w, tables...)
	}
	return WriteCSV(w, tables...)
}

// WriteCSV writes the tables as one CSV file for Swedish Excel: a byte-order mark,
// semicolons between cells, CRLF after each row, a decimal comma. With more than one
// table, each begins with a row holding its title and ends with an empty row.
func WriteCSV(w io.Writer, tables ...Table) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("\uFEFF")
	for i, t := range tables {
		if len(tables) > 1 {
			if i > 0 {
				bw.WriteString("\r\n")
			}
			writeCSVRow(bw, []any{t.Title})
		}
		header := make([]any, len(t.Header))
		for j, h := range t.Header {
			header[j] = h
		}
		writeCSVRow(bw, header)
		for _, r := range t.Rows {
			writeCSVRow(bw, r)
		}
	}
	return bw.Flush()
}

func writeCSVRow(w *bufio.Writer, row []any) {
	for i, v := range row {
		if i > 0 {
			w.WriteByte(';')
		}
		w.WriteString(quote(csvText(v)))
	}
	w.WriteString("\r\n")
}

// csvText is a cell's text: numbers with a decimal comma, text defused.
func csvText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return Defuse(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strings.Replace(formatFloat(v), ".", ",", 1)
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		return v.Format(time.DateOnly)
	}
	return Defuse(fmt.Sprint(v))
}

// formatFloat writes at most two decimals and no trailing zeros: hours, shares.
func formatFloat(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// quote encloses a cell in double quotes when it holds a separator, a quote or a line
// break (RFC 4180, with ; as the separator).
func quote(s string) string {
	if !strings.ContainsAny(s, ";\"\r\n") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// Date is the cell of a date given as YYYY-MM-DD (a date cell in a workbook), nil for "",
// and the text itself if it is not such a date.
func Date(s string) any {
	if s == "" {
		return nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return d
}

// Defuse prefixes text that a spreadsheet would run as a formula (it begins with = + - @,
// a tab or a carriage return) with an apostrophe, so that it is shown as the text it is.
func Defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteXLSX writes the tables as a workbook, one sheet each in order, the header row bold
// and frozen. Numbers are number cells and dates date cells; text is a text cell as typed.
func WriteXLSX(w io.Writer, tables ...Table) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("xlsx style: %w", err)
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14}) // the reader's short date format
	if err != nil {
		return fmt.Errorf("xlsx style: %w", err)
	}
	if len(tables) == 0 {
		tables = []Table{{}}
	}
	used := map[string]bool{}
	for i, t := range tables {
		name := sheetName(t.Title, i, used)
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("xlsx sheet %d: %w", i, err)
		}
		if err := writeSheet(f, name, t, bold, date); err != nil {
			return fmt.Errorf("xlsx sheet %d: %w", i, err)
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

func writeSheet(f *excelize.File, name string, t Table, bold, date int) error {
	if len(t.Header) > 0 {
		header := make([]any, len(t.Header))
		for j, h := range t.Header {
			header[j] = h
		}
		if err := f.SetSheetRow(name, "A1", &header); err != nil {
			return err
		}
		last, _ := excelize.CoordinatesToCellName(len(t.Header), 1)
		if err := f.SetCellStyle(name, "A1", last, bold); err != nil {
			return err
		}
		if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	widths := make([]int, len(t.Header))
	for j, h := range t.Header {
		widths[j] = len([]rune(h))
	}
	for i, r := range t.Rows {
		row := make([]any, len(r))
		for j, v := range r {
			row[j] = xlsxValue(v)
			if j >= len(widths) {
				widths = append(widths, 0)
			}
			widths[j] = max(widths[j], len([]rune(csvText(v))))
		}
		first, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(name, first, &row); err != nil {
			return err
		}
		for j, v := range r {
			if _, ok := v.(time.Time); ok {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
				if err := f.SetCellStyle(name, cell, cell, date); err != nil {
					return err
				}
			}
		}
	}
	for j, wd := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(name, col, col, float64(min(max(wd, 6), 60))+2); err != nil {
			return err
		}
	}
	return nil
}

// xlsxValue is the value excelize stores: text stays text (excelize writes a string as a
// text cell, never a formula), dates become dates without a time of day.
func xlsxValue(v any) any {
	switch v := v.(type) {
	case string:
		if v == "" {
			return nil // no cell, as in the CSV
		}
		return v
	case nil, int, int64, bool:
		return v
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		return v
	case time.Time:
		return time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
	}
	return fmt.Sprint(v)
}

// sheetName makes a title a valid, unique sheet name: at most 31 characters, none of
// : \ / ? * [ ], not empty.
func sheetName(title string, i int, used map[string]bool) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(title))
	name = strings.Trim(name, "'")
	if name == "" {
		name = "Sheet" + strconv.Itoa(i+1)
	}
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	base := []rune(name)
	for n := 2; used[strings.ToLower(name)]; n++ {
		suffix := " (" + strconv.Itoa(n) + ")"
		name = string(base[:min(len(base), 31-len(suffix))]) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}
