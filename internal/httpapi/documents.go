package httpapi

import (
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/document"
)

// documentJSON describes a document attached to an agreement; url downloads it.
type documentJSON struct {
	ID          int64     `json:"id"`
	AgreementID int64     `json:"agreement_id"`
	Title       string    `json:"title"`
	Filename    string    `json:"filename"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	URL         string    `json:"url"`
	CreatedAt   time.Time `json:"created_at"`
}

func toDocumentJSON(d *agreement.Document) documentJSON {
	return documentJSON{ID: d.ID, AgreementID: d.AgreementID, Title: d.Title, Filename: d.Filename, ContentType: d.ContentType,
		Size: d.Size, SHA256: hex.EncodeToString(d.SHA256), URL: documentURL(d), CreatedAt: utc(d.CreatedAt)}
}

func documentURL(d *agreement.Document) string {
	return fmt.Sprintf("/api/v1/agreements/%d/documents/%d", d.AgreementID, d.ID)
}

// BodyLimits returns the routes that take a larger body than the site's limit, and theirs:
// the document uploads. The server applies them before any handler reads the body.
func (h *Handler) BodyLimits() map[string]int64 {
	limits := map[string]int64{}
	if h.Agreements != nil {
		limits["POST /api/v1/agreements/:id/documents"] = document.MaxRequestBytes
	}
	if h.Meetings != nil {
		limits["POST /api/v1/meetings/:id/documents"] = document.MaxRequestBytes
	}
	return limits
}

// uploadDocument takes multipart/form-data with a "file" (a PDF of at most 10 MiB) and an
// optional "title". Who may upload is asked before the body is read, so that no one else
// makes the server read 10 MiB.
func (h *Handler) uploadDocument(c *gin.Context) {
	id, err := pathID(c, "id", agreement.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	actor := Actor(c)
	if err := access.Check(actor, access.ManageAgreements, 0); err != nil {
		c.Error(err)
		return
	}
	up, err := document.ReadRequest(c.Request)
	if err != nil {
		c.Error(err)
		return
	}
	d, err := h.Agreements.AddDocument(c.Request.Context(), actor, id, up)
	respond(c, d, err, toDocumentJSON, documentURL)
}

func (h *Handler) listDocuments(c *gin.Context) {
	id, err := pathID(c, "id", agreement.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	docs, err := h.Agreements.FindDocuments(c.Request.Context(), Actor(c), id)
	if err != nil {
		c.Error(err)
		return
	}
	out := list[documentJSON]{Items: make([]documentJSON, 0, len(docs))}
	for i := range docs {
		out.Items = append(out.Items, toDocumentJSON(&docs[i]))
	}
	c.JSON(http.StatusOK, out)
}

// documentIDs reads :id and :doc.
func documentIDs(c *gin.Context) (int64, int64, error) {
	id, err := pathID(c, "id", agreement.ErrNotFound)
	if err != nil {
		return 0, 0, err
	}
	doc, err := pathID(c, "doc", agreement.ErrDocumentNotFound)
	return id, doc, err
}

// downloadDocument answers the PDF itself (see document.Serve), to anyone for an agreement
// that is not a draft; a draft's papers only to city administrators, and not kept by shared
// caches.
func (h *Handler) downloadDocument(c *gin.Context) {
	id, doc, err := documentIDs(c)
	if err != nil {
		c.Error(err)
		return
	}
	d, public, err := h.Agreements.FindDocument(c.Request.Context(), Actor(c), id, doc)
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

func (h *Handler) deleteDocument(c *gin.Context) {
	id, doc, err := documentIDs(c)
	if err != nil {
		c.Error(err)
		return
	}
	noContent(c, h.Agreements.DeleteDocument(c.Request.Context(), Actor(c), id, doc))
}
