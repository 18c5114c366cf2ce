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
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// meetingFormPage is the form that adds meetings to a series (one, or one per time of a
// pattern) or changes, moves, one meeting.
type meetingFormPage struct {
	Form    *form
	Series  *meeting.Series
	Meeting *meeting.Meeting // nil for new meetings
	Action  string
	Cancel  string
	Rooms   []option
	Clashes []clashView
}

var meetingSpec = formSpec{
	order: []string{"title", "date", "starts_at", "ends_at", "place", "room_id", "attendees", "address", "online_url",
		"agenda", "repeat", "repeat_until", "repeat_count"},
	groups: map[string]string{"place": "room", "repeat": "none"},
	rename: meetingFieldName,
}

// meetingFieldName names on the form what the service names otherwise: the pattern is the
// repeat choice.
func meetingFieldName(name string) string {
	switch name {
	case "recurrence", "rrule":
		return "repeat"
	}
	return name
}

// repeatFreqs are the form's patterns as RRULE parts.
var repeatFreqs = map[string]string{"weekly": "FREQ=WEEKLY", "biweekly": "FREQ=WEEKLY;INTERVAL=2", "monthly": "FREQ=MONTHLY"}

func (p *Pages) newMeetings(c *gin.Context) {
	se, ok := p.seriesToAddTo(c)
	if !ok {
		return
	}
	values := url.Values{"title": {se.Name}, "repeat": {"none"}, "place": {"room"}}
	if d := c.Query("datum"); d != "" {
		if _, err := time.Parse(time.DateOnly, d); err == nil {
			values.Set("date", d)
		}
	}
	p.meetingForm(c, http.StatusOK, newForm(values), se, nil, nil)
}

