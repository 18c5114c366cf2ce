package webui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// compactListLimit is the number of signatories on a page of the Compact's list.
const compactListLimit = 50

// compactPage is the Compact with its current signatories: the count, a search by name,
// one page of the list and the CSV exports.
type compactPage struct {
	Agreement *agreement.Agreement
	Form      *form
	// Signatories is the page shown; Count is how many match the search in all, and Total
	// how many have signed, whatever the search.
	Signatories       []agreement.Signatory
	Count, Total      int
	Searching         bool
	CSVURL, CSVAllURL string
	More              bool
	NextURL, FirstURL string
}

var compactSpec = formSpec{order: []string{"q"}}

// compactPath is the public page of the Compact.
const compactPath = "/overenskommelsen"

// compact shows the Compact and who has signed it; the second of its principles is
// openness, so the page is for everyone. A search that cannot be used (too long, a cursor
// not made by us) answers 422 with the message next to the field.
func (p *Pages) compact(c *gin.Context) {
	ctx, actor := c.Request.Context(), p.actor(c)
	a, err := p.agree.FindCompact(ctx, actor)
	if errors.Is(err, agreement.ErrNotFound) {
		p.notFound(c)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	values := c.Request.URL.Query()
	q := strings.TrimSpace(values.Get("q"))
	api := fmt.Sprintf("/api/v1/agreements/%d/signatories.csv", a.ID)
	page := compactPage{Agreement: a, Form: newForm(values), Searching: q != "", CSVURL: api, CSVAllURL: api + "?all=true"}
	all, err := p.agree.FindSignatories(ctx, actor, a.ID, agreement.SignatoryFilter{Limit: 1})
	if err != nil {
		p.fail(c, err)
		return
	}
	page.Total = all.Count
	cursor := values.Get("cursor")
	res, err := p.agree.FindSignatories(ctx, actor, a.ID, agreement.SignatoryFilter{Q: q, Limit: compactListLimit, Cursor: cursor})
	if errs := fault.Fields(err); errs != nil {
		page.Form.addErrors(p.lang(c), compactSpec, errs)
		p.render(c, http.StatusUnprocessableEntity, "compact", "compact", page)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	page.Signatories, page.Count, page.More = res.Items, res.Count, res.Next != nil
	if res.Next != nil {
		page.NextURL = pageURL(compactPath, values, res.Next.Encode())
	}
	if cursor != "" {
		page.FirstURL = pageURL(compactPath, values, "")
	}
	p.render(c, http.StatusOK, "compact", "compact", page)
}
