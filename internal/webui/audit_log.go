package webui

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// auditLogLimit is how many entries the audit log shows at a time unless ?limit= asks otherwise.
const auditLogLimit = 50

type auditLogPage struct {
	Form *form
	// Action and Type are the filter's selects, built here: their options are texts.
	Action, Type      field
	Rows              []auditRow
	NextURL, FirstURL string
}

// auditRow is an entry as the log shows it, every text in the page's language.
type auditRow struct {
	At, AtISO  string // local time; the instant for <time datetime>
	Who        cell
	Action     string
	ObjectKind string
	Object     cell
	Route      string // the request refused, for an access.denied entry
	Org        cell
	IP         string
	Diff       *stateDiff
}

// cell is a text, linked where there is a page; Muted marks a stand-in for a missing name.
type cell struct {
	Text, Href string
	Muted      bool
}

var auditSpec = formSpec{order: []string{"actor_user_id", "action", "object_type", "object_id", "organisation_id", "from", "to"}}

// auditActions are the actions the services record (audit.Actions), in the groups the
// filter offers them, by the first part of their code. An entry of an action not listed
// shows by its code.
var auditActions = func() []struct {
	group   string
	actions []string
} {
	groupOf := map[string]string{
		"login": "signin", "access": "signin",
		"user": "users", "password_reset": "users", "token": "users",
		"membership":   "members",
		"organisation": "register", "venue": "register", "room": "register", "room_parts": "register", "photo": "register",
		"booking_rules": "bookings", "opening_hours": "bookings", "closure": "bookings", "tariff": "bookings",
		"booking": "bookings", "series": "bookings", "feed_token": "bookings",
		"round": "bookings", "application": "bookings", "allocation": "bookings",
		"signatory": "compact", "agreement": "compact", "join_request": "compact",
		"meeting_series": "meetings", "meeting": "meetings",
	}
	order := []string{"register", "bookings", "compact", "meetings", "members", "users", "signin", "other"}
	byGroup := map[string][]string{}
	for _, a := range audit.Actions {
		g, ok := groupOf[strings.SplitN(a, ".", 2)[0]]
		if !ok {
			g = "other"
		}
		byGroup[g] = append(byGroup[g], a)
	}
	var out []struct {
		group   string
		actions []string
	}
	for _, g := range order {
		if len(byGroup[g]) > 0 {
			out = append(out, struct {
				group   string
				actions []string
			}{g, byGroup[g]})
		}
	}
	return out
}()

// auditObjectTypes are the kinds of object entries are about, besides the routes of refusals.
var auditObjectTypes = []string{"organisation", "venue", "room", "membership", "user", "token"}

// auditLog lists the audit log, newest first, with the API's filters, for city
// administrators. The dates of the form are days in Swedish time: from the start of "from"
// to the end of "to". A filter that cannot be used answers 422 with the message at its field.
func (p *Pages) auditLog(c *gin.Context) {
	actor := p.actor(c)
	// Asked before the filter is read, so that whoever may not read the log is refused
	// whatever they typed; FindEntries asks again.
	if err := access.Check(actor, access.ReadAudit, 0); err != nil {
		p.fail(c, err)
		return
	}
	ctx, lang, values := c.Request.Context(), p.lang(c), c.Request.URL.Query()
	page := auditLogPage{Form: newForm(values)}
	f, errs := p.auditFilter(values)
	if len(errs) > 0 {
		errs = merge(p.validate, f, errs, nil)
	} else {
		res, err := p.audit.FindEntries(ctx, actor, f)
		errs = fault.Fields(err)
		if err != nil && errs == nil {
			p.fail(c, err)
			return
		}
		if page.Rows, err = p.auditRows(ctx, actor, lang, res.Items); err != nil {
			p.fail(c, err)
			return
		}
		if res.Next != nil {
			page.NextURL = auditURL(values, res.Next.Encode())
		}
		if f.Cursor != "" {
			page.FirstURL = auditURL(values, "")
		}
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
		page.Form.addErrors(lang, auditSpec, errs)
	}
	page.Action, page.Type = auditSelects(lang, page.Form)
	p.render(c, status, "audit_log", "audit_log", page)
}

