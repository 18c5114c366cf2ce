package csvimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// columns is the documented header of a kind of file: the required columns, in this order,
// then any of the optional ones, each at most once, in any order.
type columns struct {
	required, optional []string
}

// String is the header as documented, optional columns in brackets.
func (c columns) String() string {
	s := strings.Join(c.required, ",")
	for _, o := range c.optional {
		s += "[," + o + "]"
	}
	return s
}

// record is one row of data: the line it starts on and its values by column.
type record struct {
	line   int
	fields map[string]string
}

// readTable reads a whole file and checks its shape: size, encoding, header, and the number
// of fields of each row. Problems of the file as a whole (size, encoding, header) stop the
// reading; problems of single rows are all collected, and those rows left out.
func readTable(r io.Reader, cols columns) ([]record, Problems) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, Problems{{Line: 0, FieldError: fault.FieldError{Code: "malformed"}}}
	}
	if len(data) > MaxFileBytes {
		return nil, Problems{{Line: 0, FieldError: fault.FieldError{Code: CodeTooLarge, Param: strconv.Itoa(MaxFileBytes)}}}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if ps := checkEncoding(data); ps != nil {
		return nil, ps
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = separator(data)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil || !cols.matches(header) {
		return nil, Problems{{Line: 1, FieldError: fault.FieldError{Code: CodeHeader, Param: cols.String()}}}
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	var rows []record
	var ps Problems
	for {
		values, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			ps = append(ps, Problem{Line: pe.StartLine, FieldError: fault.FieldError{Code: CodeSyntax}})
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(values) != len(header) {
			ps = append(ps, Problem{Line: line, FieldError: fault.FieldError{Code: CodeFieldCount, Param: strconv.Itoa(len(header))}})
			continue
		}
		rec := record{line: line, fields: make(map[string]string, len(header))}
		for i, name := range header {
			rec.fields[name] = values[i]
		}
		rows = append(rows, rec)
	}
	if len(rows) == 0 && len(ps) == 0 {
		ps = append(ps, Problem{Line: 2, FieldError: fault.FieldError{Code: CodeEmpty}})
	}
	return rows, ps
}

// checkEncoding reports every line that is not valid UTF-8. Such a file is almost always
// Latin-1 or Windows-1252; guessing which and converting could turn names into other names,
// so the file is refused instead.
func checkEncoding(data []byte) Problems {
	var ps Problems
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !utf8.Valid(line) {
			ps = append(ps, Problem{Line: i + 1, FieldError: fault.FieldError{Code: CodeEncoding}})
		}
	}
	return ps
}

// separator is ';' when the header line has a semicolon and no comma, else ','. The header's
// column names contain neither, so its separators are the only ones on the line: this is
// reliable, unlike guessing from the data.
func separator(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.ContainsRune(first, ';') && !bytes.ContainsRune(first, ',') {
		return ';'
	}
	return ','
}

// matches reports whether header is the required columns in order, followed by optional
// ones, each once. Spaces around names are ignored; case is not.
func (c columns) matches(header []string) bool {
	if len(header) < len(c.required) {
		return false
	}
	for i, name := range c.required {
		if strings.TrimSpace(header[i]) != name {
			return false
		}
	}
	seen := map[string]bool{}
	for _, h := range header[len(c.required):] {
		h = strings.TrimSpace(h)
		if !slices.Contains(c.optional, h) || seen[h] {
			return false
		}
		seen[h] = true
	}
	return true
}
