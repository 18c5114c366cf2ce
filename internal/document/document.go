// Package document keeps PDF documents in PostgreSQL for whatever owns them: an agreement's
// signed text and appendices, a meeting's minutes. It checks an upload (size, a real PDF,
// a safe file name) before anything is stored, and serves a stored one with headers that
// keep a browser from running it as anything but a download.
//
// Each owner has a table of its own with the columns of Stored plus its owner's id as a real
// foreign key (agreement_documents.agreement_id, say): no polymorphic owner column that no
// constraint could check. The owner's package declares its model by embedding Stored:
//
//	type Document struct {
//		bun.BaseModel `bun:"table:meeting_documents,alias:d"`
//		document.Stored
//		MeetingID int64 `bun:"meeting_id,notnull"`
//	}
//
// and uses Insert, List, Get and Delete with the name of its owner column.
package document

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// MaxBytes is the largest document accepted: 10 MiB, as the tables' CHECK says.
const MaxBytes = 10 << 20

// MaxRequestBytes is the largest request body an upload route accepts: a document of
// MaxBytes and room for the other form fields and the multipart framing. Routes that take
// uploads raise the site's body limit to this and no further.
const MaxRequestBytes = MaxBytes + 64<<10

// ContentType is the one type stored and served.
const ContentType = "application/pdf"

// Codes of the field errors an upload is refused with (field "file" unless said).
const (
	CodeTooLarge = "too_large" // param: the limit in bytes
	CodeNotPDF   = "not_pdf"   // the content is not a PDF
	CodeType     = "file_type" // the declared type or file name says it is not a PDF
)

// Stored is the part of a document row that every owner's table has. Content is read only
// for a download (List leaves it out), and never goes to the audit log.
type Stored struct {
	ID          int64     `bun:"id,pk,autoincrement"`
	Title       string    `bun:"title,notnull"`
	Filename    string    `bun:"filename,notnull"`
	ContentType string    `bun:"content_type,notnull"`
	Size        int64     `bun:"size,notnull"`
	SHA256      []byte    `bun:"sha256,notnull"`
	Content     []byte    `bun:"content,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
	CreatedBy   *int64    `bun:"created_by"`
}

// Upload is a document as it arrives: a title (the file name without .pdf when empty) and
// a file that Check has found to be a PDF.
type Upload struct {
	Title    string
	Filename string
	Content  []byte
}

// Stored returns the row to insert for u, made at now by the user with id by (0: none).
func (u Upload) Stored(now time.Time, by int64) Stored {
	sum := sha256.Sum256(u.Content)
	s := Stored{Title: u.Title, Filename: u.Filename, ContentType: ContentType, Size: int64(len(u.Content)),
		SHA256: sum[:], Content: u.Content, CreatedAt: now}
	if by != 0 {
		s.CreatedBy = &by
	}
	return s
}

// AuditState is what the audit log keeps of a document: it describes the file (name, size,
// hash) and never copies it. ownerColumn and ownerID name its owner.
func (s Stored) AuditState(ownerColumn string, ownerID int64) map[string]any {
	return map[string]any{"id": s.ID, ownerColumn: ownerID, "title": s.Title, "filename": s.Filename,
		"content_type": s.ContentType, "size": s.Size, "sha256": hex.EncodeToString(s.SHA256), "created_by": s.CreatedBy}
}

func fieldError(field, code, param string) fault.FieldErrors {
	return fault.FieldErrors{{Field: field, Code: code, Param: param}}
}

// IsTooLarge reports whether err refuses a file for its size, which HTTP answers with 413.
func IsTooLarge(err error) bool {
	for _, f := range fault.Fields(err) {
		if f.Code == CodeTooLarge {
			return true
		}
	}
	return false
}
