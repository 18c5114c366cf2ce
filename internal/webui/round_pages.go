package webui

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// The pages of seasonal allocation: the rounds (public), a round with what the visitor may
// do in it, and the form that opens or changes one. Who may do what is the round service's
// decision (access.ManageRounds, access.Apply); the pages only leave out what would be
// refused.
const roundsPath = "/sasongsbokning"

func roundURL(id int64) string { return round.PagePath(id) }

// roundsPage lists the rounds, latest term first.
type roundsPage struct {
	Notice    string
	Rounds    []roundRow
	CanCreate bool
}

// roundRow is a round in a list, with its dates as the page shows them.
type roundRow struct {
	round.Round
	Period, Term string
}

func (p *Pages) roundRow(r round.Round) roundRow {
	return roundRow{Round: r, Period: p.roundPeriod(&r), Term: p.roundTerm(&r)}
}

// roundPeriod is the application period, by days: "1 mars – 31 mars 2027".
func (p *Pages) roundPeriod(r *round.Round) string {
	last := r.ApplicationsCloseAt.Add(-time.Nanosecond) // closes at the midnight after the last day
	return p.days(r.ApplicationsOpenAt.In(p.loc), last.In(p.loc))
}

func (p *Pages) roundTerm(r *round.Round) string { return p.days(r.TermStartsOn, r.TermEndsOn) }

// days writes a span of dates as ISO dates, which read the same in both languages.
func (p *Pages) days(from, to time.Time) string {
	return from.Format(time.DateOnly) + " – " + to.Format(time.DateOnly)
}

func (p *Pages) roundsList(c *gin.Context) {
	ctx, actor := c.Request.Context(), p.actor(c)
	all, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[round.Round], error) {
		return p.rounds.FindRounds(ctx, round.Filter{Limit: listing.MaxLimit, Cursor: cursor})
	})
	if err != nil {
		p.fail(c, err)
		return
	}
	owners, err := p.roundOwners(ctx, actor)
	if err != nil {
		p.fail(c, err)
		return
	}
	page := roundsPage{Notice: p.notice(c), CanCreate: len(owners) > 0}
	for _, r := range all {
		page.Rounds = append(page.Rounds, p.roundRow(r))
	}
	p.render(c, http.StatusOK, "rounds", "", page)
}

// roundPage is one round: its facts, criteria and terms and rooms for anyone; the
// visitor's organisations' applications and the way to apply; for the owner's admins the
// applications, the allocation board and the steps that change the round.
type roundPage struct {
	Notice       string
	Round        roundRow
	Rooms        []venue.Room
	Status       string
	Open         bool
	CanManage    bool
	Mine         []round.Application
	CanApply     bool // an organisation of the visitor's may still apply
	Applications []round.Application
}

func (p *Pages) roundShow(c *gin.Context) {
	r, ok := p.roundOf(c)
	if !ok {
		return
	}
	ctx, actor := c.Request.Context(), p.actor(c)
	page := roundPage{Notice: p.notice(c), Round: p.roundRow(*r), Open: r.Status == round.StatusOpen,
		CanManage: access.Check(actor, access.ManageRounds, r.OwnerID) == nil}
	var err error
	if page.Rooms, err = p.roomsByID(ctx, r.RoomIDs); err != nil {
		p.fail(c, err)
		return
	}
	if actor.SignedIn() {
		apps, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[round.Application], error) {
			return p.rounds.FindApplications(ctx, actor, r.ID, round.ApplicationFilter{Limit: listing.MaxLimit, Cursor: cursor})
		})
		if err != nil {
			p.fail(c, err)
			return
		}
		applied := map[int64]bool{}
		for _, a := range apps {
			if access.Check(actor, access.Apply, a.OrganisationID) == nil {
				page.Mine = append(page.Mine, a)
				applied[a.OrganisationID] = true
			}
		}
		if page.CanManage {
			page.Applications = apps
		}
		orgs, err := p.applicants(ctx, actor)
		if err != nil {
			p.fail(c, err)
			return
		}
		for _, o := range orgs {
			page.CanApply = page.CanApply || !applied[o.ID]
		}
	}
	page.CanApply = page.CanApply && page.Open
	p.render(c, http.StatusOK, "round", "", page)
}