func (p *Pages) createMeetings(c *gin.Context) {
	se, ok := p.seriesToAddTo(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in, errs := p.meetingInput(values, true)
	var err error = errs
	var made []meeting.Meeting
	if len(errs) > 0 {
		err = append(merge(p.validate, in, errs, meetingFieldName), placeErrors(&in, errs)...)
	} else {
		made, err = p.meetings.CreateMeetings(c.Request.Context(), p.actor(c), se.ID, in)
	}
	if p.meetingFormRefused(c, values, err, se, nil) {
		return
	}
	if len(made) == 1 {
		c.Redirect(http.StatusSeeOther, meetingURL(made[0].ID)+"?klart=mote-skapat")
		return
	}
	c.Redirect(http.StatusSeeOther, seriesURL(se.ID)+"?klart=moten-skapade")
}

func (p *Pages) editMeeting(c *gin.Context) {
	m, se, ok := p.meetingToChange(c)
	if !ok {
		return
	}
	p.meetingForm(c, http.StatusOK, newForm(p.meetingValues(m)), se, m, nil)
}

func (p *Pages) updateMeeting(c *gin.Context) {
	m, se, ok := p.meetingToChange(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in, errs := p.meetingInput(values, false)
	var err error = errs
	if len(errs) > 0 {
		err = append(merge(p.validate, in, errs, meetingFieldName), placeErrors(&in, errs)...)
	} else {
		_, err = p.meetings.UpdateMeeting(c.Request.Context(), p.actor(c), m.ID, in)
	}
	if p.meetingFormRefused(c, values, err, se, m) {
		return
	}
	c.Redirect(http.StatusSeeOther, meetingURL(m.ID)+"?klart=mote-sparat")
}

// meetingFormRefused shows the form again, with the visitor's values, when err says what to
// correct: field errors (422), the room taken (409, with the clashing times), a room rule
// that keeps the organiser out (403) or a cancelled meeting (409). It reports whether it
// answered (any other error through p.fail).
func (p *Pages) meetingFormRefused(c *gin.Context, values url.Values, err error, se *meeting.Series, m *meeting.Meeting) bool {
	if err == nil {
		return false
	}
	lang := p.lang(c)
	f := newForm(values)
	if fe := fault.Fields(err); fe != nil {
		f.addErrors(lang, meetingSpec, fe)
		p.meetingForm(c, http.StatusUnprocessableEntity, f, se, m, nil)
		return true
	}
	var conflict *booking.ConflictError
	if errors.As(err, &conflict) {
		f.ProblemTitle, f.Problem = i18n.T(lang, "problem.booking_conflict.title"), i18n.T(lang, "ui.meeting_form.conflict")
		var clashes []clashView
		for _, cl := range conflict.Clashes {
			clashes = append(clashes, clashView{When: p.span(cl.StartsAt, cl.EndsAt), Own: cl.Own})
		}
		p.meetingForm(c, http.StatusConflict, f, se, m, clashes)
		return true
	}
	var rule *booking.RuleError
	if errors.As(err, &rule) {
		p.recordRefusal(c)
		f.ProblemTitle, f.Problem = i18n.T(lang, "problem.booking_refused.title"), booking.RuleText(lang, rule)
		p.meetingForm(c, http.StatusForbidden, f, se, m, nil)
		return true
	}
	if fault.KindOf(err) == fault.Conflict {
		code := fault.CodeOf(err)
		f.ProblemTitle, f.Problem = i18n.T(lang, "problem."+code+".title"), i18n.T(lang, "problem."+code+".detail")
		p.meetingForm(c, http.StatusConflict, f, se, m, nil)
		return true
	}
	p.fail(c, err)
	return true
}

// seriesToAddTo loads the series of the path for someone who may add meetings to it.
func (p *Pages) seriesToAddTo(c *gin.Context) (*meeting.Series, bool) {
	actor := p.actor(c)
	if !actor.SignedIn() {
		p.toLogin(c)
		return nil, false
	}
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	se, err := p.meetings.FindSeriesByID(c.Request.Context(), actor, id)
	if err == nil {
		err = access.Check(actor, access.ManageMeetings, se.OrganiserID)
	}
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	return se, true
}

// meetingToChange loads the meeting of the path and its series for someone who may change
// it.
func (p *Pages) meetingToChange(c *gin.Context) (*meeting.Meeting, *meeting.Series, bool) {
	actor := p.actor(c)
	if !actor.SignedIn() {
		p.toLogin(c)
		return nil, nil, false
	}
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, nil, false
	}
	ctx := c.Request.Context()
	m, err := p.meetings.FindMeetingByID(ctx, actor, id)
	var se *meeting.Series
	if err == nil {
		se, err = p.meetings.FindSeriesByID(ctx, actor, m.SeriesID)
		if errors.Is(err, meeting.ErrSeriesNotFound) {
			err = access.ErrForbidden // an invited organisation sees the meeting, not its series
		}
	}
	if err == nil {
		err = access.Check(actor, access.ManageMeetings, se.OrganiserID)
	}
	if err != nil {
		p.fail(c, err)
		return nil, nil, false
	}
	return m, se, true
}

func (p *Pages) meetingForm(c *gin.Context, status int, f *form, se *meeting.Series, m *meeting.Meeting, clashes []clashView) {
	page := meetingFormPage{Form: f, Series: se, Meeting: m, Clashes: clashes,
		Action: seriesURL(se.ID) + "/nytt-mote", Cancel: seriesURL(se.ID)}
	if m != nil {
		page.Action, page.Cancel = meetingURL(m.ID)+"/andra", meetingURL(m.ID)
	}
	rooms, err := p.roomChoices(c.Request.Context(), f.Value("room_id"))
	if err != nil {
		p.fail(c, err)
		return
	}
	page.Rooms = rooms
	p.render(c, status, "meeting_form", "meetings", page)
}

// roomChoices are the rooms a meeting may be held in, grouped by venue, the chosen one
// marked.
func (p *Pages) roomChoices(ctx context.Context, chosen string) ([]option, error) {
	rooms, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[venue.Room], error) {
		return p.venues.FindRooms(ctx, venue.Filter{Limit: listing.MaxLimit, Cursor: cursor})
	})
	if err != nil {
		return nil, err
	}
	out := make([]option, 0, len(rooms))
	for _, r := range rooms {
		id := strconv.FormatInt(r.ID, 10)
		group := ""
		if r.Venue != nil {
			group = r.Venue.Name
		}
		out = append(out, option{Value: id, Label: fmt.Sprintf("%s (%d)", r.Name, r.Capacity), Group: group, Checked: id == chosen})
	}
	sortByGroup(out)
	return out, nil
}

