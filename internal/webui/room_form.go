package webui

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

type roomFormPage struct {
	Form  *form
	Venue *venue.Venue
}

// roomSpec names the room form's fields for error messages, in page order.
var roomSpec = formSpec{
	order:  []string{"name", "capacity", "area_m2", "facilities", "bookable", "description"},
	groups: map[string]string{"facilities": validation.Facilities[0], "bookable": "yes"},
}

// newRoom shows an empty room form for the venue, to those who may add rooms to it; a new
// room can be booked unless unticked.
func (p *Pages) newRoom(c *gin.Context) {
	v, ok := p.findVenueToChange(c)
	if !ok {
		return
	}
	if err := access.Check(p.actor(c), access.CreateRoom, v.OwnerID); err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "room_form", "venues", roomFormPage{Form: newForm(url.Values{"bookable": {"yes"}}), Venue: v})
}

// createRoom stores a new room in the venue and goes to the venue's page, or shows the form
// again with what needs correcting.
func (p *Pages) createRoom(c *gin.Context) {
	v, ok := p.findVenueToChange(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in, errs := roomInput(values)
	if len(errs) > 0 {
		errs = merge(p.validate, in, errs, nil)
	} else {
		_, err := p.venues.CreateRoom(c.Request.Context(), p.actor(c), v.ID, in)
		errs = fault.Fields(err)
		if err != nil && errs == nil {
			p.fail(c, err)
			return
		}
	}
	if len(errs) > 0 {
		f := newForm(values)
		f.addErrors(p.lang(c), roomSpec, errs)
		p.render(c, http.StatusUnprocessableEntity, "room_form", "venues", roomFormPage{Form: f, Venue: v})
		return
	}
	c.Redirect(http.StatusSeeOther, "/lokaler/"+strconv.FormatInt(v.ID, 10))
}

// roomInput reads the room form; numbers that do not parse are field errors of code "type".
func roomInput(q url.Values) (venue.RoomInput, fault.FieldErrors) {
	bookable := slices.Contains(q["bookable"], "yes")
	in := venue.RoomInput{
		Name:        q.Get("name"),
		Description: q.Get("description"),
		Facilities:  q["facilities"],
		Bookable:    &bookable,
	}
	var errs fault.FieldErrors
	var ok bool
	if in.Capacity, ok = parseInt(q.Get("capacity")); !ok {
		errs = append(errs, typeError("capacity", "integer"))
	}
	if in.AreaM2, ok = parseFloat(q.Get("area_m2")); !ok {
		errs = append(errs, typeError("area_m2", "number"))
	}
	return in, errs
}
