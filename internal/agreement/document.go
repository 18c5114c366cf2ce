package agreement

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/document"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// ErrDocumentNotFound is returned for a document the agreement does not have.
var ErrDocumentNotFound = fault.New(fault.NotFound, "document_not_found")

// Document is a PDF attached to an agreement (a row of agreement_documents).
type Document struct {
	bun.BaseModel `bun:"table:agreement_documents,alias:d"`
	document.Stored
	AgreementID int64 `bun:"agreement_id,notnull"`
}

const documentOwner = "agreement_id"

// AddDocument attaches a checked upload (document.Check, document.ReadRequest) to the
// agreement, whatever its status: an ended agreement keeps its papers. It returns
// ErrNotFound. Only city administrators attach documents.
func (s *Service) AddDocument(ctx context.Context, actor access.Actor, agreementID int64, up document.Upload) (*Document, error) {
	if err := access.Check(actor, access.ManageAgreements, 0); err != nil {
		return nil, err
	}
	now := s.now()
	d := &Document{AgreementID: agreementID, Stored: up.Stored(now, actor.UserID)}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := lockAgreement(ctx, tx, agreementID); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(d).Returning("id").Exec(ctx); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "agreement.document.add", "agreement_document", d.ID, nil, d.AuditState(documentOwner, agreementID))
	})
	if err != nil {
		return nil, fmt.Errorf("add document to agreement %d: %w", agreementID, err)
	}
	return d, nil
}

// FindDocuments returns the agreement's documents without their content, oldest first. It
// returns ErrNotFound for an agreement the actor may not see (a draft, to anyone but city
// administrators).
func (s *Service) FindDocuments(ctx context.Context, actor access.Actor, agreementID int64) ([]Document, error) {
	if _, err := s.FindAgreementByID(ctx, actor, agreementID); err != nil {
		return nil, err
	}
	docs, err := document.List[Document](ctx, s.db, documentOwner, agreementID)
	if err != nil {
		return nil, fmt.Errorf("find documents of agreement %d: %w", agreementID, err)
	}
	return docs, nil
}

// FindDocument returns the agreement's document with its content, and whether the agreement
// is public (not a draft). It returns ErrNotFound for an agreement the actor may not see and
// ErrDocumentNotFound for a document the agreement does not have.
func (s *Service) FindDocument(ctx context.Context, actor access.Actor, agreementID, id int64) (*Document, bool, error) {
	a, err := s.FindAgreementByID(ctx, actor, agreementID)
	if err != nil {
		return nil, false, err
	}
	d, ok, err := document.Get[Document](ctx, s.db, documentOwner, agreementID, id)
	if err != nil {
		return nil, false, fmt.Errorf("find document %d: %w", id, err)
	}
	if !ok {
		return nil, false, ErrDocumentNotFound
	}
	return d, a.Status != StatusDraft, nil
}

// DeleteDocument removes the agreement's document; the audit log keeps its name, size and
// hash. It returns ErrNotFound or ErrDocumentNotFound. Only city administrators delete.
func (s *Service) DeleteDocument(ctx context.Context, actor access.Actor, agreementID, id int64) error {
	if err := access.Check(actor, access.ManageAgreements, 0); err != nil {
		return err
	}
	now := s.now()
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := lockAgreement(ctx, tx, agreementID); err != nil {
			return err
		}
		d, ok, err := document.Delete[Document](ctx, tx, documentOwner, agreementID, id)
		if err != nil {
			return err
		}
		if !ok {
			return ErrDocumentNotFound
		}
		return record(ctx, tx, actor, now, "agreement.document.delete", "agreement_document", id, d.AuditState(documentOwner, agreementID), nil)
	})
	if err != nil {
		return fmt.Errorf("delete document %d of agreement %d: %w", id, agreementID, err)
	}
	return nil
}
