package webui

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
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
	// Rooms are the inbox's rooms, each with its requests grouped; Total counts them all.
	Rooms  []requestRoom
	Total  int
	Notice string
	// Filter is the filter form (rum, status), with the choices RoomChoices and Statuses;
	// Pending tells that the bookings shown await a decision, so forms to decide are shown.
	Filter      *form
	RoomChoices []venue.Room
	Statuses    []booking.Status
	Pending     bool
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

// bookingRequests is the approvals inbox: the bookings of the organisation's rooms from now
// on that await a decision (or, with ?status=, have another status), for the
// organisation's admins, grouped by room and then by series (a one-off booking is a group of
// its own), each group with its count; a pending series is decided whole from here, a
// one-off booking on its own. ?rum= keeps one room.
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
	status := booking.StatusPending
	if s := booking.Status(c.Query("status")); slices.Contains(inboxStatuses, s) {
		status = s
	}
	roomID, _ := strconv.ParseInt(c.Query("rum"), 10, 64)
	page := bookingRequestsPage{Organisation: o, Notice: p.notice(c), Statuses: inboxStatuses, Pending: status == booking.StatusPending,
		Filter: newForm(url.Values{"status": {string(status)}, "rum": {c.Query("rum")}})}
	for _, r := range rooms {
		if ownerOf(&r) != o.ID {
			continue
		}
		page.RoomChoices = append(page.RoomChoices, r)
		if roomID != 0 && r.ID != roomID {
			continue
		}
		bs, err := p.allBookings(ctx, booking.Filter{RoomID: r.ID, Status: []booking.Status{status}, From: p.now()})
		if err != nil {
			p.fail(c, err)
			return
		}
		if len(bs) == 0 {
			continue
		}
		slices.SortStableFunc(bs, func(a, b booking.Booking) int { return a.StartsAt.Compare(b.StartsAt) })
		rows, err := p.bookingRows(ctx, bs)
		if err != nil {
			p.fail(c, err)
			return
		}
		rr := requestRoom{Room: rows[0].Room, Groups: groupRequests(rows), Count: len(rows)}
		page.Rooms = append(page.Rooms, rr)
		page.Total += len(rows)
	}
	p.render(c, http.StatusOK, "booking_requests", "", page)
}

// inboxStatuses are the statuses the approvals inbox filters on, the default first.
var inboxStatuses = []booking.Status{booking.StatusPending, booking.StatusConfirmed, booking.StatusRejected, booking.StatusCancelled}

// requestRoom is a room of the approvals inbox: its groups of bookings, and how many
// bookings they hold.
type requestRoom struct {
	Room   *venue.Room
	Groups []requestGroup
	Count  int
}

// requestGroup is a series' bookings in the inbox (or a one-off booking alone): the first,
// which names the group and is decided on, and every one's time.
type requestGroup struct {
	First  bookingRow
	Series bool
	Whens  []string
}

// groupRequests groups rows (of one room, in time order) by series, in the order of their
// first booking.
func groupRequests(rows []bookingRow) []requestGroup {
	var out []requestGroup
	index := map[int64]int{}
	for _, r := range rows {
		if id := r.Booking.SeriesID; id != nil {
			if i, ok := index[*id]; ok {
				out[i].Whens = append(out[i].Whens, r.When)
				continue
			}
			index[*id] = len(out)
		}
		out = append(out, requestGroup{First: r, Series: r.Booking.SeriesID != nil, Whens: []string{r.When}})
	}
	return out
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
