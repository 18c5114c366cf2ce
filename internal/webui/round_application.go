package webui

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// The application form has no JavaScript: it shows a number of sections (one more each
// time "add a section" is pressed, which saves nothing), each with three ranked room
// choices and wishRows wished times, whose order is their priority. Empty sections and
// wish rows are left out of what is sent.
const (
	roomChoices = 3
	wishRows    = 4
	maxSections = 20
)

func applicationURL(id int64) string { return fmt.Sprintf("/ansokningar/%d", id) }

// applicationFormPage applies in a round or changes an application.
type applicationFormPage struct {
	Form        *form
	Round       *round.Round
	Application *round.Application // nil for a new application
	Action      string
	Cancel      string
	Applicant   field // the organisation, when the person may apply for several
	OrgID       int64 // the organisation, when they may apply for one only
	OrgName     string
	Sections    []sectionFields
	Count       int
	CanAdd      bool
	Note        field
}

// sectionFields are one section's controls.
type sectionFields struct {
	Number                                          int
	Purpose, AgeGroup, Attendees, Sessions, Minutes field
	Rooms                                           []field
	Wishes                                          []wishFields
}

type wishFields struct {
	Number                int
	Weekday, Starts, Ends field
}

func (p *Pages) newApplication(c *gin.Context) {
	r, ok := p.roundOf(c)
	if !ok {
		return
	}
	if !p.actor(c).SignedIn() {
		p.toLogin(c)
		return
	}
	orgs, err := p.applicants(c.Request.Context(), p.actor(c))
	if err != nil {
		p.fail(c, err)
		return
	}
	if len(orgs) == 0 {
		p.fail(c, access.ErrForbidden)
		return
	}
	p.applicationForm(c, http.StatusOK, newForm(url.Values{"sections": {"1"}}), r, nil)
}

func (p *Pages) submitApplication(c *gin.Context) {
	r, ok := p.roundOf(c)
	if !ok {
		return
	}
	values := postedValues(c)
	if p.addedSection(c, values, r, nil) {
		return
	}
	in, rows := applicationInput(values)
	a, err := p.rounds.SubmitApplication(c.Request.Context(), p.actor(c), r.ID, in)
	if p.applicationRefused(c, values, rows, err, r, nil) {
		return
	}
	c.Redirect(http.StatusSeeOther, applicationURL(a.ID)+"?klart=ansokan")
}

func (p *Pages) editApplication(c *gin.Context) {
	a, r, ok := p.applicationToChange(c)
	if !ok {
		return
	}
	p.applicationForm(c, http.StatusOK, newForm(applicationValues(a)), r, a)
}

func (p *Pages) updateApplication(c *gin.Context) {
	a, r, ok := p.applicationToChange(c)
	if !ok {
		return
	}
	values := postedValues(c)
	values.Set("organisation_id", strconv.FormatInt(a.OrganisationID, 10))
	if p.addedSection(c, values, r, a) {
		return
	}
	in, rows := applicationInput(values)
	_, err := p.rounds.UpdateApplication(c.Request.Context(), p.actor(c), a.ID, in)
	if p.applicationRefused(c, values, rows, err, r, a) {
		return
	}
	c.Redirect(http.StatusSeeOther, applicationURL(a.ID)+"?klart=ansokan-sparad")
}

func (p *Pages) withdrawApplication(c *gin.Context) {
	a, _, ok := p.applicationOf(c)
	if !ok {
		return
	}
	if _, err := p.rounds.WithdrawApplication(c.Request.Context(), p.actor(c), a.ID); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, applicationURL(a.ID)+"?klart=ansokan-aterkallad")
}

// addedSection shows the form again with one section more when "add a section" was
// pressed (nothing is saved), and reports whether it was.
func (p *Pages) addedSection(c *gin.Context, values url.Values, r *round.Round, a *round.Application) bool {
	if values.Get("more") == "" {
		return false
	}
	values.Set("sections", strconv.Itoa(min(sectionCount(values)+1, maxSections)))
	p.applicationForm(c, http.StatusOK, newForm(values), r, a)
	return true
}