// auditFilter reads the query as the API does, but with days (2026-03-29, or 20260329) for
// instants; an id that is not a number and a date that is not one are field errors.
func (p *Pages) auditFilter(q url.Values) (audit.Filter, fault.FieldErrors) {
	f := audit.Filter{
		Action:     strings.TrimSpace(q.Get("action")),
		ObjectType: strings.TrimSpace(q.Get("object_type")),
		Cursor:     q.Get("cursor"),
		Limit:      auditLogLimit,
	}
	var errs fault.FieldErrors
	for name, dst := range map[string]*int64{"actor_user_id": &f.ActorUserID, "object_id": &f.ObjectID, "organisation_id": &f.OrganisationID} {
		s := strings.NewReplacer(" ", "", "\u00a0", "").Replace(q.Get(name))
		if s == "" {
			continue
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			errs = append(errs, typeError(name, "integer"))
		}
		*dst = n
	}
	for name, nextDay := range map[string]bool{"from": false, "to": true} {
		s := strings.TrimSpace(q.Get(name))
		if s == "" {
			continue
		}
		d, err := time.ParseInLocation("2006-01-02", s, p.loc)
		if err != nil {
			d, err = time.ParseInLocation("20060102", s, p.loc)
		}
		if err != nil {
			errs = append(errs, fault.FieldError{Field: name, Code: "date"})
			continue
		}
		if nextDay {
			d = d.AddDate(0, 0, 1) // To is exclusive: the day typed is included
		}
		if name == "from" {
			f.From = d
		} else {
			f.To = d
		}
	}
	if s := q.Get("limit"); s != "" {
		if n, ok := parseInt(s); ok && n > 0 {
			f.Limit = n
		} else {
			errs = append(errs, typeError("limit", "integer"))
		}
	}
	return f, errs
}

// auditURL is the log with the same filters at the page starting at cursor.
func auditURL(q url.Values, cursor string) string {
	next := url.Values{}
	for k, v := range q {
		if k != "cursor" && k != "lang" {
			next[k] = v
		}
	}
	if cursor != "" {
		next.Set("cursor", cursor)
	}
	if len(next) == 0 {
		return "/admin/logg"
	}
	return "/admin/logg?" + next.Encode()
}

// auditSelects builds the selects of actions and object types. A value not among the
// options (typed into the address) is kept, chosen, under "other".
func auditSelects(lang i18n.Lang, f *form) (action, objectType field) {
	other := i18n.T(lang, "ui.audit.group.other")
	action = newField(lang, f, "action", []string{"quiet"})
	action.Options = []option{{Value: "", Label: i18n.T(lang, "ui.audit.any_action")}}
	for _, g := range auditActions {
		group := i18n.T(lang, "ui.audit.group."+g.group)
		for _, a := range g.actions {
			action.Options = append(action.Options, option{Value: a, Label: actionText(lang, a), Group: group, Checked: a == action.Value})
		}
	}
	objectType = newField(lang, f, "object_type", []string{"quiet"})
	objectType.Options = []option{{Value: "", Label: i18n.T(lang, "ui.audit.any_type")}}
	for _, t := range auditObjectTypes {
		objectType.Options = append(objectType.Options, option{Value: t, Label: i18n.T(lang, "ui.audit.type."+t), Checked: t == objectType.Value})
	}
	for _, fl := range []*field{&action, &objectType} {
		if !chosen(fl.Options, fl.Value) {
			fl.Options = append(fl.Options, option{Value: fl.Value, Label: fl.Value, Group: other, Checked: true})
		}
	}
	return action, objectType
}

