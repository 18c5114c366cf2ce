package webui

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// bookingPage shows one booking: its room, organisation, time and status, and the forms to
// cancel it or decide on it for those who may.
type bookingPage struct {
	Booking *booking.Booking
	// Sight is how much of the booking the visitor may see (access.BookingSight): the page
	// shows purpose, attendees and the status note only when it is access.SeeAll.
	Sight        access.Sight
	Room         *venue.Room
	Organisation *organisation.Organisation
	When         string
	// WeekURL is the room's week view for the week the booking starts in.
	WeekURL string
	Notice  string
	// CanCancel, CanDecide and CanMove show the cancel form, the approve and reject forms,
	// and the move form (Move).
	CanCancel, CanDecide, CanMove bool
	Move                          *moveState
	// CancelScope is the cancel form's choice for an occurrence of a series: only this one
	// or this and all following.
	CancelScope *form
	// Series lists the occurrences of the booking's series, this one marked; empty for a
	// one-off booking.
	Series []seriesOccurrence
	// Fee is the fee copied onto the booking when it was made; "" when the sight does not
	// show the details or no price list applied.
	Fee string
}

// ownerOf returns the organisation that owns the room's venue.
func ownerOf(r *venue.Room) int64 {
	if r.Venue == nil {
		return 0
	}
	return r.Venue.OwnerID
}

// sightOf is the policy's answer (access.BookingSight) for actor and b in room r.
func sightOf(actor access.Actor, b *booking.Booking, r *venue.Room) access.Sight {
	return access.BookingSight(actor, access.BookingFacts{Organisation: b.OrganisationID, RoomOwner: ownerOf(r), Public: b.Public})
}

// bookingPage shows a booking to those the policy lets see at least its organisation and
// title (anyone for a public booking); anyone else is sent to log in or refused.
func (p *Pages) bookingPage(c *gin.Context) {
	b, r, ok := p.findBooking(c)
	if !ok {
		return
	}
	page, err := p.bookingView(c, b, r)
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "booking", "", page)
}

// bookingView is the booking page of b in room r for the visitor, or the refusal when the
// policy shows them b only as busy time.
func (p *Pages) bookingView(c *gin.Context, b *booking.Booking, r *venue.Room) (*bookingPage, error) {
	ctx, actor := c.Request.Context(), p.actor(c)
	sight := sightOf(actor, b, r)
	if !sight.Organisation() {
		if !actor.SignedIn() {
			return nil, access.ErrUnauthenticated
		}
		return nil, access.ErrForbidden
	}
	o, err := p.orgs.FindOrganisationByID(ctx, b.OrganisationID)
	if err != nil {
		return nil, err
	}
	future := p.now().Before(b.StartsAt)
	owner := access.Check(actor, access.ApproveBooking, ownerOf(r)) == nil
	page := &bookingPage{
		Booking: b, Sight: sight, Room: r, Organisation: o, When: p.span(b.StartsAt, b.EndsAt), Notice: p.notice(c),
		WeekURL:     p.weekURL(r.ID, b.StartsAt),
		CanCancel:   b.Status.Holds() && future && (owner || access.Check(actor, access.CancelBooking, b.OrganisationID) == nil),
		CanDecide:   b.Status == booking.StatusPending && future && owner,
		Move:        p.newMoveState(b),
		CancelScope: newForm(url.Values{"cancel_scope": {scopeThis}}),
	}
	if sight.Details() && b.FeeUnit != nil {
		page.Fee = feeText(p.lang(c), booking.FeeOf(b))
		if b.FeeDescription != "" {
			page.Fee += " – " + b.FeeDescription
		}
	}
	page.CanMove = b.Status.Holds() && future && access.Check(actor, access.Book, b.OrganisationID) == nil
	if page.Series, err = p.seriesOf(ctx, b); err != nil {
		return nil, err
	}
	return page, nil
}

// findBooking loads the booking of the path and its room, answering 404 itself.
func (p *Pages) findBooking(c *gin.Context) (*booking.Booking, *venue.Room, bool) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, nil, false
	}
	ctx := c.Request.Context()
	b, err := p.bookings.FindBookingByID(ctx, id)
	if err != nil {
		p.fail(c, err)
		return nil, nil, false
	}
	r, err := p.venues.FindRoomByID(ctx, b.RoomID)
	if err != nil {
		p.fail(c, err)
		return nil, nil, false
	}
	return b, r, true
}

// cancelBooking cancels the booking with the reason given and shows it again.
// With scope=following it cancels an occurrence of a series and all later ones.
func (p *Pages) cancelBooking(c *gin.Context) {
	following := c.PostForm("cancel_scope") == scopeFollowing
	p.changeBooking(c, "avbokad", func(ctx context.Context, actor access.Actor, id int64, text string) (*booking.Booking, error) {
		if following {
			return p.cancelFollowing(ctx, actor, id, text)
		}
		return p.bookings.CancelBooking(ctx, actor, id, text)
	}, "reason")
}

// approveBooking confirms a pending booking with a note and returns to the inbox it came
// from, or the booking.
func (p *Pages) approveBooking(c *gin.Context) {
	p.changeBooking(c, "godkand", p.bookings.ApproveBooking, "note")
}

// rejectBooking refuses a pending booking with a note.
func (p *Pages) rejectBooking(c *gin.Context) {
	p.changeBooking(c, "avslagen", p.bookings.RejectBooking, "note")
}

// changeBooking runs change on the booking of the path with the form's text field, then
// redirects with the notice: to the approvals inbox when the form said so (back=inbox),
// else to the booking. The service decides who may.
func (p *Pages) changeBooking(c *gin.Context, notice string,
	change func(context.Context, access.Actor, int64, string) (*booking.Booking, error), field string) {
	if !p.actor(c).SignedIn() {
		p.toLogin(c)
		return
	}
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	values := postedValues(c)
	ctx := c.Request.Context()
	b, err := change(ctx, p.actor(c), id, values.Get(field))
	if err != nil {
		p.fail(c, err)
		return
	}
	to := "/bokningar/" + strconv.FormatInt(b.ID, 10)
	if values.Get("back") == "inbox" {
		if r, err := p.venues.FindRoomByID(ctx, b.RoomID); err == nil && ownerOf(r) != 0 {
			to = "/organisationer/" + strconv.FormatInt(ownerOf(r), 10) + "/forfragningar"
		}
	}
	c.Redirect(http.StatusSeeOther, to+"?klart="+notice)
}

// weekURL is the room's week view of the week t falls in (local time).
func (p *Pages) weekURL(room int64, t time.Time) string {
	y, w := t.In(p.loc).ISOWeek()
	return fmt.Sprintf("/rum/%d?vecka=%d-W%02d#vecka", room, y, w)
}