// applicationToChange reads the application for its organisation's people, who alone
// change it (the round's owner sees it but does not).
func (p *Pages) applicationToChange(c *gin.Context) (*round.Application, *round.Round, bool) {
	a, r, ok := p.applicationOf(c)
	if !ok {
		return nil, nil, false
	}
	if err := access.Check(p.actor(c), access.Apply, a.OrganisationID); err != nil {
		p.fail(c, err)
		return nil, nil, false
	}
	return a, r, true
}

// applicationOf reads the application named by the path (for those who may see it) and
// its round.
func (p *Pages) applicationOf(c *gin.Context) (*round.Application, *round.Round, bool) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, nil, false
	}
	ctx := c.Request.Context()
	a, err := p.rounds.FindApplicationByID(ctx, p.actor(c), id)
	if err != nil {
		p.fail(c, err)
		return nil, nil, false
	}
	r, err := p.rounds.FindRoundByID(ctx, a.RoundID)
	if err != nil {
		p.fail(c, err)
		return nil, nil, false
	}
	return a, r, true
}

// applicationRefused shows the form again with the refusal's field errors, each named
// with its section and wish, or the error page; it reports whether err was a refusal.
func (p *Pages) applicationRefused(c *gin.Context, values url.Values, rows inputRows, err error, r *round.Round, a *round.Application) bool {
	if err == nil {
		return false
	}
	fe := fault.Fields(err)
	if fe == nil {
		p.fail(c, err)
		return true
	}
	f := newForm(values)
	lang := p.lang(c)
	for _, e := range fe {
		name, where := rows.formName(lang, e.Field)
		if _, dup := f.errors[name]; dup {
			continue
		}
		msg := validation.Message(lang, e)
		f.errors[name] = msg
		f.Summary = append(f.Summary, summaryItem{Href: "#" + name, Message: where + msg, field: name})
	}
	p.applicationForm(c, http.StatusUnprocessableEntity, f, r, a)
	return true
}

// applicationForm renders the form over f's values.
func (p *Pages) applicationForm(c *gin.Context, status int, f *form, r *round.Round, a *round.Application) {
	ctx, lang, actor := c.Request.Context(), p.lang(c), p.actor(c)
	page := applicationFormPage{Form: f, Round: r, Application: a, Action: roundURL(r.ID) + "/ansok", Cancel: roundURL(r.ID)}
	if a != nil {
		page.Action, page.Cancel, page.OrgID, page.OrgName = applicationURL(a.ID)+"/andra", applicationURL(a.ID), a.OrganisationID, a.OrganisationName
	} else {
		orgs, err := p.applicants(ctx, actor)
		if err != nil {
			p.fail(c, err)
			return
		}
		if len(orgs) == 1 {
			page.OrgID, page.OrgName = orgs[0].ID, orgs[0].Name
		} else {
			page.Applicant = newField(lang, f, "organisation_id", []string{"required", "label:ui.application_form.organisation"})
			page.Applicant.Options = append(page.Applicant.Options, option{Value: "", Label: i18n.T(lang, "ui.booking_form.choose_org")})
			for _, o := range orgs {
				v := strconv.FormatInt(o.ID, 10)
				page.Applicant.Options = append(page.Applicant.Options, option{Value: v, Label: o.Name, Checked: f.Value("organisation_id") == v})
			}
		}
	}
	rooms, err := p.roomsByID(ctx, r.RoomIDs)
	if err != nil {
		p.fail(c, err)
		return
	}
	page.Count = sectionCount(f.values)
	page.CanAdd = page.Count < maxSections
	for i := range page.Count {
		page.Sections = append(page.Sections, p.sectionFields(lang, f, i, rooms))
	}
	page.Note = newField(lang, f, "note", []string{"label:ui.application_form.note"})
	p.render(c, status, "application_form", "", page)
}

