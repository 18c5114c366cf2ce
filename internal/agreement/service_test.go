package agreement_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// fixedNow is 00:30 on 29 March 2026 in Stockholm (23:30 UTC the day before): "today" is
// the Stockholm date, not the UTC one.
var fixedNow = time.Date(2026, 3, 28, 23, 30, 0, 0, time.UTC)

type fixture struct {
	db   *bun.DB
	svc  *agreement.Service
	orgs *organisation.Service
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	db := dbtest.New(t)
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	v := validation.New()
	clock := func() time.Time { return fixedNow }
	return fixture{db: db, svc: agreement.NewService(db, v, clock, loc), orgs: organisation.NewService(db, v, clock)}
}

func (f fixture) org(t *testing.T, name string) *organisation.Organisation {
	t.Helper()
	o, err := f.orgs.CreateOrganisation(context.Background(), access.System, organisation.Input{Kind: "association", Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func (f fixture) mustCreate(t *testing.T, in agreement.Input) *agreement.Agreement {
	t.Helper()
	a, err := f.svc.CreateAgreement(context.Background(), access.System, in)
	if err != nil {
		t.Fatalf("create %q: %v", in.Title, err)
	}
	return a
}

func (f fixture) mustSign(t *testing.T, agreementID int64, in agreement.SignInput) *agreement.Signatory {
	t.Helper()
	s, err := f.svc.Sign(context.Background(), access.System, agreementID, in)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return s
}

func fieldCodes(err error) map[string]string {
	out := map[string]string{}
	for _, fe := range fault.Fields(err) {
		out[fe.Field] = fe.Code
	}
	return out
}

func (f fixture) auditCount(t *testing.T, action string) int {
	t.Helper()
	n, err := f.db.NewSelect().Table("audit_log").Where("action = ?", action).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

var iop = agreement.Input{Kind: "iop", Title: "IOP Läxhjälp", Status: "active", ValidFrom: "2025-01-01", ValidTo: "2027-12-31", Version: "2025"}

func TestCreateAgreement(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	member := access.Actor{UserID: 7, Roles: map[int64]access.Role{1: access.RoleAdmin}}

	t.Run("OK", func(t *testing.T) {
		a := f.mustCreate(t, iop)
		if a.ID == 0 || a.Revision != 1 || len(a.Versions) != 1 || a.Versions[0].Label != "2025" ||
			a.Versions[0].AdoptedOn.Format(time.DateOnly) != "2025-01-01" {
			t.Fatalf("got %+v", a)
		}
		got, err := f.svc.FindAgreementByID(ctx, access.Anonymous(""), a.ID)
		if err != nil || got.Title != iop.Title || len(got.Versions) != 1 {
			t.Fatalf("find: %+v, %v", got, err)
		}
		if f.auditCount(t, "agreement.create") != 1 {
			t.Error("the creation is not in the audit log")
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := f.svc.CreateAgreement(ctx, access.System, agreement.Input{Kind: "treaty", Status: "active", ValidFrom: "2026-02-30"})
		if got := fieldCodes(err); len(got) != 2 || got["kind"] != "oneof" || got["title"] != "required" {
			t.Fatalf("got %v, want the shape errors first", got)
		}
		_, err = f.svc.CreateAgreement(ctx, access.System, agreement.Input{Kind: "iop", Title: "x", Status: "active", ValidFrom: "2026-02-30", ValidTo: "29/3"})
		if got := fieldCodes(err); got["valid_from"] != "date" || got["valid_to"] != "date" {
			t.Fatalf("got %v", got)
		}
	})
	t.Run("ErrPeriod", func(t *testing.T) {
		in := iop
		in.ValidFrom, in.ValidTo = "2026-01-01", "2025-12-31"
		_, err := f.svc.CreateAgreement(ctx, access.System, in)
		if got := fieldCodes(err); got["valid_to"] != "last_before_first" {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrSecondCompact", func(t *testing.T) {
		_, err := f.svc.CreateAgreement(ctx, access.System, agreement.Input{Kind: "compact", Title: "Till", Status: "draft"})
		if got := fieldCodes(err); got["kind"] != agreement.CodeCompactExists {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		if _, err := f.svc.CreateAgreement(ctx, member, iop); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("got %v", err)
		}
		if _, err := f.svc.CreateAgreement(ctx, access.Anonymous(""), iop); !errors.Is(err, access.ErrUnauthenticated) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestUpdateAgreementAndDrafts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	draft := iop
	draft.Status = "draft"
	a := f.mustCreate(t, draft)
	anon := access.Anonymous("")

	if _, err := f.svc.FindAgreementByID(ctx, anon, a.ID); !errors.Is(err, agreement.ErrNotFound) {
		t.Fatalf("a draft is public: %v", err)
	}
	page, err := f.svc.FindAgreements(ctx, anon, agreement.Filter{Kind: "iop"})
	if err != nil || len(page.Items) != 0 {
		t.Fatalf("a draft is listed: %+v, %v", page.Items, err)
	}

	t.Run("OK", func(t *testing.T) {
		in := iop
		in.Revision = &a.Revision
		got, err := f.svc.UpdateAgreement(ctx, access.System, a.ID, in)
		if err != nil || got.Status != agreement.StatusActive || got.Revision != 2 || len(got.Versions) != 1 {
			t.Fatalf("got %+v, %v", got, err)
		}
		page, err := f.svc.FindAgreements(ctx, anon, agreement.Filter{Kind: "iop", Status: "active"})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("the active agreement is not listed: %+v, %v", page.Items, err)
		}
	})
	t.Run("ErrStale", func(t *testing.T) {
		one := 1
		in := iop
		in.Revision = &one
		if _, err := f.svc.UpdateAgreement(ctx, access.System, a.ID, in); !errors.Is(err, agreement.ErrStale) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := f.svc.UpdateAgreement(ctx, access.System, 999999, iop); !errors.Is(err, agreement.ErrNotFound) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestSign(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	a := f.mustCreate(t, iop)
	club := f.org(t, "Sjöbo Kammarkör")
	v1 := a.Versions[0].ID
	a, err := f.svc.AddVersion(ctx, access.System, a.ID, agreement.VersionInput{Label: "2026", AdoptedOn: "2026-03-01"})
	if err != nil || len(a.Versions) != 2 {
		t.Fatalf("add version: %+v, %v", a, err)
	}
	v2 := a.Versions[1].ID

	t.Run("OK", func(t *testing.T) {
		// The Stockholm date is 29 March while UTC is still on the 28th.
		s := f.mustSign(t, a.ID, agreement.SignInput{OrganisationID: club.ID, SignedOn: "2026-03-29", SignerName: " Eva Ek ", SignerRole: "ordförande"})
		if s.VersionID != v2 || s.VersionLabel != "2026" || s.OrganisationName != club.Name || s.SignerName != "Eva Ek" {
			t.Fatalf("got %+v, want the version in force on the day, the latest", s)
		}
		// The same organisation may have signed the earlier version too: versions coexist.
		// Without a version, a signature names the one in force on its day.
		if old := f.mustSign(t, a.ID, agreement.SignInput{OrganisationID: club.ID, SignedOn: "2025-02-01"}); old.VersionID != v1 {
			t.Fatalf("signed on 2025-02-01: version %d, want the one in force then (%d)", old.VersionID, v1)
		}
		if f.auditCount(t, "signatory.sign") != 2 {
			t.Error("the signatures are not in the audit log")
		}
	})
	for _, tc := range []struct {
		name  string
		in    agreement.SignInput
		field string
		code  string
	}{
		{"ErrDuplicate", agreement.SignInput{OrganisationID: club.ID, SignedOn: "2026-03-20"}, "organisation_id", "duplicate"},
		{"ErrFuture", agreement.SignInput{OrganisationID: club.ID, SignedOn: "2026-03-30"}, "signed_on", agreement.CodeNotInFuture},
		{"ErrBeforeVersion", agreement.SignInput{OrganisationID: club.ID, VersionID: v2, SignedOn: "2026-02-28"}, "signed_on", agreement.CodeSignedBeforeVersion},
		{"ErrBeforeEveryVersion", agreement.SignInput{OrganisationID: club.ID, SignedOn: "2024-12-31"}, "signed_on", agreement.CodeSignedBeforeVersion},
		{"ErrNoOrganisation", agreement.SignInput{OrganisationID: 999999, SignedOn: "2026-03-02"}, "organisation_id", "not_found"},
		{"ErrOtherVersion", agreement.SignInput{OrganisationID: club.ID, VersionID: 999999, SignedOn: "2026-03-02"}, "version_id", "not_found"},
		{"ErrMalformedDate", agreement.SignInput{OrganisationID: club.ID, SignedOn: "den 2 mars"}, "signed_on", "date"},
		{"ErrRequired", agreement.SignInput{}, "signed_on", "required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.Sign(ctx, access.System, a.ID, tc.in)
			if got := fieldCodes(err); got[tc.field] != tc.code {
				t.Fatalf("got %v (%v), want %s on %s", got, err, tc.code, tc.field)
			}
		})
	}
	t.Run("ErrForbidden", func(t *testing.T) {
		member := access.Actor{UserID: 7, Roles: map[int64]access.Role{club.ID: access.RoleAdmin}}
		_, err := f.svc.Sign(ctx, member, a.ID, agreement.SignInput{OrganisationID: club.ID, SignedOn: "2026-03-02"})
		if !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrEnded", func(t *testing.T) {
		in := iop
		in.Title, in.Status = "Avslutad", "ended"
		ended := f.mustCreate(t, in)
		_, err := f.svc.Sign(ctx, access.System, ended.ID, agreement.SignInput{OrganisationID: club.ID, SignedOn: "2026-03-02"})
		if !errors.Is(err, agreement.ErrEnded) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestWithdrawKeepsHistory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	compact, err := f.svc.FindCompact(ctx, access.Anonymous(""))
	if err != nil {
		t.Fatal(err)
	}
	clubs := []*organisation.Organisation{f.org(t, "Östra kören"), f.org(t, "Alingsås schack"), f.org(t, "Borås konstförening")}
	var sigs []*agreement.Signatory
	for _, c := range clubs {
		sigs = append(sigs, f.mustSign(t, compact.ID, agreement.SignInput{OrganisationID: c.ID, SignedOn: "2026-03-01"}))
	}

	t.Run("ErrBeforeSigned", func(t *testing.T) {
		_, err := f.svc.Withdraw(ctx, access.System, sigs[0].ID, agreement.WithdrawInput{WithdrawnOn: "2026-02-01"})
		if got := fieldCodes(err); got["withdrawn_on"] != agreement.CodeBeforeSigned {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("ErrFuture", func(t *testing.T) {
		_, err := f.svc.Withdraw(ctx, access.System, sigs[0].ID, agreement.WithdrawInput{WithdrawnOn: "2026-03-30"})
		if got := fieldCodes(err); got["withdrawn_on"] != agreement.CodeNotInFuture {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		w, err := f.svc.Withdraw(ctx, access.System, sigs[0].ID, agreement.WithdrawInput{})
		if err != nil || w.WithdrawnOn == nil || w.WithdrawnOn.Format(time.DateOnly) != "2026-03-29" {
			t.Fatalf("got %+v, %v", w, err)
		}
		if _, err := f.svc.Withdraw(ctx, access.System, sigs[0].ID, agreement.WithdrawInput{}); !errors.Is(err, agreement.ErrWithdrawn) {
			t.Fatalf("second withdrawal: %v", err)
		}
		current, err := f.svc.FindSignatories(ctx, access.Anonymous(""), compact.ID, agreement.SignatoryFilter{})
		if err != nil || current.Count != 2 || len(current.Items) != 2 || current.Items[0].OrganisationName != "Alingsås schack" {
			t.Fatalf("current: %+v, %v", current, err)
		}
		all, err := f.svc.FindSignatories(ctx, access.Anonymous(""), compact.ID, agreement.SignatoryFilter{All: true})
		if err != nil || all.Count != 3 {
			t.Fatalf("history: %+v, %v", all, err)
		}
		// Signing again after withdrawing is a new signature; the old one stays.
		f.mustSign(t, compact.ID, agreement.SignInput{OrganisationID: clubs[0].ID, SignedOn: "2026-03-29"})
		all, _ = f.svc.FindSignatories(ctx, access.Anonymous(""), compact.ID, agreement.SignatoryFilter{All: true})
		if all.Count != 4 {
			t.Fatalf("history after signing again: %d rows", all.Count)
		}
	})
	t.Run("SearchAndPages", func(t *testing.T) {
		page, err := f.svc.FindSignatories(ctx, access.Anonymous(""), compact.ID, agreement.SignatoryFilter{Q: "kör"})
		if err != nil || page.Count != 1 || page.Items[0].OrganisationID != clubs[0].ID {
			t.Fatalf("search: %+v, %v", page, err)
		}
		first, err := f.svc.FindSignatories(ctx, access.Anonymous(""), compact.ID, agreement.SignatoryFilter{Limit: 2})
		if err != nil || len(first.Items) != 2 || first.Next == nil || first.Count != 3 {
			t.Fatalf("first page: %+v, %v", first, err)
		}
		rest, err := f.svc.FindSignatories(ctx, access.Anonymous(""), compact.ID, agreement.SignatoryFilter{Limit: 2, Cursor: first.Next.Encode()})
		if err != nil || len(rest.Items) != 1 || rest.Items[0].OrganisationName != "Östra kören" || rest.Next != nil {
			t.Fatalf("second page: %+v, %v", rest, err)
		}
	})
	t.Run("CurrentCompactSignatories", func(t *testing.T) {
		ids := []int64{clubs[0].ID, clubs[1].ID, clubs[2].ID}
		if _, err := f.svc.Withdraw(ctx, access.System, sigs[1].ID, agreement.WithdrawInput{}); err != nil {
			t.Fatal(err)
		}
		got, err := agreement.CurrentCompactSignatories(ctx, f.db, ids)
		if err != nil || len(got) != 2 {
			t.Fatalf("got %v, %v; want the two with a current signature", got, err)
		}
		if _, err := f.db.ExecContext(ctx, `UPDATE agreements SET status = 'ended' WHERE kind = 'compact'`); err != nil {
			t.Fatal(err)
		}
		if got, _ := agreement.CurrentCompactSignatories(ctx, f.db, ids); len(got) != 0 {
			t.Fatalf("an ended Compact still counts: %v", got)
		}
	})
}
