package webui

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// bookingRow is a booking as a list shows it, with its room and organisation.
type bookingRow struct {
	Booking      booking.Booking
	Room         *venue.Room
	Organisation *organisation.Organisation
	When         string
}

type organisationBookingsPage struct {
	Organisation *organisation.Organisation
	Bookings     []bookingRow
	// CanDecide shows the link to the approvals inbox.
	CanDecide bool
	// Feeds shows the link to the organisation's calendar links.
	Feeds bool
}

type bookingRequestsPage struct {
	Organisation *organisation.Organisation
	Requests     []bookingRow
	Notice       string
}

// organisationBookings lists the organisation's bookings from today on, to its admins and
// bookers (and city administrators).
func (p *Pages) organisationBookings(c *gin.Context) {
	o, ok := p.organisationFor(c, access.Book)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	y, m, d := p.now().In(p.loc).Date()
	bs, err := p.allBookings(ctx, booking.Filter{OrganisationID: o.ID, From: time.Date(y, m, d, 0, 0, 0, 0, p.loc)})
	if err != nil {
		p.fail(c, err)
		return
	}
	rows, err := p.bookingRows(ctx, bs)
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "organisation_bookings", "", organisationBookingsPage{
		Organisation: o, Bookings: rows, CanDecide: access.Check(p.actor(c), access.ApproveBooking, o.ID) == nil,
		Feeds: access.Check(p.actor(c), access.ManageFeeds, o.ID) == nil,
	})
}

// bookingRequests is the approvals inbox: the pending bookings of the organisation's rooms,
// each with forms to approve or reject it, for the organisation's admins.
func (p *Pages) bookingRequests(c *gin.Context) {
	o, ok := p.organisationFor(c, access.ApproveBooking)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	rooms, err := p.allRooms(ctx, venue.Filter{OwnerID: o.ID})
	if err != nil {
		p.fail(c, err)
		return
	}
	var pending []booking.Booking
	for _, r := range rooms {
		if ownerOf(&r) != o.ID {
			continue
		}
		bs, err := p.allBookings(ctx, booking.Filter{RoomID: r.ID, Status: []booking.Status{booking.StatusPending}, From: p.now()})
		if err != nil {
			p.fail(c, err)
			return
		}
		pending = append(pending, bs...)
	}
	slices.SortStableFunc(pending, func(a, b booking.Booking) int { return a.StartsAt.Compare(b.StartsAt) })
	rows, err := p.bookingRows(ctx, pending)
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "booking_requests", "", bookingRequestsPage{Organisation: o, Requests: rows, Notice: p.notice(c)})
}

// organisationFor loads the organisation of the path when the policy lets the visitor do
// action for it, answering the refusal or 404 itself.
func (p *Pages) organisationFor(c *gin.Context, action access.Action) (*organisation.Organisation, bool) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	if err := access.Check(p.actor(c), action, id); err != nil {
		p.fail(c, err)
		return nil, false
	}
	o, err := p.orgs.FindOrganisationByID(c.Request.Context(), id)
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	return o, true
}

// bookingRows adds each booking's room and organisation, reading each once.
func (p *Pages) bookingRows(ctx context.Context, bs []booking.Booking) ([]bookingRow, error) {
	rooms := map[int64]*venue.Room{}
	orgs := map[int64]*organisation.Organisation{}
	rows := make([]bookingRow, 0, len(bs))
	for _, b := range bs {
		r, ok := rooms[b.RoomID]
		if !ok {
			var err error
			if r, err = p.venues.FindRoomByID(ctx, b.RoomID); err != nil {
				return nil, err
			}
			rooms[b.RoomID] = r
		}
		o, ok := orgs[b.OrganisationID]
		if !ok {
			var err error
			if o, err = p.orgs.FindOrganisationByID(ctx, b.OrganisationID); err != nil {
				return nil, err
			}
			orgs[b.OrganisationID] = o
		}
		rows = append(rows, bookingRow{Booking: b, Room: r, Organisation: o, When: p.span(b.StartsAt, b.EndsAt)})
	}
	return rows, nil
}

// allBookings returns every booking matching f.
func (p *Pages) allBookings(ctx context.Context, f booking.Filter) ([]booking.Booking, error) {
	return listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[booking.Booking], error) {
		f.Limit, f.Cursor = listing.MaxLimit, cursor
		return p.bookings.FindBookings(ctx, f)
	})
}

// allRooms returns every room matching f.
func (p *Pages) allRooms(ctx context.Context, f venue.Filter) ([]venue.Room, error) {
	return listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[venue.Room], error) {
		f.Limit, f.Cursor = listing.MaxLimit, cursor
		return p.venues.FindRooms(ctx, f)
	})
}