func (p *Pages) sectionFields(lang i18n.Lang, f *form, i int, rooms []venue.Room) sectionFields {
	name := func(s string) string { return fmt.Sprintf("s%d_%s", i, s) }
	labelled := func(n, label string, opts ...string) field {
		fl := newField(lang, f, name(n), opts)
		fl.Label = i18n.T(lang, label)
		return fl
	}
	s := sectionFields{Number: i + 1,
		Purpose:   labelled("purpose", "ui.application_form.purpose", "required"),
		Attendees: labelled("attendees", "ui.application_form.attendees", "required", "type:number", "mode:numeric", "width:short"),
		Sessions:  labelled("sessions_per_week", "ui.application_form.sessions", "required", "type:number", "mode:numeric", "width:short"),
		Minutes:   labelled("minutes_per_session", "ui.application_form.minutes", "required", "type:number", "mode:numeric", "width:short"),
	}
	s.AgeGroup = labelled("age_group", "ui.application_form.age_group", "required")
	s.AgeGroup.Options = append(s.AgeGroup.Options, option{Value: "", Label: i18n.T(lang, "ui.application_form.choose")})
	for _, g := range round.AgeGroups {
		s.AgeGroup.Options = append(s.AgeGroup.Options, option{Value: g, Label: i18n.T(lang, "ui.round.age_group."+g), Checked: f.Value(name("age_group")) == g})
	}
	for k := 1; k <= roomChoices; k++ {
		opts := []string{"quiet"}
		if k == 1 {
			opts = []string{"required"}
		}
		fl := labelled(fmt.Sprintf("room_%d", k), "ui.application_form.room_choice", opts...)
		fl.Label = i18n.T(lang, "ui.application_form.room_choice", k)
		fl.Options = append(fl.Options, option{Value: "", Label: i18n.T(lang, "ui.application_form.choose")})
		for _, rm := range rooms {
			v := strconv.FormatInt(rm.ID, 10)
			label := rm.Name
			if rm.Venue != nil {
				label = rm.Venue.Name + ", " + rm.Name
			}
			fl.Options = append(fl.Options, option{Value: v, Label: label, Checked: f.Value(fl.Name) == v})
		}
		s.Rooms = append(s.Rooms, fl)
	}
	for j := range wishRows {
		w := wishFields{Number: j + 1}
		w.Weekday = labelled(fmt.Sprintf("w%d_weekday", j), "ui.application_form.weekday", "quiet")
		w.Weekday.Options = append(w.Weekday.Options, option{Value: "", Label: i18n.T(lang, "ui.application_form.choose")})
		for d := 1; d <= 7; d++ {
			v := strconv.Itoa(d)
			w.Weekday.Options = append(w.Weekday.Options, option{Value: v, Label: i18n.T(lang, fmt.Sprintf("ui.weekday.%d", d)), Checked: f.Value(w.Weekday.Name) == v})
		}
		w.Starts = labelled(fmt.Sprintf("w%d_starts", j), "ui.application_form.from", "quiet", "type:time", "width:short")
		w.Ends = labelled(fmt.Sprintf("w%d_ends", j), "ui.application_form.to", "quiet", "type:time", "width:short")
		s.Wishes = append(s.Wishes, w)
	}
	return s
}

// sectionCount is how many sections the form shows: as many as it had, at least one.
func sectionCount(values url.Values) int {
	n, _ := strconv.Atoi(values.Get("sections"))
	return max(1, min(n, maxSections))
}

// inputRows remembers which section and wish row of the form each sent section and wish
// came from (empty ones are left out), to put errors back on the right fields.
type inputRows struct {
	sections []int
	wishes   [][]int
}

var sectionField = regexp.MustCompile(`^sections\[(\d+)\]\.?(.*)$`)
var wishField = regexp.MustCompile(`^wishes\[(\d+)\]\.?(.*)$`)
var roomField = regexp.MustCompile(`^room_ids(?:\[(\d+)\])?$`)

