package meeting

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
)

// The reads of the meeting feeds (internal/feed): only meetings of public series are ever
// read, since a meeting of another series is anyone's only to see if invited
// (access.MeetingSight), and a feed's URL carries no credential.

// CalendarMeeting is a meeting of a public series as a feed needs it. It has no column
// that names a person.
type CalendarMeeting struct {
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
	OrganiserID   int64     `bun:"organiser_id"`
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

const calendarColumns = `SELECT m.id, m.series_id, m.title, m.starts_at, m.ends_at, m.address, m.online_url, m.agenda,
	m.status, m.revision, m.created_at, m.updated_at, ms.name AS series_name, ms.organiser_id, o.name AS organiser_name,
	r.name AS room_name, v.name AS venue_name, v.street_address, v.postal_code, v.town, v.latitude, v.longitude,
	greatest(m.updated_at, ms.updated_at, o.updated_at, r.updated_at, v.updated_at) AS latest
`

// calendarJoins reads only public series: a meeting of any other is never in a feed.
const calendarJoins = `FROM meetings m JOIN meeting_series ms ON ms.id = m.series_id AND ms.public
	JOIN organisations o ON o.id = ms.organiser_id
	LEFT JOIN rooms r ON r.id = m.room_id LEFT JOIN venues v ON v.id = r.venue_id
`

// calendarWindow selects the meetings in the window, a cancelled one only while its
// cancellation is younger than the cutoff; ?0 is the series (0 for all), ?1 and ?2 the
// window, ?3 the cutoff.
const calendarWindow = `WHERE (?0::bigint = 0 OR m.series_id = ?0::bigint)
	AND m.ends_at > ?1 AND m.starts_at < ?2 AND (m.status = 'planned' OR m.updated_at >= ?3)`

// CalendarMeetings reads the meetings of the public series seriesID (0: of every public
// series) in the window, by start.
func (s *Service) CalendarMeetings(ctx context.Context, seriesID int64, w booking.CalendarWindow) ([]CalendarMeeting, error) {
	var rows []CalendarMeeting
	q := calendarColumns + calendarJoins + calendarWindow + ` ORDER BY m.starts_at, m.id`
	if err := s.db.NewRaw(q, seriesID, w.From, w.To, w.Cutoff).Scan(ctx, &rows); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read calendar meetings: %w", err)
	}
	return rows, nil
}

// FindCalendarVersion is the version of the meetings' calendar (see
// booking.CalendarVersion), read without reading the rows out: a meeting moved, cancelled,
// added or leaving changes the count, the sum of revisions or the latest change.
func (s *Service) FindCalendarVersion(ctx context.Context, seriesID int64, w booking.CalendarWindow) (booking.CalendarVersion, error) {
	var v booking.CalendarVersion
	q := `SELECT count(*) AS count, coalesce(sum(m.revision), 0) AS revision,
		coalesce(max(greatest(m.updated_at, ms.updated_at, o.updated_at, r.updated_at, v.updated_at)), 'epoch') AS latest
	` + calendarJoins + calendarWindow
	if err := s.db.NewRaw(q, seriesID, w.From, w.To, w.Cutoff).Scan(ctx, &v); err != nil {
		return booking.CalendarVersion{}, fmt.Errorf("read meetings calendar version: %w", err)
	}
	return v, nil
}

// FindCalendarMeeting reads one meeting of a public series, cancelled or not, or
// ErrNotFound.
func (s *Service) FindCalendarMeeting(ctx context.Context, id int64) (*CalendarMeeting, error) {
	var rows []CalendarMeeting
	err := s.db.NewRaw(calendarColumns+calendarJoins+`WHERE m.id = ?`, id).Scan(ctx, &rows)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read meeting %d: %w", id, err)
	}
	if len(rows) == 0 {
		return nil, ErrNotFound
	}
	return &rows[0], nil
}

// PublicSeriesChanged returns the last change to any public series, or the epoch.
func (s *Service) PublicSeriesChanged(ctx context.Context) (time.Time, error) {
	var updated time.Time
	err := s.db.NewRaw(`SELECT coalesce(max(updated_at), 'epoch') FROM meeting_series WHERE public`).Scan(ctx, &updated)
	if err != nil {
		return time.Time{}, fmt.Errorf("read public meeting series: %w", err)
	}
	return updated, nil
}

// CalendarSeries is a public series as its feed names it.
type CalendarSeries struct {
	Name        string
	Description string
	// Updated is the last change to the series or its organiser.
	Updated time.Time
}

// FindCalendarSeries reads the public series id, or ErrSeriesNotFound (also for a series
// that is not public).
func (s *Service) FindCalendarSeries(ctx context.Context, id int64) (*CalendarSeries, error) {
	out := new(CalendarSeries)
	err := s.db.NewRaw(`SELECT ms.name, ms.description, greatest(ms.updated_at, o.updated_at) FROM meeting_series ms
		JOIN organisations o ON o.id = ms.organiser_id WHERE ms.id = ? AND ms.public`, id).
		Scan(ctx, &out.Name, &out.Description, &out.Updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrSeriesNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read meeting series %d: %w", id, err)
	}
	return out, nil
}
