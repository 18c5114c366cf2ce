package webui

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// The pages that organise the Compact's meetings: what the person organises and is invited
// to (organisePath), a series with its meetings, and the form that creates or changes a
// series. Who may organise is the meeting service's decision (internal/meeting/organise.go).
const (
	organisePath = meetingsPath + "/organisera"
	seriesPath   = meetingsPath + "/serier"
)

// organisePage lists the series the person may organise and the meetings to come to which
// their organisations are invited.
type organisePage struct {
	Notice      string
	CanOrganise bool
	Series      []meeting.Series
	Invited     []invitedRow
}

// invitedRow is a meeting an organisation of the person's is invited to, with its reply.
type invitedRow struct {
	meeting.InvitedMeeting
	When      string
	Cancelled bool
}

// organise shows what the signed-in person organises and is invited to.
func (p *Pages) organise(c *gin.Context) {
	actor := p.actor(c)
	if !actor.SignedIn() {
		p.toLogin(c)
		return
	}
	ctx := c.Request.Context()
	page := organisePage{Notice: p.notice(c), CanOrganise: meeting.MayOrganiseSomething(actor)}
	all, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[meeting.Series], error) {
		return p.meetings.FindSeries(ctx, actor, meeting.SeriesFilter{Limit: listing.MaxLimit, Cursor: cursor})
	})
	if err != nil {
		p.fail(c, err)
		return
	}
	for _, se := range all {
		if access.Check(actor, access.ManageMeetings, se.OrganiserID) == nil {
			page.Series = append(page.Series, se)
		}
	}
	invited, err := p.meetings.FindInvitedMeetings(ctx, actor)
	if err != nil {
		p.fail(c, err)
		return
	}
	for _, m := range invited {
		page.Invited = append(page.Invited, invitedRow{InvitedMeeting: m, When: p.span(m.StartsAt, m.EndsAt),
			Cancelled: m.Status == meeting.StatusCancelled})
	}
	p.render(c, http.StatusOK, "meeting_organise", "meetings", page)
}

// meetingSeriesPage is a series with its meetings, for anyone who may see it; those who organise it
// get the links to change it and add meetings.
type meetingSeriesPage struct {
	Notice   string
	Series   *meeting.Series
	Meetings []meetingRow
	Invitees []string // names of the default invitees
	CanEdit  bool     // may change the series
	CanAdd   bool     // may add meetings
}

// meetingRow is a meeting in a list.
type meetingRow struct {
	meeting.Meeting
	When      string
	Cancelled bool
}

func (p *Pages) meetingSeriesShow(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	ctx, actor := c.Request.Context(), p.actor(c)
	se, err := p.meetings.FindSeriesByID(ctx, actor, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	page := meetingSeriesPage{Notice: p.notice(c), Series: se,
		CanEdit: access.Check(actor, access.ManageMeetingSeries, se.OrganiserID) == nil,
		CanAdd:  access.Check(actor, access.ManageMeetings, se.OrganiserID) == nil}
	ms, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[meeting.Meeting], error) {
		return p.meetings.FindMeetings(ctx, actor, meeting.Filter{SeriesID: id, Limit: listing.MaxLimit, Cursor: cursor})
	})
	if err != nil {
		p.fail(c, err)
		return
	}
	for _, m := range ms {
		page.Meetings = append(page.Meetings, meetingRow{Meeting: m, When: p.span(m.StartsAt, m.EndsAt), Cancelled: m.Status == meeting.StatusCancelled})
	}
	for _, org := range se.Invitees {
		o, err := p.orgs.FindOrganisationByID(ctx, org)
		if err != nil {
			p.fail(c, err)
			return
		}
		page.Invitees = append(page.Invitees, o.Name)
	}
	p.render(c, http.StatusOK, "meeting_series", "meetings", page)
}

// meetingSeriesFormPage is the form that creates or changes a series.
type meetingSeriesFormPage struct {
	Form       *form
	Series     *meeting.Series // nil for a new series
	Action     string
	Cancel     string
	Organisers []organisation.Organisation
	// Choices are the organisations that may be invited, each ticked when chosen.
	Choices []option
}

var meetingSeriesSpec = formSpec{order: []string{"kind", "name", "organiser_id", "description", "public", "invite", "invitees"},
	groups: map[string]string{"public": "yes", "invite": "signatories"}}

func (p *Pages) newMeetingSeries(c *gin.Context) {
	if err := mayOrganise(p.actor(c)); err != nil {
		p.fail(c, err)
		return
	}
	p.meetingSeriesForm(c, http.StatusOK, newForm(url.Values{"kind": {"fro"}, "invite": {"signatories"}, "public": {"yes"}}), nil)
}

func (p *Pages) createMeetingSeries(c *gin.Context) {
	if err := mayOrganise(p.actor(c)); err != nil {
		p.fail(c, err)
		return
	}
	values := postedValues(c)
	in, errs := meetingSeriesInput(values)
	var err error = errs
	var se *meeting.Series
	if len(errs) > 0 {
		err = merge(p.validate, in, errs, nil)
	} else {
		se, err = p.meetings.CreateSeries(c.Request.Context(), p.actor(c), in)
	}
	if p.meetingSeriesRefused(c, values, err, nil) {
		return
	}
	c.Redirect(http.StatusSeeOther, seriesURL(se.ID)+"?klart=serie-skapad")
}

func (p *Pages) editMeetingSeries(c *gin.Context) {
	se, ok := p.meetingSeriesToChange(c)
	if !ok {
		return
	}
	p.meetingSeriesForm(c, http.StatusOK, newForm(meetingSeriesValues(se)), se)
}

