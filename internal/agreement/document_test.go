package agreement_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/document"
)

func checkedPDF(t *testing.T, name string) document.Upload {
	t.Helper()
	up, err := document.Check("", name, "application/pdf", bytes.NewReader([]byte("%PDF-1.4\n"+name+"\n%%EOF")))
	if err != nil {
		t.Fatal(err)
	}
	return up
}

func TestDocuments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	a := f.mustCreate(t, iop)
	draftIn := iop
	draftIn.Title, draftIn.Status = "Utkast", "draft"
	draft := f.mustCreate(t, draftIn)
	anyone := access.Anonymous("test")

	t.Run("OK", func(t *testing.T) {
		d, err := f.svc.AddDocument(ctx, access.System, a.ID, checkedPDF(t, "Avtal.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		docs, err := f.svc.FindDocuments(ctx, anyone, a.ID)
		if err != nil || len(docs) != 1 || docs[0].Title != "Avtal" || docs[0].Content != nil || docs[0].Size != d.Size {
			t.Fatalf("find documents: %+v, %v", docs, err)
		}
		got, public, err := f.svc.FindDocument(ctx, anyone, a.ID, d.ID)
		if err != nil || !public || !bytes.Equal(got.Content, d.Content) {
			t.Fatalf("find document: %v, public %v", err, public)
		}
		if f.auditCount(t, "agreement.document.add") != 1 {
			t.Error("not audited")
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		member := access.Actor{UserID: 7, Roles: map[int64]access.Role{1: access.RoleAdmin}}
		if _, err := f.svc.AddDocument(ctx, member, a.ID, checkedPDF(t, "x.pdf")); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("add: %v", err)
		}
		docs, _ := f.svc.FindDocuments(ctx, access.System, a.ID)
		if err := f.svc.DeleteDocument(ctx, member, a.ID, docs[0].ID); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("delete: %v", err)
		}
	})
	t.Run("DraftHidden", func(t *testing.T) {
		d, err := f.svc.AddDocument(ctx, access.System, draft.ID, checkedPDF(t, "Utkast.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.FindDocuments(ctx, anyone, draft.ID); !errors.Is(err, agreement.ErrNotFound) {
			t.Errorf("list a draft's documents: %v", err)
		}
		if _, _, err := f.svc.FindDocument(ctx, anyone, draft.ID, d.ID); !errors.Is(err, agreement.ErrNotFound) {
			t.Errorf("download a draft's document: %v", err)
		}
		if _, _, err := f.svc.FindDocument(ctx, anyone, a.ID, d.ID); !errors.Is(err, agreement.ErrDocumentNotFound) {
			t.Errorf("a draft's document through another agreement: %v", err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		if _, err := f.svc.AddDocument(ctx, access.System, 999999, checkedPDF(t, "x.pdf")); !errors.Is(err, agreement.ErrNotFound) {
			t.Errorf("add to no agreement: %v", err)
		}
		if err := f.svc.DeleteDocument(ctx, access.System, a.ID, 999999); !errors.Is(err, agreement.ErrDocumentNotFound) {
			t.Errorf("delete no document: %v", err)
		}
	})
	// The database holds the rules even for a writer that skips document.Check.
	t.Run("DatabaseRefusesNonPDF", func(t *testing.T) {
		for name, content := range map[string][]byte{"html": []byte("<html></html>"), "empty": {}} {
			sum := sha256.Sum256(content)
			_, err := f.db.ExecContext(ctx, `INSERT INTO agreement_documents (agreement_id, title, filename, content_type, size, sha256, content, created_at)
				VALUES (?, 'x', 'x.pdf', 'application/pdf', ?, ?, ?, now())`, a.ID, len(content), sum[:], content)
			if err == nil {
				t.Errorf("%s: stored", name)
			}
		}
		good := []byte("%PDF-1.4\n%%EOF")
		_, err := f.db.ExecContext(ctx, `INSERT INTO agreement_documents (agreement_id, title, filename, content_type, size, sha256, content, created_at)
			VALUES (?, 'x', 'x.pdf', 'application/pdf', ?, ?, ?, now())`, a.ID, len(good), make([]byte, 32), good)
		if err == nil {
			t.Error("a wrong hash was stored")
		}
	})
	t.Run("Delete", func(t *testing.T) {
		docs, _ := f.svc.FindDocuments(ctx, access.System, a.ID)
		if err := f.svc.DeleteDocument(ctx, access.System, a.ID, docs[0].ID); err != nil {
			t.Fatal(err)
		}
		if left, _ := f.svc.FindDocuments(ctx, access.System, a.ID); len(left) != 0 {
			t.Errorf("%d left", len(left))
		}
		if f.auditCount(t, "agreement.document.delete") != 1 {
			t.Error("not audited")
		}
	})
}

// TestSignRefusalsStoreNothing: every refused signature leaves the signatories as they were.
func TestSignRefusalsStoreNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	a := f.mustCreate(t, iop)
	club := f.org(t, "Kören")
	f.mustSign(t, a.ID, agreement.SignInput{OrganisationID: club.ID, SignedOn: "2026-03-28"})
	for _, in := range []agreement.SignInput{
		{OrganisationID: club.ID, SignedOn: "2026-03-28"},            // the same version again
		{OrganisationID: club.ID, SignedOn: "2026-04-01"},            // in the future
		{OrganisationID: f.org(t, "Nya").ID, SignedOn: "2020-01-01"}, // before the agreement existed
	} {
		if _, err := f.svc.Sign(ctx, access.System, a.ID, in); len(fieldCodes(err)) == 0 {
			t.Errorf("%+v: %v, want a field error", in, err)
		}
	}
	n, err := f.db.NewSelect().Table("signatories").Where("agreement_id = ?", a.ID).Count(ctx)
	if err != nil || n != 1 || f.auditCount(t, "signatory.sign") != 1 {
		t.Errorf("%d signatories, %d audited (%v), want 1", n, f.auditCount(t, "signatory.sign"), err)
	}
}
