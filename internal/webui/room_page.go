package webui

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

type roomPage struct {
	Room *venue.Room
	// Week is the week view of the room's bookings; nil without the booking pages.
	Week *weekView
	// CanBook shows the link to the booking form; LoginURL, for a visitor not signed in,
	// the way to it through the login page.
	CanBook  bool
	LoginURL string
	// Parts names the rooms the room consists of and is a part of; nil without the booking
	// pages.
	Parts *partsView
	// Rules are the owner's booking rules for the visitor to read; CanManage links to the
	// page that changes them. Both only with the booking pages.
	Rules     *publicRules
	CanManage bool
	// Feed links the room's iCal feed; only with the booking pages.
	Feed *feedLinks
	// Photos are the room's own; Notice says what was just done.
	Photos []photoView
	Notice string
	// Price is the room's price list, with the visitor's organisations' prices.
	Price *priceView
}

// weekView is one ISO week of a room as a time axis (gridView), in local time, with the
// links to the weeks before and after.
type weekView struct {
	Grid             *gridView
	PrevURL, NextURL string
	PrevLabel        string
	NextLabel        string
}

// roomPage shows one room: its venue, capacity, area, facilities, whether it can be booked,
// the venue's accessibility and, with the booking pages, the week's bookings (?vecka=2026-W45).
func (p *Pages) roomPage(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	r, err := p.venues.FindRoomByID(c.Request.Context(), id)
	if err != nil {
		p.fail(c, err)
		return
	}
	page := roomPage{Room: r, Notice: p.notice(c)}
	photos, err := p.venues.FindPhotos(c.Request.Context(), r.VenueID)
	if err != nil {
		p.fail(c, err)
		return
	}
	page.Photos = photoViews(photos, r.ID)
	actor := p.actor(c)
	page.CanBook = mayBookAny(actor) && r.Bookable && !r.Archived()
	if !actor.SignedIn() && r.Bookable && !r.Archived() {
		page.LoginURL = loginURL(fmt.Sprintf("/rum/%d/boka", r.ID))
	}
	if page.Week, err = p.week(c.Request.Context(), c, actor, r); err != nil {
		p.fail(c, err)
		return
	}
	if page.Parts, err = p.roomParts(c.Request.Context(), r.ID); err != nil {
		p.fail(c, err)
		return
	}
	page.CanManage = r.Venue != nil && access.Check(actor, access.UpdateRoom, r.Venue.OwnerID) == nil
	page.Feed = p.roomFeed(r.ID, r.Name)
	if page.Rules, err = p.publicRules(c.Request.Context(), p.lang(c), r.ID); err != nil {
		p.fail(c, err)
		return
	}
	var orgs []organisation.Organisation
	if mayBookAny(actor) {
		if orgs, err = p.bookers(c.Request.Context(), actor); err != nil {
			p.fail(c, err)
			return
		}
	}
	if len(orgs) > maxPriceOrgs {
		orgs = nil // a city administrator books for anyone: the form names the one chosen
	}
	if page.Price, err = p.priceView(c.Request.Context(), p.lang(c), r, orgs, 0, time.Time{}, time.Time{}); err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "room", "venues", page)
}

// week builds the week view of room r for the week ?vecka= names, or this week when it names
// none it can read: a row per hour, a column per day, free hours booked in one click by
// those who may book (or after logging in), nothing bookable in the past or when closed.
func (p *Pages) week(ctx context.Context, c *gin.Context, actor access.Actor, r *venue.Room) (*weekView, error) {
	lang := p.lang(c)
	now := p.now().In(p.loc)
	year, wk := now.ISOWeek()
	if y, w, ok := parseISOWeek(c.Query("vecka")); ok {
		year, wk = y, w
	}
	monday := isoMonday(year, wk, p.loc)
	end := monday.AddDate(0, 0, 7)
	rt, err := p.roomTimeOf(ctx, actor, r, monday, end)
	if err != nil {
		return nil, err
	}
	last := end.AddDate(0, 0, -1)
	g := &gridView{Caption: i18n.T(lang, "ui.week.caption", wk, dayMonth(lang, monday), dayMonth(lang, last), last.Year())}
	w := &weekView{Grid: g}
	py, pw := monday.AddDate(0, 0, -7).ISOWeek()
	ny, nw := end.ISOWeek()
	path := c.Request.URL.Path
	w.PrevURL, w.PrevLabel = fmt.Sprintf("%s?vecka=%d-W%02d#vecka", path, py, pw), i18n.T(lang, "ui.week.prev", pw)
	w.NextURL, w.NextLabel = fmt.Sprintf("%s?vecka=%d-W%02d#vecka", path, ny, nw), i18n.T(lang, "ui.week.next", nw)
	days := make([]time.Time, 7)
	for i := range days {
		days[i] = monday.AddDate(0, 0, i)
		g.Columns = append(g.Columns, gridColumn{Label: i18n.T(lang, fmt.Sprintf("ui.weekday.%d", i+1)) + " " + dayMonth(lang, days[i])})
	}
	book := mayBookAny(actor) && r.Bookable && !r.Archived()
	login := !actor.SignedIn() && r.Bookable && !r.Archived()
	first, lastHour := p.gridHours(days, []*roomTime{rt})
	for h := first; h < lastHour; h++ {
		row := gridRow{Label: fmt.Sprintf("%02d:00", h)}
		for _, day := range days {
			row.Cells = append(row.Cells, p.cell(lang, rt, day, h, now, r.ID, book, login))
		}
		g.Rows = append(g.Rows, row)
	}
	return w, nil
}

// busySpan is a busy stretch of the room; title and url only for those who may see them.
type busySpan struct {
	start, end time.Time
	title, url string
	pending    bool
}

// parseISOWeek reads "2026-W45".
func parseISOWeek(s string) (year, week int, ok bool) {
	if _, err := fmt.Sscanf(strings.ToUpper(strings.TrimSpace(s)), "%d-W%d", &year, &week); err != nil {
		return 0, 0, false
	}
	if year < 2000 || year > 2100 || week < 1 || week > 53 {
		return 0, 0, false
	}
	if _, last := time.Date(year, 12, 28, 12, 0, 0, 0, time.UTC).ISOWeek(); week > last {
		return 0, 0, false
	}
	return year, week, true
}

// isoMonday is local midnight of the Monday of ISO week wk of year. The days are counted in
// dates, so a week across a daylight-saving change still starts at midnight.
func isoMonday(year, wk int, loc *time.Location) time.Time {
	jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, loc)
	offset := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return time.Date(year, 1, 4-offset+(wk-1)*7, 0, 0, 0, 0, loc)
}

// dayMonth writes "3 nov" or "3 Nov".
func dayMonth(lang i18n.Lang, t time.Time) string {
	return fmt.Sprintf("%d %s", t.Day(), i18n.T(lang, fmt.Sprintf("ui.month.%d", int(t.Month()))))
}

// mayBookAny reports whether actor may book for some organisation.
func mayBookAny(actor access.Actor) bool {
	if actor.CityAdmin {
		return true
	}
	for org := range actor.Roles {
		if access.Check(actor, access.Book, org) == nil {
			return true
		}
	}
	return false
}
