package csvimport_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/csvimport"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }

// problemsOrFields writes the field errors of err as "field:code", for errors that are not
// about a line of the file.
func problemsOrFields(err error) string {
	var out []string
	for _, fe := range fault.Fields(err) {
		out = append(out, fe.Field+":"+fe.Code)
	}
	return strings.Join(out, ",")
}

func TestImportOrganisations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	before := f.counts(t)

	t.Run("OK", func(t *testing.T) {
		n, err := f.im.ImportOrganisations(ctx, access.System, open(t, "organisations.csv"))
		if err != nil || n != 2 {
			t.Fatalf("imported %d: %v", n, err)
		}
		page, err := f.orgs.FindOrganisations(ctx, organisation.Filter{Q: "802400"})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != 2 {
			t.Fatalf("organisations: %+v", page.Items)
		}
		mission, choir := page.Items[0], page.Items[1]
		if mission.Name != "Borås Stadsmission" || mission.Kind != organisation.KindOther || *mission.OrgNumber != "802400-0021" || mission.Email != "" {
			t.Errorf("Borås Stadsmission: %+v", mission)
		}
		if choir.Name != "Sjöbo Kammarkör" || choir.Kind != organisation.KindAssociation || choir.Email != "info@sjobo.example" || choir.Website != "https://sjobo.example" {
			t.Errorf("Sjöbo Kammarkör: %+v", choir)
		}
		after := f.counts(t)
		if after.Organisations != before.Organisations+2 || after.Audit != before.Audit+2 {
			t.Errorf("before %+v, after %+v", before, after)
		}
	})
	t.Run("ErrSameFileAgain", func(t *testing.T) {
		before := f.counts(t)
		_, err := f.im.ImportOrganisations(ctx, access.System, open(t, "organisations.csv"))
		assertProblems(t, err, []problem{{2, "org_number", "duplicate", ""}, {3, "org_number", "duplicate", ""}})
		f.assertUnchanged(t, before)
	})
	t.Run("ErrNotCityAdmin", func(t *testing.T) {
		if _, err := f.im.ImportOrganisations(ctx, access.Anonymous("127.0.0.1"), open(t, "organisations.csv")); err == nil {
			t.Error("anonymous imported organisations")
		}
	})
}

// TestImportOrganisationsBadRows: one bad row of each kind beside a good one; every bad one
// reported on its line, nothing stored.
func TestImportOrganisationsBadRows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	f.org(t, "Finns redan", "802400-0054")
	before := f.counts(t)
	_, err := f.im.ImportOrganisations(ctx, access.System, open(t, "organisations-bad.csv"))
	assertProblems(t, err, []problem{
		{3, "org_number", "required", ""},
		{4, "kind", "oneof", "city association other"},
		{5, "org_number", "orgnr", ""},
		{6, "org_number", csvimport.CodeDuplicateInFile, "2"},
		{7, "org_number", "duplicate", ""},
		{8, "name", "max_len", "200"},
	})
	f.assertUnchanged(t, before)

	t.Run("WrongHeader", func(t *testing.T) {
		_, err := f.im.ImportOrganisations(ctx, access.System, strings.NewReader("name,org_number,kind,fax\nA,802400-0013,association,1\n"))
		assertProblems(t, err, []problem{{1, "", csvimport.CodeHeader, "name,org_number,kind[,email][,phone][,website][,description]"}})
		f.assertUnchanged(t, before)
	})
}