func chosen(opts []option, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

// actionText is the action in words, or its code when it has none.
func actionText(lang i18n.Lang, action string) string {
	if key := "ui.audit.action." + action; i18n.Has(key) {
		return i18n.T(lang, key)
	}
	return action
}

// auditNames are the names of the people and organisations a page of entries mentions.
type auditNames struct{ users, orgs map[int64]string }

// lookUpNames finds each person and organisation the entries name, once however many
// entries name them. People who have been deleted are left out. (The account service has
// no lookup of many people at once; with one, this is a single query.)
func (p *Pages) lookUpNames(ctx context.Context, actor access.Actor, entries []audit.Entry) (auditNames, error) {
	n := auditNames{users: map[int64]string{}, orgs: map[int64]string{}}
	for _, e := range entries {
		if e.ActorUserID != nil {
			n.users[*e.ActorUserID] = ""
		}
		if e.ObjectID != nil && (e.ObjectType == "user" || e.ObjectType == "membership") {
			n.users[*e.ObjectID] = ""
		}
		if e.OrganisationID != nil {
			n.orgs[*e.OrganisationID] = ""
		}
	}
	for id := range n.users {
		u, err := p.accounts.FindUserByID(ctx, actor, id)
		switch {
		case errors.Is(err, account.ErrUserNotFound):
			delete(n.users, id)
		case err != nil:
			return n, err
		default:
			n.users[id] = u.Name
		}
	}
	for id := range n.orgs {
		o, err := p.orgs.FindOrganisationByID(ctx, id)
		switch {
		case errors.Is(err, organisation.ErrNotFound):
			delete(n.orgs, id)
		case err != nil:
			return n, err
		default:
			n.orgs[id] = o.Name
		}
	}
	return n, nil
}

// auditRows makes the rows the page shows.
func (p *Pages) auditRows(ctx context.Context, actor access.Actor, lang i18n.Lang, entries []audit.Entry) ([]auditRow, error) {
	names, err := p.lookUpNames(ctx, actor, entries)
	if err != nil {
		return nil, err
	}
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		before, after := decodeState(e.Before), decodeState(e.After)
		r := auditRow{
			At: e.At.In(p.loc).Format("2006-01-02 15:04:05"), AtISO: e.At.UTC().Format(time.RFC3339),
			Who: whoCell(lang, e, names), Action: actionText(lang, e.Action), IP: e.IP,
		}
		if e.Action == audit.ActionDenied {
			method, _ := after["method"].(string)
			r.Route = strings.TrimSpace(method + " " + e.ObjectType)
			if e.ObjectID != nil {
				r.Object = cell{Text: i18n.T(lang, "ui.audit.number", *e.ObjectID), Muted: true}
			}
		} else {
			r.ObjectKind, r.Object = objectCell(lang, e, names, before, after)
			r.Diff = p.diff(lang, before, after)
		}
		if id := e.OrganisationID; id != nil {
			r.Org = cell{Text: names.orgs[*id], Href: "/organisationer/" + strconv.FormatInt(*id, 10)}
			if r.Org.Text == "" {
				r.Org.Text, r.Org.Muted = i18n.T(lang, "ui.audit.number", *id), true
			}
		}
		rows[i] = r
	}
	return rows, nil
}

// whoCell names who did it. The log keeps no name, only the person's id, which is cleared
// when the person is deleted; an entry without one was made by the command line (address
// "local"), by someone not signed in, or by a person since deleted, whose addresses are
// blanked (or who deleted themself).
func whoCell(lang i18n.Lang, e audit.Entry, names auditNames) cell {
	deleted := cell{Text: i18n.T(lang, "ui.audit.deleted_user"), Muted: true}
	if id := e.ActorUserID; id != nil {
		name, ok := names.users[*id]
		if !ok {
			return deleted
		}
		return cell{Text: name, Href: auditURL(url.Values{"actor_user_id": {strconv.FormatInt(*id, 10)}}, "")}
	}
	switch {
	case e.IP == access.System.IP:
		return cell{Text: i18n.T(lang, "ui.audit.system"), Muted: true}
	case e.IP == "" || e.Action == "user.delete":
		return deleted
	default:
		return cell{Text: i18n.T(lang, "ui.audit.anonymous"), Muted: true}
	}
}

// objectCell names what the entry is about, linking to its page where it has one.
func objectCell(lang i18n.Lang, e audit.Entry, names auditNames, before, after map[string]any) (string, cell) {
	kind := e.ObjectType
	if key := "ui.audit.type." + kind; i18n.Has(key) {
		kind = i18n.T(lang, key)
	}
	c := cell{Text: stateName(before, after)}
	if e.ObjectID == nil {
		if c.Text == "" {
			c = cell{Text: "–", Muted: true}
		}
		return kind, c
	}
	id := strconv.FormatInt(*e.ObjectID, 10)
	switch e.ObjectType {
	case "organisation":
		c.Href = "/organisationer/" + id
	case "venue":
		c.Href = "/lokaler/" + id
	case "room":
		c.Href = "/rum/" + id
	case "user", "membership":
		name, ok := names.users[*e.ObjectID]
		c = cell{Text: name}
		if !ok {
			c = cell{Text: i18n.T(lang, "ui.audit.deleted_user"), Muted: true}
		}
		if e.ObjectType == "membership" && e.OrganisationID != nil {
			c.Href = membersURL(*e.OrganisationID)
		}
	}
	if c.Text == "" {
		c.Text, c.Muted = i18n.T(lang, "ui.audit.number", *e.ObjectID), true
	}
	return kind, c
}
