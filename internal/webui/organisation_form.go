package webui

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// organisationFormPage is the form that creates an organisation (city administrators) or
// changes one (its admins too). Only city administrators choose the kind and the parent:
// for an organisation's own admins they stay as stored.
type organisationFormPage struct {
	Form         *form
	Organisation *organisation.Organisation // nil for a new one
	Action       string
	Cancel       string
	Kind, Parent field
	CityAdmin    bool
	CanArchive   bool
}

// organisationSpec names the organisation form's fields in page order.
var organisationSpec = formSpec{order: []string{"kind", "name", "org_number", "parent_id", "description", "website", "email", "phone"}}

// newOrganisation shows an empty organisation form to city administrators.
func (p *Pages) newOrganisation(c *gin.Context) {
	if err := access.Check(p.actor(c), access.CreateOrganisation, 0); err != nil {
		p.fail(c, err)
		return
	}
	p.organisationForm(c, http.StatusOK, newForm(url.Values{"kind": {"association"}}), nil)
}

// createOrganisation stores the new organisation and goes to its page, or shows the form
// again with every problem.
func (p *Pages) createOrganisation(c *gin.Context) {
	if err := access.Check(p.actor(c), access.CreateOrganisation, 0); err != nil {
		p.fail(c, err)
		return
	}
	values := postedValues(c)
	in, errs := organisationInput(values)
	var err error = errs
	var o *organisation.Organisation
	if len(errs) > 0 {
		err = merge(p.validate, in, errs, nil)
	} else {
		o, err = p.orgs.CreateOrganisation(c.Request.Context(), p.actor(c), in)
	}
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), organisationSpec, fe)
		p.organisationForm(c, http.StatusUnprocessableEntity, f, nil)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, organisationURL(o.ID)+"?klart=org-ny")
}

// editOrganisation shows the form filled in from the stored organisation.
func (p *Pages) editOrganisation(c *gin.Context) {
	o, ok := p.organisationToChange(c)
	if !ok {
		return
	}
	p.organisationForm(c, http.StatusOK, newForm(organisationValues(o)), o)
}

// updateOrganisation saves the form over the organisation; a change saved by someone else
// since the form was opened is not overwritten.
func (p *Pages) updateOrganisation(c *gin.Context) {
	o, ok := p.organisationToChange(c)
	if !ok {
		return
	}
	values := postedValues(c)
	if !p.actor(c).CityAdmin {
		// Kind and parent are the city's to set; the form does not offer them.
		values.Set("kind", string(o.Kind))
		values.Del("parent_id")
		if o.ParentID != nil {
			values.Set("parent_id", strconv.FormatInt(*o.ParentID, 10))
		}
	}
	in, errs := organisationInput(values)
	var err error = errs
	if len(errs) > 0 {
		err = merge(p.validate, in, errs, nil)
	} else {
		_, err = p.orgs.UpdateOrganisation(c.Request.Context(), p.actor(c), o.ID, in)
	}
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), organisationSpec, fe)
		p.organisationForm(c, http.StatusUnprocessableEntity, f, o)
		return
	}
	if errors.Is(err, organisation.ErrStale) {
		lang := p.lang(c)
		values.Set("revision", strconv.Itoa(o.Revision))
		f := newForm(values)
		f.ProblemTitle = i18n.T(lang, "problem.stale_revision.title")
		f.Problem = i18n.T(lang, "ui.org_form.stale")
		p.organisationForm(c, http.StatusConflict, f, o)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, organisationURL(o.ID)+"?klart=org-andrad")
}

// archiveOrganisation archives the organisation (city administrators); one that still owns
// venues gets the form back saying so.
func (p *Pages) archiveOrganisation(c *gin.Context) {
	o, ok := p.organisationToChange(c)
	if !ok {
		return
	}
	_, err := p.orgs.ArchiveOrganisation(c.Request.Context(), p.actor(c), o.ID)
	if errors.Is(err, organisation.ErrHasActiveVenues) {
		lang := p.lang(c)
		f := newForm(organisationValues(o))
		f.ProblemTitle = i18n.T(lang, "ui.org_form.archive_refused_title")
		f.Problem = i18n.T(lang, "ui.org_form.archive_refused")
		p.organisationForm(c, http.StatusConflict, f, o)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, organisationURL(o.ID)+"?klart=org-arkiverad")
}

