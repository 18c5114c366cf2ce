package webui

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// The choices of the booking form's repeat field, and how many weeks apart each repeats.
var repeatIntervals = map[string]int{"weekly": 1, "biweekly": 2}

// rruleDays are the RRULE names of the weekdays 1 (Monday) to 7 (Sunday).
var rruleDays = []string{"", "MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// refusalView is an occurrence of a series that could not be booked, as the pages list it:
// its local time and why, in words.
type refusalView struct {
	When    string
	Reasons []string
}

// seriesPage shows a series: the occurrences booked and those skipped.
type seriesPage struct {
	Room    *venue.Room
	Booked  []seriesOccurrence
	Skipped []refusalView
	Pending bool
	// OrgBookings is the booking organisation's list of bookings.
	OrgBookings string
	// Notice says what was just done (?klart=); Path is the page's own.
	Notice, Path string
}

// seriesOccurrence is one booking of a series as the pages list it.
type seriesOccurrence struct {
	ID      int64
	When    string
	Status  booking.Status
	Current bool
}

// repeatField is the booking form's choice of repeating: not, every week or every other week.
func repeatField(lang i18n.Lang, f *form) field {
	fl := newField(lang, f, "repeat", []string{"label:ui.booking_series.repeat"})
	fl.Required = true
	for _, v := range []string{"", "weekly", "biweekly"} {
		key := "ui.booking_series.repeat." + v
		if v == "" {
			key += "no"
		}
		fl.Options = append(fl.Options, option{Value: v, Label: i18n.T(lang, key), Checked: f.Value("repeat") == v})
	}
	return fl
}

// createSeries books the room again and again from the form. Nothing is stored unless every
// occurrence can be booked, or the visitor ticked "book the free ones"; a refusal comes back
// as the form with the visitor's values and every refused occurrence with its reasons (409),
// field errors next to their fields (422), or the rule that keeps the organisation out
// (403). A series booked is shown with what was skipped.
func (p *Pages) createSeries(c *gin.Context, r *venue.Room, values url.Values) {
	in, errs := p.bookingInput(values, r.ID)
	si, serrs := p.seriesInput(values, in)
	if errs = append(errs, serrs...); len(errs) > 0 {
		p.bookingFormInvalid(c, values, seriesFields(values, merge(p.validate, si, errs, seriesFieldName(values))), r)
		return
	}
	res, err := p.bookings.CreateSeries(c.Request.Context(), p.actor(c), si)
	if fe := fault.Fields(err); fe != nil {
		p.bookingFormInvalid(c, values, seriesFields(values, fe), r)
		return
	}
	var se *booking.SeriesError
	if errors.As(err, &se) {
		lang := p.lang(c)
		f := newForm(values)
		f.ProblemTitle = i18n.T(lang, "problem.series_refused.title")
		f.Problem = i18n.T(lang, "ui.booking_series.refused")
		if si.SkipUnavailable {
			f.Problem = i18n.T(lang, "ui.booking_series.none_free")
		}
		p.bookingFormWith(c, http.StatusConflict, f, r, bookingFormPage{Refused: p.refusalViews(lang, se.Refused)})
		return
	}
	if p.ruleRefused(c, values, r, err) {
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	// Redirect after POST: the series' page lists what was booked and skipped, and a reload
	// reads it again instead of booking again.
	notice := "serie"
	if slices.ContainsFunc(res.Bookings, func(b booking.Booking) bool { return b.Status == booking.StatusPending }) {
		notice = "serie-forfragan"
	}
	c.Redirect(http.StatusSeeOther, seriesResultPath(res.Bookings[0].ID)+"?klart="+notice)
}

// seriesInput reads the repeat part of the form into a series whose first occurrence is the
// one-off booking in: its start becomes local wall-clock time, its end a length in minutes
// of the clock (18:00–20:30 stays 150 minutes on the day the clocks change).
func (p *Pages) seriesInput(q url.Values, in booking.Input) (booking.SeriesInput, fault.FieldErrors) {
	out := booking.SeriesInput{
		RoomID: in.RoomID, OrganisationID: in.OrganisationID, Title: in.Title, Purpose: in.Purpose,
		Attendees: in.Attendees, Public: in.Public, SkipUnavailable: q.Get("skip_unavailable") == "yes",
	}
	var errs fault.FieldErrors
	if !in.StartsAt.IsZero() {
		l := in.StartsAt.In(p.loc)
		out.Start = time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), 0, 0, time.UTC)
	}
	start, startOK := parseClock(q.Get("starts_at"))
	end, endOK := parseClock(q.Get("ends_at"))
	if startOK && endOK && start >= 0 && end >= 0 {
		if end <= start {
			errs = append(errs, fault.FieldError{Field: "ends_at", Code: booking.CodeEndNotAfterStart})
		}
		out.DurationMinutes = end - start
	}
	rule, rerrs := repeatRule(q)
	out.RRule = rule
	return out, append(errs, rerrs...)
}