func (p *Pages) updateMeetingSeries(c *gin.Context) {
	se, ok := p.meetingSeriesToChange(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in, errs := meetingSeriesInput(values)
	var err error = errs
	if len(errs) > 0 {
		err = merge(p.validate, in, errs, nil)
	} else {
		_, err = p.meetings.UpdateSeries(c.Request.Context(), p.actor(c), se.ID, in)
	}
	if p.meetingSeriesRefused(c, values, err, se) {
		return
	}
	c.Redirect(http.StatusSeeOther, seriesURL(se.ID)+"?klart=serie-sparad")
}

// meetingSeriesRefused shows the form again when err has field errors, or when the organiser's
// admin chose one of the Compact's own kinds for an organisation that is not a city
// department: that refusal names the kind. It reports whether it answered (also through
// p.fail for any other error).
func (p *Pages) meetingSeriesRefused(c *gin.Context, values url.Values, err error, se *meeting.Series) bool {
	if err == nil {
		return false
	}
	fe := fault.Fields(err)
	if fe == nil && errors.Is(err, access.ErrForbidden) {
		org, _ := strconv.ParseInt(values.Get("organiser_id"), 10, 64)
		if p.actor(c).RoleIn(org) == access.RoleAdmin {
			fe = fault.FieldErrors{{Field: "kind", Code: "compact_city_only"}}
		}
	}
	if fe == nil {
		p.fail(c, err)
		return true
	}
	f := newForm(values)
	f.addErrors(p.lang(c), meetingSeriesSpec, fe)
	p.meetingSeriesForm(c, http.StatusUnprocessableEntity, f, se)
	return true
}

// meetingSeriesToChange loads the series of the path for someone who may organise it.
func (p *Pages) meetingSeriesToChange(c *gin.Context) (*meeting.Series, bool) {
	actor := p.actor(c)
	if err := mayOrganise(actor); err != nil {
		p.fail(c, err)
		return nil, false
	}
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	se, err := p.meetings.FindSeriesByID(c.Request.Context(), actor, id)
	if err == nil {
		err = access.Check(actor, access.ManageMeetingSeries, se.OrganiserID)
	}
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	return se, true
}

func (p *Pages) meetingSeriesForm(c *gin.Context, status int, f *form, se *meeting.Series) {
	ctx, actor := c.Request.Context(), p.actor(c)
	page := meetingSeriesFormPage{Form: f, Series: se, Action: seriesPath + "/ny", Cancel: organisePath}
	if se != nil {
		page.Action, page.Cancel = seriesURL(se.ID)+"/andra", seriesURL(se.ID)
	}
	all, err := p.allOrganisations(ctx, organisation.Filter{})
	if err != nil {
		p.fail(c, err)
		return
	}
	for _, o := range all {
		if actor.CityAdmin || actor.RoleIn(o.ID) == access.RoleAdmin {
			page.Organisers = append(page.Organisers, o)
		}
		id := strconv.FormatInt(o.ID, 10)
		page.Choices = append(page.Choices, option{ID: optionID("invitees", id), Value: id, Label: o.Name, Checked: f.Has("invitees", id)})
	}
	if f.Value("organiser_id") == "" && len(page.Organisers) == 1 {
		f.values.Set("organiser_id", strconv.FormatInt(page.Organisers[0].ID, 10))
	}
	p.render(c, status, "meeting_series_form", "meetings", page)
}

// meetingSeriesInput reads the series form: the kind, name, organiser, description, whether it is
// public, and whom new meetings invite (every signatory of the Compact, or those ticked).
func meetingSeriesInput(q url.Values) (meeting.SeriesInput, fault.FieldErrors) {
	in := meeting.SeriesInput{Kind: q.Get("kind"), Name: q.Get("name"), Description: q.Get("description"),
		Public: q.Get("public") == "yes", InviteSignatories: q.Get("invite") == "signatories"}
	var errs fault.FieldErrors
	if s := strings.TrimSpace(q.Get("organiser_id")); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			errs = append(errs, typeError("organiser_id", "integer"))
		}
		in.OrganiserID = n
	}
	if !in.InviteSignatories {
		ids, bad := readIDs(q["invitees"])
		if bad {
			errs = append(errs, typeError("invitees", "integer"))
		}
		in.Invitees = ids
	}
	return in, errs
}

// readIDs reads ticked ids, leaving out repeats; bad reports one that is not an id.
func readIDs(vals []string) (ids []int64, bad bool) {
	ids = []int64{}
	for _, v := range vals {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || n <= 0 {
			bad = true
			continue
		}
		if !slices.Contains(ids, n) {
			ids = append(ids, n)
		}
	}
	return ids, bad
}

func meetingSeriesValues(se *meeting.Series) url.Values {
	q := url.Values{"kind": {string(se.Kind)}, "name": {se.Name}, "organiser_id": {strconv.FormatInt(se.OrganiserID, 10)},
		"description": {se.Description}, "invite": {"chosen"}}
	if se.Public {
		q.Set("public", "yes")
	}
	if se.InviteSignatories {
		q.Set("invite", "signatories")
	}
	for _, id := range se.Invitees {
		q.Add("invitees", strconv.FormatInt(id, 10))
	}
	return q
}

// mayOrganise refuses, before a form is read, a person who may organise nothing.
func mayOrganise(actor access.Actor) error {
	if !actor.SignedIn() {
		return access.ErrUnauthenticated
	}
	if !meeting.MayOrganiseSomething(actor) {
		return access.ErrForbidden
	}
	return nil
}

func seriesURL(id int64) string { return seriesPath + "/" + strconv.FormatInt(id, 10) }
