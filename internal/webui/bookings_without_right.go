package webui

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// withoutRightPage lists the bookings in the organisation's rooms whose organisations the
// rooms' rules would refuse today, each with why and a link to the booking, where the owner
// may cancel it. Nothing is cancelled by itself.
type withoutRightPage struct {
	Organisation *organisation.Organisation
	Bookings     []withoutRightRow
}

type withoutRightRow struct {
	booking.WithoutRight
	When   string
	Reason string
}

// bookingsWithoutRight shows the owner's admins (and city administrators) the bookings that
// lost their right.
func (p *Pages) bookingsWithoutRight(c *gin.Context) {
	o, ok := p.organisationFor(c, access.ApproveBooking)
	if !ok {
		return
	}
	ctx, actor, lang := c.Request.Context(), p.actor(c), p.lang(c)
	all, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[booking.WithoutRight], error) {
		return p.bookings.FindBookingsWithoutRight(ctx, actor, o.ID, listing.MaxLimit, cursor)
	})
	if err != nil {
		p.fail(c, err)
		return
	}
	page := withoutRightPage{Organisation: o}
	for _, w := range all {
		page.Bookings = append(page.Bookings, withoutRightRow{WithoutRight: w, When: p.span(w.StartsAt, w.EndsAt), Reason: booking.RuleText(lang, w.Refusal)})
	}
	p.render(c, http.StatusOK, "bookings_without_right", "", page)
}
