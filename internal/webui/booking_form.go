package webui

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// bookingFormPage is the form that books a room once.
type bookingFormPage struct {
	Form *form
	Room *venue.Room
	// Orgs are the organisations the visitor may book for.
	Orgs []organisation.Organisation
	// Clashes describe, in local time, the bookings that hold the time asked for (409).
	Clashes []clashView
	// NeedsApproval, Terms and Hours are the room owner's rules, for the visitor to read first.
	NeedsApproval bool
	Terms         string
	Hours         []string
	// Repeat is the choice of repeating the booking weekly; Refused lists, for a series
	// refused as a whole, every occurrence that could not be booked and why.
	Repeat  field
	Refused []refusalView
	// Price is the room's price list with the price of each organisation the visitor may
	// book for and, once chosen, of the time chosen.
	Price *priceView
}

// clashView is one clashing booking as the form lists it.
type clashView struct {
	When string
	Own  bool
}

// bookingSpec names the booking form's fields in page order. The service reports times on
// starts_at and ends_at, which are the names of the start and end time fields.
var bookingSpec = formSpec{
	order: []string{"organisation_id", "title", "purpose", "attendees", "public", "date", "starts_at", "ends_at",
		"repeat", "repeat_days", "repeat_until", "repeat_count", "skip_unavailable"},
	groups: map[string]string{"public": "yes", "repeat_days": "1", "skip_unavailable": "yes"},
}

// prefillFields are the booking form's fields that a link may fill in (from a search, the
// week grid or a room's page): what was chosen there, never who books.
var prefillFields = []string{"title", "attendees", "date", "starts_at", "ends_at", "repeat", "repeat_days", "repeat_until", "skip_unavailable"}

// newBooking shows the booking form for the room, filled in with what the link carries
// (prefillFields; ?datum= is the date, as older links have it). Nothing is checked until
// the form is sent.
func (p *Pages) newBooking(c *gin.Context) {
	r, ok := p.findRoomToBook(c)
	if !ok {
		return
	}
	q, values := c.Request.URL.Query(), url.Values{}
	for _, k := range prefillFields {
		if v, ok := q[k]; ok {
			values[k] = v
		}
	}
	if d := c.Query("datum"); d != "" && values.Get("date") == "" {
		if _, err := time.ParseInLocation(time.DateOnly, d, p.loc); err == nil {
			values.Set("date", d)
		}
	}
	p.bookingForm(c, http.StatusOK, newForm(values), r, nil)
}