// formName maps a field path of the service's errors to the form control's name, and
// says where it is ("Del 2, önskad tid 1: ").
func (rows inputRows) formName(lang i18n.Lang, path string) (name, where string) {
	m := sectionField.FindStringSubmatch(path)
	if m == nil {
		if path == "sections" {
			return "s0_purpose", ""
		}
		return fieldName(path), ""
	}
	i, _ := strconv.Atoi(m[1])
	row := i
	if i < len(rows.sections) {
		row = rows.sections[i]
	}
	where = i18n.T(lang, "ui.application_form.section_n", row+1) + ": "
	rest := m[2]
	if w := wishField.FindStringSubmatch(rest); w != nil {
		j, _ := strconv.Atoi(w[1])
		if i < len(rows.wishes) && j < len(rows.wishes[i]) {
			j = rows.wishes[i][j]
		}
		f := w[2]
		if f == "" || f == "priority" {
			f = "weekday"
		}
		return fmt.Sprintf("s%d_w%d_%s", row, j, f), i18n.T(lang, "ui.application_form.wish_n", row+1, j+1) + ": "
	}
	if rest == "wishes" {
		return fmt.Sprintf("s%d_w0_weekday", row), where
	}
	if r := roomField.FindStringSubmatch(rest); r != nil {
		k, _ := strconv.Atoi(r[1])
		return fmt.Sprintf("s%d_room_%d", row, k+1), where
	}
	return fmt.Sprintf("s%d_%s", row, rest), where
}

