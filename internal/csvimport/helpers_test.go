package csvimport_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/csvimport"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// fixedNow is 00:30 on 29 March 2026 in Stockholm (23:30 UTC the day before): a signature
// of the 29th is of today, not of tomorrow.
var fixedNow = time.Date(2026, 3, 28, 23, 30, 0, 0, time.UTC)

type fixture struct {
	db       *bun.DB
	im       *csvimport.Importer
	orgs     *organisation.Service
	agree    *agreement.Service
	compact  *agreement.Agreement
	version2 agreement.Version // adopted 2024-01-01, the one in force on fixedNow
}

// newFixture is a fresh database whose Compact has a second version, adopted 2024-01-01.
func newFixture(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	db := dbtest.New(t)
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	v := validation.New()
	clock := func() time.Time { return fixedNow }
	f := fixture{db: db, im: csvimport.New(db, v, clock, loc), orgs: organisation.NewService(db, v, clock),
		agree: agreement.NewService(db, v, clock, loc)}
	if f.compact, err = f.agree.FindCompact(ctx, access.System); err != nil {
		t.Fatal(err)
	}
	a, err := f.agree.AddVersion(ctx, access.System, f.compact.ID, agreement.VersionInput{Label: "2", AdoptedOn: "2024-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	f.version2 = a.Versions[len(a.Versions)-1]
	return f
}

func (f fixture) org(t *testing.T, name, number string) *organisation.Organisation {
	t.Helper()
	o, err := f.orgs.CreateOrganisation(context.Background(), access.System, organisation.Input{Kind: "association", Name: name, OrgNumber: number})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func open(t *testing.T, name string) *os.File {
	t.Helper()
	file, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { file.Close() })
	return file
}

// counts are the rows of the tables an import writes to.
type counts struct{ Organisations, Signatories, Audit int }

func (f fixture) counts(t *testing.T) counts {
	t.Helper()
	var c counts
	err := f.db.NewRaw(`SELECT (SELECT count(*) FROM organisations), (SELECT count(*) FROM signatories), (SELECT count(*) FROM audit_log)`).
		Scan(context.Background(), &c.Organisations, &c.Signatories, &c.Audit)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// problem is what a test expects of a csvimport.Problem.
type problem struct {
	Line         int
	Column, Code string
	Param        string
}

// problemsOf returns the problems of err, failing the test when err is not Problems.
func problemsOf(t *testing.T, err error) []problem {
	t.Helper()
	var ps csvimport.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("want csvimport.Problems, got %v", err)
	}
	out := make([]problem, len(ps))
	for i, p := range ps {
		out[i] = problem{p.Line, p.Column, p.Code, p.Param}
	}
	return out
}

func assertProblems(t *testing.T, err error, want []problem) {
	t.Helper()
	if diff := cmp.Diff(want, problemsOf(t, err)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// assertUnchanged fails the test when an import that was refused stored anything.
func (f fixture) assertUnchanged(t *testing.T, before counts) {
	t.Helper()
	if after := f.counts(t); after != before {
		t.Errorf("a refused import changed the database: before %+v, after %+v", before, after)
	}
}
