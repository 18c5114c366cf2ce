package webui

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/report"
)

// usagePath is the use statistics of one venue (?venue=ID&from=&to=); usagePath + ".csv" and
// ".xlsx" are its tables as files. Open to anyone, like the sharing report: private bookings
// are busy time, never tied to an organisation but for a city administrator.
const usagePath = sharingPath + "/anvandning"

// usagePage is the statistics written out for the visitor's language.
type usagePage struct {
	Form            *form
	Usage           *report.Usage // nil when the period could not be read
	Span            string
	Venue           string // the venue's id as given
	Rooms           []usageRow
	Total           usageRow
	Orgs            []usageRow
	Private         *usageRow // nil when the viewer sees private bookings by organisation
	HeatChart       template.HTML
	Days            []string   // Monday first
	Heat            [][]string // [day][hour]
	CSVURL, XLSXURL string
	Empty           bool
}

type usageRow struct {
	Name, Hours, Open, Share, Bookings, People string
}

func (p *Pages) usageReport(c *gin.Context) {
	lang := p.lang(c)
	values := c.Request.URL.Query()
	page := &usagePage{Form: newForm(values), Venue: values.Get("venue")}
	u, err := p.findUsage(c, values)
	if errs := fault.Fields(err); errs != nil {
		page.Form.addErrors(lang, sharingSpec, errs)
		p.render(c, http.StatusUnprocessableEntity, "reports_usage", "reports", page)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	page.Usage = u
	page.fill(lang)
	q := url.Values{"venue": {strconv.FormatInt(u.VenueID, 10)}, "from": {u.Period.From.Format(time.DateOnly)}, "to": {u.Period.To.Format(time.DateOnly)}}.Encode()
	page.CSVURL, page.XLSXURL = usagePath+".csv?"+q, usagePath+".xlsx?"+q
	page.Form.values.Set("from", u.Period.From.Format(time.DateOnly))
	page.Form.values.Set("to", u.Period.To.Format(time.DateOnly))
	p.render(c, http.StatusOK, "reports_usage", "reports", page)
}

// findUsage reads venue (an unknown or missing one is not found), from and to.
func (p *Pages) findUsage(c *gin.Context, values url.Values) (*report.Usage, error) {
	period, err := p.sharingPeriod(values)
	if err != nil {
		return nil, err
	}
	venue, err := strconv.ParseInt(values.Get("venue"), 10, 64)
	if err != nil || venue <= 0 {
		return nil, report.ErrVenueNotFound
	}
	return p.reports.FindUsage(c.Request.Context(), p.actor(c), venue, period)
}

func usageShare(lang i18n.Lang, r report.RoomUsage) string {
	if r.Share() < 0 {
		return i18n.T(lang, "ui.usage.always_open")
	}
	return sharingHours(lang, r.Share()*100) + "\u00a0%"
}

func (page *usagePage) fill(lang i18n.Lang) {
	u := page.Usage
	page.Span = u.Period.From.Format(time.DateOnly) + "–" + u.Period.To.Format(time.DateOnly)
	room := func(name string, r report.RoomUsage) usageRow {
		return usageRow{Name: name, Hours: sharingHours(lang, r.Hours), Open: sharingHours(lang, r.OpenHours), Share: usageShare(lang, r),
			Bookings: strconv.Itoa(r.Bookings), People: strconv.Itoa(r.Attendees)}
	}
	for _, r := range u.Rooms {
		page.Rooms = append(page.Rooms, room(r.Name, r))
	}
	page.Total = room(i18n.T(lang, "ui.usage.total"), u.Total)
	fig := func(name string, f report.UseFigures) usageRow {
		return usageRow{Name: name, Hours: sharingHours(lang, f.Hours), Bookings: strconv.Itoa(f.Bookings), People: strconv.Itoa(f.Attendees)}
	}
	for _, o := range u.ByOrg {
		page.Orgs = append(page.Orgs, fig(o.Name, o.UseFigures))
	}
	if !u.PrivateSplit {
		r := fig(i18n.T(lang, "ui.usage.private"), u.Private)
		page.Private = &r
	}
	for d := range 7 {
		page.Days = append(page.Days, i18n.T(lang, "ui.weekday."+strconv.Itoa(d+1)))
		row := make([]string, 24)
		for h := range 24 {
			row[h] = sharingHours(lang, u.Heat[d][h])
		}
		page.Heat = append(page.Heat, row)
	}
	page.HeatChart = heatSVG(page.Days, u.Heat)
	page.Empty = u.Total.Bookings == 0
}

// heatSVG draws the heat map: a square per weekday and hour, the darker the more hours
// booked. It is hidden from screen readers: the table beside it holds the same figures.
func heatSVG(days []string, heat [7][24]float64) template.HTML {
	const labelW, cell, top = 110, 24, 22
	maxV := 0.0
	for _, d := range heat {
		for _, v := range d {
			maxV = max(maxV, v)
		}
	}
	if maxV == 0 {
		maxV = 1
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" preserveAspectRatio="xMinYMin meet" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">`,
		labelW+24*cell, top+7*cell)
	for h := 0; h < 24; h += 3 {
		fmt.Fprintf(&b, `<text class="chart__text" x="%d" y="16">%02d</text>`, labelW+h*cell+2, h)
	}
	for d, name := range days {
		y := top + d*cell
		fmt.Fprintf(&b, `<text class="chart__text" x="%d" y="%d" text-anchor="end">%s</text>`, labelW-8, y+cell/2+5, template.HTMLEscapeString(clip(name, 12)))
		for h := range 24 {
			fmt.Fprintf(&b, `<rect class="chart__bar--this" x="%d" y="%d" width="%d" height="%d" fill-opacity="%.2f"/>`,
				labelW+h*cell+1, y+1, cell-2, cell-2, 0.06+0.94*heat[d][h]/maxV)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// usageExport is the statistics as a file: rooms, organisations and the heat map, headers in
// the visitor's language, hours as numbers.
func (p *Pages) usageExport(format export.Format) gin.HandlerFunc {
	return func(c *gin.Context) {
		lang := p.lang(c)
		u, err := p.findUsage(c, c.Request.URL.Query())
		if fault.Fields(err) != nil {
			c.Redirect(http.StatusSeeOther, usagePath+"?"+c.Request.URL.RawQuery)
			return
		}
		if err != nil {
			p.fail(c, err)
			return
		}
		_ = export.Send(c.Writer, fmt.Sprintf("anvandning-%d-%s-%s", u.VenueID, u.Period.From.Format(time.DateOnly), u.Period.To.Format(time.DateOnly)),
			format, usageTables(lang, u)...)
	}
}

func usageTables(lang i18n.Lang, u *report.Usage) []export.Table {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	round := func(h float64) float64 { return math.Round(h*100) / 100 }
	rooms := export.Table{Title: t("ui.usage.rooms"), Header: []string{t("ui.usage.col.room"), t("ui.usage.col.booked"), t("ui.usage.col.open"),
		t("ui.usage.col.bookings"), t("ui.usage.col.people")}}
	for _, r := range append(u.Rooms, report.RoomUsage{Name: t("ui.usage.total"), UseFigures: u.Total.UseFigures, OpenHours: u.Total.OpenHours}) {
		rooms.Rows = append(rooms.Rows, []any{r.Name, round(r.Hours), round(r.OpenHours), r.Bookings, r.Attendees})
	}
	orgs := export.Table{Title: t("ui.usage.orgs"), Header: []string{t("ui.usage.col.org"), t("ui.usage.col.booked"), t("ui.usage.col.bookings"), t("ui.usage.col.people")}}
	for _, o := range u.ByOrg {
		orgs.Rows = append(orgs.Rows, []any{o.Name, round(o.Hours), o.Bookings, o.Attendees})
	}
	if !u.PrivateSplit {
		orgs.Rows = append(orgs.Rows, []any{t("ui.usage.private"), round(u.Private.Hours), u.Private.Bookings, u.Private.Attendees})
	}
	heat := export.Table{Title: t("ui.usage.sheet.heat"), Header: []string{t("ui.usage.col.day")}}
	for h := range 24 {
		heat.Header = append(heat.Header, fmt.Sprintf("%02d", h))
	}
	for d := range 7 {
		row := []any{t("ui.weekday." + strconv.Itoa(d+1))}
		for h := range 24 {
			row = append(row, round(u.Heat[d][h]))
		}
		heat.Rows = append(heat.Rows, row)
	}
	return []export.Table{rooms, orgs, heat}
}
