package meeting

import (
	"context"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/document"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// ErrDocumentNotFound is returned for a document the meeting does not have.
var ErrDocumentNotFound = fault.New(fault.NotFound, "document_not_found")

// Document is a PDF attached to a meeting: minutes, a presentation (a row of
// meeting_documents).
type Document struct {
	bun.BaseModel `bun:"table:meeting_documents,alias:d"`
	document.Stored
	MeetingID int64 `bun:"meeting_id,notnull"`
}

const documentOwner = "meeting_id"

// CheckDocumentUpload tells whether the actor may attach documents to the meeting, so that an
// upload's body is read only for those who may: nil, ErrNotFound (also for a meeting the
// actor may not see) or an access error.
func (s *Service) CheckDocumentUpload(ctx context.Context, actor access.Actor, meetingID int64) error {
	se := new(Series)
	err := s.db.NewSelect().Model(se).Where("ms.id = (SELECT series_id FROM meetings WHERE id = ?)", meetingID).Scan(ctx)
	if err != nil {
		return notFound(err, ErrNotFound)
	}
	return mayManageDocuments(actor, se)
}

// mayManageDocuments: those who manage the series' meetings (the organiser's admins, city
// administrators); a meeting of a private series is ErrNotFound to those who may not see it.
func mayManageDocuments(actor access.Actor, se *Series) error {
	if err := access.Check(actor, access.ManageMeetings, se.OrganiserID); err != nil {
		if !maySeeSeries(actor, se) {
			return ErrNotFound
		}
		return err
	}
	return nil
}

// lockForDocuments locks the meeting, planned or cancelled (a cancelled meeting keeps its
// papers), and returns its series' organiser once the actor may manage its documents.
func lockForDocuments(ctx context.Context, tx bun.IDB, actor access.Actor, meetingID int64) (int64, error) {
	m, err := lockMeeting(ctx, tx, meetingID)
	if err != nil {
		return 0, err
	}
	se := new(Series)
	if err := tx.NewSelect().Model(se).Where("ms.id = ?", m.SeriesID).Scan(ctx); err != nil {
		return 0, err
	}
	return se.OrganiserID, mayManageDocuments(actor, se)
}

// AddDocument attaches a checked upload (document.Check, document.ReadRequest) to the
// meeting. It returns ErrNotFound or access errors.
func (s *Service) AddDocument(ctx context.Context, actor access.Actor, meetingID int64, up document.Upload) (*Document, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	now := s.now()
	d := &Document{MeetingID: meetingID, Stored: up.Stored(now, actor.UserID)}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		org, err := lockForDocuments(ctx, tx, actor, meetingID)
		if err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(d).Returning("id").Exec(ctx); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "meeting.document.add", "meeting_document", d.ID, org, nil, d.AuditState(documentOwner, meetingID))
	})
	if err != nil {
		return nil, fmt.Errorf("add document to meeting %d: %w", meetingID, err)
	}
	return d, nil
}

// FindDocuments returns the meeting's documents without their content, oldest first. It
// returns ErrNotFound for a meeting the actor may not see.
func (s *Service) FindDocuments(ctx context.Context, actor access.Actor, meetingID int64) ([]Document, error) {
	if _, err := s.FindMeetingByID(ctx, actor, meetingID); err != nil {
		return nil, err
	}
	docs, err := document.List[Document](ctx, s.db, documentOwner, meetingID)
	if err != nil {
		return nil, fmt.Errorf("find documents of meeting %d: %w", meetingID, err)
	}
	return docs, nil
}

// FindDocument returns the meeting's document with its content, and whether its series is
// public. It returns ErrNotFound for a meeting the actor may not see and ErrDocumentNotFound
// for a document the meeting does not have.
func (s *Service) FindDocument(ctx context.Context, actor access.Actor, meetingID, id int64) (*Document, bool, error) {
	m, err := s.FindMeetingByID(ctx, actor, meetingID)
	if err != nil {
		return nil, false, err
	}
	public, err := s.db.NewSelect().Table("meeting_series").Where("id = ? AND public", m.SeriesID).Exists(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("find document %d: %w", id, err)
	}
	d, ok, err := document.Get[Document](ctx, s.db, documentOwner, meetingID, id)
	if err != nil {
		return nil, false, fmt.Errorf("find document %d: %w", id, err)
	}
	if !ok {
		return nil, false, ErrDocumentNotFound
	}
	return d, public, nil
}

// DeleteDocument removes the meeting's document; the audit log keeps its name, size and
// hash. It returns ErrNotFound, ErrDocumentNotFound or access errors.
func (s *Service) DeleteDocument(ctx context.Context, actor access.Actor, meetingID, id int64) error {
	if !actor.SignedIn() {
		return access.ErrUnauthenticated
	}
	now := s.now()
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		org, err := lockForDocuments(ctx, tx, actor, meetingID)
		if err != nil {
			return err
		}
		d, ok, err := document.Delete[Document](ctx, tx, documentOwner, meetingID, id)
		if err != nil {
			return err
		}
		if !ok {
			return ErrDocumentNotFound
		}
		return record(ctx, tx, actor, now, "meeting.document.delete", "meeting_document", id, org, d.AuditState(documentOwner, meetingID), nil)
	})
	if err != nil {
		return fmt.Errorf("delete document %d of meeting %d: %w", id, meetingID, err)
	}
	return nil
}

// PublicDocuments returns, by meeting, the documents without their content of those of the
// meetings that belong to public series (the public meeting calendar's minutes); the others
// are left out whoever asks.
func (s *Service) PublicDocuments(ctx context.Context, meetingIDs []int64) (map[int64][]Document, error) {
	out := map[int64][]Document{}
	if len(meetingIDs) == 0 {
		return out, nil
	}
	var docs []Document
	err := s.db.NewSelect().Model(&docs).ExcludeColumn("content").
		Where("d.meeting_id IN (?)", bun.List(meetingIDs)).
		Where("EXISTS (SELECT 1 FROM meetings m JOIN meeting_series ms ON ms.id = m.series_id WHERE m.id = d.meeting_id AND ms.public)").
		OrderExpr("d.meeting_id, d.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("find public meeting documents: %w", err)
	}
	for _, d := range docs {
		out[d.MeetingID] = append(out[d.MeetingID], d)
	}
	return out, nil
}