// roundOf reads the round named by the path, or answers 404.
func (p *Pages) roundOf(c *gin.Context) (*round.Round, bool) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	r, err := p.rounds.FindRoundByID(c.Request.Context(), id)
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	return r, true
}

// roomsByID reads the rooms with their venues, in the order given.
func (p *Pages) roomsByID(ctx context.Context, ids []int64) ([]venue.Room, error) {
	out := make([]venue.Room, 0, len(ids))
	for _, id := range ids {
		rm, err := p.venues.FindRoomByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, *rm)
	}
	return out, nil
}

// applicants are the organisations the actor may apply for: their own as admin or booker,
// every organisation for a city administrator (who may enter an application sent on paper).
func (p *Pages) applicants(ctx context.Context, actor access.Actor) ([]organisation.Organisation, error) {
	return p.organisationsFor(ctx, actor, access.Apply)
}

// roundOwners are the organisations for which the actor may open rounds: their own as
// admin, every organisation for a city administrator.
func (p *Pages) roundOwners(ctx context.Context, actor access.Actor) ([]organisation.Organisation, error) {
	return p.organisationsFor(ctx, actor, access.ManageRounds)
}

// organisationsFor are the organisations in which the actor may do action, by name: every
// organisation for a city administrator, else those of their roles that allow it.
func (p *Pages) organisationsFor(ctx context.Context, actor access.Actor, action access.Action) ([]organisation.Organisation, error) {
	if !actor.SignedIn() {
		return nil, nil
	}
	if actor.CityAdmin {
		return p.allOrganisations(ctx, organisation.Filter{})
	}
	var out []organisation.Organisation
	for org := range actor.Roles {
		if access.Check(actor, action, org) != nil {
			continue
		}
		o, err := p.orgs.FindOrganisationByID(ctx, org)
		if err != nil {
			return nil, err
		}
		out = append(out, *o)
	}
	slices.SortFunc(out, func(a, b organisation.Organisation) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// roundFormPage opens or changes a round. The rooms offered are the owner's, so a new
// round's owner is chosen first (Owners, a form of its own) when the person may choose.
type roundFormPage struct {
	Form   *form
	Round  *round.Round // nil for a new round
	Action string
	Cancel string
	Owner  *organisation.Organisation
	Owners field // the owner's select, when no owner is chosen yet
	Rooms  field
	Ranks  []field // the priority order, one select per place
	Fields struct{ Name, Criteria, Terms, OpensOn, ClosesOn, TermStartsOn, TermEndsOn field }
}

var roundSpec = formSpec{order: []string{"name", "room_ids", "applications_open_at", "applications_close_at",
	"term_starts_on", "term_ends_on", "priority_1", "criteria", "terms"},
	rename: func(s string) string {
		switch s {
		case "priorities":
			return "priority_1"
		case "owner_id":
			return "room_ids"
		}
		return s
	}}

func (p *Pages) newRound(c *gin.Context) {
	actor := p.actor(c)
	if !actor.SignedIn() {
		p.toLogin(c)
		return
	}
	owners, err := p.roundOwners(c.Request.Context(), actor)
	if err != nil {
		p.fail(c, err)
		return
	}
	if len(owners) == 0 {
		p.fail(c, access.ErrForbidden)
		return
	}
	values := url.Values{"owner_id": {c.Query("owner_id")}}
	if len(owners) == 1 {
		values.Set("owner_id", strconv.FormatInt(owners[0].ID, 10))
	}
	for i, pr := range round.Priorities {
		values.Set(fmt.Sprintf("priority_%d", i+1), pr)
	}
	p.roundForm(c, http.StatusOK, newForm(values), nil, owners)
}

func (p *Pages) createRound(c *gin.Context) {
	values := postedValues(c)
	in, errs := p.roundInput(values)
	var r *round.Round
	var err error
	if len(errs) > 0 {
		err = merge(p.validate, in, errs, nil)
	} else {
		r, err = p.rounds.CreateRound(c.Request.Context(), p.actor(c), in)
	}
	if p.roundRefused(c, values, err, nil) {
		return
	}
	c.Redirect(http.StatusSeeOther, roundURL(r.ID)+"?klart=omgang-skapad")
}

func (p *Pages) editRound(c *gin.Context) {
	r, ok := p.roundToManage(c)
	if !ok {
		return
	}
	p.roundForm(c, http.StatusOK, newForm(p.roundValues(r)), r, nil)
}

func (p *Pages) updateRound(c *gin.Context) {
	r, ok := p.roundToManage(c)
	if !ok {
		return
	}
	values := postedValues(c)
	values.Set("owner_id", strconv.FormatInt(r.OwnerID, 10))
	in, errs := p.roundInput(values)
	var err error
	if len(errs) > 0 {
		err = merge(p.validate, in, errs, nil)
	} else {
		_, err = p.rounds.UpdateRound(c.Request.Context(), p.actor(c), r.ID, in)
	}
	if p.roundRefused(c, values, err, r) {
		return
	}
	c.Redirect(http.StatusSeeOther, roundURL(r.ID)+"?klart=omgang-sparad")
}

func (p *Pages) closeRound(c *gin.Context) {
	r, ok := p.roundToManage(c)
	if !ok {
		return
	}
	if _, err := p.rounds.CloseRound(c.Request.Context(), p.actor(c), r.ID); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, roundURL(r.ID)+"?klart=omgang-stangd")
}

// roundToManage reads the round and checks that the visitor manages it.
func (p *Pages) roundToManage(c *gin.Context) (*round.Round, bool) {
	r, ok := p.roundOf(c)
	if !ok {
		return nil, false
	}
	if err := access.Check(p.actor(c), access.ManageRounds, r.OwnerID); err != nil {
		p.fail(c, err)
		return nil, false
	}
	return r, true
}

// roundRefused shows the form again for a refusal that names fields, or the error page;
// it reports whether err was a refusal.
func (p *Pages) roundRefused(c *gin.Context, values url.Values, err error, r *round.Round) bool {
	if err == nil {
		return false
	}
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), roundSpec, fe)
		owners, oerr := p.roundOwners(c.Request.Context(), p.actor(c))
		if oerr != nil {
			p.fail(c, oerr)
			return true
		}
		p.roundForm(c, http.StatusUnprocessableEntity, f, r, owners)
		return true
	}
	p.fail(c, err)
	return true
}

