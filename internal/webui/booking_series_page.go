package webui

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// seriesResultPath is the page of the series an occurrence belongs to, where the booking
// form goes after booking a series: a reload reads it again and books nothing.
func seriesResultPath(bookingID int64) string {
	return "/bokningar/" + strconv.FormatInt(bookingID, 10) + "/serie"
}

// seriesResult shows the series of the booking of the path: the occurrences booked, with
// their status, and those the rule gave that were never booked (skipped when the series
// was booked because they were taken, closed or against the room's rules). It is shown to
// those the policy lets see the booking's organisation, as the booking's page is; 404 for a
// one-off booking.
func (p *Pages) seriesResult(c *gin.Context) {
	b, r, ok := p.findBooking(c)
	if !ok {
		return
	}
	actor := p.actor(c)
	if !sightOf(actor, b, r).Organisation() {
		if !actor.SignedIn() {
			p.fail(c, access.ErrUnauthenticated)
			return
		}
		p.fail(c, access.ErrForbidden)
		return
	}
	if b.SeriesID == nil {
		p.notFound(c)
		return
	}
	ctx := c.Request.Context()
	se, err := p.bookings.FindSeriesByID(ctx, *b.SeriesID)
	if err != nil {
		p.fail(c, err)
		return
	}
	bs, err := p.bookings.FindSeriesBookings(ctx, se.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	lang := p.lang(c)
	page := seriesPage{Room: r, Notice: p.notice(c), Path: c.Request.URL.Path, OrgBookings: "/organisationer/" + strconv.FormatInt(se.OrganisationID, 10) + "/bokningar"}
	var booked []int
	for _, o := range bs {
		page.Booked = append(page.Booked, seriesOccurrence{ID: o.ID, When: p.span(o.StartsAt, o.EndsAt), Status: o.Status})
		page.Pending = page.Pending || o.Status == booking.StatusPending
		if o.Occurrence != nil {
			booked = append(booked, *o.Occurrence)
		}
	}
	// The occurrences never booked are the rule's indexes no booking has.
	starts, err := booking.Occurrences(se.RRule, se.DTStart, p.loc)
	if err != nil {
		p.fail(c, err)
		return
	}
	for i, s := range starts {
		if !slices.Contains(booked, i) {
			page.Skipped = append(page.Skipped, refusalView{When: p.span(s, se.Duration.AddTo(s, p.loc)),
				Reasons: []string{i18n.T(lang, "ui.booking_series.skipped_reason")}})
		}
	}
	p.render(c, http.StatusOK, "booking_series", "", page)
}
