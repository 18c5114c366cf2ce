package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// agreementListLimit is the number of agreements on a page of a public list.
const agreementListLimit = 50

// The public lists of agreements of one kind.
const (
	premisesListPath = "/avtal/lokalavtal"
	iopListPath      = "/avtal/iop"
)

// agreementListPage is a public list of the agreements of one kind, with their parties,
// the premises they cover, terms, period and status. Drafts are in it for city
// administrators only (the service leaves them out for anyone else).
type agreementListPage struct {
	Kind       agreement.Kind
	Path       string
	Agreements []agreementView
	// OtherPath is the other list, for the link between them.
	OtherPath         string
	NextURL, FirstURL string
}

// premisesAgreements lists the premises-sharing agreements: who shares which premises with
// whom, on what terms, for how long.
func (p *Pages) premisesAgreements(c *gin.Context) {
	p.agreementList(c, agreement.KindPremisesSharing, premisesListPath, iopListPath)
}

// iopAgreements lists the partnership agreements (IOP) between city departments and
// associations.
func (p *Pages) iopAgreements(c *gin.Context) {
	p.agreementList(c, agreement.KindIOP, iopListPath, premisesListPath)
}

func (p *Pages) agreementList(c *gin.Context, kind agreement.Kind, path, other string) {
	values := c.Request.URL.Query()
	cursor := values.Get("cursor")
	res, err := p.agree.FindAgreements(c.Request.Context(), p.actor(c), agreement.Filter{Kind: string(kind), Limit: agreementListLimit, Cursor: cursor})
	if fault.Fields(err) != nil {
		// Only a cursor not made by us gets here: start from the first page.
		c.Redirect(http.StatusSeeOther, path)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	page := agreementListPage{Kind: kind, Path: path, OtherPath: other}
	for i := range res.Items {
		page.Agreements = append(page.Agreements, viewAgreement(&res.Items[i]))
	}
	if res.Next != nil {
		page.NextURL = pageURL(path, values, res.Next.Encode())
	}
	if cursor != "" {
		page.FirstURL = pageURL(path, values, "")
	}
	p.render(c, http.StatusOK, "agreement_list", "", page)
}

// agreementView is an agreement with its parties grouped by role, in the order of the
// roles its kind has.
type agreementView struct {
	*agreement.Agreement
	Groups []partyGroup
}

type partyGroup struct {
	Role    agreement.Role
	Parties []agreement.Party
}

func viewAgreement(a *agreement.Agreement) agreementView {
	v := agreementView{Agreement: a}
	for _, r := range agreement.RolesOf(a.Kind) {
		if ps := a.PartiesIn(r); len(ps) > 0 {
			v.Groups = append(v.Groups, partyGroup{Role: r, Parties: ps})
		}
	}
	return v
}