// organisationToChange loads the organisation of the path for one who may change it.
func (p *Pages) organisationToChange(c *gin.Context) (*organisation.Organisation, bool) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	o, err := p.orgs.FindOrganisationByID(c.Request.Context(), id)
	if err == nil {
		err = access.Check(p.actor(c), access.UpdateOrganisation, o.ID)
	}
	if err == nil && o.Archived() {
		err = organisation.ErrArchived
	}
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	return o, true
}

func (p *Pages) organisationForm(c *gin.Context, status int, f *form, o *organisation.Organisation) {
	lang, actor := p.lang(c), p.actor(c)
	page := organisationFormPage{Form: f, Organisation: o, Action: "/organisationer/ny", Cancel: "/", CityAdmin: actor.CityAdmin}
	if o != nil {
		page.Action, page.Cancel = organisationURL(o.ID)+"/andra", organisationURL(o.ID)
		page.CanArchive = access.Check(actor, access.ArchiveOrganisation, o.ID) == nil
	}
	page.Kind = newField(lang, f, "kind", []string{"required"})
	for _, k := range organisation.Kinds {
		page.Kind.Options = append(page.Kind.Options, option{Value: string(k), Label: i18n.T(lang, "kind."+string(k)), Checked: f.Value("kind") == string(k)})
	}
	if actor.CityAdmin {
		cities, err := p.allOrganisations(c.Request.Context(), organisation.Filter{Kind: string(organisation.KindCity)})
		if err != nil {
			p.fail(c, err)
			return
		}
		page.Parent = newField(lang, f, "parent_id", []string{"hint:ui.org_form.parent_hint"})
		page.Parent.Options = append(page.Parent.Options, option{Value: "", Label: i18n.T(lang, "ui.org_form.no_parent")})
		for _, city := range cities {
			if o != nil && city.ID == o.ID {
				continue
			}
			id := strconv.FormatInt(city.ID, 10)
			page.Parent.Options = append(page.Parent.Options, option{Value: id, Label: city.Name, Checked: f.Value("parent_id") == id})
		}
	}
	p.render(c, status, "organisation_form", "", page)
}

// organisationInput reads the form; a parent that is not a number is a field error.
func organisationInput(q url.Values) (organisation.Input, fault.FieldErrors) {
	in := organisation.Input{
		Kind: q.Get("kind"), Name: q.Get("name"), OrgNumber: strings.TrimSpace(q.Get("org_number")),
		Description: q.Get("description"), Website: strings.TrimSpace(q.Get("website")),
		Email: strings.TrimSpace(q.Get("email")), Phone: strings.TrimSpace(q.Get("phone")),
	}
	var errs fault.FieldErrors
	if s := strings.TrimSpace(q.Get("parent_id")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			errs = append(errs, typeError("parent_id", "integer"))
		} else {
			in.ParentID = &id
		}
	}
	if s := q.Get("revision"); s != "" {
		n, ok := parseInt(s)
		if !ok {
			n = -1
		}
		in.Revision = &n
	}
	return in, errs
}

// organisationValues fills the form from a stored organisation.
func organisationValues(o *organisation.Organisation) url.Values {
	q := url.Values{
		"kind": {string(o.Kind)}, "name": {o.Name}, "description": {o.Description}, "website": {o.Website},
		"email": {o.Email}, "phone": {o.Phone}, "revision": {strconv.Itoa(o.Revision)},
	}
	if o.OrgNumber != nil {
		q.Set("org_number", *o.OrgNumber)
	}
	if o.ParentID != nil {
		q.Set("parent_id", strconv.FormatInt(*o.ParentID, 10))
	}
	return q
}

func organisationURL(id int64) string { return "/organisationer/" + strconv.FormatInt(id, 10) }
