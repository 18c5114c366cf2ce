package httpapi

import (
	"encoding/hex"
	"fmt"
	"time"

	"github.com/borasstad/lokalbanken/internal/document"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// meetingDocumentJSON describes a document of a meeting (minutes, a presentation); url
// downloads it.
type meetingDocumentJSON struct {
	ID          int64     `json:"id"`
	MeetingID   int64     `json:"meeting_id"`
	Title       string    `json:"title"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	URL         string    `json:"url"`
	CreatedAt   time.Time `json:"created_at"`
}

func toMeetingDocumentJSON(d *meeting.Document) meetingDocumentJSON {
	return meetingDocumentJSON{ID: d.ID, MeetingID: d.MeetingID, Title: d.Title, Filename: d.Filename, ContentType: d.ContentType,
		Size: d.Size, SHA256: hex.EncodeToString(d.SHA256), URL: meetingDocumentURL(d), CreatedAt: utc(d.CreatedAt)}
}

func meetingDocumentURL(d *meeting.Document) string {
	return fmt.Sprintf("/api/v1/meetings/%d/documents/%d", d.MeetingID, d.ID)
}

// meetingDocuments: whoever manages the meeting uploads and deletes; anyone downloads the
// documents of a meeting of a public series, others those who may see the meeting.
func meetingDocuments(ms *meeting.Service) documentRoutes[meeting.Document, meetingDocumentJSON] {
	return documentRoutes[meeting.Document, meetingDocumentJSON]{
		notFound: meeting.ErrNotFound, docNotFound: meeting.ErrDocumentNotFound,
		mayUpload: ms.CheckDocumentUpload,
		add:       ms.AddDocument, list: ms.FindDocuments, find: ms.FindDocument, remove: ms.DeleteDocument,
		stored: func(d *meeting.Document) *document.Stored { return &d.Stored },
		view:   toMeetingDocumentJSON, url: meetingDocumentURL,
	}
}
