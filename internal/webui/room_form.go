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
	// Room is nil for a new room; for a room being changed, Action is where the form posts
	// and the page has the room's parts, photos and archiving too (room_edit.go).
	Room   *venue.Room
	Action string
	Edit   *roomEditParts
}

// roomSpec names the room form's fields for error messages, in page order.
var roomSpec = formSpec{
	order: []string{"name", "capacity", "area_m2", "facilities", "bookable", "description",
		"accessibility", "accessibility_note"},
	groups: map[string]string{"facilities": validation.Facilities[0], "bookable": "yes",
		"accessibility": venue.AccessibilityFeatures[0]},
	rename: venueSpec.rename,
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
	p.render(c, http.StatusOK, "room_form", "venues", newRoomPage(newForm(url.Values{"bookable": {"yes"}}), v))
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
		p.render(c, http.StatusUnprocessableEntity, "room_form", "venues", newRoomPage(f, v))
		return
	}
	c.Redirect(http.StatusSeeOther, "/lokaler/"+strconv.FormatInt(v.ID, 10)+"?klart=rum-nytt")
}

func newRoomPage(f *form, v *venue.Venue) roomFormPage {
	return roomFormPage{Form: f, Venue: v, Action: "/lokaler/" + strconv.FormatInt(v.ID, 10) + "/rum/nytt"}
}

// roomInput reads the room form; numbers that do not parse are field errors of code "type".
func roomInput(q url.Values) (venue.RoomInput, fault.FieldErrors) {
	bookable := slices.Contains(q["bookable"], "yes")
	in := venue.RoomInput{
		Name:        q.Get("name"),
		Description: q.Get("description"),
		Facilities:  q["facilities"],
		Bookable:    &bookable,
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
	var ok bool
	if in.Capacity, ok = parseInt(q.Get("capacity")); !ok {
		errs = append(errs, typeError("capacity", "integer"))
	}
	if in.AreaM2, ok = parseFloat(q.Get("area_m2")); !ok {
		errs = append(errs, typeError("area_m2", "number"))
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

// roomValues fills the room form from a stored room.
func roomValues(r *venue.Room) url.Values {
	q := url.Values{
		"name":               {r.Name},
		"capacity":           {strconv.Itoa(r.Capacity)},
		"description":        {r.Description},
		"facilities":         r.Facilities,
		"accessibility_note": {r.Accessibility.Note},
		"revision":           {strconv.Itoa(r.Revision)},
	}
	if r.AreaM2 != nil {
		q.Set("area_m2", strconv.FormatFloat(*r.AreaM2, 'f', -1, 64))
	}
	if r.Bookable {
		q.Set("bookable", "yes")
	}
	for _, f := range venue.AccessibilityFeatures {
		if r.Accessibility.Has(f) {
			q.Add("accessibility", f)
		}
	}
	return q
}