// roundForm renders the form; owners are those the person may choose among for a new round.
func (p *Pages) roundForm(c *gin.Context, status int, f *form, r *round.Round, owners []organisation.Organisation) {
	ctx, lang := c.Request.Context(), p.lang(c)
	page := roundFormPage{Form: f, Round: r, Action: roundsPath, Cancel: roundsPath}
	owner, _ := strconv.ParseInt(f.Value("owner_id"), 10, 64)
	if r != nil {
		page.Action, page.Cancel, owner = roundURL(r.ID)+"/andra", roundURL(r.ID), r.OwnerID
	}
	for _, o := range owners {
		if o.ID == owner {
			page.Owner = &o
		}
	}
	if r != nil {
		o, err := p.orgs.FindOrganisationByID(ctx, owner)
		if err != nil {
			p.fail(c, err)
			return
		}
		page.Owner = o
	}
	if page.Owner == nil {
		page.Owners = newField(lang, f, "owner_id", []string{"required", "label:ui.round_form.owner"})
		page.Owners.Options = append(page.Owners.Options, option{Value: "", Label: i18n.T(lang, "ui.venue_form.choose_owner")})
		for _, o := range owners {
			id := strconv.FormatInt(o.ID, 10)
			page.Owners.Options = append(page.Owners.Options, option{Value: id, Label: o.Name, Checked: f.Value("owner_id") == id})
		}
		p.render(c, status, "round_form", "", page)
		return
	}
	rooms, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[venue.Room], error) {
		return p.venues.FindRooms(ctx, venue.Filter{OwnerID: page.Owner.ID, Limit: listing.MaxLimit, Cursor: cursor})
	})
	if err != nil {
		p.fail(c, err)
		return
	}
	page.Rooms = newField(lang, f, "room_ids", []string{"required", "hint:ui.round_form.rooms_hint"})
	for _, rm := range rooms {
		id := strconv.FormatInt(rm.ID, 10)
		label := rm.Name
		if rm.Venue != nil {
			label = rm.Venue.Name + ", " + rm.Name
		}
		page.Rooms.Options = append(page.Rooms.Options, option{ID: optionID("room_ids", id), Value: id, Label: label, Checked: f.Has("room_ids", id)})
	}
	if len(page.Rooms.Options) > 0 {
		page.Rooms.ID = page.Rooms.Options[0].ID
	}
	fl := &page.Fields
	fl.Name = newField(lang, f, "name", []string{"required", "hint:ui.round_form.name_hint"})
	fl.OpensOn = newField(lang, f, "applications_open_at", []string{"required", "type:date", "width:medium"})
	fl.ClosesOn = newField(lang, f, "applications_close_at", []string{"required", "type:date", "width:medium", "hint:ui.round_form.closes_hint"})
	fl.TermStartsOn = newField(lang, f, "term_starts_on", []string{"required", "type:date", "width:medium"})
	fl.TermEndsOn = newField(lang, f, "term_ends_on", []string{"required", "type:date", "width:medium"})
	fl.Criteria = newField(lang, f, "criteria", []string{"label:ui.round_form.criteria", "hint:ui.round_form.criteria_hint"})
	fl.Terms = newField(lang, f, "terms", []string{"label:ui.round_form.terms"})
	for i := range round.Priorities {
		name := fmt.Sprintf("priority_%d", i+1)
		sel := newField(lang, f, name, []string{"quiet"})
		sel.Label = i18n.T(lang, "ui.round_form.priority_place", i+1)
		sel.Options = append(sel.Options, option{Value: "", Label: i18n.T(lang, "ui.round_form.priority_none")})
		for _, pr := range round.Priorities {
			sel.Options = append(sel.Options, option{Value: pr, Label: i18n.T(lang, "ui.round.priority."+pr), Checked: f.Value(name) == pr})
		}
		page.Ranks = append(page.Ranks, sel)
	}
	p.render(c, status, "round_form", "", page)
}