// meetingInput reads the meeting form: the date and times in local time, the place the
// radio chose (the others' fields are ignored, so a changed mind leaves nothing behind),
// and when creating, the pattern.
func (p *Pages) meetingInput(q url.Values, creating bool) (meeting.MeetingInput, fault.FieldErrors) {
	in := meeting.MeetingInput{Title: q.Get("title"), Agenda: q.Get("agenda")}
	var errs fault.FieldErrors
	start, end, slotErrs := p.readSlot(q)
	if len(slotErrs) == 0 {
		in.StartsAt, in.EndsAt = start, end
	} else {
		errs = append(errs, slotErrs...)
		in.StartsAt, in.EndsAt = time.Unix(1, 0), time.Unix(2, 0)
	}
	n, ok := parseInt(q.Get("attendees"))
	if !ok {
		errs = append(errs, typeError("attendees", "integer"))
	}
	in.Attendees = n
	switch q.Get("place") {
	case "room":
		if s := strings.TrimSpace(q.Get("room_id")); s != "" {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				errs = append(errs, typeError("room_id", "integer"))
			}
			in.RoomID = id
		} else {
			errs = append(errs, fault.FieldError{Field: "room_id", Code: "required"})
		}
	case "address":
		in.Address = q.Get("address")
		if strings.TrimSpace(in.Address) == "" {
			errs = append(errs, fault.FieldError{Field: "address", Code: "required"})
		}
	case "online":
		in.OnlineURL = q.Get("online_url")
		if strings.TrimSpace(in.OnlineURL) == "" {
			errs = append(errs, fault.FieldError{Field: "online_url", Code: "required"})
		}
	default:
		errs = append(errs, fault.FieldError{Field: "place", Code: meeting.CodePlaceMissing})
	}
	if !creating || q.Get("repeat") == "none" || q.Get("repeat") == "" {
		return in, errs
	}
	freq, ok := repeatFreqs[q.Get("repeat")]
	if !ok {
		return in, append(errs, fault.FieldError{Field: "repeat", Code: "oneof", Param: "none weekly biweekly monthly"})
	}
	if q.Get("repeat") == "monthly" && len(slotErrs) == 0 {
		freq += ";BYDAY=" + monthlyDay(start.In(p.loc))
	}
	until, uerrs := repeatEnd(q)
	if len(uerrs) > 0 {
		return in, append(errs, uerrs...)
	}
	in.Recurrence = &meeting.RecurrenceInput{RRule: freq + ";" + until}
	return in, errs
}

// monthlyDay is the RRULE BYDAY of the date's weekday in its month: the first to fourth
// (1WE … 4WE), or the last (-1WE) when it is the fifth.
func monthlyDay(t time.Time) string {
	wd := rruleDays[(int(t.Weekday())+6)%7+1]
	n := (t.Day()-1)/7 + 1
	if n == 5 {
		return "-1" + wd
	}
	return strconv.Itoa(n) + wd
}

// meetingValues fills the form from a stored meeting.
func (p *Pages) meetingValues(m *meeting.Meeting) url.Values {
	s, e := m.StartsAt.In(p.loc), m.EndsAt.In(p.loc)
	q := url.Values{"title": {m.Title}, "agenda": {m.Agenda}, "date": {s.Format(time.DateOnly)},
		"starts_at": {s.Format("15:04")}, "ends_at": {e.Format("15:04")}}
	switch {
	case m.RoomID != nil:
		q.Set("place", "room")
		q.Set("room_id", strconv.FormatInt(*m.RoomID, 10))
	case m.Address != nil:
		q.Set("place", "address")
		q.Set("address", *m.Address)
	case m.OnlineURL != nil:
		q.Set("place", "online")
		q.Set("online_url", *m.OnlineURL)
	}
	return q
}

// sortByGroup orders options by group and then label, the Swedish way.
func sortByGroup(opts []option) {
	col := collate.New(language.Swedish)
	slices.SortStableFunc(opts, func(a, b option) int {
		if c := col.CompareString(a.Group, b.Group); c != 0 {
			return c
		}
		return col.CompareString(a.Label, b.Label)
	})
}

// placeErrors are the place's problems that the form itself has not already named.
func placeErrors(in *meeting.MeetingInput, named fault.FieldErrors) fault.FieldErrors {
	var out fault.FieldErrors
	for _, e := range meeting.CheckPlace(in) {
		if !slices.ContainsFunc(named, func(n fault.FieldError) bool { return n.Field == e.Field }) {
			out = append(out, e)
		}
	}
	return out
}
