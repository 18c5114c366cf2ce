package webui

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// venueListLimit is the page size of the premises list unless ?limit= asks otherwise.
const venueListLimit = 12

type venuesPage struct {
	Form              *form
	Districts         []string
	Venues            []venue.Venue
	More              bool
	NextURL, FirstURL string
}

// filterSpec names the filter fields for error messages. The venue filter calls its
// facilities "facility" (the validator's name for it); the page uses the API's "facilities".
var filterSpec = formSpec{
	order: []string{"q", "owner_kind", "district", "capacity_min", "facilities", "accessibility"},
	groups: map[string]string{
		"facilities":    validation.Facilities[0],
		"accessibility": venue.AccessibilityFeatures[0],
	},
	rename: func(name string) string {
		if name == "facility" {
			return "facilities"
		}
		return name
	},
}

// venueList is the premises list with the API's filters. Filter values that cannot be used
// (capacity_min=abc, an unknown facility) answer 422 with the message next to the field and
// what was typed kept, and no results: showing results for a different question than the
// one asked would mislead.
func (p *Pages) venueList(c *gin.Context) {
	ctx := c.Request.Context()
	values := c.Request.URL.Query()
	sum, err := p.venues.Summarise(ctx)
	if err != nil {
		p.fail(c, err)
		return
	}
	page := venuesPage{Form: newForm(values), Districts: sum.Districts}
	f, errs := venueFilter(values)
	if len(errs) > 0 {
		errs = merge(p.validate, f, errs, filterSpec.rename)
	} else {
		res, err := p.venues.FindVenues(ctx, f)
		errs = fault.Fields(err)
		if err != nil && errs == nil {
			p.fail(c, err)
			return
		}
		page.Venues, page.More = res.Items, res.Next != nil
		if res.Next != nil {
			page.NextURL = listURL(values, res.Next.Encode())
		}
		if f.Cursor != "" {
			page.FirstURL = listURL(values, "")
		}
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
		page.Form.addErrors(p.lang(c), filterSpec, errs)
	}
	p.render(c, status, "venues", "venues", page)
}

// venueFilter reads the list's query parameters, as the API does; a number that does not
// parse is a field error of code "type".
func venueFilter(q url.Values) (venue.Filter, fault.FieldErrors) {
	f := venue.Filter{
		Q:         strings.TrimSpace(q.Get("q")),
		OwnerKind: q.Get("owner_kind"),
		District:  strings.TrimSpace(q.Get("district")),
		Cursor:    q.Get("cursor"),
		Limit:     venueListLimit,
	}
	var errs fault.FieldErrors
	for _, v := range q["facilities"] {
		if v != "" {
			f.Facilities = append(f.Facilities, v)
		}
	}
	for _, v := range q["accessibility"] {
		if v != "" {
			f.Accessibility = append(f.Accessibility, v)
		}
	}
	if n, ok := parseInt(q.Get("capacity_min")); ok {
		f.CapacityMin = n
	} else {
		errs = append(errs, typeError("capacity_min", "integer"))
	}
	if s := q.Get("limit"); s != "" {
		if n, ok := parseInt(s); ok && n > 0 {
			f.Limit = n
		} else {
			errs = append(errs, typeError("limit", "integer"))
		}
	}
	return f, errs
}

// listURL is the list with the same filters at the page starting at cursor.
func listURL(q url.Values, cursor string) string { return pageURL("/lokaler", q, cursor) }

// pageURL is the list at path with the same query at the page starting at cursor.
func pageURL(path string, q url.Values, cursor string) string {
	next := url.Values{}
	for k, v := range q {
		if k != "cursor" && k != "lang" {
			next[k] = v
		}
	}
	if cursor != "" {
		next.Set("cursor", cursor)
	}
	if len(next) == 0 {
		return path
	}
	return path + "?" + next.Encode()
}
