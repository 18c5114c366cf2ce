package csvimport

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// OrganisationColumns is the header of an organisations file: name, org_number and kind
// (city, association or other), then any of email, phone, website and description. Every
// row needs an organisation number: it is what tells the same organisation apart, in the
// file and in the register.
var OrganisationColumns = columns{
	required: []string{"name", "org_number", "kind"},
	optional: []string{"email", "phone", "website", "description"},
}

// orgRow is a row of an organisations file, checked, with the line it is on.
type orgRow struct {
	line   int
	in     organisation.Input
	number string // canonical NNNNNN-NNNN; "" when the row's number is bad
}

// ImportOrganisations reads an organisations file (OrganisationColumns) and creates an
// organisation for every row, in one transaction, or none. A row is refused when it does
// not validate as the API's input would, lacks an organisation number, repeats a number of
// an earlier row, or has a number the register already has (so importing the same file
// twice is refused the second time, row by row). It returns how many were created, or
// Problems listing every bad row. Only city administrators import.
func (im *Importer) ImportOrganisations(ctx context.Context, actor access.Actor, r io.Reader) (int, error) {
	if err := access.Check(actor, access.CreateOrganisation, 0); err != nil {
		return 0, err
	}
	records, ps := readTable(r, OrganisationColumns)
	if records == nil {
		return 0, ps
	}
	rows, rowPs := im.checkOrganisations(records)
	ps = append(ps, rowPs...)
	now := im.now()
	err := database.InTx(ctx, im.db, nil, func(ctx context.Context, tx bun.Tx) error {
		ps := slices.Clone(ps) // the closure may run again
		known, err := organisation.FindByOrgNumbers(ctx, tx, numbers(rows))
		if err != nil {
			return err
		}
		for _, row := range rows {
			if _, ok := known[row.number]; ok && row.number != "" {
				ps = append(ps, Problem{Line: row.line, Column: "org_number", FieldError: fault.FieldError{Field: "org_number", Code: "duplicate"}})
			}
		}
		if len(ps) > 0 {
			return sorted(ps)
		}
		for _, row := range rows {
			if _, err := organisation.Insert(ctx, tx, actor, now, row.in); err != nil {
				return rowError(row.line, err)
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// checkOrganisations validates each record on its own and against the rows before it. It
// returns every row, bad ones too, so that the register can be asked about each number.
func (im *Importer) checkOrganisations(records []record) ([]orgRow, Problems) {
	var ps Problems
	rows := make([]orgRow, 0, len(records))
	firstLine := map[string]int{}
	for _, rec := range records {
		row := orgRow{line: rec.line, in: organisation.Input{
			Name: field(rec, "name"), OrgNumber: field(rec, "org_number"), Kind: field(rec, "kind"),
			Email: field(rec, "email"), Phone: field(rec, "phone"), Website: field(rec, "website"), Description: field(rec, "description"),
		}}
		var fes fault.FieldErrors
		if err := im.validate.Struct(row.in); err != nil {
			fes = validation.FieldErrors(err)
		}
		// The same text check as the API's and the pages': no NUL (PostgreSQL refuses it)
		// and no other control character in a cell; line breaks only in a description.
		fes = append(fes, validation.CheckStrings(row.in)...)
		if row.in.OrgNumber == "" {
			fes = append(fes, fault.FieldError{Field: "org_number", Code: "required"})
		}
		if nr, ok := validation.NormaliseOrgNumber(row.in.OrgNumber); ok {
			row.number = nr
			if first, seen := firstLine[nr]; seen {
				fes = append(fes, fault.FieldError{Field: "org_number", Code: CodeDuplicateInFile, Param: strconv.Itoa(first)})
			} else {
				firstLine[nr] = rec.line
			}
		}
		ps = append(ps, rowProblems(rec.line, fes)...)
		rows = append(rows, row)
	}
	return rows, ps
}

func numbers(rows []orgRow) []string {
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		if r.number != "" {
			out = append(out, r.number)
		}
	}
	return out
}

// sorted orders problems by line, keeping the order within a line.
func sorted(ps Problems) Problems {
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Line - b.Line })
	return ps
}

// rowError places an error from storing a row on its line when it is about the row's
// fields (a race with another writer); other errors pass through.
func rowError(line int, err error) error {
	if fes := fault.Fields(err); fes != nil {
		return rowProblems(line, fes)
	}
	return fmt.Errorf("line %d: %w", line, err)
}
