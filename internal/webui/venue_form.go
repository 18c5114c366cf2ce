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
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

type venueFormPage struct {
	Form   *form
	Owners []organisation.Organisation
	Venue  *venue.Venue // nil for a new venue
	Action string
	Cancel string
	// Photos are the venue's own photos and their upload form (nil for a new venue); Notice
	// says what was just done.
	Photos *photosView
	Notice string
	// CanAddOwner links to the form that adds an organisation (city administrators).
	CanAddOwner bool
}

// venueSpec names the venue form's fields for error messages, in page order. The validator
// names the accessibility note "note" (its JSON name inside "accessibility").
var venueSpec = formSpec{
	order: []string{
		"owner_id", "name", "description", "street_address", "postal_code", "town", "district",
		"latitude", "longitude", "accessibility", "accessibility_note",
		"contact_name", "contact_email", "contact_phone",
	},
	groups: map[string]string{"accessibility": venue.AccessibilityFeatures[0]},
	rename: func(name string) string {
		switch {
		case name == "note" || name == "accessibility.note":
			return "accessibility_note"
		case strings.HasPrefix(name, "accessibility."):
			return "accessibility"
		}
		return name
	},
}

// newVenue shows an empty venue form; ?owner_id= chooses the owner in advance. Only the
// organisations the visitor may add venues for are offered; with none, the visitor is sent
// to log in or shown the 403 page.
func (p *Pages) newVenue(c *gin.Context) {
	values := url.Values{}
	if id := c.Query("owner_id"); id != "" {
		values.Set("owner_id", id)
	}
	p.venueForm(c, http.StatusOK, newForm(values), nil)
}

// venueOwners returns the live organisations actor may create venues for, by asking the
// policy about each. When there is none, it returns the policy's answer for the first
// (unauthenticated or forbidden).
func (p *Pages) venueOwners(ctx context.Context, actor access.Actor) ([]organisation.Organisation, error) {
	all, err := p.allOrganisations(ctx, organisation.Filter{})
	if err != nil {
		return nil, err
	}
	refusal := access.Check(actor, access.CreateVenue, 0)
	var out []organisation.Organisation
	for _, o := range all {
		if err := access.Check(actor, access.CreateVenue, o.ID); err != nil {
			refusal = err
			continue
		}
		out = append(out, o)
	}
	if len(out) == 0 && refusal != nil {
		return nil, refusal
	}
	return out, nil
}

