// Package feed builds the iCalendar feeds of Lokalbanken from the database and serves them
// under /calendar/ (paths fixed in shared/DESIGN.md): a room's bookings, a venue's (all its
// rooms), an organisation's own bookings behind a secret feed token, and one booking as a
// download. The calendar package writes the files; this package decides what goes in them.
//
// The rules every feed follows:
//   - UIDs are "booking-{id}@{host}" for a single booking and "series-{id}@{host}" for a
//     recurring one, host being the host of the public base URL: database ids are never
//     reused, so neither are UIDs. Keep the base URL's host stable, or every subscriber
//     sees all events deleted and created again.
//   - SEQUENCE is the booking's revision less one; for a series it is the sum of what the
//     series and all its occurrences have been revised, so it grows with any change to any
//     occurrence, and an override never carries a lower SEQUENCE than its master (see
//     series.go).
//   - DTSTAMP and LAST-MODIFIED are the last change, never "now": an unchanged feed encodes
//     to the same bytes.
//   - Public feeds (room, venue, download) show a private booking only as busy: no title,
//     purpose or organisation, CLASS:PRIVATE. No feed ever carries a person's name or
//     address: the queries do not read those columns.
//   - The window runs from WindowBack before today to WindowAhead after it (whole local
//     days, so that the feed changes with the date at most once a day); a series that has
//     an occurrence in the window is written whole (a series spans at most two years and
//     200 occurrences, booking.MaxSeriesSpan).
//   - Cancelled and rejected bookings stay as STATUS:CANCELLED for Retention after the
//     change, so that subscribed apps remove them; then they leave the feed.
package feed

import (
	"context"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// The bounds of every feed. Subscribed apps are reported to drop events from feeds above
// about 1 MB (shared/ical/CHECKLIST.md D5); a busy room booked three times a day for 21
// months stays well below it.
const (
	// WindowBack is how far back a feed reaches: a term just ended is still visible.
	WindowBack = 3 * 30 * 24 * time.Hour
	// WindowAhead is how far ahead a feed reaches at most, a little more than the longest
	// default booking horizon (one year) so that no bookable time is cut off.
	WindowAhead = 18 * 30 * 24 * time.Hour
	// Retention is how long a cancelled or rejected booking stays in a feed as CANCELLED.
	Retention = 30 * 24 * time.Hour
	// RefreshInterval is the polling hint (REFRESH-INTERVAL, X-PUBLISHED-TTL) and max-age.
	RefreshInterval = time.Hour
)

// TokenResolver turns the secret of a private feed URL into the organisation it belongs to.
// internal/feedtoken implements it; Resolve returns an error of kind fault.NotFound for a
// secret that is unknown, malformed or revoked.
type TokenResolver interface {
	Resolve(ctx context.Context, secret string) (organisationID int64, err error)
}

// Options is what New needs.
type Options struct {
	DB  *bun.DB
	Log *slog.Logger
	// BaseURL is the public URL of the service: event URLs point back to its pages, and its
	// host names the UIDs.
	BaseURL string
	// Location is the service's zone (Europe/Stockholm): every local time is written in it.
	Location *time.Location
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Tokens resolves private feed tokens; nil answers every private feed with 404.
	Tokens TokenResolver
}

// Service builds and serves the feeds. It reads through the capability packages' read
// functions (booking, meeting, venue, organisation), which own their tables' queries.
type Service struct {
	bookings *booking.Service
	meetings *meeting.Service
	venues   *venue.Service
	orgs     *organisation.Service
	log      *slog.Logger
	baseURL  string
	host     string
	loc      *time.Location
	now      func() time.Time
	tokens   TokenResolver
}

// New returns the feeds over opts.DB. The base URL must be absolute (config.Validate checks
// it); a base URL without a host gives UIDs "@lokalbanken".
func New(opts Options) *Service {
	s := &Service{log: opts.Log, baseURL: strings.TrimRight(opts.BaseURL, "/"),
		host: "lokalbanken", loc: opts.Location, now: opts.Now, tokens: opts.Tokens}
	if u, err := url.Parse(s.baseURL); err == nil && u.Hostname() != "" {
		s.host = u.Hostname()
	}
	if s.now == nil {
		s.now = time.Now
	}
	// Read-only services over the same database: the feeds change nothing.
	v := validation.New()
	s.bookings = booking.NewService(opts.DB, v, s.now, s.loc)
	s.meetings = meeting.NewService(opts.DB, v, s.now, s.loc, s.bookings)
	s.venues = venue.NewService(opts.DB, v, s.now)
	s.orgs = organisation.NewService(opts.DB, v, s.now)
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s
}

// window is the span of one build: the days it covers and when cancelled bookings expire.
// Every bound is a local midnight, so two builds on the same day see the same window.
type window struct {
	day      time.Time // today's local midnight
	from, to time.Time
	cutoff   time.Time // cancelled before this: gone
}

func (s *Service) window() window {
	n := s.now().In(s.loc)
	day := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, s.loc)
	days := func(d time.Duration) int { return int(d / (24 * time.Hour)) }
	return window{
		day:    day,
		from:   day.AddDate(0, 0, -days(WindowBack)),
		to:     day.AddDate(0, 0, days(WindowAhead)),
		cutoff: day.AddDate(0, 0, -days(Retention)),
	}
}
