package feed

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// The meetings of the Compact follow the rules of the booking feeds (see the package
// comment), with these differences: only meetings of public series are ever shown, and
// always with their details (a meeting is public or not at all); UIDs are
// "meeting-{id}@{host}"; SEQUENCE is the meeting's revision less one, and the revision grows
// with every change to the meeting or to its room's booking; a meeting's LOCATION is its
// room, venue and address, its outside address, or its link; DESCRIPTION is the agenda and
// the organiser. A meeting has no recurrence of its own: a series' meetings are made from a
// pattern and then edited one by one, so each is a single event.

// meetingRow is a meeting as a feed needs it; the meeting package reads it.
type meetingRow = meeting.CalendarMeeting

// meetingScope is the meetings of one feed: those of the public series id, or of every
// public series (0).
type meetingScope struct{ id int64 }

var allMeetings = meetingScope{}

func seriesMeetings(id int64) meetingScope { return meetingScope{id: id} }

// meetingsFeed answers /calendar/meetings.ics: the meetings of every public series.
func (s *Service) meetingsFeed(c *gin.Context) {
	updated, err := s.meetings.PublicSeriesChanged(c.Request.Context())
	sub := newSubject("meetings", 0, updated, i18n.T(lang, "feed.meetings.name"), i18n.T(lang, "feed.meetings.description"))
	s.serveMeetings(c, allMeetings, sub, err)
}

// meetingSeriesFeed answers /calendar/meeting-series/{id}.ics; a series that is not public
// is not found.
func (s *Service) meetingSeriesFeed(c *gin.Context) {
	id, ok := fileID(c)
	if !ok {
		notFound(c)
		return
	}
	se, err := s.meetings.FindCalendarSeries(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	name, description, updated := se.Name, se.Description, se.Updated
	if description == "" {
		description = i18n.T(lang, "feed.meeting_series.description", name)
	}
	sub := newSubject("meeting-series", id, updated, i18n.T(lang, "feed.meeting_series.name", name), description)
	s.serveMeetings(c, seriesMeetings(id), sub, nil)
}

// serveMeetings answers a meetings feed as serveScope answers a bookings feed.
func (s *Service) serveMeetings(c *gin.Context, sc meetingScope, sub subject, err error) {
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	w, bad := s.askedWindow(c.Request)
	if bad != "" {
		c.String(400, "400 "+bad+"\n")
		return
	}
	v, err := s.meetings.FindCalendarVersion(ctx, sc.id, w.calendar())
	if err != nil {
		s.fail(c, err)
		return
	}
	tag := etag(sub.version, s.baseURL, w.day.Format(time.DateOnly), w.from.Format(time.DateOnly), w.to.Format(time.DateOnly),
		strconv.Itoa(v.Count), strconv.FormatInt(v.Revision, 10), v.Latest.UTC().Format(time.RFC3339Nano))
	modified := later(later(v.Latest, sub.updated), w.day)
	if s.validators(c, tag, modified, cachePublic) {
		return
	}
	rows, err := s.meetings.CalendarMeetings(ctx, sc.id, w.calendar())
	if err != nil {
		s.fail(c, err)
		return
	}
	cal := &calendar.Calendar{Name: sub.name, Description: sub.description, Location: s.loc,
		RefreshInterval: RefreshInterval, Events: make([]calendar.Event, 0, len(rows))}
	for i := range rows {
		cal.Events = append(cal.Events, s.meetingEvent(&rows[i]))
	}
	s.write(c, cal)
}

// meetingDownload answers /calendar/meetings/{id}.ics: one meeting of a public series as a
// file to import, cancelled ones too, so that an imported copy can be updated.
func (s *Service) meetingDownload(c *gin.Context) {
	id, ok := fileID(c)
	if !ok {
		notFound(c)
		return
	}
	r, err := s.meetings.FindCalendarMeeting(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	tag := etag("meeting", strconv.FormatInt(id, 10), s.baseURL, strconv.Itoa(r.Revision), r.Latest.UTC().Format(time.RFC3339Nano))
	c.Header("Content-Disposition", `attachment; filename="mote-`+strconv.FormatInt(id, 10)+`.ics"`)
	if s.validators(c, tag, r.Latest, cachePublic) {
		return
	}
	ev := s.meetingEvent(r)
	// With the polling hint: an app may subscribe to the download to follow the one meeting.
	s.write(c, &calendar.Calendar{Name: ev.Summary, Location: s.loc, RefreshInterval: RefreshInterval, Events: []calendar.Event{ev}})
}

// meetingEvent maps one meeting to a VEVENT. Its ORGANIZER (which METHOD:PUBLISH asks for,
// RFC 5546) is the organiser organisation, addressed by its page on the site and never by an
// e-mail address: feeds and downloads are public, and a person's address is personal data.
// The invited organisations are no ATTENDEEs here: PUBLISH allows none; the meeting's page
// lists them with their replies, and the invitations mailed to their people (iTIP REQUEST,
// internal/meetingmail) name those people.
func (s *Service) meetingEvent(r *meetingRow) calendar.Event {
	e := calendar.Event{
		Organizer: &calendar.Party{Name: r.OrganiserName, URI: s.baseURL + "/organisationer/" + strconv.FormatInt(r.OrganiserID, 10)},
		UID:       s.uid("meeting", r.ID),
		Sequence:  r.Revision - 1,
		Stamp:     r.UpdatedAt, Created: r.CreatedAt, LastModified: r.UpdatedAt,
		Summary:     r.Title,
		Description: meetingDescription(r),
		Location:    meetingLocation(r),
		Status:      calendar.StatusConfirmed,
		Start:       r.StartsAt, End: r.EndsAt,
	}
	if r.Status == "cancelled" {
		e.Status, e.Transparent = calendar.StatusCancelled, true
	}
	if r.OnlineURL != nil {
		e.URL = *r.OnlineURL
	}
	if r.Latitude != nil && r.Longitude != nil {
		e.Geo = &calendar.Geo{Lat: *r.Latitude, Lon: *r.Longitude}
	}
	return e
}

// meetingLocation is the room, venue and address; or the outside address; or the link.
func meetingLocation(r *meetingRow) string {
	switch {
	case r.Address != nil:
		return *r.Address
	case r.OnlineURL != nil:
		return *r.OnlineURL
	case r.RoomName == nil:
		return ""
	}
	town := strings.TrimSpace(deref(r.PostalCode) + " " + deref(r.Town))
	parts := []string{deref(r.RoomName), deref(r.VenueName), deref(r.StreetAddress), town}
	return strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), ", ")
}

// meetingDescription is the agenda, then the series and its organiser.
func meetingDescription(r *meetingRow) string {
	var lines []string
	if a := strings.TrimSpace(r.Agenda); a != "" {
		lines = append(lines, a, "")
	}
	lines = append(lines, i18n.T(lang, "feed.meeting.series", r.SeriesName), i18n.T(lang, "feed.meeting.organiser", r.OrganiserName))
	return strings.Join(lines, "\n")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
