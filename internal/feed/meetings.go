package feed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// The meetings of the Compact follow the rules of the booking feeds (see the package
// comment), with these differences: only meetings of public series are ever shown, and
// always with their details (a meeting is public or not at all); UIDs are
// "meeting-{id}@{host}"; SEQUENCE is the meeting's revision less one, and the revision grows
// with every change to the meeting or to its room's booking; a meeting's LOCATION is its
// room, venue and address, its outside address, or its link; DESCRIPTION is the agenda and
// the organiser. A meeting has no recurrence of its own: a series' meetings are made from a
// pattern and then edited one by one, so each is a single event.

// meetingRow is a meeting as a feed needs it. It has no column that names a person.
type meetingRow struct {
	ID            int64     `bun:"id"`
	SeriesID      int64     `bun:"series_id"`
	Title         string    `bun:"title"`
	StartsAt      time.Time `bun:"starts_at"`
	EndsAt        time.Time `bun:"ends_at"`
	Address       *string   `bun:"address"`
	OnlineURL     *string   `bun:"online_url"`
	Agenda        string    `bun:"agenda"`
	Status        string    `bun:"status"`
	Revision      int       `bun:"revision"`
	CreatedAt     time.Time `bun:"created_at"`
	UpdatedAt     time.Time `bun:"updated_at"`
	SeriesName    string    `bun:"series_name"`
	OrganiserName string    `bun:"organiser_name"`
	RoomName      *string   `bun:"room_name"`
	VenueName     *string   `bun:"venue_name"`
	StreetAddress *string   `bun:"street_address"`
	PostalCode    *string   `bun:"postal_code"`
	Town          *string   `bun:"town"`
	Latitude      *float64  `bun:"latitude"`
	Longitude     *float64  `bun:"longitude"`
	// Latest is the last change to the meeting, its series, organiser, room or venue.
	Latest time.Time `bun:"latest"`
}

const meetingColumns = `SELECT m.id, m.series_id, m.title, m.starts_at, m.ends_at, m.address, m.online_url, m.agenda,
	m.status, m.revision, m.created_at, m.updated_at, ms.name AS series_name, o.name AS organiser_name,
	r.name AS room_name, v.name AS venue_name, v.street_address, v.postal_code, v.town, v.latitude, v.longitude,
	greatest(m.updated_at, ms.updated_at, o.updated_at, r.updated_at, v.updated_at) AS latest
`

// meetingJoins reads only public series: a meeting of any other is never in a feed.
const meetingJoins = `FROM meetings m JOIN meeting_series ms ON ms.id = m.series_id AND ms.public
	JOIN organisations o ON o.id = ms.organiser_id
	LEFT JOIN rooms r ON r.id = m.room_id LEFT JOIN venues v ON v.id = r.venue_id
`

// meetingWindow selects the meetings in the window, a cancelled one only while its
// cancellation is younger than the cutoff. Arguments: ?1 and ?2 the window, ?3 the cutoff;
// ?0 is the scope's id.
const meetingWindow = ` AND m.ends_at > ?1 AND m.starts_at < ?2 AND (m.status = 'planned' OR m.updated_at >= ?3)`

// meetingScope is the meetings of one feed: where selects them (on aliases m and ms, ?0 its id).
type meetingScope struct {
	id    int64
	where string
}

var allMeetings = meetingScope{where: "TRUE"}

func seriesMeetings(id int64) meetingScope {
	return meetingScope{id: id, where: "m.series_id = ?0::bigint"}
}

// meetingsFeed answers /calendar/meetings.ics: the meetings of every public series.
func (s *Service) meetingsFeed(c *gin.Context) {
	var updated time.Time
	err := s.db.NewRaw(`SELECT coalesce(max(updated_at), 'epoch') FROM meeting_series WHERE public`).Scan(c.Request.Context(), &updated)
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
	var name, description string
	var updated time.Time
	err := s.db.NewRaw(`SELECT ms.name, ms.description, greatest(ms.updated_at, o.updated_at) FROM meeting_series ms
		JOIN organisations o ON o.id = ms.organiser_id WHERE ms.id = ? AND ms.public`, id).
		Scan(c.Request.Context(), &name, &description, &updated)
	if err != nil {
		s.fail(c, subjectError("meeting series", id, err))
		return
	}
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
	v, err := s.meetingVersion(ctx, sc, w)
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
	rows, err := s.meetingRows(ctx, sc, w)
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
	var rows []meetingRow
	err := s.db.NewRaw(meetingColumns+meetingJoins+`WHERE m.id = ?`, id).Scan(c.Request.Context(), &rows)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		s.fail(c, fmt.Errorf("read meeting %d: %w", id, err))
		return
	}
	if len(rows) == 0 {
		notFound(c)
		return
	}
	r := &rows[0]
	tag := etag("meeting", strconv.FormatInt(id, 10), s.baseURL, strconv.Itoa(r.Revision), r.Latest.UTC().Format(time.RFC3339Nano))
	c.Header("Content-Disposition", `attachment; filename="mote-`+strconv.FormatInt(id, 10)+`.ics"`)
	if s.validators(c, tag, r.Latest, cachePublic) {
		return
	}
	ev := s.meetingEvent(r)
	// With the polling hint: an app may subscribe to the download to follow the one meeting.
	s.write(c, &calendar.Calendar{Name: ev.Summary, Location: s.loc, RefreshInterval: RefreshInterval, Events: []calendar.Event{ev}})
}

func (s *Service) meetingRows(ctx context.Context, sc meetingScope, w window) ([]meetingRow, error) {
	var rows []meetingRow
	q := meetingColumns + meetingJoins + `WHERE ` + sc.where + meetingWindow + ` ORDER BY m.starts_at, m.id`
	if err := s.db.NewRaw(q, sc.id, w.from, w.to, w.cutoff).Scan(ctx, &rows); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read feed meetings: %w", err)
	}
	return rows, nil
}

// meetingVersion is the meetings feed's version, read without reading the rows out (see
// version): a meeting moved, cancelled, added or leaving changes the count, the sum of
// revisions or the latest change.
func (s *Service) meetingVersion(ctx context.Context, sc meetingScope, w window) (version, error) {
	var v version
	q := `SELECT count(*) AS count, coalesce(sum(m.revision), 0) AS revision,
		coalesce(max(greatest(m.updated_at, ms.updated_at, o.updated_at, r.updated_at, v.updated_at)), 'epoch') AS latest
	` + meetingJoins + `WHERE ` + sc.where + meetingWindow
	if err := s.db.NewRaw(q, sc.id, w.from, w.to, w.cutoff).Scan(ctx, &v); err != nil {
		return version{}, fmt.Errorf("read meetings feed version: %w", err)
	}
	return v, nil
}

// meetingEvent maps one meeting to a VEVENT.
func (s *Service) meetingEvent(r *meetingRow) calendar.Event {
	e := calendar.Event{
		UID:      s.uid("meeting", r.ID),
		Sequence: r.Revision - 1,
		Stamp:    r.UpdatedAt, Created: r.CreatedAt, LastModified: r.UpdatedAt,
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
