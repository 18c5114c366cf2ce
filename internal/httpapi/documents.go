package httpapi

import (
	"context"
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
	return map[string]int64{
		"POST /api/v1/agreements/:id/documents": document.MaxRequestBytes,
		"POST /api/v1/meetings/:id/documents":   document.MaxRequestBytes,
	}
}

// documentRoutes are the routes of the PDF documents of one kind of owner (an agreement, a
// meeting): list, upload, download, delete. The handlers are the same for every owner; the
// owner's service and JSON differ.
type documentRoutes[D, J any] struct {
	notFound, docNotFound error
	// mayUpload is asked before the body is read, so that no one else makes the server read
	// 10 MiB.
	mayUpload func(context.Context, access.Actor, int64) error
	add       func(context.Context, access.Actor, int64, document.Upload) (*D, error)
	list      func(context.Context, access.Actor, int64) ([]D, error)
	// find returns the document and whether it is public (shared caches may keep it).
	find   func(context.Context, access.Actor, int64, int64) (*D, bool, error)
	remove func(context.Context, access.Actor, int64, int64) error
	stored func(*D) *document.Stored
	view   func(*D) J
	url    func(*D) string
}

// register adds the routes under path (e.g. /agreements/:id/documents).
func (r documentRoutes[D, J]) register(g *gin.RouterGroup, path string) {
	g.GET(path, r.listAll)
	g.POST(path, r.upload)
	g.GET(path+"/:doc", r.download)
	g.DELETE(path+"/:doc", r.delete)
}

// upload takes multipart/form-data with a "file" (a PDF of at most 10 MiB) and an optional
// "title".
func (r documentRoutes[D, J]) upload(c *gin.Context) {
	id, err := pathID(c, "id", r.notFound)
	if err != nil {
		c.Error(err)
		return
	}
	actor := Actor(c)
	if err := r.mayUpload(c.Request.Context(), actor, id); err != nil {
		c.Error(err)
		return
	}
	up, err := document.ReadRequest(c.Request)
	if err != nil {
		c.Error(err)
		return
	}
	d, err := r.add(c.Request.Context(), actor, id, up)
	respond(c, d, err, r.view, r.url)
}

func (r documentRoutes[D, J]) listAll(c *gin.Context) {
	id, err := pathID(c, "id", r.notFound)
	if err != nil {
		c.Error(err)
		return
	}
	docs, err := r.list(c.Request.Context(), Actor(c), id)
	if err != nil {
		c.Error(err)
		return
	}
	out := list[J]{Items: make([]J, 0, len(docs))}
	for i := range docs {
		out.Items = append(out.Items, r.view(&docs[i]))
	}
	c.JSON(http.StatusOK, out)
}

// ids reads :id and :doc.
func (r documentRoutes[D, J]) ids(c *gin.Context) (int64, int64, error) {
	id, err := pathID(c, "id", r.notFound)
	if err != nil {
		return 0, 0, err
	}
	doc, err := pathID(c, "doc", r.docNotFound)
	return id, doc, err
}

// download answers the PDF itself (see document.Serve); a document that is not public is
// not kept by shared caches.
func (r documentRoutes[D, J]) download(c *gin.Context) {
	id, doc, err := r.ids(c)
	if err != nil {
		c.Error(err)
		return
	}
	d, public, err := r.find(c.Request.Context(), Actor(c), id, doc)
	if err != nil {
		c.Error(err)
		return
	}
	cache := "private, no-cache"
	if public {
		cache = "public, no-cache"
	}
	document.Serve(c.Writer, c.Request, r.stored(d), cache)
}

func (r documentRoutes[D, J]) delete(c *gin.Context) {
	id, doc, err := r.ids(c)
	if err != nil {
		c.Error(err)
		return
	}
	noContent(c, r.remove(c.Request.Context(), Actor(c), id, doc))
}

// agreementDocuments: city administrators upload and delete; anyone downloads the documents
// of an agreement that is not a draft, a draft's only city administrators.
func agreementDocuments(ag *agreement.Service) documentRoutes[agreement.Document, documentJSON] {
	return documentRoutes[agreement.Document, documentJSON]{
		notFound: agreement.ErrNotFound, docNotFound: agreement.ErrDocumentNotFound,
		mayUpload: func(_ context.Context, actor access.Actor, _ int64) error {
			return access.Check(actor, access.ManageAgreements, 0)
		},
		add: ag.AddDocument, list: ag.FindDocuments, find: ag.FindDocument, remove: ag.DeleteDocument,
		stored: func(d *agreement.Document) *document.Stored { return &d.Stored },
		view:   toDocumentJSON, url: documentURL,
	}
}
