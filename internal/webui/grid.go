package webui

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// gridView is a time axis as a table: one row per hour of the clock, and one column per
// day (a room's week) or per room (a venue's day). Each cell says what that hour is: free
// (with a link that books it), booked, awaiting approval, past or not bookable.
type gridView struct {
	Caption string
	Columns []gridColumn
	Rows    []gridRow
}

// gridArgs is what the time_grid partial takes: the id of its caption, and the grid.
type gridArgs struct {
	ID   string
	Grid *gridView
}

// gridColumn heads a column: a day, or a room with a link to its page.
type gridColumn struct{ Label, URL string }

// gridRow is one hour: its label ("18:00") and a cell per column.
type gridRow struct {
	Label string
	Cells []gridCell
}

// The states of a grid cell.
const (
	cellFree    = "free"
	cellBusy    = "busy"
	cellPending = "pending"
	cellPast    = "past"
	cellClosed  = "closed"
	cellGap     = "gap" // an hour the clock skips when summer time begins
)

// gridCell is one hour of one column. When says which, in words, for screen readers
// ("Tuesday 3 Nov 18:00–19:00"); BookURL opens the booking form filled in with it (free
// cells, for those who may book or must first log in); Title and URL name a booking the
// visitor may see.
type gridCell struct {
	State, When, BookURL, Title, URL string
}

// roomTime is what a column shows of a room for a span of days: busy time (with titles the
// visitor may see) and the time that can be booked now.
type roomTime struct {
	busy []busySpan
	free []booking.Slot
}

// roomTimeOf reads room r's busy and free time within [from, to): the availability adds
// the bookings of the room's parts and wholes, and the free time; the room's own bookings
// give titles to those the policy shows them to.
func (p *Pages) roomTimeOf(ctx context.Context, actor access.Actor, r *venue.Room, from, to time.Time) (*roomTime, error) {
	page, err := p.bookings.FindBookings(ctx, booking.Filter{
		RoomID: r.ID, Status: []booking.Status{booking.StatusPending, booking.StatusConfirmed},
		From: from, To: to, Limit: listing.MaxLimit,
	})
	if err != nil {
		return nil, err
	}
	avail, err := p.bookings.RoomAvailability(ctx, r.ID, from, to)
	if err != nil {
		return nil, err
	}
	out := &roomTime{busy: make([]busySpan, 0, len(avail.Busy)), free: avail.Free}
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
		out.busy = append(out.busy, bs)
	}
	return out, nil
}

// gridHours are the hours of the clock a grid shows: 07–22, and more where a booking, or
// free time that does not run from or to midnight, lies outside them on the days shown.
func (p *Pages) gridHours(days []time.Time, times []*roomTime) (first, last int) {
	first, last = 7, 22
	// widen takes in the part of [start, end) on [day, next); a free stretch that runs from
	// or to midnight only means the room is open then, not that the night is worth rows.
	widen := func(start, end, day, next time.Time, busy bool) {
		if !start.Before(next) || !end.After(day) {
			return
		}
		switch {
		case start.After(day):
			first = min(first, start.In(p.loc).Hour())
		case busy:
			first = 0
		}
		switch {
		case end.Before(next):
			l := end.In(p.loc)
			h := l.Hour()
			if l.Minute() > 0 {
				h++
			}
			last = max(last, h)
		case busy:
			last = 24
		}
	}
	for _, day := range days {
		next := day.AddDate(0, 0, 1)
		for _, rt := range times {
			for _, b := range rt.busy {
				widen(b.start, b.end, day, next, true)
			}
			for _, f := range rt.free {
				widen(f.Start, f.End, day, next, false)
			}
		}
	}
	return first, last
}

// cell says what the hour h of the local day is for a room with time rt, at now. room is
// the room's id and book whether the visitor may book it (login: must log in first).
func (p *Pages) cell(lang i18n.Lang, rt *roomTime, day time.Time, h int, now time.Time, room int64, book, login bool) gridCell {
	y, m, d := day.Date()
	start := booking.WallClock(y, m, d, h, 0, 0, p.loc)
	end := booking.WallClock(y, m, d, h+1, 0, 0, p.loc)
	c := gridCell{When: fmt.Sprintf("%s %s %02d:00–%02d:00", i18n.T(lang, fmt.Sprintf("ui.weekday.%d", isoWeekday(day))), dayMonth(lang, day), h, (h+1)%25)}
	if !end.After(start) || start.In(p.loc).Hour() != h {
		c.State = cellGap
		return c
	}
	for _, b := range rt.busy {
		if b.start.Before(end) && b.end.After(start) {
			c.State, c.Title, c.URL = cellBusy, b.title, b.url
			if b.pending {
				c.State = cellPending
			}
			return c
		}
	}
	if !end.After(now) {
		c.State = cellPast
		return c
	}
	for _, f := range rt.free {
		if !f.Start.Before(end) || !f.End.After(start) {
			continue
		}
		c.State = cellFree
		if book || login {
			s, e := maxTime(start, f.Start), minTime(end, f.End)
			to := e.In(p.loc).Format("15:04")
			if !e.Before(booking.WallClock(y, m, d+1, 0, 0, 0, p.loc)) {
				to = "24:00"
			}
			q := url.Values{"date": {day.Format(time.DateOnly)}, "starts_at": {s.In(p.loc).Format("15:04")}, "ends_at": {to}}
			c.BookURL = "/rum/" + strconv.FormatInt(room, 10) + "/boka?" + q.Encode()
			if login {
				c.BookURL = loginURL(c.BookURL)
			}
		}
		return c
	}
	c.State = cellClosed
	return c
}

// isoWeekday returns 1 for Monday … 7 for Sunday.
func isoWeekday(t time.Time) int {
	if wd := t.Weekday(); wd != time.Sunday {
		return int(wd)
	}
	return 7
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
