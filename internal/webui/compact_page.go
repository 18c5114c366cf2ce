package webui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// compactListLimit is the number of signatories on a page of the Compact's list.
const compactListLimit = 50

// compactPage is the Compact: its six principles, the text in force, its versions, and its
// current signatories — the count, a search by name, one page of the list and the CSV
// exports.
type compactPage struct {
	Agreement *agreement.Agreement
	Form      *form
	// Principles are the keys of the six principles' texts in the catalogue, in order.
	Principles []string
	// Current is the version in force today (nil before the first is adopted); its text and
	// link, failing those the agreement's, are CurrentText and CurrentLink.
	Current                  *agreement.Version
	CurrentText, CurrentLink string
	// Versions are all versions, newest first.
	Versions []compactVersion
	// Signatories is the page shown; Count is how many match the search in all, and Total
	// how many have signed, whatever the search.
	Signatories         []agreement.Signatory
	Count, Total        int
	Searching           bool
	CSVURL, CSVAllURL   string
	XLSXURL, XLSXAllURL string
	More                bool
	NextURL, FirstURL   string
}

var compactSpec = formSpec{order: []string{"q"}}

// compactPrinciples name the Compact's six principles ("ui.compact.principle.<name>" and
// "….text"); the second, openness, is why its signatories and agreements are public.
var compactPrinciples = []string{"independence", "openness", "dialogue", "quality", "long_term", "diversity"}

// compactVersion is a version of the Compact as the history lists it.
type compactVersion struct {
	agreement.Version
	Current, Coming bool // in force today; adopted for a day still to come
}

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
	api := fmt.Sprintf("/api/v1/agreements/%d/signatories", a.ID)
	page := compactPage{Agreement: a, Form: newForm(values), Searching: q != "", CSVURL: api + ".csv", CSVAllURL: api + ".csv?all=true",
		XLSXURL: api + ".xlsx", XLSXAllURL: api + ".xlsx?all=true",
		Principles: compactPrinciples}
	page.setVersions(a, p.now().In(p.loc))
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

// setVersions fills in the version in force on the day of now, its text, and the history.
// A version is in force from the day it was adopted until the next one is.
func (page *compactPage) setVersions(a *agreement.Agreement, now time.Time) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	current := -1
	for i, v := range a.Versions { // oldest first
		if !v.AdoptedOn.After(today) {
			current = i
		}
	}
	page.CurrentText, page.CurrentLink = a.Body, a.Link
	if current >= 0 {
		v := a.Versions[current]
		page.Current = &v
		if v.Body != "" || v.Link != "" {
			page.CurrentText, page.CurrentLink = v.Body, v.Link
		}
	}
	for i := len(a.Versions) - 1; i >= 0; i-- {
		v := a.Versions[i]
		page.Versions = append(page.Versions, compactVersion{Version: v, Current: i == current, Coming: v.AdoptedOn.After(today)})
	}
}