// createVenue stores a new venue from the form and goes to its page, or shows the form
// again with what needs correcting.
func (p *Pages) createVenue(c *gin.Context) {
	values := postedValues(c)
	in, errs := venueInput(values)
	if len(errs) > 0 {
		p.venueFormInvalid(c, values, merge(p.validate, in, errs, venueSpec.rename), nil)
		return
	}
	v, err := p.venues.CreateVenue(c.Request.Context(), p.actor(c), in)
	if fe := fault.Fields(err); fe != nil {
		p.venueFormInvalid(c, values, fe, nil)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/lokaler/"+strconv.FormatInt(v.ID, 10)+"?klart=lokal-ny")
}

// editVenue shows the venue form filled in from the stored venue, with its revision, to
// those who may change it.
func (p *Pages) editVenue(c *gin.Context) {
	v, ok := p.findVenueToChange(c)
	if !ok {
		return
	}
	if err := access.Check(p.actor(c), access.UpdateVenue, v.OwnerID); err != nil {
		p.fail(c, err)
		return
	}
	p.venueForm(c, http.StatusOK, newForm(venueValues(v)), v)
}

// updateVenue saves the form over the venue. If someone else saved the venue since the form
// was opened, nothing is overwritten: the form comes back with the visitor's values, a
// message saying so, and the current revision, so that saving again is a deliberate choice.
func (p *Pages) updateVenue(c *gin.Context) {
	v, ok := p.findVenueToChange(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in, errs := venueInput(values)
	if len(errs) > 0 {
		p.venueFormInvalid(c, values, merge(p.validate, in, errs, venueSpec.rename), v)
		return
	}
	_, err := p.venues.UpdateVenue(c.Request.Context(), p.actor(c), v.ID, in)
	if fe := fault.Fields(err); fe != nil {
		p.venueFormInvalid(c, values, fe, v)
		return
	}
	if errors.Is(err, venue.ErrStale) {
		lang := p.lang(c)
		values.Set("revision", strconv.Itoa(v.Revision))
		f := newForm(values)
		f.ProblemTitle = i18n.T(lang, "problem.stale_revision.title")
		f.Problem = i18n.T(lang, "ui.venue_form.stale")
		p.venueForm(c, http.StatusConflict, f, v)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/lokaler/"+strconv.FormatInt(v.ID, 10)+"?klart=lokal-andrad")
}

// findVenueToChange loads the venue of the path, answering 404 or 409 (archived) itself.
func (p *Pages) findVenueToChange(c *gin.Context) (*venue.Venue, bool) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	v, err := p.venues.FindVenueByID(c.Request.Context(), id)
	if err == nil && v.Archived() {
		err = venue.ErrVenueArchived
	}
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	return v, true
}

func (p *Pages) venueFormInvalid(c *gin.Context, values url.Values, errs fault.FieldErrors, v *venue.Venue) {
	f := newForm(values)
	f.addErrors(p.lang(c), venueSpec, errs)
	p.venueForm(c, http.StatusUnprocessableEntity, f, v)
}

func (p *Pages) venueForm(c *gin.Context, status int, f *form, v *venue.Venue) {
	p.venueFormWith(c, status, f, v, nil)
}

// venueFormWith renders the venue form with the photos given (nil: read, with an empty
// upload form).
func (p *Pages) venueFormWith(c *gin.Context, status int, f *form, v *venue.Venue, photos *photosView) {
	owners, err := p.venueOwners(c.Request.Context(), p.actor(c))
	if err != nil {
		p.fail(c, err)
		return
	}
	if v != nil && v.Owner != nil && !slices.ContainsFunc(owners, func(o organisation.Organisation) bool { return o.ID == v.OwnerID }) {
		// An archived owner is not offered for new venues, nor one the visitor may not add
		// venues for, but the venue's own must show as its owner.
		owners = append(owners, *v.Owner)
	}
	page := venueFormPage{Form: f, Owners: owners, Venue: v, Action: "/lokaler/ny", Cancel: "/lokaler",
		CanAddOwner: access.Check(p.actor(c), access.CreateOrganisation, 0) == nil}
	nav := "new_venue"
	if v != nil {
		id := strconv.FormatInt(v.ID, 10)
		page.Action, page.Cancel, nav = "/lokaler/"+id+"/andra", "/lokaler/"+id, "venues"
		if photos == nil {
			ph, err := p.photosOf(c, v.ID, 0, nil)
			if err != nil {
				p.fail(c, err)
				return
			}
			photos = &ph
		}
		page.Photos, page.Notice = photos, p.notice(c)
	}
	p.render(c, status, "venue_form", nav, page)
}

// postedValues returns the form fields of a POST. The body was read (and its size checked)
// by the CSRF check; a body that cannot be parsed leaves the values empty, which the form
// then reports field by field.
func postedValues(c *gin.Context) url.Values {
	_ = c.Request.ParseForm()
	values := url.Values{}
	for k, v := range c.Request.PostForm {
		if k != csrfField {
			values[k] = v
		}
	}
	return values
}

// venueInput reads the venue form. Numbers that do not parse are field errors of code
// "type"; everything else is checked by the service's validation.
func venueInput(q url.Values) (venue.VenueInput, fault.FieldErrors) {
	in := venue.VenueInput{
		Name:          q.Get("name"),
		StreetAddress: q.Get("street_address"),
		PostalCode:    q.Get("postal_code"),
		Town:          q.Get("town"),
		District:      q.Get("district"),
		Description:   q.Get("description"),
		ContactName:   q.Get("contact_name"),
		ContactEmail:  q.Get("contact_email"),
		ContactPhone:  q.Get("contact_phone"),
		Accessibility: venue.Accessibility{
			StepFreeEntrance:  slices.Contains(q["accessibility"], "step_free_entrance"),
			AccessibleToilet:  slices.Contains(q["accessibility"], "accessible_toilet"),
			HearingLoop:       slices.Contains(q["accessibility"], "hearing_loop"),
			Lift:              slices.Contains(q["accessibility"], "lift"),
			AccessibleParking: slices.Contains(q["accessibility"], "accessible_parking"),
			Note:              q.Get("accessibility_note"),
		},
	}
	var errs fault.FieldErrors
	if s := strings.TrimSpace(q.Get("owner_id")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			errs = append(errs, typeError("owner_id", "integer"))
		}
		in.OwnerID = id
	}
	var ok bool
	if in.Latitude, ok = parseFloat(q.Get("latitude")); !ok {
		errs = append(errs, typeError("latitude", "number"))
	}
	if in.Longitude, ok = parseFloat(q.Get("longitude")); !ok {
		errs = append(errs, typeError("longitude", "number"))
	}
	if s := q.Get("revision"); s != "" {
		// Hidden and written by us; a broken one cannot match the stored revision.
		n, ok := parseInt(s)
		if !ok {
			n = -1
		}
		in.Revision = &n
	}
	return in, errs
}

// venueValues fills the form from a stored venue.
func venueValues(v *venue.Venue) url.Values {
	q := url.Values{
		"owner_id":           {strconv.FormatInt(v.OwnerID, 10)},
		"name":               {v.Name},
		"street_address":     {v.StreetAddress},
		"postal_code":        {v.PostalCode},
		"town":               {v.Town},
		"district":           {v.District},
		"description":        {v.Description},
		"accessibility_note": {v.Accessibility.Note},
		"contact_name":       {v.ContactName},
		"contact_email":      {v.ContactEmail},
		"contact_phone":      {v.ContactPhone},
		"revision":           {strconv.Itoa(v.Revision)},
	}
	if v.Latitude != nil && v.Longitude != nil {
		q.Set("latitude", strconv.FormatFloat(*v.Latitude, 'f', -1, 64))
		q.Set("longitude", strconv.FormatFloat(*v.Longitude, 'f', -1, 64))
	}
	for _, f := range venue.AccessibilityFeatures {
		if v.Accessibility.Has(f) {
			q.Add("accessibility", f)
		}
	}
	return q
}
