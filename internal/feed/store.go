package feed

import (
	"strconv"
	"strings"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// row is a booking as a feed needs it; the booking package reads it.
type row = booking.CalendarBooking

// seriesRow is a booking series as a feed needs it.
type seriesRow = booking.CalendarSeries

// version is what a feed's content depends on in the database (booking.CalendarVersion).
type version = booking.CalendarVersion

// scope is what a feed holds (cal) and who it is for (viewer), whom the visibility policy
// (access.BookingSight) is asked what each event may show.
type scope struct {
	cal    booking.CalendarScope
	viewer access.Actor
	// places holds what every event in a room repeats, made once per room and build.
	places map[int64]*place
	// rooms lists the rooms of a room's feed, part of its ETag: which rooms share space
	// with it is read anew on every request.
	rooms string
}

// publicViewer is whom the public feeds and downloads are for: their URLs carry no
// credential and shared caches keep them, so they show what anyone may see.
var publicViewer = access.Anonymous("")

// roomScope is a room's feed: its own bookings and those of every room that shares space
// with it (booking.RoomsSharingSpace).
func roomScope(related []int64) scope {
	ids := make([]string, len(related))
	for i, id := range related {
		ids[i] = strconv.FormatInt(id, 10)
	}
	return scope{cal: booking.RoomCalendar(related), viewer: publicViewer, places: map[int64]*place{}, rooms: strings.Join(ids, ",")}
}

func venueScope(id int64) scope {
	return scope{cal: booking.VenueCalendar(id), viewer: publicViewer, places: map[int64]*place{}}
}

// organisationScope is an organisation's private feed. Its secret link is handed to the
// organisation's admins and bookers (access.ManageFeeds), so it shows what they see.
func organisationScope(id int64) scope {
	return scope{cal: booking.OrganisationCalendar(id), viewer: feedHolder(id), places: map[int64]*place{}}
}

// feedHolder is whoever holds the organisation's private feed link: one of its bookers.
func feedHolder(org int64) access.Actor {
	return access.Actor{UserID: -1, Roles: map[int64]access.Role{org: access.RoleBooker}}
}

// sight is what the feed's viewer may see of r (access.BookingSight).
func (sc scope) sight(r *row) access.Sight {
	return access.BookingSight(sc.viewer, access.BookingFacts{Organisation: r.OrganisationID, RoomOwner: r.RoomOwner, Public: r.Public})
}

func (sc scope) contains(r *row) bool     { return sc.cal.Contains(r) }
func (sc scope) holds(se *seriesRow) bool { return sc.cal.Holds(se) }

func (w window) calendar() booking.CalendarWindow {
	return booking.CalendarWindow{From: w.from, To: w.to, Cutoff: w.cutoff}
}