// repeatRule makes the weekly RRULE the form asks for: every week or every other week, on
// the weekdays ticked (by default the start date's), until a date (inclusive, local) or a
// number of times.
func repeatRule(q url.Values) (string, fault.FieldErrors) {
	var errs fault.FieldErrors
	interval, ok := repeatIntervals[q.Get("repeat")]
	if !ok {
		errs = append(errs, fault.FieldError{Field: "repeat", Code: "oneof", Param: "weekly biweekly"})
	}
	parts := []string{"FREQ=WEEKLY"}
	if interval > 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(interval))
	}
	var days []string
	for _, d := range q["repeat_days"] {
		n, err := strconv.Atoi(d)
		if err != nil || n < 1 || n > 7 {
			errs = append(errs, fault.FieldError{Field: "repeat_days", Code: "oneof", Param: "1 2 3 4 5 6 7"})
			break
		}
		if !slices.Contains(days, rruleDays[n]) {
			days = append(days, rruleDays[n])
		}
	}
	if len(days) > 0 {
		parts = append(parts, "BYDAY="+strings.Join(days, ","))
	}
	end, eerrs := repeatEnd(q)
	return strings.Join(append(parts, end), ";"), append(errs, eerrs...)
}

// repeatEnd is the RRULE's UNTIL or COUNT: exactly one of the form's until date and number
// of times.
func repeatEnd(q url.Values) (string, fault.FieldErrors) {
	untilText, countText := strings.TrimSpace(q.Get("repeat_until")), strings.TrimSpace(q.Get("repeat_count"))
	switch {
	case untilText == "" && countText == "":
		return "", fault.FieldErrors{{Field: "repeat_until", Code: "required_without", Param: "repeat_count"}}
	case untilText != "" && countText != "":
		return "", fault.FieldErrors{{Field: "repeat_count", Code: "excluded_with", Param: "repeat_until"}}
	case countText != "":
		n, ok := parseInt(countText)
		switch {
		case !ok:
			return "", fault.FieldErrors{typeError("repeat_count", "integer")}
		case n < 1:
			return "", fault.FieldErrors{{Field: "repeat_count", Code: "gte", Param: "1"}}
		case n > booking.MaxOccurrences:
			return "", fault.FieldErrors{{Field: "repeat_count", Code: "lte", Param: strconv.Itoa(booking.MaxOccurrences)}}
		}
		return "COUNT=" + strconv.Itoa(n), nil
	}
	until, ok := parseDate(untilText)
	if !ok {
		return "", fault.FieldErrors{{Field: "repeat_until", Code: "date"}}
	}
	if first, ok := parseDate(q.Get("date")); ok && !first.IsZero() && until.Before(first) {
		return "", fault.FieldErrors{{Field: "repeat_until", Code: booking.CodeLastBeforeFirst}}
	}
	// The whole last day counts: an occurrence that starts on it is in.
	return "UNTIL=" + until.Format("20060102") + "T235959", nil
}

// seriesFieldName names on the form a field the series service or validator names: the
// start and length are the start and end times, the rule is whichever end was given.
func seriesFieldName(q url.Values) func(string) string {
	return func(name string) string {
		switch name {
		case "start":
			return "starts_at"
		case "duration_minutes":
			return "ends_at"
		case "rrule":
			if strings.TrimSpace(q.Get("repeat_count")) != "" {
				return "repeat_count"
			}
			return "repeat_until"
		}
		return name
	}
}

// seriesFields renames errs to the form's fields, so that each message names the field the
// visitor sees.
func seriesFields(q url.Values, errs fault.FieldErrors) fault.FieldErrors {
	rename := seriesFieldName(q)
	out := make(fault.FieldErrors, len(errs))
	for i, e := range errs {
		e.Field = rename(fieldName(e.Field))
		out[i] = e
	}
	return out
}

// refusalViews describes refused occurrences in words: the messages of the field errors the
// one-off form shows next to its fields, and each clash as the one-off form lists it.
func (p *Pages) refusalViews(lang i18n.Lang, rs []booking.Refusal) []refusalView {
	out := make([]refusalView, 0, len(rs))
	for _, r := range rs {
		v := refusalView{When: p.span(r.StartsAt, r.EndsAt)}
		for _, fe := range fault.Fields(r.Err) {
			v.Reasons = append(v.Reasons, validation.Message(lang, fe))
		}
		var ce *booking.ConflictError
		if errors.As(r.Err, &ce) {
			v.Reasons = append(v.Reasons, p.clashReasons(lang, ce)...)
		}
		out = append(out, v)
	}
	return out
}

// clashReasons says what holds the time of a clashing occurrence: only whether a booking is
// the organisation's own, never whose another is.
func (p *Pages) clashReasons(lang i18n.Lang, ce *booking.ConflictError) []string {
	if len(ce.Clashes) == 0 {
		return []string{i18n.T(lang, "ui.booking_series.taken")}
	}
	out := make([]string, 0, len(ce.Clashes))
	for _, cl := range ce.Clashes {
		whose := i18n.T(lang, "ui.booking_form.other")
		if cl.Own {
			whose = i18n.T(lang, "ui.booking_form.own")
		}
		out = append(out, i18n.T(lang, "ui.booking_series.clash", whose, p.span(cl.StartsAt, cl.EndsAt)))
	}
	return out
}

// seriesOf lists the bookings of b's series in order, b marked, for b's page; nil for a
// one-off booking. The others' times and statuses are no more than the room's week view
// shows, and each link leads to a page that checks who may see it.
func (p *Pages) seriesOf(ctx context.Context, b *booking.Booking) ([]seriesOccurrence, error) {
	if b.SeriesID == nil {
		return nil, nil
	}
	bs, err := p.bookings.FindSeriesBookings(ctx, *b.SeriesID)
	if err != nil {
		return nil, err
	}
	out := make([]seriesOccurrence, 0, len(bs))
	for _, o := range bs {
		out = append(out, seriesOccurrence{ID: o.ID, When: p.span(o.StartsAt, o.EndsAt), Status: o.Status, Current: o.ID == b.ID})
	}
	return out, nil
}