// createBooking books the room from the form and goes to the booking's page, saying whether
// it is confirmed or awaits approval. A refusal comes back as the form with the visitor's
// values: field errors next to their fields (422), the clashing times (409), or the rule
// that keeps the organisation out (403).
func (p *Pages) createBooking(c *gin.Context) {
	r, ok := p.findRoomToBook(c)
	if !ok {
		return
	}
	values := postedValues(c)
	if values.Get("repeat") != "" {
		p.createSeries(c, r, values)
		return
	}
	in, errs := p.bookingInput(values, r.ID)
	lang := p.lang(c)
	if errs = merge(p.validate, in, errs, nil); len(errs) > 0 {
		// The service checks the room's rules only once the input's shape is right; ask it
		// now, so that one answer names every field to fix.
		if errs, err := p.withSlotErrors(c.Request.Context(), r.ID, in, errs); err != nil {
			p.fail(c, err)
		} else {
			p.bookingFormInvalid(c, values, errs, r)
		}
		return
	}
	b, err := p.bookings.CreateBooking(c.Request.Context(), p.actor(c), in)
	if fe := fault.Fields(err); fe != nil {
		p.bookingFormInvalid(c, values, fe, r)
		return
	}
	var conflict *booking.ConflictError
	if errors.As(err, &conflict) {
		f := newForm(values)
		f.ProblemTitle = i18n.T(lang, "problem.booking_conflict.title")
		f.Problem = i18n.T(lang, "ui.booking_form.conflict")
		var clashes []clashView
		for _, cl := range conflict.Clashes {
			clashes = append(clashes, clashView{When: p.span(cl.StartsAt, cl.EndsAt), Own: cl.Own})
		}
		p.bookingForm(c, http.StatusConflict, f, r, clashes)
		return
	}
	if p.ruleRefused(c, values, r, err) {
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	notice := "bokad"
	if b.Status == booking.StatusPending {
		notice = "forfragan"
	}
	c.Redirect(http.StatusSeeOther, "/bokningar/"+strconv.FormatInt(b.ID, 10)+"?klart="+notice)
}

// withSlotErrors adds to errs what the room's rules of time and size say of the time in
// asks for, when its date and times could be read (a field already named keeps its first
// message on the form).
func (p *Pages) withSlotErrors(ctx context.Context, roomID int64, in booking.Input, errs fault.FieldErrors) (fault.FieldErrors, error) {
	if in.StartsAt.Equal(slotPlaceholder) || !in.EndsAt.After(in.StartsAt) {
		return errs, nil
	}
	fe, err := p.bookings.CheckSlot(ctx, roomID, in.StartsAt, in.EndsAt, max(in.Attendees, 1))
	if err != nil {
		return nil, err
	}
	return append(errs, fe...), nil
}

// ruleRefused answers with the form saying which rule of the room keeps the organisation
// out (403) when err is a *booking.RuleError, and reports whether it did.
func (p *Pages) ruleRefused(c *gin.Context, values url.Values, r *venue.Room, err error) bool {
	var rule *booking.RuleError
	if !errors.As(err, &rule) {
		return false
	}
	p.recordRefusal(c)
	lang := p.lang(c)
	f := newForm(values)
	f.ProblemTitle = i18n.T(lang, "problem.booking_refused.title")
	f.Problem = booking.RuleText(lang, rule)
	p.bookingForm(c, http.StatusForbidden, f, r, nil)
	return true
}

// findRoomToBook loads the room of the path; an anonymous visitor is sent to log in first.
func (p *Pages) findRoomToBook(c *gin.Context) (*venue.Room, bool) {
	if !p.actor(c).SignedIn() {
		p.toLogin(c)
		return nil, false
	}
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	r, err := p.venues.FindRoomByID(c.Request.Context(), id)
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	return r, true
}

// bookers returns the live organisations actor may book for. When there is none, it returns
// the policy's refusal.
func (p *Pages) bookers(ctx context.Context, actor access.Actor) ([]organisation.Organisation, error) {
	var out []organisation.Organisation
	if actor.CityAdmin {
		all, err := p.allOrganisations(ctx, organisation.Filter{})
		if err != nil {
			return nil, err
		}
		out = all
	} else {
		for org := range actor.Roles {
			if access.Check(actor, access.Book, org) != nil {
				continue
			}
			o, err := p.orgs.FindOrganisationByID(ctx, org)
			if fault.KindOf(err) == fault.NotFound {
				continue
			}
			if err != nil {
				return nil, err
			}
			if !o.Archived() {
				out = append(out, *o)
			}
		}
		col := collate.New(language.Swedish)
		slices.SortFunc(out, func(a, b organisation.Organisation) int { return col.CompareString(a.Name, b.Name) })
	}
	if len(out) == 0 {
		return nil, access.ErrForbidden
	}
	return out, nil
}

func (p *Pages) bookingFormInvalid(c *gin.Context, values url.Values, errs fault.FieldErrors, r *venue.Room) {
	f := newForm(values)
	f.addErrors(p.lang(c), bookingSpec, errs)
	p.bookingForm(c, http.StatusUnprocessableEntity, f, r, nil)
}

func (p *Pages) bookingForm(c *gin.Context, status int, f *form, r *venue.Room, clashes []clashView) {
	p.bookingFormWith(c, status, f, r, bookingFormPage{Clashes: clashes})
}

// bookingFormWith renders the form with what page already holds (clashes or refused
// occurrences) and the rest filled in.
func (p *Pages) bookingFormWith(c *gin.Context, status int, f *form, r *venue.Room, page bookingFormPage) {
	orgs, err := p.bookers(c.Request.Context(), p.actor(c))
	if err != nil {
		p.fail(c, err)
		return
	}
	if f.Value("organisation_id") == "" && len(orgs) == 1 {
		f.values.Set("organisation_id", strconv.FormatInt(orgs[0].ID, 10))
	}
	lang := p.lang(c)
	page.Form, page.Room, page.Orgs, page.Repeat = f, r, orgs, repeatField(lang, f)
	rules, err := p.bookings.FindRules(c.Request.Context(), r.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	page.NeedsApproval, page.Terms = rules.Rules.NeedsApproval, rules.Rules.Terms
	for _, h := range rules.Hours {
		page.Hours = append(page.Hours, i18n.T(lang, fmt.Sprintf("ui.weekday.%d", h.Weekday))+" "+clock(h.Opens)+"–"+clock(h.Closes))
	}
	chosen, _ := strconv.ParseInt(f.Value("organisation_id"), 10, 64)
	var start, end time.Time
	if s, e, errs := p.readSlot(f.values); len(errs) == 0 {
		start, end = s, e
	}
	if page.Price, err = p.priceView(c.Request.Context(), lang, r, orgs, chosen, start, end); err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, status, "booking_form", "venues", page)
}

// bookingInput reads the booking form. The date and the times are local Stockholm time;
// ones that cannot be read are field errors, and the rest is left to the service.
func (p *Pages) bookingInput(q url.Values, roomID int64) (booking.Input, fault.FieldErrors) {
	in := booking.Input{
		RoomID:  roomID,
		Title:   q.Get("title"),
		Purpose: q.Get("purpose"),
		Public:  q.Get("public") == "yes",
	}
	var errs fault.FieldErrors
	if s := strings.TrimSpace(q.Get("organisation_id")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			errs = append(errs, typeError("organisation_id", "integer"))
		}
		in.OrganisationID = id
	}
	n, ok := parseInt(q.Get("attendees"))
	if !ok {
		errs = append(errs, typeError("attendees", "integer"))
	}
	in.Attendees = n
	start, end, slotErrs := p.readSlot(q)
	if len(slotErrs) == 0 {
		in.StartsAt, in.EndsAt = start, end
	} else {
		// readSlot has said what is wrong with the date and times; placeholders keep the
		// validator from calling them missing as well.
		errs = append(errs, slotErrs...)
		in.StartsAt, in.EndsAt = slotPlaceholder, slotPlaceholder
	}
	return in, errs
}

