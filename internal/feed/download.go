package feed

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/calendar"
)

// bookingDownload answers /calendar/bookings/{id}.ics: one booking as a file to import,
// with a filename. The URL carries no credential, so the booking is shown as a public feed
// shows it: with its details when public, as busy when private. An occurrence of a series
// is a single event with the booking's own UID (booking-{id}@host): a file imported once
// cannot follow its series. A cancelled booking is still answered, as CANCELLED, so that an
// imported copy can be updated by importing again.
func (s *Service) bookingDownload(c *gin.Context) {
	id, ok := fileID(c)
	if !ok {
		notFound(c)
		return
	}
	r, err := s.bookings.FindCalendarBooking(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	tag := etag("booking", strconv.FormatInt(id, 10), s.baseURL, strconv.Itoa(r.Revision), r.Latest.UTC().Format(time.RFC3339Nano))
	c.Header("Content-Disposition", `attachment; filename="bokning-`+strconv.FormatInt(id, 10)+`.ics"`)
	if s.validators(c, tag, r.Latest, cachePublic) {
		return
	}
	ev := s.event(downloadScope, r)
	s.write(c, &calendar.Calendar{Name: ev.Summary, Location: s.loc, Events: []calendar.Event{ev}})
}

// downloadScope is a public view of any one booking.
var downloadScope = scope{viewer: publicViewer}
