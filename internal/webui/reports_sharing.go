package webui

import (
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

// sharingPath is the sharing report (activity F); sharingPath + ".csv" and ".xlsx" are its
// tables as files. It is open to anyone: it shows no more of private bookings than their
// busy time does (see internal/report).
const sharingPath = "/uppfoljning"

var sharingSpec = formSpec{order: []string{"from", "to"}}

// sharingPage is the report with its figures written out for the visitor's language.
type sharingPage struct {
	Form    *form
	Report  *report.Sharing // nil when the period could not be read
	This    string          // "2026-01-01–2026-12-31"
	Last    string
	Quick   []periodLink
	Summary []sharingRow // the flows, then the total
	Counts  []sharingRow
	// FlowsChart and DistrictsChart are SVG; the tables beside them hold the same figures.
	FlowsChart, DistrictsChart template.HTML
	Districts, Venues, Owners  []sharingRow
	Kinds                      []sharingRow
	Borrowers                  []sharingRow
	CSVURL, XLSXURL            string
	Computed                   string
	Empty                      bool
	PrivateSplit               bool // the viewer sees private bookings split by kind
}

// periodLink is a ready-made period to choose.
type periodLink struct {
	Label, URL string
	Current    bool
}

// sharingRow is one row of a table: its name (and what else names it), and its figures
// written out.
type sharingRow struct {
	Name, Extra, Extra2        string
	URL                        string // a venue's use statistics for the period
	Hours, HoursLast, Change   string
	Bookings, BookingsLast     string
	Count, CountLast           string
	HoursValue, HoursLastValue float64
}

func (p *Pages) sharingReport(c *gin.Context) {
	lang := p.lang(c)
	values := c.Request.URL.Query()
	page := &sharingPage{Form: newForm(values)}
	period, err := p.sharingPeriod(values)
	if err == nil {
		page.Report, err = p.reports.FindSharing(c.Request.Context(), p.actor(c), period)
	}
	if errs := fault.Fields(err); errs != nil {
		page.Form.addErrors(lang, sharingSpec, errs)
		page.Quick = p.sharingQuick(lang, report.Period{})
		p.render(c, http.StatusUnprocessableEntity, "reports_sharing", "reports", page)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	page.fill(lang, p.loc)
	page.Quick = p.sharingQuick(lang, period)
	q := url.Values{"from": {period.From.Format(time.DateOnly)}, "to": {period.To.Format(time.DateOnly)}}.Encode()
	page.CSVURL, page.XLSXURL = sharingPath+".csv?"+q, sharingPath+".xlsx?"+q
	if page.Form.Value("from") == "" {
		page.Form.values.Set("from", period.From.Format(time.DateOnly))
	}
	if page.Form.Value("to") == "" {
		page.Form.values.Set("to", period.To.Format(time.DateOnly))
	}
	p.render(c, http.StatusOK, "reports_sharing", "reports", page)
}

// sharingPeriod reads from and to (YYYY-MM-DD, as a date input sends them); either one
// missing is that end of the current year.
func (p *Pages) sharingPeriod(values url.Values) (report.Period, error) {
	period := p.reports.ThisYear()
	var errs fault.FieldErrors
	for _, f := range []struct {
		name string
		dst  *time.Time
	}{{"from", &period.From}, {"to", &period.To}} {
		s := strings.TrimSpace(values.Get(f.name))
		if s == "" {
			continue
		}
		d, err := time.ParseInLocation(time.DateOnly, s, p.loc)
		if err != nil {
			errs = append(errs, fault.FieldError{Field: f.name, Code: "malformed"})
			continue
		}
		*f.dst = d
	}
	if errs != nil {
		return period, errs
	}
	return period, report.CheckPeriod(period)
}

// sharingQuick offers this year and the last, and their terms.
func (p *Pages) sharingQuick(lang i18n.Lang, current report.Period) []periodLink {
	y := p.reports.ThisYear().From.Year()
	var out []periodLink
	add := func(label string, from, to time.Time) {
		q := url.Values{"from": {from.Format(time.DateOnly)}, "to": {to.Format(time.DateOnly)}}.Encode()
		out = append(out, periodLink{Label: label, URL: sharingPath + "?" + q,
			Current: from.Equal(current.From) && to.Equal(current.To)})
	}
	for _, year := range []int{y, y - 1} {
		add(i18n.T(lang, "ui.sharing.year", year), time.Date(year, 1, 1, 0, 0, 0, 0, p.loc), time.Date(year, 12, 31, 0, 0, 0, 0, p.loc))
		add(i18n.T(lang, "ui.sharing.spring", year), time.Date(year, 1, 1, 0, 0, 0, 0, p.loc), time.Date(year, 6, 30, 0, 0, 0, 0, p.loc))
		add(i18n.T(lang, "ui.sharing.autumn", year), time.Date(year, 7, 1, 0, 0, 0, 0, p.loc), time.Date(year, 12, 31, 0, 0, 0, 0, p.loc))
	}
	return out
}

// sharingHours writes hours with at most one decimal, the decimal sign and thousands separator
// of the language.
func sharingHours(lang i18n.Lang, h float64) string {
	h = math.Round(h*10) / 10
	neg := h < 0
	whole, frac := math.Modf(math.Abs(h))
	digits := strconv.FormatFloat(whole, 'f', 0, 64)
	sep, dec := "\u00a0", ","
	if lang == i18n.EN {
		sep, dec = ",", "."
	}
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if f := int(math.Round(frac * 10)); f > 0 {
		b.WriteString(dec + strconv.Itoa(f))
	}
	if neg {
		return "−" + b.String()
	}
	return b.String()
}

// changeText is a change of hours with its sign.
func changeText(lang i18n.Lang, h float64) string {
	if math.Round(h*10) > 0 {
		return "+" + sharingHours(lang, h)
	}
	return sharingHours(lang, h)
}

func (page *sharingPage) fill(lang i18n.Lang, loc *time.Location) {
	r := page.Report
	span := func(p report.Period) string {
		return p.From.Format(time.DateOnly) + "–" + p.To.Format(time.DateOnly)
	}
	page.This, page.Last = span(r.Period), span(r.Previous)
	page.Computed = r.ComputedAt.In(loc).Format("2006-01-02 15:04")
	row := func(name string, c report.Compared) sharingRow {
		return sharingRow{Name: name, Hours: sharingHours(lang, c.This.Hours), HoursLast: sharingHours(lang, c.Last.Hours),
			Change: changeText(lang, c.Change()), Bookings: strconv.Itoa(c.This.Bookings), BookingsLast: strconv.Itoa(c.Last.Bookings),
			HoursValue: c.This.Hours, HoursLastValue: c.Last.Hours}
	}
	chart := barChart{Series: []barSeries{{Name: page.This, Class: "chart__bar--this"}, {Name: page.Last, Class: "chart__bar--last"}}}
	for _, f := range report.Flows {
		rw := row(i18n.T(lang, "ui.sharing.flow."+string(f)), r.Flows[f])
		page.Summary = append(page.Summary, rw)
		chart.Labels = append(chart.Labels, rw.Name)
		chart.Series[0].Values = append(chart.Series[0].Values, rw.HoursValue)
		chart.Series[1].Values = append(chart.Series[1].Values, rw.HoursLastValue)
	}
	if !r.PrivateSplit {
		rw := row(i18n.T(lang, "ui.sharing.private"), r.Private)
		page.Summary = append(page.Summary, rw)
		chart.Labels = append(chart.Labels, rw.Name)
		chart.Series[0].Values = append(chart.Series[0].Values, rw.HoursValue)
		chart.Series[1].Values = append(chart.Series[1].Values, rw.HoursLastValue)
	}
	page.PrivateSplit = r.PrivateSplit
	page.Summary = append(page.Summary, row(i18n.T(lang, "ui.sharing.total"), r.Total))
	format := func(v float64) string { return sharingHours(lang, v) }
	page.FlowsChart = chart.svg(format)
	count := func(name string, c report.Count) sharingRow {
		return sharingRow{Name: name, Count: strconv.Itoa(c.This), CountLast: strconv.Itoa(c.Last)}
	}
	page.Counts = []sharingRow{
		count(i18n.T(lang, "ui.sharing.lenders"), r.Lenders),
		count(i18n.T(lang, "ui.sharing.borrowers"), r.Borrowers),
		count(i18n.T(lang, "ui.sharing.agreements"), r.Agreements),
	}
	cancelled := row(i18n.T(lang, "ui.sharing.cancelled"), r.Cancelled)
	page.Counts = append(page.Counts, sharingRow{Name: cancelled.Name, Count: cancelled.Bookings, CountLast: cancelled.BookingsLast})

	var districts barChart
	districts.Series = []barSeries{{Name: page.This, Class: "chart__bar--this"}, {Name: page.Last, Class: "chart__bar--last"}}
	for _, d := range r.ByDistrict {
		name := d.Name
		if name == "" {
			name = i18n.T(lang, "ui.sharing.no_district")
		}
		rw := row(name, d.Compared)
		rw.Count, rw.CountLast = strconv.Itoa(d.Borrowers.This), strconv.Itoa(d.Borrowers.Last)
		page.Districts = append(page.Districts, rw)
		districts.Labels = append(districts.Labels, name)
		districts.Series[0].Values = append(districts.Series[0].Values, d.This.Hours)
		districts.Series[1].Values = append(districts.Series[1].Values, d.Last.Hours)
	}
	if len(r.ByDistrict) > 0 {
		page.DistrictsChart = districts.svg(format)
	}
	for _, v := range r.ByVenue {
		rw := row(v.Name, v.Compared)
		rw.Extra, rw.Extra2 = v.Owner, v.District
		rw.URL = usagePath + "?" + url.Values{"venue": {strconv.FormatInt(v.ID, 10)}, "from": {r.Period.From.Format(time.DateOnly)},
			"to": {r.Period.To.Format(time.DateOnly)}}.Encode()
		rw.Count, rw.CountLast = strconv.Itoa(v.Borrowers.This), strconv.Itoa(v.Borrowers.Last)
		page.Venues = append(page.Venues, rw)
	}
	for _, o := range r.ByOwner {
		rw := row(o.Name, o.Compared)
		rw.Count, rw.CountLast = strconv.Itoa(o.Borrowers.This), strconv.Itoa(o.Borrowers.Last)
		page.Owners = append(page.Owners, rw)
	}
	for _, k := range r.ByKind {
		rw := row(i18n.T(lang, "kind."+k.Kind), k.Compared)
		rw.Count, rw.CountLast = strconv.Itoa(k.Organisations.This), strconv.Itoa(k.Organisations.Last)
		page.Kinds = append(page.Kinds, rw)
	}
	for _, b := range r.PublicBorrowers {
		page.Borrowers = append(page.Borrowers, sharingRow{Name: b.Name, Extra: i18n.T(lang, "kind."+b.Kind),
			Hours: sharingHours(lang, b.Hours), Bookings: strconv.Itoa(b.Bookings)})
	}
	page.Empty = r.Total.This.Bookings == 0 && r.Total.Last.Bookings == 0 && r.Cancelled.This.Bookings == 0 && r.Cancelled.Last.Bookings == 0
}

// sharingExport is the report's tables as a file: one sheet (or CSV block) each, headers in
// the visitor's language, hours as numbers.
func (p *Pages) sharingExport(format export.Format) gin.HandlerFunc {
	return func(c *gin.Context) {
		lang := p.lang(c)
		period, err := p.sharingPeriod(c.Request.URL.Query())
		var r *report.Sharing
		if err == nil {
			r, err = p.reports.FindSharing(c.Request.Context(), p.actor(c), period)
		}
		if fault.Fields(err) != nil {
			// A download link is made by the page from a period it could read: this is a typed
			// address. The page says what is wrong with it.
			c.Redirect(http.StatusSeeOther, sharingPath+"?"+c.Request.URL.RawQuery)
			return
		}
		if err != nil {
			p.fail(c, err)
			return
		}
		_ = export.Send(c.Writer, "lokaldelning-"+r.Period.From.Format(time.DateOnly)+"-"+r.Period.To.Format(time.DateOnly), format,
			sharingTables(lang, r)...)
	}
}

func sharingTables(lang i18n.Lang, r *report.Sharing) []export.Table {
	this := r.Period.From.Format(time.DateOnly) + "–" + r.Period.To.Format(time.DateOnly)
	last := r.Previous.From.Format(time.DateOnly) + "–" + r.Previous.To.Format(time.DateOnly)
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	compared := []string{t("ui.sharing.col.hours", this), t("ui.sharing.col.hours", last), t("ui.sharing.col.change"),
		t("ui.sharing.col.bookings", this), t("ui.sharing.col.bookings", last)}
	cells := func(c report.Compared) []any {
		round := func(h float64) float64 { return math.Round(h*100) / 100 }
		return []any{round(c.This.Hours), round(c.Last.Hours), round(c.Change()), c.This.Bookings, c.Last.Bookings}
	}
	summary := export.Table{Title: t("ui.sharing.sheet.summary"), Header: append([]string{t("ui.sharing.col.what")}, compared...)}
	for _, f := range report.Flows {
		summary.Rows = append(summary.Rows, append([]any{t("ui.sharing.flow." + string(f))}, cells(r.Flows[f])...))
	}
	if !r.PrivateSplit {
		summary.Rows = append(summary.Rows, append([]any{t("ui.sharing.private")}, cells(r.Private)...))
	}
	summary.Rows = append(summary.Rows, append([]any{t("ui.sharing.total")}, cells(r.Total)...))
	summary.Rows = append(summary.Rows, append([]any{t("ui.sharing.cancelled")}, cells(r.Cancelled)...))
	counts := export.Table{Title: t("ui.sharing.counts"), Header: []string{t("ui.sharing.col.what"), t("ui.sharing.col.count", this), t("ui.sharing.col.count", last)}}
	for _, c := range []struct {
		key string
		n   report.Count
	}{{"ui.sharing.lenders", r.Lenders}, {"ui.sharing.borrowers", r.Borrowers}, {"ui.sharing.agreements", r.Agreements}} {
		counts.Rows = append(counts.Rows, []any{t(c.key), c.n.This, c.n.Last})
	}
	borrowers := []string{t("ui.sharing.col.borrowers", this), t("ui.sharing.col.borrowers", last)}
	places := func(title string, head []string, rows []report.PlaceRow, lead func(report.PlaceRow) []any) export.Table {
		tb := export.Table{Title: title, Header: append(append(head, compared...), borrowers...)}
		for _, pr := range rows {
			tb.Rows = append(tb.Rows, append(append(lead(pr), cells(pr.Compared)...), pr.Borrowers.This, pr.Borrowers.Last))
		}
		return tb
	}
	districts := places(t("ui.sharing.districts"), []string{t("ui.sharing.col.district")}, r.ByDistrict,
		func(pr report.PlaceRow) []any { return []any{pr.Name} })
	venues := places(t("ui.sharing.venues"), []string{t("ui.sharing.col.venue"), t("ui.sharing.col.owner"), t("ui.sharing.col.district")}, r.ByVenue,
		func(pr report.PlaceRow) []any { return []any{pr.Name, pr.Owner, pr.District} })
	owners := places(t("ui.sharing.owners"), []string{t("ui.sharing.col.owner")}, r.ByOwner,
		func(pr report.PlaceRow) []any { return []any{pr.Name} })
	kinds := export.Table{Title: t("ui.sharing.kinds"), Header: append(append([]string{t("ui.sharing.col.kind")}, compared...),
		t("ui.sharing.col.orgs", this), t("ui.sharing.col.orgs", last))}
	for _, k := range r.ByKind {
		kinds.Rows = append(kinds.Rows, append(append([]any{t("kind." + k.Kind)}, cells(k.Compared)...), k.Organisations.This, k.Organisations.Last))
	}
	public := export.Table{Title: t("ui.sharing.public"), Header: []string{t("ui.sharing.col.org"), t("ui.sharing.col.kind"),
		t("ui.sharing.col.hours", this), t("ui.sharing.col.bookings", this)}}
	for _, b := range r.PublicBorrowers {
		public.Rows = append(public.Rows, []any{b.Name, t("kind." + b.Kind), math.Round(b.Hours*100) / 100, b.Bookings})
	}
	return []export.Table{summary, counts, districts, venues, owners, kinds, public}
}