// slotPlaceholder stands for a date and times that could not be read.
var slotPlaceholder = time.Unix(1, 0)

// readSlot reads a date and a start and end time of day from a form, in local time; an end
// at or before the start is on the next day only when it is 24:00.
func (p *Pages) readSlot(q url.Values) (start, end time.Time, errs fault.FieldErrors) {
	date, dateOK := parseDate(q.Get("date"))
	switch {
	case !dateOK:
		errs = append(errs, fault.FieldError{Field: "date", Code: "date"})
	case date.IsZero():
		errs = append(errs, fault.FieldError{Field: "date", Code: "required"})
	}
	clockOf := func(name string) int {
		m, ok := parseClock(q.Get(name))
		switch {
		case !ok:
			errs = append(errs, fault.FieldError{Field: name, Code: "time_of_day"})
		case m < 0:
			errs = append(errs, fault.FieldError{Field: name, Code: "required"})
		}
		return m
	}
	s, e := clockOf("starts_at"), clockOf("ends_at")
	if len(errs) > 0 {
		return start, end, errs
	}
	y, mo, d := date.Date()
	return booking.WallClock(y, mo, d, s/60, s%60, 0, p.loc), booking.WallClock(y, mo, d, e/60, e%60, 0, p.loc), nil
}

// parseDate reads a date as 2026-11-03; an empty one is ok and zero.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// parseClock reads a time of day as 18:30, 18.30 or 18, up to 24:00, in minutes; an empty
// one is ok and -1.
func parseClock(s string) (int, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ".", ":"))
	if s == "" {
		return -1, true
	}
	h, m, found := strings.Cut(s, ":")
	hh, err := strconv.Atoi(h)
	if err != nil || len(h) > 2 {
		return 0, false
	}
	mm := 0
	if found {
		if len(m) != 2 {
			return 0, false
		}
		if mm, err = strconv.Atoi(m); err != nil {
			return 0, false
		}
	}
	if hh < 0 || mm < 0 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, false
	}
	return hh*60 + mm, true
}

// clock writes an offset from midnight as 18:30.
func clock(d time.Duration) string {
	m := int(d / time.Minute)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// span writes [start, end) in local time: "2026-11-03 18:00–20:30", with the end's date
// when it falls on another day.
func (p *Pages) span(start, end time.Time) string {
	s, e := start.In(p.loc), end.In(p.loc)
	out := s.Format("2006-01-02 15:04") + "–"
	if e.Format(time.DateOnly) == s.Format(time.DateOnly) {
		return out + e.Format("15:04")
	}
	return out + e.Format("2006-01-02 15:04")
}
