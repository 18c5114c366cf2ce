package webui

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/document"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// agreementsPath is the index of agreements; an agreement's page is agreementsPath/ID.
const agreementsPath = "/avtal"

// agreementKinds are the kinds in the order the index lists them.
var agreementKinds = []agreement.Kind{agreement.KindCompact, agreement.KindIOP, agreement.KindPremisesSharing, agreement.KindOther}

// agreementSignatoryLimit is how many signatories an agreement's page lists; the Compact's
// own page has the search and the pages of all of them.
const agreementSignatoryLimit = 200

// agreementGroup is the agreements of one kind on the index.
type agreementGroup struct {
	Kind       agreement.Kind
	Agreements []agreement.Agreement
}

type agreementsPage struct {
	Groups    []agreementGroup
	CanManage bool
}

// agreementPage is an agreement with its documents and signatories and, for city
// administrators, the forms that change them. Each form keeps what was typed into it when
// it comes back with errors.
type agreementPage struct {
	Agreement   *agreement.Agreement
	Documents   []agreement.Document
	Signatories []agreement.Signatory
	// SignatoryCount is the number of current signatories; MoreSignatories says the list
	// shows only the first agreementSignatoryLimit.
	SignatoryCount  int
	MoreSignatories bool
	IsCompact       bool
	CanManage       bool
	Organisations   []organisation.Organisation
	VersionForm     *form
	DocumentForm    *form
	SignForm        *form
	WithdrawForm    *form
	// WithdrawID is the signature whose withdrawal WithdrawForm is about.
	WithdrawID int64
	// MaxDocumentMiB is the size limit of a document, for the form's hint.
	MaxDocumentMiB int
	// Notice says what was just done (?klart=).
	Notice string
}

// agreementIndex shows every agreement the visitor may see, grouped by kind.
func (p *Pages) agreementIndex(c *gin.Context) {
	ctx, actor := c.Request.Context(), p.actor(c)
	all, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[agreement.Agreement], error) {
		return p.agree.FindAgreements(ctx, actor, agreement.Filter{Limit: listing.MaxLimit, Cursor: cursor})
	})
	if err != nil {
		p.fail(c, err)
		return
	}
	page := agreementsPage{CanManage: access.Check(actor, access.ManageAgreements, 0) == nil}
	for _, k := range agreementKinds {
		g := agreementGroup{Kind: k}
		for _, a := range all {
			if a.Kind == k {
				g.Agreements = append(g.Agreements, a)
			}
		}
		page.Groups = append(page.Groups, g)
	}
	p.render(c, http.StatusOK, "agreements", "agreements", page)
}

// agreementShow shows an agreement to anyone (a draft only to city administrators).
func (p *Pages) agreementShow(c *gin.Context) {
	page, ok := p.loadAgreementPage(c)
	if !ok {
		return
	}
	p.render(c, http.StatusOK, "agreement", "agreements", page)
}

// loadAgreementPage reads the agreement of the path and what its page shows, with empty
// forms; it answers 404 (or the error) itself and returns false.
func (p *Pages) loadAgreementPage(c *gin.Context) (*agreementPage, bool) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	ctx, actor := c.Request.Context(), p.actor(c)
	a, err := p.agree.FindAgreementByID(ctx, actor, id)
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	page := &agreementPage{Agreement: a, IsCompact: a.Kind == agreement.KindCompact,
		CanManage: access.Check(actor, access.ManageAgreements, 0) == nil, MaxDocumentMiB: document.MaxBytes >> 20,
		VersionForm: newForm(nil), DocumentForm: newForm(nil), SignForm: newForm(nil), WithdrawForm: newForm(nil),
		Notice: p.notice(c)}
	if page.Documents, err = p.agree.FindDocuments(ctx, actor, id); err != nil {
		p.fail(c, err)
		return nil, false
	}
	sigs, err := p.agree.FindSignatories(ctx, actor, id, agreement.SignatoryFilter{Limit: agreementSignatoryLimit})
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	page.Signatories, page.SignatoryCount, page.MoreSignatories = sigs.Items, sigs.Count, sigs.Next != nil
	if page.CanManage {
		if page.Organisations, err = p.allOrganisations(ctx, organisation.Filter{}); err != nil {
			p.fail(c, err)
			return nil, false
		}
	}
	return page, true
}

// agreementDocument serves a document of the agreement to whoever may see the agreement,
// signed in by the session (a draft's papers to city administrators).
func (p *Pages) agreementDocument(c *gin.Context) {
	id, ok := pathID(c)
	doc, err := strconv.ParseInt(c.Param("doc"), 10, 64)
	if !ok || err != nil || doc <= 0 {
		p.notFound(c)
		return
	}
	d, public, err := p.agree.FindDocument(c.Request.Context(), p.actor(c), id, doc)
	if errors.Is(err, agreement.ErrDocumentNotFound) {
		p.notFound(c)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	cache := "private, no-cache"
	if public {
		cache = "public, no-cache"
	}
	document.Serve(c.Writer, c.Request, &d.Stored, cache)
}

// agreementURL is the page of the agreement.
func agreementURL(id int64) string { return agreementsPath + "/" + strconv.FormatInt(id, 10) }
