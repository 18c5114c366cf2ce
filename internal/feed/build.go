package feed

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// lang is the language of the feeds' own words ("Upptaget", the calendar names): a feed URL
// carries no language, and the service speaks Swedish unless asked otherwise.
const lang = i18n.SV

// subject is what a feed is of: its name, description and last change, which the calendar
// header shows whether or not it has bookings.
type subject struct {
	name, description string
	updated           time.Time // the last change to what the header shows
	version           string    // the subject's own part of the ETag
}

// build reads the scope's bookings and returns its calendar.
func (s *Service) build(ctx context.Context, sc scope, w window, sub subject) (*calendar.Calendar, error) {
	rows, err := s.bookings.CalendarBookings(ctx, sc.cal, w.calendar())
	if err != nil {
		return nil, err
	}
	series, err := s.bookings.CalendarSeriesByID(ctx, seriesIDs(rows))
	if err != nil {
		return nil, err
	}
	return s.assemble(sc, w, sub, rows, series), nil
}

func seriesIDs(rows []row) []int64 {
	var ids []int64
	for i := range rows {
		if id := rows[i].SeriesID; id != nil && (len(ids) == 0 || ids[len(ids)-1] != *id) {
			ids = append(ids, *id)
		}
	}
	return ids
}

// item is one booking or one series: where its events are in the build's list.
type item struct {
	first, n int
}

// assemble turns rows (ordered by series, then original start, as loadRows gives them) into
// the calendar: single bookings as they are, the rows of a series of the scope as one
// series, and occurrences of other series (moved into the scope's rooms) as single events.
// Events are ordered by start, then UID, so that the same rows give the same bytes.
func (s *Service) assemble(sc scope, w window, sub subject, rows []row, series map[int64]*seriesRow) *calendar.Calendar {
	// All events go into one list, and items say where each booking's or series' are: one
	// allocation for ten thousand single bookings rather than one each.
	evs := make([]calendar.Event, 0, len(rows))
	items := make([]item, 0, len(rows))
	for i := 0; i < len(rows); {
		r := &rows[i]
		se := seriesOf(r, series)
		if se == nil || !sc.holds(se) {
			evs = append(evs, s.event(sc, r))
			items = append(items, item{first: len(evs) - 1, n: 1})
			i++
			continue
		}
		j := i + 1
		for j < len(rows) && rows[j].SeriesID != nil && *rows[j].SeriesID == se.ID {
			j++
		}
		if more := s.seriesEvents(sc, w, se, rows[i:j]); len(more) > 0 {
			items = append(items, item{first: len(evs), n: len(more)})
			evs = append(evs, more...)
		}
		i = j
	}
	slices.SortFunc(items, func(a, b item) int {
		x, y := &evs[a.first], &evs[b.first]
		return cmp.Or(x.Start.Compare(y.Start), strings.Compare(x.UID, y.UID))
	})
	cal := &calendar.Calendar{Name: sub.name, Description: sub.description, Location: s.loc,
		RefreshInterval: RefreshInterval, Events: make([]calendar.Event, 0, len(evs))}
	for _, it := range items {
		cal.Events = append(cal.Events, evs[it.first:it.first+it.n]...)
	}
	return cal
}

func seriesOf(r *row, series map[int64]*seriesRow) *seriesRow {
	if r.SeriesID == nil {
		return nil
	}
	return series[*r.SeriesID]
}

// event maps one booking to a VEVENT, showing what the visibility policy lets the feed's
// viewer see (access.BookingSight): in a public feed a public booking's title and
// organisation, and of a private booking only that the room is busy; in an organisation's
// own feed everything.
func (s *Service) event(sc scope, r *row) calendar.Event {
	sight := sc.sight(r)
	details := sight.Organisation()
	pl := s.place(sc, r)
	e := calendar.Event{
		UID:      s.uid("booking", r.ID),
		Sequence: r.Revision - 1,
		Stamp:    r.UpdatedAt, Created: r.CreatedAt, LastModified: r.UpdatedAt,
		Summary:  i18n.T(lang, "feed.busy"),
		Location: pl.location,
		Geo:      pl.geo,
		URL:      pl.roomURL,
		Status:   status(r.Status),
		Private:  !details,
		Start:    r.StartsAt, End: r.EndsAt,
	}
	e.Transparent = e.Status == calendar.StatusCancelled
	if details {
		e.Summary = r.Title
		e.Description = description(sight, r)
		e.URL = s.baseURL + "/bokningar/" + strconv.FormatInt(r.ID, 10)
	}
	return e
}

// place is what every event in one room repeats: where it is and the room's page.
type place struct {
	location, roomURL string
	geo               *calendar.Geo // shared by the room's events; nothing changes it
}

// place returns r's room's place, made once per room for the scope's build.
func (s *Service) place(sc scope, r *row) *place {
	if pl, ok := sc.places[r.RoomID]; ok {
		return pl
	}
	pl := &place{location: location(r), roomURL: s.baseURL + "/rum/" + strconv.FormatInt(r.RoomID, 10)}
	if r.Latitude != nil && r.Longitude != nil {
		pl.geo = &calendar.Geo{Lat: *r.Latitude, Lon: *r.Longitude}
	}
	if sc.places != nil {
		sc.places[r.RoomID] = pl
	}
	return pl
}

func (s *Service) uid(kind string, id int64) string {
	return kind + "-" + strconv.FormatInt(id, 10) + "@" + s.host
}

// status maps a booking's status: pending is TENTATIVE, and a booking that no longer holds
// its room (cancelled or rejected) is CANCELLED, so that apps remove it.
func status(st booking.Status) calendar.Status {
	switch st {
	case booking.StatusConfirmed:
		return calendar.StatusConfirmed
	case booking.StatusPending:
		return calendar.StatusTentative
	}
	return calendar.StatusCancelled
}

// location is the room, the venue and its address, as a navigation app can read it.
func location(r *row) string {
	parts := []string{r.RoomName, r.VenueName, r.StreetAddress, strings.TrimSpace(r.PostalCode + " " + r.Town)}
	return strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), ", ")
}

// description is who booked, and to those who see everything (access.SeeAll) the purpose,
// how many come and whether the owner still has to approve.
func description(sight access.Sight, r *row) string {
	var lines []string
	if p := strings.TrimSpace(r.Purpose); p != "" && sight.Details() {
		lines = append(lines, p, "")
	}
	lines = append(lines, i18n.T(lang, "feed.organisation", r.OrganisationName))
	if sight.Details() {
		lines = append(lines, i18n.T(lang, "feed.attendees", r.Attendees))
		if r.Status == booking.StatusPending {
			lines = append(lines, i18n.T(lang, "feed.pending"))
		}
	}
	return strings.Join(lines, "\n")
}

// etag makes a strong ETag of the parts a feed's bytes depend on. The format number
// changes whenever this package writes the same rows differently.
func etag(parts ...string) string {
	return fmt.Sprintf(`"%s"`, hashParts(append([]string{formatVersion}, parts...)))
}

// formatVersion is part of every ETag; raise it when a change here changes the output.
const formatVersion = "feed-3"
