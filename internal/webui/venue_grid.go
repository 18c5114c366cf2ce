package webui

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// venueGridPage is one day of a venue's rooms side by side on a time axis.
type venueGridPage struct {
	Venue *venue.Venue
	Grid  *gridView
	// Date is the day shown (2026-11-03), for the form that picks another; Prev and Next
	// are the days before and after.
	Date             string
	PrevURL, NextURL string
	PrevLabel        string
	NextLabel        string
}

// venueGrid shows the live rooms of a venue side by side for one day (?datum=, today when
// it names none that can be read): a row per hour, a column per room, each free hour
// bookable in one click by those who may book (or after logging in); nothing in the past
// or when a room is closed. Anyone may read it, as the rooms' week views.
func (p *Pages) venueGrid(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	ctx, actor, lang := c.Request.Context(), p.actor(c), p.lang(c)
	v, err := p.venues.FindVenueByID(ctx, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	rooms, err := p.venues.FindRooms(ctx, venue.Filter{VenueID: id, Limit: listing.MaxLimit})
	if err != nil {
		p.fail(c, err)
		return
	}
	now := p.now().In(p.loc)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, p.loc)
	if d, ok := parseDate(c.Query("datum")); ok && !d.IsZero() && d.Year() >= 2000 && d.Year() <= 2100 {
		day = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, p.loc)
	}
	next := day.AddDate(0, 0, 1)
	label := func(t time.Time) string {
		return i18n.T(lang, fmt.Sprintf("ui.weekday.%d", isoWeekday(t))) + " " + dayMonth(lang, t) + " " + fmt.Sprint(t.Year())
	}
	page := venueGridPage{Venue: v, Date: day.Format(time.DateOnly),
		Grid: &gridView{Caption: i18n.T(lang, "ui.venue_grid.caption", v.Name, label(day))}}
	prev := day.AddDate(0, 0, -1)
	path := c.Request.URL.Path
	page.PrevURL, page.PrevLabel = path+"?datum="+prev.Format(time.DateOnly), i18n.T(lang, "ui.venue_grid.prev", label(prev))
	page.NextURL, page.NextLabel = path+"?datum="+next.Format(time.DateOnly), i18n.T(lang, "ui.venue_grid.next", label(next))
	times := make([]*roomTime, 0, len(rooms.Items))
	for i := range rooms.Items {
		r := &rooms.Items[i]
		rt, err := p.roomTimeOf(ctx, actor, r, day, next)
		if err != nil {
			p.fail(c, err)
			return
		}
		times = append(times, rt)
		page.Grid.Columns = append(page.Grid.Columns, gridColumn{Label: r.Name, URL: fmt.Sprintf("/rum/%d", r.ID)})
	}
	first, last := p.gridHours([]time.Time{day}, times)
	for h := first; h < last; h++ {
		row := gridRow{Label: fmt.Sprintf("%02d:00", h)}
		for i := range rooms.Items {
			r := &rooms.Items[i]
			bookable := r.Bookable && !r.Archived()
			row.Cells = append(row.Cells, p.cell(lang, times[i], day, h, now, r.ID, bookable && mayBookAny(actor), bookable && !actor.SignedIn()))
		}
		page.Grid.Rows = append(page.Grid.Rows, row)
	}
	p.render(c, http.StatusOK, "venue_grid", "venues", page)
}
