package webui

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

type agreementFormPage struct {
	Form      *form
	Agreement *agreement.Agreement // nil for a new agreement
	Action    string
	Cancel    string
	// InForce: the agreement is the active Compact, and the form asks for a confirmation
	// before a change takes it out of force.
	InForce bool
	// PartyRows and PremisesRows are the parts picked by name from Choices
	// (agreement_parts_form.go).
	PartyRows, PremisesRows partRows
	Choices                 *partsChoices
}

// agreementSpec names the agreement form's fields in page order.
var agreementSpec = formSpec{order: []string{"kind", "title", "status", "summary", "text", "link", "valid_from", "valid_to", "version",
	"parties", "premises", "terms"}, rename: partsField, groups: map[string]string{"parties": "0", "premises": "0"}}

// newAgreement shows an empty agreement form to city administrators.
func (p *Pages) newAgreement(c *gin.Context) {
	if err := access.Check(p.actor(c), access.ManageAgreements, 0); err != nil {
		p.fail(c, err)
		return
	}
	p.agreementForm(c, http.StatusOK, newForm(url.Values{"kind": {"iop"}, "status": {"draft"}}), nil)
}

// createAgreement stores the new agreement and goes to its page, or shows the form again
// with what needs correcting.
func (p *Pages) createAgreement(c *gin.Context) {
	values := postedValues(c)
	in := agreementInput(values)
	pc, err := p.loadPartsChoices(c.Request.Context())
	if err != nil {
		p.fail(c, err)
		return
	}
	var a *agreement.Agreement
	if fe := pc.readParts(&in, values); fe != nil {
		// The input's own checks too, so that every problem is told at once.
		err = merge(p.validate, in, fe, agreementSpec.rename)
	} else {
		a, err = p.agree.CreateAgreement(c.Request.Context(), p.actor(c), in)
	}
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), agreementSpec, fe)
		p.agreementForm(c, http.StatusUnprocessableEntity, f, nil)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, agreementURL(a.ID)+"?klart=avtal-sparat")
}

// editAgreement shows the form filled in from the stored agreement, with its revision.
func (p *Pages) editAgreement(c *gin.Context) {
	a, ok := p.agreementToChange(c)
	if !ok {
		return
	}
	p.agreementForm(c, http.StatusOK, newForm(agreementValues(a)), a)
}

// updateAgreement saves the form over the agreement. A change saved by someone else since
// the form was opened is not overwritten: the form comes back with the visitor's values and
// the current revision.
func (p *Pages) updateAgreement(c *gin.Context) {
	a, ok := p.agreementToChange(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in := agreementInput(values)
	var err error
	if values.Has("party_name") || values.Has("premises_name") {
		pc, lerr := p.loadPartsChoices(c.Request.Context())
		if lerr != nil {
			p.fail(c, lerr)
			return
		}
		if fe := pc.readParts(&in, values); fe != nil {
			err = merge(p.validate, in, fe, agreementSpec.rename)
		}
	}
	in = keepParts(in, values, a)
	if err == nil {
		_, err = p.agree.UpdateAgreement(c.Request.Context(), p.actor(c), a.ID, in)
	}
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), agreementSpec, fe)
		p.agreementForm(c, http.StatusUnprocessableEntity, f, a)
		return
	}
	if errors.Is(err, agreement.ErrCompactInForce) {
		lang := p.lang(c)
		f := newForm(values)
		f.ProblemTitle = i18n.T(lang, "problem.compact_in_force.title")
		f.Problem = i18n.T(lang, "problem.compact_in_force.detail")
		p.agreementForm(c, http.StatusConflict, f, a)
		return
	}
	if errors.Is(err, agreement.ErrStale) {
		lang := p.lang(c)
		values.Set("revision", strconv.Itoa(a.Revision))
		f := newForm(values)
		f.ProblemTitle = i18n.T(lang, "problem.stale_revision.title")
		f.Problem = i18n.T(lang, "ui.agreement_form.stale")
		p.agreementForm(c, http.StatusConflict, f, a)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, agreementURL(a.ID)+"?klart=avtal-sparat")
}

