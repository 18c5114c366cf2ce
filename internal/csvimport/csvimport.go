// Package csvimport reads organisations and signatures from CSV files into the register, all
// or nothing: every row is read and checked first, and with any bad row nothing is stored and
// every bad row is reported with its line number and the reason. A good file is stored in one
// transaction, each change audited as the services audit it.
//
// A file is UTF-8 (a byte order mark is allowed; a Latin-1 or Windows-1252 file, which Excel
// writes as plain "CSV", is refused line by line). Its separator is a comma, or a semicolon
// when the header line has semicolons and no commas, as Swedish Excel writes. The header must
// name the documented columns exactly (OrganisationColumns, SignatoryColumns).
package csvimport

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// MaxFileBytes is the largest file read; a register of a city's associations is far smaller.
const MaxFileBytes = 10 << 20

// Codes of the problems only this package reports; their texts are "validation.<code>" in
// the i18n catalogue.
const (
	CodeEncoding        = "csv_encoding"          // a line that is not UTF-8
	CodeHeader          = "csv_header"            // the header is not the documented one; Param lists it
	CodeFieldCount      = "csv_fields"            // a row with another number of fields; Param is the expected one
	CodeSyntax          = "csv_syntax"            // a row that is not CSV (a stray quote)
	CodeEmpty           = "csv_empty"             // no rows after the header
	CodeTooLarge        = "csv_too_large"         // the file is larger than MaxFileBytes
	CodeDuplicateInFile = "csv_duplicate_in_file" // a key seen on an earlier line; Param is that line
	CodeAlreadySigned   = "csv_already_signed"    // the organisation has a current signature of the version; Param is its label
)

// Problem is one reason a file is refused: the line it is on (1 is the header, 0 the file as
// a whole), the column
// ("" for the whole line) and a validation code with its parameter.
type Problem struct {
	Line   int
	Column string
	fault.FieldError
}

// Message renders the problem as one line in lang, such as
// "line 4, org_number: The organisation number has a wrong check digit …".
func (p Problem) Message(lang i18n.Lang) string {
	where := i18n.T(lang, "csvimport.file")
	if p.Line > 0 {
		where = i18n.T(lang, "csvimport.line", p.Line)
	}
	if p.Column != "" {
		where += ", " + p.Column
	}
	return where + ": " + validation.Message(lang, p.FieldError)
}

// Problems is every problem found in a file; as an error it means nothing was imported.
type Problems []Problem

func (ps Problems) Error() string {
	if len(ps) == 0 {
		return "no problems"
	}
	return fmt.Sprintf("%d problems in the file, nothing imported (first: %s)", len(ps), ps[0].Message(i18n.EN))
}

// Importer imports CSV files into the database.
type Importer struct {
	db       *bun.DB
	validate *validator.Validate
	now      func() time.Time
	loc      *time.Location
}

// New returns an Importer over db. Dates in files are calendar dates in loc, the service's
// zone ("not in the future" means not after today there).
func New(db *bun.DB, v *validator.Validate, now func() time.Time, loc *time.Location) *Importer {
	return &Importer{db: db, validate: v, now: now, loc: loc}
}

// today is now's calendar date in the service's zone, as midnight UTC like a date column.
func (im *Importer) today(now time.Time) time.Time {
	y, m, d := now.In(im.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// rowProblems turns the field errors of one row into problems on its line, each naming its
// column.
func rowProblems(line int, fes fault.FieldErrors) Problems {
	out := make(Problems, 0, len(fes))
	for _, fe := range fes {
		out = append(out, Problem{Line: line, Column: fe.Field, FieldError: fe})
	}
	return out
}

// field is the trimmed value of a column, "" for an optional column the file does not have.
func field(r record, name string) string { return strings.TrimSpace(r.fields[name]) }
