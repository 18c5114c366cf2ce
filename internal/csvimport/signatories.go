package csvimport

import (
	"context"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// SignatoryColumns is the header of a signatories file: the organisation's name and number,
// the day it signed (YYYY-MM-DD) and who signed, then optionally the signer's role.
var SignatoryColumns = columns{
	required: []string{"name", "org_number", "signed_on", "signer_name"},
	optional: []string{"signer_role"},
}

// signatoryInput is a row of a signatories file as the validator checks it; the json names
// are the columns, so field errors name them.
type signatoryInput struct {
	Name       string `json:"name" validate:"required,notblank,max=200"`
	OrgNumber  string `json:"org_number" validate:"required,orgnr"`
	SignedOn   string `json:"signed_on" validate:"required"`
	SignerName string `json:"signer_name" validate:"required,notblank,max=200"`
	SignerRole string `json:"signer_role" validate:"max=200"`
}

// sigRow is a row of a signatories file with what could be read of it.
type sigRow struct {
	line   int
	in     signatoryInput
	number string     // canonical; "" when bad
	signed *time.Time // nil when bad
}

// SignatoryOptions says which agreement and version a signatories file signs.
type SignatoryOptions struct {
	AgreementID int64
	// Version is the label of the version signed; empty means the one in force today.
	Version string
}

// SignatoryResult says what a signatories import stored.
type SignatoryResult struct {
	Signed  int               // signatures recorded
	Created int               // organisations created for them
	Version agreement.Version // the version signed
}

// ImportSignatories reads a signatories file (SignatoryColumns) and records, in one
// transaction or not at all, a signature of the chosen version for every row. Organisations
// are found by organisation number; one the register does not have is created as an
// association with the row's name (the name of one it has is left as it is). A row is
// refused when a field is invalid, the date is in the future or before the version was
// adopted, the number repeats an earlier row's, the organisation is archived, or it already
// has a current signature of the version (so importing the same file twice is refused the
// second time, row by row). It returns what it stored, Problems listing every bad row, or
// agreement.ErrNotFound, agreement.ErrEnded, or a field error on "version". Only city
// administrators import.
func (im *Importer) ImportSignatories(ctx context.Context, actor access.Actor, r io.Reader, opt SignatoryOptions) (SignatoryResult, error) {
	if err := access.Check(actor, access.ManageAgreements, 0); err != nil {
		return SignatoryResult{}, err
	}
	records, ps := readTable(r, SignatoryColumns)
	if records == nil {
		return SignatoryResult{}, ps
	}
	now := im.now()
	rows, rowPs := im.checkSignatories(records, im.today(now))
	ps = append(ps, rowPs...)
	var res SignatoryResult
	err := database.InTx(ctx, im.db, nil, func(ctx context.Context, tx bun.Tx) error {
		res = SignatoryResult{}
		v, err := agreement.LockSigningVersion(ctx, tx, opt.AgreementID, opt.Version, im.today(now))
		if err != nil {
			return err
		}
		res.Version = *v
		known, dbPs, err := checkAgainstRegister(ctx, tx, rows, v)
		if err != nil {
			return err
		}
		if all := append(slices.Clone(ps), dbPs...); len(all) > 0 {
			return sorted(all)
		}
		for _, row := range rows {
			created, err := im.sign(ctx, tx, actor, now, row, known, v)
			if err != nil {
				return rowError(row.line, err)
			}
			res.Signed++
			if created {
				res.Created++
			}
		}
		return nil
	})
	if err != nil {
		return SignatoryResult{}, err
	}
	return res, nil
}

// checkSignatories validates each record on its own and against the rows before it. It
// returns every row, bad ones too, so that the register can be asked about each.
func (im *Importer) checkSignatories(records []record, today time.Time) ([]sigRow, Problems) {
	var ps Problems
	rows := make([]sigRow, 0, len(records))
	firstLine := map[string]int{}
	for _, rec := range records {
		row := sigRow{line: rec.line, in: signatoryInput{Name: field(rec, "name"), OrgNumber: field(rec, "org_number"),
			SignedOn: field(rec, "signed_on"), SignerName: field(rec, "signer_name"), SignerRole: field(rec, "signer_role")}}
		var fes fault.FieldErrors
		if err := im.validate.Struct(row.in); err != nil {
			fes = validation.FieldErrors(err)
		}
		// The same text check as the API's and the pages': no NUL (PostgreSQL refuses it)
		// and no other control character in a cell; line breaks only in a description.
		fes = append(fes, validation.CheckStrings(row.in)...)
		if fe := checkDate(row.in.SignedOn, today); fe != nil {
			fes = append(fes, *fe)
		} else if row.in.SignedOn != "" {
			d, _ := time.Parse(time.DateOnly, row.in.SignedOn)
			row.signed = &d
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

// checkDate checks a date written YYYY-MM-DD that is not after today; an empty one is left
// to the validator's required.
func checkDate(s string, today time.Time) *fault.FieldError {
	if s == "" {
		return nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return &fault.FieldError{Field: "signed_on", Code: "date"}
	}
	if d.After(today) {
		return &fault.FieldError{Field: "signed_on", Code: agreement.CodeNotInFuture}
	}
	return nil
}

// checkAgainstRegister finds the rows' organisations and refuses dates before the version,
// archived organisations, and organisations that already have a current signature of it.
func checkAgainstRegister(ctx context.Context, tx bun.Tx, rows []sigRow, v *agreement.Version) (map[string]organisation.Organisation, Problems, error) {
	nums := make([]string, 0, len(rows))
	for _, r := range rows {
		if r.number != "" {
			nums = append(nums, r.number)
		}
	}
	known, err := organisation.FindByOrgNumbers(ctx, tx, nums)
	if err != nil {
		return nil, nil, err
	}
	signers, err := agreement.CurrentSigners(ctx, tx, v.ID)
	if err != nil {
		return nil, nil, err
	}
	var ps Problems
	for _, r := range rows {
		if r.signed != nil && r.signed.Before(v.AdoptedOn) {
			ps = append(ps, problem(r.line, "signed_on", agreement.CodeSignedBeforeVersion, v.AdoptedOn.Format(time.DateOnly)))
		}
		o, ok := known[r.number]
		switch {
		case !ok:
		case o.Archived():
			ps = append(ps, problem(r.line, "org_number", "archived", ""))
		case signers[o.ID]:
			ps = append(ps, problem(r.line, "org_number", CodeAlreadySigned, v.Label))
		}
	}
	return known, ps, nil
}

// sign records the row's signature, creating its organisation first when the register does
// not have it; it reports whether it did.
func (im *Importer) sign(ctx context.Context, tx bun.Tx, actor access.Actor, now time.Time, row sigRow, known map[string]organisation.Organisation, v *agreement.Version) (bool, error) {
	o, found := known[row.number]
	if !found {
		created, err := organisation.Insert(ctx, tx, actor, now, organisation.Input{Kind: string(organisation.KindAssociation), Name: row.in.Name, OrgNumber: row.number})
		if err != nil {
			return false, err
		}
		o = *created
	}
	sig := &agreement.Signatory{AgreementID: v.AgreementID, VersionID: v.ID, OrganisationID: o.ID, SignedOn: *row.signed,
		SignerName: row.in.SignerName, SignerRole: row.in.SignerRole, CreatedAt: now, UpdatedAt: now}
	err := agreement.InsertSignatory(ctx, tx, actor, now, sig)
	if fes := fault.Fields(err); fes != nil {
		// A signature recorded by someone else since the check above.
		return false, fault.FieldErrors{{Field: "org_number", Code: CodeAlreadySigned, Param: v.Label}}
	}
	return !found, err
}

func problem(line int, column, code, param string) Problem {
	return Problem{Line: line, Column: column, FieldError: fault.FieldError{Field: column, Code: code, Param: param}}
}