// agreementToChange loads the agreement of the path for a city administrator: the login
// page, 403 or 404 otherwise.
func (p *Pages) agreementToChange(c *gin.Context) (*agreement.Agreement, bool) {
	actor := p.actor(c)
	if err := access.Check(actor, access.ManageAgreements, 0); err != nil {
		p.fail(c, err)
		return nil, false
	}
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	a, err := p.agree.FindAgreementByID(c.Request.Context(), actor, id)
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	return a, true
}

func (p *Pages) agreementForm(c *gin.Context, status int, f *form, a *agreement.Agreement) {
	page := agreementFormPage{Form: f, Agreement: a, Action: agreementsPath + "/nytt", Cancel: agreementsPath}
	pc, err := p.loadPartsChoices(c.Request.Context())
	if err != nil {
		p.fail(c, err)
		return
	}
	lang := p.lang(c)
	page.Choices = pc
	page.PartyRows = partRows{Name: "parties", Hint: "ui.agreement_parts.parties_hint", Error: f.Error("parties"), List: "organisation-names", Parties: partyRows(lang, f)}
	page.PremisesRows = partRows{Name: "premises", Hint: "ui.agreement_parts.premises_hint", Error: f.Error("premises"), List: "premises-names", Premises: premisesRows(lang, f)}
	if a != nil {
		page.Action, page.Cancel = agreementURL(a.ID)+"/andra", agreementURL(a.ID)
		page.InForce = a.Kind == agreement.KindCompact && a.Status == agreement.StatusActive
	}
	p.render(c, status, "agreement_form", "agreements", page)
}

// agreementInput reads the agreement form; the service validates it.
func agreementInput(q url.Values) agreement.Input {
	in := agreement.Input{Kind: q.Get("kind"), Title: q.Get("title"), Summary: q.Get("summary"), Body: q.Get("text"),
		Link: q.Get("link"), Status: q.Get("status"), ValidFrom: q.Get("valid_from"), ValidTo: q.Get("valid_to"), Version: q.Get("version"),
		Terms: q.Get("terms"), Confirm: q.Get("confirm") == "yes"}
	if s := q.Get("revision"); s != "" {
		// Hidden and written by us; a broken one cannot match the stored revision.
		n, ok := parseInt(s)
		if !ok {
			n = -1
		}
		in.Revision = &n
	}
	return in
}

// agreementValues fills the form from a stored agreement.
func agreementValues(a *agreement.Agreement) url.Values {
	q := url.Values{"kind": {string(a.Kind)}, "title": {a.Title}, "summary": {a.Summary}, "text": {a.Body}, "link": {a.Link},
		"status": {string(a.Status)}, "revision": {strconv.Itoa(a.Revision)},
		"terms": {a.Terms}}
	partsValues(q, a)
	if a.ValidFrom != nil {
		q.Set("valid_from", a.ValidFrom.Format(time.DateOnly))
	}
	if a.ValidTo != nil {
		q.Set("valid_to", a.ValidTo.Format(time.DateOnly))
	}
	return q
}

// keepParts carries the stored terms, parties and premises into in when the form did not
// send them: an update replaces them all, and a form without them must not erase them.
func keepParts(in agreement.Input, q url.Values, a *agreement.Agreement) agreement.Input {
	if !q.Has("terms") {
		in.Terms = a.Terms
	}
	if in.Parties == nil {
		for _, p := range a.Parties {
			in.Parties = append(in.Parties, agreement.PartyInput{OrganisationID: p.OrganisationID, Role: string(p.Role)})
		}
	}
	if in.Premises == nil {
		for _, pm := range a.Premises {
			var pi agreement.PremisesInput
			if pm.RoomID != nil {
				pi.RoomID = *pm.RoomID
			} else if pm.VenueID != nil {
				pi.VenueID = *pm.VenueID
			}
			in.Premises = append(in.Premises, pi)
		}
	}
	return in
}
