package webui

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// The venue page lets the owner's admins close the whole venue for some days, and open them
// again; each room's settings page does the same and more.

var venueClosureSpec = formSpec{order: []string{"first_day", "last_day", "reason"}}

// saveVenueClosure closes the venue for the days of the form and returns to its page.
func (p *Pages) saveVenueClosure(c *gin.Context) {
	v, ok := p.venueToClose(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in, errs := closureDays(values)
	in.VenueID = v.ID
	if len(errs) == 0 {
		_, err := p.bookings.AddClosure(c.Request.Context(), p.actor(c), in)
		if errs = fault.Fields(err); err != nil && errs == nil {
			p.fail(c, err)
			return
		}
	}
	if len(errs) > 0 {
		f := newForm(values)
		f.addErrors(p.lang(c), venueClosureSpec, errs)
		p.showVenue(c, http.StatusUnprocessableEntity, f)
		return
	}
	c.Redirect(http.StatusSeeOther, venueURL(v.ID, "stangt"))
}

// removeVenueClosure opens the days of one of the venue's closures again.
func (p *Pages) removeVenueClosure(c *gin.Context) {
	v, ok := p.venueToClose(c)
	if !ok {
		return
	}
	p.removeClosureThen(c, venueURL(v.ID, "oppnat"))
}

// venueToClose loads the venue of the path for a visitor who may change it; the service
// checks again, but a form's errors must not be shown to someone who may not send it.
func (p *Pages) venueToClose(c *gin.Context) (*venue.Venue, bool) {
	v, ok := p.findVenueToChange(c)
	if !ok {
		return nil, false
	}
	if err := access.Check(p.actor(c), access.UpdateVenue, v.OwnerID); err != nil {
		p.fail(c, err)
		return nil, false
	}
	return v, true
}

// closureDays reads the days and reason of a closure form, days as 2026-12-23.
func closureDays(q url.Values) (booking.ClosureInput, fault.FieldErrors) {
	in := booking.ClosureInput{Reason: q.Get("reason")}
	var errs fault.FieldErrors
	var ok bool
	if in.FirstDay, ok = parseDate(q.Get("first_day")); !ok {
		errs = append(errs, fault.FieldError{Field: "first_day", Code: "date"})
	}
	if in.LastDay, ok = parseDate(q.Get("last_day")); !ok {
		errs = append(errs, fault.FieldError{Field: "last_day", Code: "date"})
	}
	return in, errs
}

func venueURL(id int64, notice string) string {
	return "/lokaler/" + strconv.FormatInt(id, 10) + "?klart=" + notice
}
