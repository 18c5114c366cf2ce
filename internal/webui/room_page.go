package webui

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/venue"
)

type roomPage struct {
	Room *venue.Room
	// Week is the week view of the room's bookings; nil without the booking pages.
	Week *weekView
	// CanBook shows the link to the booking form.
	CanBook bool
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
}

// weekView is one ISO week of a room's bookings, day by day, in local time.
type weekView struct {
	Caption          string
	Days             []dayView
	PrevURL, NextURL string
	PrevLabel        string
	NextLabel        string
}

// dayView is one day of the week view.
type dayView struct {
	Label string
	Date  string // 2026-11-03, for the booking form's ?datum=
	Busy  []busyView
	// Free are the times that can be booked now, as "18:00–22:00".
	Free []string
	Past bool
}

// busyView is the part of a booking that falls on one day. Title and URL are empty when the
// visitor may not see the booking's details (a private booking): it shows as busy only.
type busyView struct {
	Time, Title, URL string
	Pending          bool
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
	p.render(c, http.StatusOK, "room", "venues", page)
}

// week builds the week view of room r for the week ?vecka= names, or this week when it names
// none it can read.
func (p *Pages) week(ctx context.Context, c *gin.Context, actor access.Actor, r *venue.Room) (*weekView, error) {
	lang := p.lang(c)
	now := p.now().In(p.loc)
	year, wk := now.ISOWeek()
	if y, w, ok := parseISOWeek(c.Query("vecka")); ok {
		year, wk = y, w
	}
	monday := isoMonday(year, wk, p.loc)
	end := monday.AddDate(0, 0, 7)
	// The room's own bookings, to show their titles to those who may see them; the
	// availability adds the bookings of the room's parts and wholes, and the free time.
	page, err := p.bookings.FindBookings(ctx, booking.Filter{
		RoomID: r.ID, Status: []booking.Status{booking.StatusPending, booking.StatusConfirmed},
		From: monday, To: end, Limit: listing.MaxLimit,
	})
	if err != nil {
		return nil, err
	}
	avail, err := p.bookings.RoomAvailability(ctx, r.ID, monday, end)
	if err != nil {
		return nil, err
	}
	busy := make([]busySpan, 0, len(avail.Busy))
	for _, sl := range avail.Busy {
		bs := busySpan{start: sl.Start, end: sl.End, pending: sl.Status == booking.StatusPending}
		if sl.BookingID != 0 {
			bs.title, bs.url = sl.Title, fmt.Sprintf("/bokningar/%d", sl.BookingID)
		}
		for i := range page.Items {
			b := &page.Items[i]
			if b.StartsAt.Equal(sl.Start) && b.EndsAt.Equal(sl.End) && sightOf(actor, b, r).Organisation() {
				bs.title, bs.url = b.Title, fmt.Sprintf("/bokningar/%d", b.ID)
			}
		}
		busy = append(busy, bs)
	}
	last := end.AddDate(0, 0, -1)
	w := &weekView{
		Caption: i18n.T(lang, "ui.week.caption", wk, dayMonth(lang, monday), dayMonth(lang, last), last.Year()),
	}
	py, pw := monday.AddDate(0, 0, -7).ISOWeek()
	ny, nw := end.ISOWeek()
	path := c.Request.URL.Path
	w.PrevURL, w.PrevLabel = fmt.Sprintf("%s?vecka=%d-W%02d#vecka", path, py, pw), i18n.T(lang, "ui.week.prev", pw)
	w.NextURL, w.NextLabel = fmt.Sprintf("%s?vecka=%d-W%02d#vecka", path, ny, nw), i18n.T(lang, "ui.week.next", nw)
	for i := range 7 {
		day := monday.AddDate(0, 0, i)
		next := day.AddDate(0, 0, 1)
		dv := dayView{
			Label: i18n.T(lang, fmt.Sprintf("ui.weekday.%d", i+1)) + " " + dayMonth(lang, day),
			Date:  day.Format(time.DateOnly),
			Past:  !next.After(now),
		}
		for _, b := range busy {
			if t, ok := p.clip(b.start, b.end, day, next); ok {
				dv.Busy = append(dv.Busy, busyView{Time: t, Title: b.title, URL: b.url, Pending: b.pending})
			}
		}
		for _, f := range avail.Free {
			if t, ok := p.clip(f.Start, f.End, day, next); ok {
				dv.Free = append(dv.Free, t)
			}
		}
		w.Days = append(w.Days, dv)
	}
	return w, nil
}

// busySpan is a busy stretch of the room; title and url only for those who may see them.
type busySpan struct {
	start, end time.Time
	title, url string
	pending    bool
}

// clip writes the part of [start, end) that falls on the day [day, next) in local time, as
// "18:00–20:30" ("24:00" for an end at or after midnight); ok is false when none does.
func (p *Pages) clip(start, end, day, next time.Time) (string, bool) {
	if !start.Before(next) || !end.After(day) {
		return "", false
	}
	if start.Before(day) {
		start = day
	}
	to := end.In(p.loc).Format("15:04")
	if !end.Before(next) {
		to = "24:00"
	}
	return start.In(p.loc).Format("15:04") + "–" + to, true
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
