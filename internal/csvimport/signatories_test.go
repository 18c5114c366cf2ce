package csvimport_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/csvimport"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

func TestImportSignatories(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	norrby := f.org(t, "Norrby Idrottsförening", "802400-0021")
	before := f.counts(t)

	t.Run("OK", func(t *testing.T) {
		res, err := f.im.ImportSignatories(ctx, access.System, open(t, "signatories.csv"), csvimport.SignatoryOptions{AgreementID: f.compact.ID})
		if err != nil {
			t.Fatal(err)
		}
		if res.Signed != 3 || res.Created != 2 || res.Version.ID != f.version2.ID {
			t.Errorf("result %+v, want 3 signed, 2 organisations created, version 2", res)
		}
		page, err := f.agree.FindSignatories(ctx, access.System, f.compact.ID, agreement.SignatoryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range page.Items {
			got = append(got, strings.Join([]string{s.OrganisationName, *s.OrgNumber, s.SignedOn.Format(time.DateOnly), s.SignerName, s.SignerRole, s.VersionLabel}, "|"))
		}
		want := []string{
			"Föreningen Sjöbo Kammarkör|802400-0013|2024-02-01|Åsa Öberg|ordförande|2",
			// Today in Stockholm, though not yet in UTC.
			"Hässleholmens Fritidsgård|802400-0039|2026-03-29|Lena Ström||2",
			// Found by its number; its name in the register stays.
			"Norrby Idrottsförening|802400-0021|2025-06-15|Per Ek|kassör|2",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("signatories:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if page.Items[2].OrganisationID != norrby.ID {
			t.Error("802400-0021 was not matched to the organisation that has the number")
		}
		after := f.counts(t)
		if after.Organisations != before.Organisations+2 || after.Signatories != before.Signatories+3 || after.Audit != before.Audit+5 {
			t.Errorf("before %+v, after %+v: want 2 organisations, 3 signatures and 5 audit entries more", before, after)
		}
		var audited []string
		err = f.db.NewRaw(`SELECT action FROM audit_log WHERE actor_user_id IS NULL AND ip = 'local' AND action IN ('organisation.create', 'signatory.sign') AND id > (SELECT max(id) - 5 FROM audit_log) ORDER BY id`).
			Scan(ctx, &audited)
		if err != nil || strings.Join(audited, ",") != "organisation.create,signatory.sign,signatory.sign,organisation.create,signatory.sign" {
			t.Errorf("audit log: %v %v", audited, err)
		}
	})
	t.Run("ErrSameFileAgain", func(t *testing.T) {
		before := f.counts(t)
		_, err := f.im.ImportSignatories(ctx, access.System, open(t, "signatories.csv"), csvimport.SignatoryOptions{AgreementID: f.compact.ID})
		assertProblems(t, err, []problem{
			{2, "org_number", csvimport.CodeAlreadySigned, "2"},
			{3, "org_number", csvimport.CodeAlreadySigned, "2"},
			{4, "org_number", csvimport.CodeAlreadySigned, "2"},
		})
		f.assertUnchanged(t, before)
	})
	t.Run("OtherVersion", func(t *testing.T) {
		// The same organisations may sign version 1 too: versions coexist.
		res, err := f.im.ImportSignatories(ctx, access.System, open(t, "signatories.csv"), csvimport.SignatoryOptions{AgreementID: f.compact.ID, Version: "1"})
		if err != nil || res.Signed != 3 || res.Created != 0 || res.Version.Label != "1" {
			t.Errorf("version 1: %+v %v", res, err)
		}
	})
	t.Run("ErrNoSuchVersion", func(t *testing.T) {
		_, err := f.im.ImportSignatories(ctx, access.System, open(t, "signatories.csv"), csvimport.SignatoryOptions{AgreementID: f.compact.ID, Version: "9"})
		if fe := problemsOrFields(err); fe != "version:no_such_version" {
			t.Errorf("version 9: %v", err)
		}
	})
	t.Run("ErrNotCityAdmin", func(t *testing.T) {
		_, err := f.im.ImportSignatories(ctx, access.Actor{UserID: 1}, open(t, "signatories.csv"), csvimport.SignatoryOptions{AgreementID: f.compact.ID})
		if err == nil {
			t.Error("a person who is not a city administrator imported signatures")
		}
	})
}

// TestImportSignatoriesExcel imports what Swedish Excel saves as "CSV UTF-8": a byte order
// mark, semicolons, CRLF line ends, and a value with a semicolon in quotes.
func TestImportSignatoriesExcel(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	res, err := f.im.ImportSignatories(ctx, access.System, open(t, "signatories-excel.csv"), csvimport.SignatoryOptions{AgreementID: f.compact.ID})
	if err != nil {
		t.Fatal(err)
	}
	if res.Signed != 2 || res.Created != 2 {
		t.Errorf("result %+v", res)
	}
	page, err := f.agree.FindSignatories(ctx, access.System, f.compact.ID, agreement.SignatoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 2 || page.Items[0].OrganisationName != "Föreningen Sjöbo Kammarkör" || page.Items[1].OrganisationName != "Kulturföreningen; Brämhult" ||
		page.Items[1].SignerName != "Ali Khan" || page.Items[1].SignerRole != "" {
		t.Errorf("signatories: %+v", page.Items)
	}
}

// TestImportSignatoriesBadRows imports a file with one bad row of each kind (and one good
// row): every bad row is reported on its line, and nothing at all is stored.
func TestImportSignatoriesBadRows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	signed := f.org(t, "Redan undertecknad", "802400-0112")
	if _, err := f.agree.Sign(ctx, access.System, f.compact.ID, agreement.SignInput{OrganisationID: signed.ID, VersionID: f.version2.ID, SignedOn: "2024-05-05"}); err != nil {
		t.Fatal(err)
	}
	archived := f.org(t, "Arkiverad", "802400-0120")
	if _, err := f.orgs.ArchiveOrganisation(ctx, access.System, archived.ID); err != nil {
		t.Fatal(err)
	}
	before := f.counts(t)
	_, err := f.im.ImportSignatories(ctx, access.System, open(t, "signatories-bad.csv"), csvimport.SignatoryOptions{AgreementID: f.compact.ID})
	assertProblems(t, err, []problem{
		{3, "org_number", "orgnr", ""},
		{4, "signed_on", agreement.CodeNotInFuture, ""},
		{5, "signed_on", agreement.CodeSignedBeforeVersion, "2024-01-01"},
		{6, "signed_on", "date", ""},
		{7, "org_number", csvimport.CodeDuplicateInFile, "2"},
		{8, "signer_name", "max_len", "200"},
		{9, "name", "required", ""},
		{10, "org_number", csvimport.CodeAlreadySigned, "2"},
		{11, "org_number", "archived", ""},
		{12, "", csvimport.CodeFieldCount, "5"},
		{13, "", csvimport.CodeSyntax, ""},
	})
	f.assertUnchanged(t, before)

	var ps csvimport.Problems
	if !errorsAs(err, &ps) {
		t.Fatal("not Problems")
	}
	for lang, want := range map[i18n.Lang]string{
		i18n.EN: "line 7, org_number: Organisation number is already on line 2 of the file.",
		i18n.SV: "rad 7, org_number: Organisationsnummer finns redan på rad 2 i filen.",
	} {
		if got := ps[4].Message(lang); got != want {
			t.Errorf("message in %s: %q, want %q", lang, got, want)
		}
	}
	if got := ps[2].Message(i18n.EN); !strings.Contains(got, "2024-01-01") {
		t.Errorf("before the version: %q does not say when it was adopted", got)
	}
}

// TestImportSignatoriesRefusedFiles: files refused as a whole, storing nothing.
func TestImportSignatoriesRefusedFiles(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	before := f.counts(t)
	for _, tc := range []struct {
		name, file string
		want       []problem
	}{
		// Excel's plain "CSV": ö, å, Ä as single Latin-1 bytes on lines 2 and 4.
		{"Latin1", "signatories-latin1.csv", []problem{{2, "", csvimport.CodeEncoding, ""}, {4, "", csvimport.CodeEncoding, ""}}},
		{"WrongHeader", "signatories-wrong-header.csv", []problem{{1, "", csvimport.CodeHeader, "name,org_number,signed_on,signer_name[,signer_role]"}}},
		{"HeaderOnly", "signatories-header-only.csv", []problem{{2, "", csvimport.CodeEmpty, ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.im.ImportSignatories(ctx, access.System, open(t, tc.file), csvimport.SignatoryOptions{AgreementID: f.compact.ID})
			assertProblems(t, err, tc.want)
			f.assertUnchanged(t, before)
		})
	}
	t.Run("Latin1Message", func(t *testing.T) {
		_, err := f.im.ImportSignatories(ctx, access.System, open(t, "signatories-latin1.csv"), csvimport.SignatoryOptions{AgreementID: f.compact.ID})
		var ps csvimport.Problems
		if !errorsAs(err, &ps) || !strings.Contains(ps[0].Message(i18n.EN), "line 2: The line is not UTF-8") || !strings.Contains(ps[0].Message(i18n.EN), "Latin-1") {
			t.Errorf("message: %v", err)
		}
	})
}