// roundInput reads the form. The application period is given by days: it opens at the
// start of the first and closes at the end of the last, in local time.
func (p *Pages) roundInput(values url.Values) (round.RoundInput, fault.FieldErrors) {
	var errs fault.FieldErrors
	in := round.RoundInput{Name: values.Get("name"), Criteria: values.Get("criteria"), Terms: values.Get("terms"),
		TermStartsOn: values.Get("term_starts_on"), TermEndsOn: values.Get("term_ends_on")}
	in.OwnerID, _ = strconv.ParseInt(values.Get("owner_id"), 10, 64)
	for _, v := range values["room_ids"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			in.RoomIDs = append(in.RoomIDs, id)
		}
	}
	day := func(name string, next int) time.Time {
		s := strings.TrimSpace(values.Get(name))
		if s == "" {
			errs = append(errs, fault.FieldError{Field: name, Code: "required"})
			return time.Time{}
		}
		d, err := time.ParseInLocation(time.DateOnly, s, p.loc)
		if err != nil {
			errs = append(errs, fault.FieldError{Field: name, Code: "date"})
			return time.Time{}
		}
		return d.AddDate(0, 0, next)
	}
	in.ApplicationsOpenAt = day("applications_open_at", 0)
	in.ApplicationsCloseAt = day("applications_close_at", 1)
	for i := range round.Priorities {
		if v := values.Get(fmt.Sprintf("priority_%d", i+1)); v != "" {
			in.Priorities = append(in.Priorities, v)
		}
	}
	return in, errs
}

// roundValues are the form's values for a stored round.
func (p *Pages) roundValues(r *round.Round) url.Values {
	v := url.Values{"owner_id": {strconv.FormatInt(r.OwnerID, 10)}, "name": {r.Name}, "criteria": {r.Criteria}, "terms": {r.Terms},
		"applications_open_at":  {r.ApplicationsOpenAt.In(p.loc).Format(time.DateOnly)},
		"applications_close_at": {r.ApplicationsCloseAt.Add(-time.Nanosecond).In(p.loc).Format(time.DateOnly)},
		"term_starts_on":        {r.TermStartsOn.Format(time.DateOnly)}, "term_ends_on": {r.TermEndsOn.Format(time.DateOnly)}}
	for _, id := range r.RoomIDs {
		v.Add("room_ids", strconv.FormatInt(id, 10))
	}
	for i, pr := range r.Priorities {
		v.Set(fmt.Sprintf("priority_%d", i+1), pr)
	}
	return v
}
