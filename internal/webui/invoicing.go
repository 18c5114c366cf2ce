package webui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// invoicingPath is the invoicing basis of a period (?from=&to=, local dates, and owner_id to
// narrow to one owner's rooms); invoicingPath + ".csv" and ".xlsx" are the same as files.
// It is for the owners' admins (linked from their organisation's page) and city
// administrators (linked from the Administration group): booking.FindInvoicing decides.
const invoicingPath = "/fakturaunderlag"

// invoicingPage is the invoicing basis with the form that chooses its period.
type invoicingPage struct {
	Form    *form
	Owner   string // the owner's name when narrowed to one
	Result  *booking.Invoicing
	Orgs    []invoiceOrgView
	Total   string
	Hours   string
	CSVURL  string
	XLSXURL string
}

type invoiceOrgView struct {
	Name, OrgNumber string
	Lines           []invoiceLineView
	Total, Hours    string
}

type invoiceLineView struct {
	Date, Time, Room, Title, Hours, Fee string
}

var invoicingSpec = formSpec{order: []string{"from", "to"}}

// invoicingQuery reads the page's query: the period defaults to last month.
func (p *Pages) invoicingQuery(c *gin.Context) (url.Values, booking.InvoicingFilter, fault.FieldErrors) {
	q := url.Values{}
	for _, k := range []string{"from", "to", "owner_id"} {
		if v := c.Query(k); v != "" {
			q.Set(k, v)
		}
	}
	first := time.Date(p.now().In(p.loc).Year(), p.now().In(p.loc).Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	if q.Get("from") == "" && q.Get("to") == "" {
		q.Set("from", first.Format(time.DateOnly))
		q.Set("to", first.AddDate(0, 1, -1).Format(time.DateOnly))
	}
	var f booking.InvoicingFilter
	var errs fault.FieldErrors
	for _, d := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		t, ok := parseDate(q.Get(d.name))
		if !ok {
			errs = append(errs, fault.FieldError{Field: d.name, Code: "date"})
		}
		*d.dst = t
	}
	if v := q.Get("owner_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			errs = append(errs, typeError("owner_id", "integer"))
		}
		f.OwnerID = id
	}
	return q, f, errs
}

// invoicing shows the invoicing basis: per organisation its bookings and totals.
func (p *Pages) invoicing(c *gin.Context) {
	ctx, lang, actor := c.Request.Context(), p.lang(c), p.actor(c)
	q, filter, errs := p.invoicingQuery(c)
	page := invoicingPage{}
	status := http.StatusOK
	var inv *booking.Invoicing
	if len(errs) == 0 {
		var err error
		inv, err = p.bookings.FindInvoicing(ctx, actor, filter)
		if errs = fault.Fields(err); err != nil && errs == nil {
			p.fail(c, err)
			return
		}
	}
	page.Form = newForm(q)
	if len(errs) > 0 {
		page.Form.addErrors(lang, invoicingSpec, errs)
		status = http.StatusUnprocessableEntity
	}
	if filter.OwnerID != 0 && inv != nil {
		o, err := p.orgs.FindOrganisationByID(ctx, filter.OwnerID)
		if err != nil {
			p.fail(c, err)
			return
		}
		page.Owner = o.Name
	}
	if inv != nil {
		page.Result = inv
		page.Total, page.Hours = money(lang, inv.TotalOre), hoursNumber(lang, inv.TotalDuration)
		for _, o := range inv.Organisations {
			ov := invoiceOrgView{Name: o.Name, OrgNumber: o.OrgNumber, Total: money(lang, o.TotalOre), Hours: hoursNumber(lang, o.TotalDuration)}
			for _, l := range o.Lines {
				s, e := l.StartsAt.In(p.loc), l.EndsAt.In(p.loc)
				ov.Lines = append(ov.Lines, invoiceLineView{Date: s.Format(time.DateOnly), Time: s.Format("15:04") + "–" + e.Format("15:04"),
					Room: l.VenueName + ", " + l.RoomName, Title: l.Title, Hours: hoursNumber(lang, l.Duration()), Fee: feeText(lang, l.Fee)})
			}
			page.Orgs = append(page.Orgs, ov)
		}
		page.CSVURL, page.XLSXURL = invoicingPath+".csv?"+q.Encode(), invoicingPath+".xlsx?"+q.Encode()
	}
	p.render(c, status, "invoicing", "invoicing", page)
}

// hoursNumber writes a duration in hours with up to two decimals, a decimal comma in Swedish.
func hoursNumber(lang i18n.Lang, d time.Duration) string {
	return hoursText(lang, booking.Interval{Microseconds: int64(d.Round(36*time.Second) / time.Microsecond)})
}

// invoicingExport is the invoicing basis as a file, with a header in the visitor's language.
func (p *Pages) invoicingExport(format export.Format) gin.HandlerFunc {
	return func(c *gin.Context) {
		_, filter, errs := p.invoicingQuery(c)
		if len(errs) > 0 {
			p.fail(c, errs)
			return
		}
		inv, err := p.bookings.FindInvoicing(c.Request.Context(), p.actor(c), filter)
		if err != nil {
			p.fail(c, err)
			return
		}
		lang := p.lang(c)
		header := make([]string, booking.InvoicingColumns)
		for i := range header {
			header[i] = i18n.T(lang, fmt.Sprintf("ui.invoicing.col.%d", i+1))
		}
		t := booking.InvoicingTable(inv, p.loc, header, i18n.T(lang, "ui.invoicing.total"))
		t.Title = i18n.T(lang, "ui.invoicing.sheet")
		// The status is sent; a write error means the client went away, and there is no one to tell.
		_ = export.Send(c.Writer, fmt.Sprintf("%s-%s-%s", i18n.T(lang, "ui.invoicing.file"), inv.From.Format(time.DateOnly), inv.To.Format(time.DateOnly)), format, t)
	}
}
