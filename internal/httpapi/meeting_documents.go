package httpapi

import (
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

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

// uploadMeetingDocument takes multipart/form-data with a "file" (a PDF of at most 10 MiB) and
// an optional "title". Who may upload is asked before the body is read.
func (h *Handler) uploadMeetingDocument(c *gin.Context) {
	id, err := pathID(c, "id", meeting.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	actor := Actor(c)
	if err := h.Meetings.CheckDocumentUpload(c.Request.Context(), actor, id); err != nil {
		c.Error(err)
		return
	}
	up, err := document.ReadRequest(c.Request)
	if err != nil {
		c.Error(err)
		return
	}
	d, err := h.Meetings.AddDocument(c.Request.Context(), actor, id, up)
	respond(c, d, err, toMeetingDocumentJSON, meetingDocumentURL)
}

func (h *Handler) listMeetingDocuments(c *gin.Context) {
	id, err := pathID(c, "id", meeting.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	docs, err := h.Meetings.FindDocuments(c.Request.Context(), Actor(c), id)
	if err != nil {
		c.Error(err)
		return
	}
	out := list[meetingDocumentJSON]{Items: make([]meetingDocumentJSON, 0, len(docs))}
	for i := range docs {
		out.Items = append(out.Items, toMeetingDocumentJSON(&docs[i]))
	}
	c.JSON(http.StatusOK, out)
}

// meetingDocumentIDs reads :id and :doc.
func meetingDocumentIDs(c *gin.Context) (int64, int64, error) {
	id, err := pathID(c, "id", meeting.ErrNotFound)
	if err != nil {
		return 0, 0, err
	}
	doc, err := pathID(c, "doc", meeting.ErrDocumentNotFound)
	return id, doc, err
}

// downloadMeetingDocument answers the PDF itself (see document.Serve): to anyone for a meeting
// of a public series; otherwise to those who may see the meeting, and not kept by shared
// caches.
func (h *Handler) downloadMeetingDocument(c *gin.Context) {
	id, doc, err := meetingDocumentIDs(c)
	if err != nil {
		c.Error(err)
		return
	}
	d, public, err := h.Meetings.FindDocument(c.Request.Context(), Actor(c), id, doc)
	if err != nil {
		c.Error(err)
		return
	}
	cache := "private, no-cache"
	if public {
		cache = "public, no-cache"
	}
	document.Serve(c.Writer, c.Request, &d.Stored, cache)
}

func (h *Handler) deleteMeetingDocument(c *gin.Context) {
	id, doc, err := meetingDocumentIDs(c)
	if err != nil {
		c.Error(err)
		return
	}
	noContent(c, h.Meetings.DeleteDocument(c.Request.Context(), Actor(c), id, doc))
}
