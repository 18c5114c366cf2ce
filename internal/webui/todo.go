package webui

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// todoPath is what waits for the signed-in person, where login lands.
const todoPath = "/att-gora"

// todoBookings is how many of their organisations' next bookings the page shows.
const todoBookings = 10

// todoPage is the to-do page: requests to decide, invitations to answer, next bookings.
type todoPage struct {
	Requests     []requestRow
	JoinRequests int
	Meetings     []meetingInvitationRow
	Invitations  []account.WaitingInvitation
	Allocations  []allocationView // seasonal times allocated to the person's organisations, to accept or decline
	Bookings     []bookingRow
	Notice       string
	Form         *form
}

// requestRow is a request to decide, with where to decide it.
type requestRow struct {
	bookingRow
	Occurrences int
	InboxURL    string
}

// meetingInvitationRow is an invitation to a meeting with its reply form's field. Key
// names the form on the page ("meeting-organisation").
type meetingInvitationRow struct {
	Invitation   meeting.OpenInvitation
	When         string
	Key          string
	Participants field
}

var replySpec = formSpec{order: []string{"participants", "attending"}}

// todo shows what waits for the signed-in person.
func (p *Pages) todo(c *gin.Context) {
	page := todoPage{Form: newForm(nil)}
	if c.Query("klart") == "svar" {
		page.Notice = i18n.T(p.lang(c), "ui.todo.replied")
	}
	p.showTodo(c, http.StatusOK, page, "")
}

func (p *Pages) showTodo(c *gin.Context, status int, page todoPage, failed string) {
	actor := p.actor(c)
	if p.user(c) == nil {
		p.fail(c, access.ErrUnauthenticated)
		return
	}
	ctx := c.Request.Context()
	requests, err := p.bookings.FindRequests(ctx, actor, 0)
	if err != nil {
		p.fail(c, err)
		return
	}
	bs := make([]booking.Booking, len(requests))
	for i, r := range requests {
		bs[i] = r.Booking
	}
	rows, err := p.bookingRows(ctx, bs) // each room and organisation read once
	if err != nil {
		p.fail(c, err)
		return
	}
	for i, r := range requests {
		page.Requests = append(page.Requests, requestRow{bookingRow: rows[i], Occurrences: r.Occurrences,
			InboxURL: fmt.Sprintf("/organisationer/%d/forfragningar", r.OwnerID)})
	}
	if access.Check(actor, access.ReviewJoinRequests, 0) == nil {
		if page.JoinRequests, err = p.agree.CountPendingJoinRequests(ctx, actor); err != nil {
			p.fail(c, err)
			return
		}
	}
	open, err := p.meetings.FindOpenInvitations(ctx, actor)
	if err != nil {
		p.fail(c, err)
		return
	}
	lang := p.lang(c)
	for _, inv := range open {
		key := fmt.Sprintf("%d-%d", inv.ID, inv.OrganisationID)
		fl := newField(lang, newForm(nil), "participants", []string{"required", "type:number", "mode:numeric", "width:short"})
		if key == failed {
			fl = newField(lang, page.Form, "participants", []string{"required", "type:number", "mode:numeric", "width:short"})
		} else {
			fl.ID = "participants-" + key
		}
		page.Meetings = append(page.Meetings, meetingInvitationRow{Invitation: inv, When: p.span(inv.StartsAt, inv.EndsAt), Key: key, Participants: fl})
	}
	if page.Invitations, err = p.accounts.FindWaitingInvitations(ctx, actor); err != nil {
		p.fail(c, err)
		return
	}
	if page.Allocations, err = p.pendingAllocations(ctx, actor, lang); err != nil {
		p.fail(c, err)
		return
	}
	if page.Bookings, err = p.nextBookings(ctx, actor); err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, status, "todo", "todo", page)
}

// pendingAllocations are the times of published rounds allocated to organisations the
// actor applies for (not as city administrator) that wait for their answer.
func (p *Pages) pendingAllocations(ctx context.Context, actor access.Actor, lang i18n.Lang) ([]allocationView, error) {
	allocs, err := p.rounds.FindAllocationsToAnswer(ctx, actor)
	if err != nil {
		return nil, err
	}
	out := make([]allocationView, 0, len(allocs))
	for _, al := range allocs {
		out = append(out, p.allocationView(lang, al, nil))
	}
	return out, nil
}

// nextBookings returns the next bookings, pending or confirmed, of the organisations the
// actor books for, earliest first.
func (p *Pages) nextBookings(ctx context.Context, actor access.Actor) ([]bookingRow, error) {
	var all []booking.Booking
	for org := range actor.Roles {
		if access.Check(access.Actor{UserID: actor.UserID, Roles: actor.Roles}, access.Book, org) != nil {
			continue
		}
		res, err := p.bookings.FindBookings(ctx, booking.Filter{OrganisationID: org, From: p.now(),
			Status: []booking.Status{booking.StatusPending, booking.StatusConfirmed}, Limit: todoBookings})
		if err != nil {
			return nil, err
		}
		all = append(all, res.Items...)
	}
	slices.SortStableFunc(all, func(a, b booking.Booking) int {
		if c := a.StartsAt.Compare(b.StartsAt); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	return p.bookingRows(ctx, all[:min(len(all), todoBookings)])
}

// replyToMeeting records the organisation's answer to a meeting invitation from the to-do
// page: coming with so many, or not coming.
func (p *Pages) replyToMeeting(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	values := postedValues(c)
	in := replyInput(values)
	_, err := p.meetings.Reply(c.Request.Context(), p.actor(c), id, in)
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), replySpec, fe)
		p.showTodo(c, http.StatusUnprocessableEntity, todoPage{Form: f}, fmt.Sprintf("%d-%d", id, in.OrganisationID))
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, todoPath+"?klart=svar")
}

// replyInput reads a meeting reply form: coming ("attending" yes) with so many, or not.
func replyInput(values url.Values) meeting.ReplyInput {
	org, _ := strconv.ParseInt(values.Get("organisation_id"), 10, 64)
	attending := values.Get("attending") == "yes"
	participants := 0
	if attending {
		if n, err := strconv.Atoi(values.Get("participants")); err == nil && n >= 1 {
			participants = n
		}
	}
	return meeting.ReplyInput{OrganisationID: org, Attending: &attending, Participants: participants}
}

// todoCount is how many decisions wait for the signed-in person, for the menu.
func (p *Pages) todoCount(c *gin.Context) (int, error) {
	actor := p.actor(c)
	n, err := p.bookings.CountRequests(c.Request.Context(), actor)
	if err != nil {
		return 0, err
	}
	if access.Check(actor, access.ReviewJoinRequests, 0) == nil {
		j, err := p.agree.CountPendingJoinRequests(c.Request.Context(), actor)
		if err != nil {
			return 0, err
		}
		n += j
	}
	return n, nil
}
