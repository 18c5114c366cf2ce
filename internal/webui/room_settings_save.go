package webui

import (
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// rulesSpec names the rules form's fields in page order; the service's names for the
// durations (in minutes) are renamed to the form's (in hours).
var rulesSpec = formSpec{
	order:  []string{"who_may_book", "needs_approval", "min_notice_hours", "horizon_days", "max_duration_hours", "cancel_before_hours", "holidays_closed", "terms"},
	groups: map[string]string{"needs_approval": "yes", "holidays_closed": "yes"},
	rename: func(s string) string {
		if base, ok := strings.CutSuffix(s, "_minutes"); ok {
			return base + "_hours"
		}
		return s
	},
}

// maxHours is the longest notice, booking or cancellation limit the rules take (366 days,
// RulesInput's bound in minutes).
const maxHours = 366 * 24

// saveRoomRules stores the rules form and returns to the settings page.
func (p *Pages) saveRoomRules(c *gin.Context) {
	r, ok := p.roomToManage(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in, errs := rulesInput(values)
	if len(errs) > 0 {
		errs = merge(p.validate, in, errs, rulesSpec.rename)
	} else {
		_, err := p.bookings.SetRules(c.Request.Context(), p.actor(c), r.ID, in)
		if errs = fault.Fields(err); err != nil && errs == nil {
			p.fail(c, err)
			return
		}
	}
	if len(errs) > 0 {
		// Renamed before the messages are made, so that they name the fields in hours.
		for i := range errs {
			errs[i].Field = rulesSpec.rename(fieldName(errs[i].Field))
		}
		f := newForm(values)
		f.addErrors(p.lang(c), rulesSpec, errs)
		p.showSettings(c, http.StatusUnprocessableEntity, r, settingsForms{rules: f})
		return
	}
	c.Redirect(http.StatusSeeOther, settingsURL(r.ID, "regler"))
}

// rulesInput reads the rules form; hours may have decimals ("1,5").
func rulesInput(q url.Values) (booking.RulesInput, fault.FieldErrors) {
	in := booking.RulesInput{
		WhoMayBook:     booking.Who(q.Get("who_may_book")),
		NeedsApproval:  q.Get("needs_approval") == "yes",
		HolidaysClosed: q.Get("holidays_closed") == "yes",
		Terms:          q.Get("terms"),
	}
	var errs fault.FieldErrors
	var ok bool
	if in.HorizonDays, ok = parseInt(q.Get("horizon_days")); !ok {
		errs = append(errs, typeError("horizon_days", "integer"))
	}
	for _, d := range []struct {
		name string
		dst  *int
	}{{"min_notice_hours", &in.MinNoticeMinutes}, {"max_duration_hours", &in.MaxDurationMinutes}, {"cancel_before_hours", &in.CancelBeforeMinutes}} {
		h, ok := parseFloat(q.Get(d.name))
		switch {
		case !ok:
			errs = append(errs, typeError(d.name, "number"))
		case h != nil && *h > maxHours:
			errs = append(errs, fault.FieldError{Field: d.name, Code: "max", Param: strconv.Itoa(maxHours)})
		case h != nil:
			*d.dst = int(math.Round(*h * 60))
		}
	}
	return in, errs
}

// saveOpeningHours stores the opening hours form: the periods filled in, by weekday. An
// empty form opens the room around the clock.
func (p *Pages) saveOpeningHours(c *gin.Context) {
	r, ok := p.roomToManage(c)
	if !ok {
		return
	}
	f := newForm(postedValues(c))
	hours, sent, errs := hoursInput(f)
	if len(errs) == 0 {
		_, err := p.bookings.SetOpeningHours(c.Request.Context(), p.actor(c), r.ID, hours)
		if errs = fault.Fields(err); err != nil && errs == nil {
			p.fail(c, err)
			return
		}
		errs = renamePeriods(errs, sent)
	}
	if len(errs) > 0 {
		f.addErrors(p.lang(c), formSpec{order: hoursFields(f)}, errs)
		p.showSettings(c, http.StatusUnprocessableEntity, r, settingsForms{hours: f})
		return
	}
	c.Redirect(http.StatusSeeOther, settingsURL(r.ID, "oppettider"))
}

// hoursFields lists the fields of the opening hours form in page order.
func hoursFields(f *form) []string {
	var names []string
	for wd := 1; wd <= 7; wd++ {
		for n := 1; n <= periods(f, wd); n++ {
			names = append(names, periodField("opens", wd, n), periodField("closes", wd, n))
		}
	}
	return names
}

// hoursInput reads the periods of the opening hours form, each with the form's names of its
// opening and closing time, and the field errors of times that do not read and of periods
// with only one time. Both times empty is a period the day does not have.
func hoursInput(f *form) (hours []booking.OpeningHours, sent [][2]string, errs fault.FieldErrors) {
	for wd := 1; wd <= 7; wd++ {
		for n := 1; n <= periods(f, wd); n++ {
			opens, closes := periodField("opens", wd, n), periodField("closes", wd, n)
			o, oOK := parseClock(f.Value(opens))
			cl, cOK := parseClock(f.Value(closes))
			if !oOK {
				errs = append(errs, fault.FieldError{Field: opens, Code: "time_of_day"})
			}
			if !cOK {
				errs = append(errs, fault.FieldError{Field: closes, Code: "time_of_day"})
			}
			switch {
			case !oOK || !cOK || o < 0 && cl < 0:
			case o < 0:
				errs = append(errs, fault.FieldError{Field: opens, Code: "period_incomplete"})
			case cl < 0:
				errs = append(errs, fault.FieldError{Field: closes, Code: "period_incomplete"})
			default:
				hours = append(hours, booking.OpeningHours{Weekday: wd, Opens: minutesOf(o), Closes: minutesOf(cl)})
				sent = append(sent, [2]string{opens, closes})
			}
		}
	}
	return hours, sent, errs
}

var periodError = regexp.MustCompile(`^opening_hours\[(\d+)\]\.(opens|closes)$`)

// renamePeriods names the service's errors on opening_hours[i].opens and .closes by the
// form's fields of the i-th period sent.
func renamePeriods(errs fault.FieldErrors, sent [][2]string) fault.FieldErrors {
	out := make(fault.FieldErrors, 0, len(errs))
	for _, e := range errs {
		if m := periodError.FindStringSubmatch(e.Field); m != nil {
			if i, _ := strconv.Atoi(m[1]); i < len(sent) {
				e.Field = sent[i][0]
				if m[2] == "closes" {
					e.Field = sent[i][1]
				}
			}
		}
		out = append(out, e)
	}
	return out
}

// saveClosure closes the room, or its whole venue, for the days of the form.
func (p *Pages) saveClosure(c *gin.Context) {
	r, ok := p.roomToManage(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in, errs := closureInput(values, r)
	if len(errs) == 0 {
		_, err := p.bookings.AddClosure(c.Request.Context(), p.actor(c), in)
		if errs = fault.Fields(err); err != nil && errs == nil {
			p.fail(c, err)
			return
		}
	}
	if len(errs) > 0 {
		f := newForm(values)
		f.addErrors(p.lang(c), closureSpec, errs)
		p.showSettings(c, http.StatusUnprocessableEntity, r, settingsForms{closure: f})
		return
	}
	c.Redirect(http.StatusSeeOther, settingsURL(r.ID, "stangt"))
}

var closureSpec = formSpec{order: []string{"first_day", "last_day", "reason", "scope"}}

// closureInput reads the closure form: days as 2026-12-23, on the room or ("venue") its venue.
func closureInput(q url.Values, r *venue.Room) (booking.ClosureInput, fault.FieldErrors) {
	in, errs := closureDays(q)
	in.RoomID = r.ID
	if q.Get("scope") == "venue" {
		in.RoomID, in.VenueID = 0, r.VenueID
	}
	return in, errs
}

// removeClosure opens the days of one closure of the room or its venue again.
func (p *Pages) removeClosure(c *gin.Context) {
	r, ok := p.roomToManage(c)
	if !ok {
		return
	}
	p.removeClosureThen(c, settingsURL(r.ID, "oppnat"))
}

// removeClosureThen removes the closure of the path (:closure) and goes to the page to; the
// service decides who may.
func (p *Pages) removeClosureThen(c *gin.Context, to string) {
	id, err := strconv.ParseInt(c.Param("closure"), 10, 64)
	if err != nil || id <= 0 {
		p.notFound(c)
		return
	}
	if err := p.bookings.RemoveClosure(c.Request.Context(), p.actor(c), id); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, to)
}

// minutesOf is a clock offset in minutes (as parseClock reads it) as a duration.
func minutesOf(m int) time.Duration { return time.Duration(m) * time.Minute }
