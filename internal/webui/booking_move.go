package webui

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// moveState is the move form on the booking page: the values shown (the booking's own time
// at first) and, after a refusal, why.
type moveState struct {
	Form    *form
	Clashes []clashView
	// Refused lists the occurrences of a series that could not move.
	Refused []refusalView
}

// moveSpec names the move form's fields in page order.
var moveSpec = formSpec{order: []string{"date", "starts_at", "ends_at", "scope"}}

// Scopes of a move or cancellation of an occurrence of a series, as the forms send them.
const (
	scopeThis      = "this"
	scopeFollowing = "following"
)

// newMoveState fills the move form with b's local date and times.
func (p *Pages) newMoveState(b *booking.Booking) *moveState {
	s, e := b.StartsAt.In(p.loc), b.EndsAt.In(p.loc)
	end := e.Format("15:04")
	if e.Format(time.DateOnly) != s.Format(time.DateOnly) {
		end = "" // a booking across midnight is moved with the API for now; the form asks anew
	}
	return &moveState{Form: newForm(url.Values{
		"date": {s.Format(time.DateOnly)}, "starts_at": {s.Format("15:04")}, "ends_at": {end}, "scope": {scopeThis},
	})}
}

// moveBooking moves the booking to the form's date and times, or with scope=following its
// series from this occurrence on, and shows it again. A refusal shows the booking page with
// the form as typed and why (422 field errors, 409 clashes or refused occurrences, 403 the
// rule), and changes nothing.
func (p *Pages) moveBooking(c *gin.Context) {
	if !p.actor(c).SignedIn() {
		p.toLogin(c)
		return
	}
	b, r, ok := p.findBooking(c)
	if !ok {
		return
	}
	values := postedValues(c)
	start, end, errs := p.readSlot(values)
	if len(errs) > 0 {
		p.moveRefused(c, b, r, http.StatusUnprocessableEntity, values, func(m *moveState) { m.Form.addErrors(p.lang(c), moveSpec, errs) })
		return
	}
	ctx, actor := c.Request.Context(), p.actor(c)
	var err error
	moved := b
	if values.Get("scope") == scopeFollowing && b.SeriesID != nil {
		_, err = p.bookings.MoveSeriesFrom(ctx, actor, *b.SeriesID, booking.SeriesMoveInput{From: *b.OriginalStart, StartsAt: start, EndsAt: end})
		if err == nil {
			moved, err = p.bookings.FindBookingByID(ctx, b.ID)
		}
	} else {
		moved, err = p.bookings.MoveBooking(ctx, actor, b.ID, booking.MoveInput{StartsAt: start, EndsAt: end})
	}
	if err != nil {
		p.moveFailed(c, b, r, values, err)
		return
	}
	notice := "flyttad"
	switch {
	case moved.Revision == b.Revision && (values.Get("scope") != scopeFollowing || b.SeriesID == nil):
		notice = "oforandrad" // the same time and room: nothing changed, not even the status
	case moved.Status == booking.StatusPending:
		notice = "flyttad-forfragan"
	}
	c.Redirect(http.StatusSeeOther, "/bokningar/"+strconv.FormatInt(b.ID, 10)+"?klart="+notice)
}

// moveFailed shows why a move was refused, or the error page for what a form cannot fix.
func (p *Pages) moveFailed(c *gin.Context, b *booking.Booking, r *venue.Room, values url.Values, err error) {
	lang := p.lang(c)
	var conflict *booking.ConflictError
	var refused *booking.SeriesError
	var rule *booking.RuleError
	switch fe := fault.Fields(err); {
	case fe != nil:
		p.moveRefused(c, b, r, http.StatusUnprocessableEntity, values, func(m *moveState) { m.Form.addErrors(lang, moveSpec, fe) })
	case errors.As(err, &conflict):
		p.moveRefused(c, b, r, http.StatusConflict, values, func(m *moveState) {
			m.Form.ProblemTitle, m.Form.Problem = i18n.T(lang, "problem.booking_conflict.title"), i18n.T(lang, "ui.booking_form.conflict")
			for _, cl := range conflict.Clashes {
				m.Clashes = append(m.Clashes, clashView{When: p.span(cl.StartsAt, cl.EndsAt), Own: cl.Own})
			}
		})
	case errors.As(err, &refused):
		p.moveRefused(c, b, r, http.StatusConflict, values, func(m *moveState) {
			m.Form.ProblemTitle, m.Form.Problem = i18n.T(lang, "ui.booking_move.refused_title"), i18n.T(lang, "ui.booking_move.refused")
			m.Refused = p.refusalViews(lang, refused.Refused)
		})
	case errors.As(err, &rule):
		p.recordRefusal(c)
		p.moveRefused(c, b, r, http.StatusForbidden, values, func(m *moveState) {
			m.Form.ProblemTitle, m.Form.Problem = i18n.T(lang, "problem.booking_refused.title"), booking.RuleText(lang, rule)
		})
	default:
		p.fail(c, err)
	}
}

// moveRefused shows the booking page with status and the move form as typed, explained by
// explain.
func (p *Pages) moveRefused(c *gin.Context, b *booking.Booking, r *venue.Room, status int, values url.Values, explain func(*moveState)) {
	page, err := p.bookingView(c, b, r)
	if err != nil {
		p.fail(c, err)
		return
	}
	m := &moveState{Form: newForm(values)}
	explain(m)
	page.Move = m
	p.render(c, status, "booking", "", page)
}

// cancelFollowing cancels the occurrence id and every later one of its series; for a
// booking outside a series it is CancelBooking.
func (p *Pages) cancelFollowing(ctx context.Context, actor access.Actor, id int64, reason string) (*booking.Booking, error) {
	b, err := p.bookings.FindBookingByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if b.SeriesID == nil {
		return p.bookings.CancelBooking(ctx, actor, id, reason)
	}
	if _, err := p.bookings.CancelSeriesFrom(ctx, actor, *b.SeriesID, *b.OriginalStart, reason); err != nil {
		return nil, err
	}
	return p.bookings.FindBookingByID(ctx, id)
}

// decideSeries returns a change that approves or rejects every pending occurrence of the
// booking's series with the note, for changeBooking.
func (p *Pages) decideSeries(decide func(context.Context, access.Actor, int64, string) ([]booking.Booking, error)) func(context.Context, access.Actor, int64, string) (*booking.Booking, error) {
	return func(ctx context.Context, actor access.Actor, id int64, note string) (*booking.Booking, error) {
		b, err := p.bookings.FindBookingByID(ctx, id)
		if err != nil {
			return nil, err
		}
		if b.SeriesID == nil {
			return nil, booking.ErrSeriesNotFound
		}
		if _, err := decide(ctx, actor, *b.SeriesID, note); err != nil {
			return nil, err
		}
		return p.bookings.FindBookingByID(ctx, id)
	}
}

// approveSeries confirms every pending occurrence of the booking's series.
func (p *Pages) approveSeries(c *gin.Context) {
	p.changeBooking(c, "serie-godkand", p.decideSeries(p.bookings.ApproveSeries), "note")
}

// rejectSeries refuses every pending occurrence of the booking's series.
func (p *Pages) rejectSeries(c *gin.Context) {
	p.changeBooking(c, "serie-avslagen", p.decideSeries(p.bookings.RejectSeries), "note")
}
