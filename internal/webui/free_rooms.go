package webui

import (
	"net/http"
	"net/url"
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

type freeRoomsPage struct {
	Form      *form
	Districts []string
	Weekdays  []int
	// Asked is true when the visitor has asked for a time; Rooms are then the answer.
	Asked bool
	Rooms []freeRoom
	// Partly are, for a weekly search, the rooms free for most but not all weeks, each
	// with the weeks it is not.
	Partly      []freeRoom
	Occurrences int
	// More tells that another page of free rooms follows; NextURL and FirstURL lead to it
	// and back to the first, with the same question.
	More              bool
	NextURL, FirstURL string
}

// freeRoom is a free room with what the visitor can do about it: book it (BookURL), log in
// to book it (LoginURL), or read why none of their organisations may (Refused).
type freeRoom struct {
	venue.Room
	BookURL, LoginURL, Refused string
	// NeedsApproval marks a room whose owner approves every booking first.
	NeedsApproval bool
	// Unavailable lists, for a room free most weeks, the occasions it is not, in local time.
	Unavailable []string
}

// freeRoomsSpec names the search form's fields in page order. The service's names (from,
// to, the weekly pattern's start_time and end_time) are the form's starts_at and ends_at.
var freeRoomsSpec = formSpec{
	order: []string{"mode", "date", "weekday", "first_day", "last_day", "starts_at", "ends_at",
		"district", "capacity_min", "facilities", "accessibility"},
	groups: map[string]string{
		"mode":          "once",
		"facilities":    validation.Facilities[0],
		"accessibility": venue.AccessibilityFeatures[0],
	},
	rename: func(name string) string {
		switch name {
		case "from", "start_time":
			return "starts_at"
		case "to", "end_time":
			return "ends_at"
		}
		return filterSpec.rename(name)
	},
}

// freeRooms is the search for free rooms: one window (a date and two times) or the same
// times every week on a weekday between two dates, with the premises list's room filters.
// Input that cannot be used answers 422 with messages next to the fields and the values
// kept.
func (p *Pages) freeRooms(c *gin.Context) {
	ctx := c.Request.Context()
	values := c.Request.URL.Query()
	sum, err := p.venues.Summarise(ctx)
	if err != nil {
		p.fail(c, err)
		return
	}
	if values.Get("mode") == "" {
		values.Set("mode", "once")
	}
	page := freeRoomsPage{Form: newForm(values), Districts: sum.Districts, Weekdays: []int{1, 2, 3, 4, 5, 6, 7}}
	var errs fault.FieldErrors
	if asked(values) {
		page.Asked = true
		q, perrs := p.freeRoomsQuery(values)
		f, ferrs := venueFilter(values)
		q.Filter = f
		errs = append(perrs, ferrs...)
		if len(errs) == 0 {
			res, err := p.bookings.FindFreeRooms(ctx, q)
			errs = fault.Fields(err)
			if err != nil && errs == nil {
				p.fail(c, err)
				return
			}
			if res != nil {
				prefill := p.bookingPrefill(values, q, res)
				if page.Rooms, err = p.freeRoomViews(c, res.Rooms, prefill, res.NeedsApproval); err != nil {
					p.fail(c, err)
					return
				}
				if page.Partly, err = p.partlyFreeViews(c, res, prefill); err != nil {
					p.fail(c, err)
					return
				}
				page.Occurrences, page.More = len(res.Occurrences), res.Next != nil
				if res.Next != nil {
					page.NextURL = pageURL("/lediga-lokaler", values, res.Next.Encode())
				}
				if values.Get("cursor") != "" {
					page.FirstURL = pageURL("/lediga-lokaler", values, "")
				}
			}
		}
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
		page.Rooms = nil
		page.Form.addErrors(p.lang(c), freeRoomsSpec, errs)
	}
	p.render(c, status, "free_rooms", "free_rooms", page)
}

// bookingPrefill is what the booking form is filled in with from a search: the date and
// times, the number of people, and for a weekly search the repeat every week on the
// weekday until the last day, starting on the first occasion.
func (p *Pages) bookingPrefill(values url.Values, q booking.FreeRoomsQuery, res *booking.FreeRooms) url.Values {
	out := url.Values{}
	if len(res.Occurrences) == 0 {
		return out
	}
	first := res.Occurrences[0]
	s, e := first.Start.In(p.loc), first.End.In(p.loc)
	out.Set("date", s.Format(time.DateOnly))
	out.Set("starts_at", s.Format("15:04"))
	end := e.Format("15:04")
	if e.Format(time.DateOnly) != s.Format(time.DateOnly) {
		end = "24:00"
	}
	out.Set("ends_at", end)
	if n, ok := parseInt(values.Get("capacity_min")); ok && n > 0 {
		out.Set("attendees", strconv.Itoa(n))
	}
	if w := q.Weekly; w != nil {
		out.Set("repeat", "weekly")
		out.Set("repeat_days", strconv.Itoa(w.Weekday))
		out.Set("repeat_until", w.LastDay.Format(time.DateOnly))
	}
	return out
}

// bookURL is the booking form of the room filled in with prefill.
func bookURL(room int64, prefill url.Values) string {
	u := "/rum/" + strconv.FormatInt(room, 10) + "/boka"
	if len(prefill) > 0 {
		u += "?" + prefill.Encode()
	}
	return u
}

// partlyFreeViews are the rooms free for most weeks, with the weeks they are not and a
// booking link that skips those weeks.
func (p *Pages) partlyFreeViews(c *gin.Context, res *booking.FreeRooms, prefill url.Values) ([]freeRoom, error) {
	if len(res.Partly) == 0 {
		return nil, nil
	}
	rooms := make([]venue.Room, len(res.Partly))
	for i, pf := range res.Partly {
		rooms[i] = pf.Room
	}
	skip := url.Values{}
	for k, v := range prefill {
		skip[k] = v
	}
	skip.Set("skip_unavailable", "yes")
	out, err := p.freeRoomViews(c, rooms, skip, res.NeedsApproval)
	if err != nil {
		return nil, err
	}
	lang := p.lang(c)
	for i, pf := range res.Partly {
		for _, s := range pf.Unavailable {
			_, wk := s.Start.In(p.loc).ISOWeek()
			out[i].Unavailable = append(out[i].Unavailable, i18n.T(lang, "ui.free.week_of", wk, p.span(s.Start, s.End)))
		}
	}
	return out, nil
}

// freeRoomViews adds to each room its booking link (the form filled in with prefill) or why
// not, and whether it needs approval: a city administrator may book any room (for its
// owner, at least); a member with a booking role gets the link where at least one of their
// organisations may book the room under its rules, and otherwise the rule that refuses; an
// anonymous visitor is asked to log in.
func (p *Pages) freeRoomViews(c *gin.Context, rooms []venue.Room, prefill url.Values, approval map[int64]bool) ([]freeRoom, error) {
	out := make([]freeRoom, len(rooms))
	ids := make([]int64, len(rooms))
	for i, r := range rooms {
		out[i].Room, ids[i] = r, r.ID
		out[i].NeedsApproval = approval[r.ID]
	}
	book := func(id int64) string { return bookURL(id, prefill) }
	actor := p.actor(c)
	switch {
	case !actor.SignedIn():
		for i := range out {
			out[i].LoginURL = loginURL(book(out[i].ID))
		}
		return out, nil
	case actor.CityAdmin:
		for i := range out {
			out[i].BookURL = book(out[i].ID)
		}
		return out, nil
	}
	orgs, err := p.bookers(c.Request.Context(), actor)
	if fault.KindOf(err) == fault.Forbidden {
		return out, nil // no organisation to book for: nothing to offer
	}
	if err != nil {
		return nil, err
	}
	orgIDs := make([]int64, len(orgs))
	for i, o := range orgs {
		orgIDs[i] = o.ID
	}
	refused, err := p.bookings.MayBookRooms(c.Request.Context(), orgIDs, ids)
	if err != nil {
		return nil, err
	}
	lang := p.lang(c)
	for i := range out {
		rule, known := refused[out[i].ID]
		switch {
		case known && rule == nil:
			out[i].BookURL = book(out[i].ID)
		case known:
			out[i].Refused = i18n.T(lang, "booking.rule."+rule.Rule)
		}
	}
	return out, nil
}

// asked reports whether the visitor has asked for a time at all: a first visit shows the
// empty form without errors.
func asked(q url.Values) bool {
	for _, k := range []string{"date", "starts_at", "ends_at", "first_day", "last_day"} {
		if strings.TrimSpace(q.Get(k)) != "" {
			return true
		}
	}
	return false
}

// freeRoomsQuery reads the time of the search; the filter is read by venueFilter.
func (p *Pages) freeRoomsQuery(q url.Values) (booking.FreeRoomsQuery, fault.FieldErrors) {
	var out booking.FreeRoomsQuery
	var errs fault.FieldErrors
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
	dateOf := func(name string) time.Time {
		d, ok := parseDate(q.Get(name))
		switch {
		case !ok:
			errs = append(errs, fault.FieldError{Field: name, Code: "date"})
		case d.IsZero():
			errs = append(errs, fault.FieldError{Field: name, Code: "required"})
		}
		return d
	}
	switch q.Get("mode") {
	case "weekly":
		wd, err := strconv.Atoi(q.Get("weekday"))
		if err != nil || wd < 1 || wd > 7 {
			errs = append(errs, fault.FieldError{Field: "weekday", Code: "required"})
		}
		first, last := dateOf("first_day"), dateOf("last_day")
		start, end := clockOf("starts_at"), clockOf("ends_at")
		out.Weekly = &booking.WeeklyPattern{Weekday: wd, FirstDay: first, LastDay: last,
			StartTime: time.Duration(start) * time.Minute, EndTime: time.Duration(end) * time.Minute}
		out.MostWeeks = true
	case "once":
		date := dateOf("date")
		start, end := clockOf("starts_at"), clockOf("ends_at")
		if len(errs) == 0 {
			y, m, d := date.Date()
			out.From = booking.WallClock(y, m, d, start/60, start%60, 0, p.loc)
			out.To = booking.WallClock(y, m, d, end/60, end%60, 0, p.loc)
		}
	default:
		errs = append(errs, fault.FieldError{Field: "mode", Code: "oneof", Param: "once weekly"})
	}
	return out, errs
}