// applicationInput reads the form: the sections that have anything typed, each with the
// rooms chosen (in rank order, without repeats) and the wish rows filled in, priority by row.
func applicationInput(values url.Values) (round.ApplicationInput, inputRows) {
	var in round.ApplicationInput
	var rows inputRows
	in.OrganisationID, _ = strconv.ParseInt(values.Get("organisation_id"), 10, 64)
	in.Note = values.Get("note")
	num := func(name string) int {
		n, _ := parseInt(values.Get(name))
		return n
	}
	for i := range sectionCount(values) {
		name := func(s string) string { return fmt.Sprintf("s%d_%s", i, s) }
		s := round.SectionInput{Purpose: values.Get(name("purpose")), AgeGroup: values.Get(name("age_group")),
			Attendees: num(name("attendees")), SessionsPerWeek: num(name("sessions_per_week")), MinutesPerSession: num(name("minutes_per_session"))}
		for k := 1; k <= roomChoices; k++ {
			id, err := strconv.ParseInt(values.Get(name(fmt.Sprintf("room_%d", k))), 10, 64)
			if err == nil && id > 0 && !containsID(s.RoomIDs, id) {
				s.RoomIDs = append(s.RoomIDs, id)
			}
		}
		var wishRowsUsed []int
		for j := range wishRows {
			wd, st, en := values.Get(name(fmt.Sprintf("w%d_weekday", j))), values.Get(name(fmt.Sprintf("w%d_starts", j))), values.Get(name(fmt.Sprintf("w%d_ends", j)))
			if wd == "" && strings.TrimSpace(st) == "" && strings.TrimSpace(en) == "" {
				continue
			}
			d, _ := strconv.Atoi(wd)
			s.Wishes = append(s.Wishes, round.WishInput{Weekday: d, Starts: strings.TrimSpace(st), Ends: strings.TrimSpace(en), Priority: len(s.Wishes) + 1})
			wishRowsUsed = append(wishRowsUsed, j)
		}
		empty := s.Purpose == "" && s.AgeGroup == "" && s.Attendees == 0 && s.SessionsPerWeek == 0 && s.MinutesPerSession == 0 &&
			len(s.RoomIDs) == 0 && len(s.Wishes) == 0
		if empty && i > 0 {
			continue
		}
		in.Sections = append(in.Sections, s)
		rows.sections = append(rows.sections, i)
		rows.wishes = append(rows.wishes, wishRowsUsed)
	}
	return in, rows
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// applicationValues are the form's values for a stored application.
func applicationValues(a *round.Application) url.Values {
	v := url.Values{"organisation_id": {strconv.FormatInt(a.OrganisationID, 10)}, "note": {a.Note},
		"sections": {strconv.Itoa(max(1, len(a.Sections)))}}
	for i, s := range a.Sections {
		name := func(x string) string { return fmt.Sprintf("s%d_%s", i, x) }
		v.Set(name("purpose"), s.Purpose)
		v.Set(name("age_group"), s.AgeGroup)
		v.Set(name("attendees"), strconv.Itoa(s.Attendees))
		v.Set(name("sessions_per_week"), strconv.Itoa(s.SessionsPerWeek))
		v.Set(name("minutes_per_session"), strconv.Itoa(s.MinutesPerSession))
		for k, id := range s.RoomIDs[:min(len(s.RoomIDs), roomChoices)] {
			v.Set(name(fmt.Sprintf("room_%d", k+1)), strconv.FormatInt(id, 10))
		}
		for j, w := range s.Wishes[:min(len(s.Wishes), wishRows)] {
			v.Set(name(fmt.Sprintf("w%d_weekday", j)), strconv.Itoa(w.Weekday))
			v.Set(name(fmt.Sprintf("w%d_starts", j)), round.Clock(w.Start))
			v.Set(name(fmt.Sprintf("w%d_ends", j)), round.Clock(w.End))
		}
	}
	return v
}

// applicationPage is an application as its organisation and the round's owner see it:
// the sections asked for and, once the round is published, the times allocated with the
// dates that could not be booked and the forms that accept or decline them.
type applicationPage struct {
	Notice      string
	Application *round.Application
	Round       roundRow
	Sections    []sectionView
	Withdrawn   bool
	CanChange   bool // the applicant, while the round is open
	Allocations []allocationView
	CanAnswer   bool // the applicant, while the round is published
}

// sectionView is a section with its rooms by name and wishes in words.
type sectionView struct {
	round.Section
	Rooms  []string
	Wishes []string
}

func (p *Pages) applicationShow(c *gin.Context) {
	a, r, ok := p.applicationOf(c)
	if !ok {
		return
	}
	ctx, actor, lang := c.Request.Context(), p.actor(c), p.lang(c)
	applicant := access.Check(actor, access.Apply, a.OrganisationID) == nil
	page := applicationPage{Notice: p.notice(c), Application: a, Round: p.roundRow(*r),
		Withdrawn: a.Status == round.ApplicationWithdrawn}
	page.CanChange = applicant && !page.Withdrawn && r.Status == round.StatusOpen
	page.CanAnswer = applicant && r.Status == round.StatusPublished
	names := map[int64]string{}
	rooms, err := p.roomsByID(ctx, r.RoomIDs)
	if err != nil {
		p.fail(c, err)
		return
	}
	for _, rm := range rooms {
		names[rm.ID] = rm.Name
		if rm.Venue != nil {
			names[rm.ID] = rm.Venue.Name + ", " + rm.Name
		}
	}
	for _, s := range a.Sections {
		v := sectionView{Section: s}
		for _, id := range s.RoomIDs {
			v.Rooms = append(v.Rooms, names[id])
		}
		for _, w := range s.Wishes {
			v.Wishes = append(v.Wishes, weeklyTime(lang, w.Weekday, w.Start, w.End))
		}
		page.Sections = append(page.Sections, v)
	}
	if page.Allocations, err = p.allocationViews(c, r, a); err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "application", "", page)
}

// weeklyTime is a weekday and times of day in words: "tisdag 18:00–20:00".
func weeklyTime(lang i18n.Lang, weekday, start, end int) string {
	return i18n.T(lang, fmt.Sprintf("ui.weekday.%d", weekday)) + " " + round.Clock(start) + "–" + round.Clock(end)
}
