package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// ContentType is the media type of every feed and download (RFC 5545 §8.1).
const ContentType = "text/calendar; charset=utf-8"

// Cache-Control of public feeds and of private ones: a shared cache may keep a public feed
// for as long as apps are asked to wait between polls, but never a private one.
var (
	cachePublic  = "public, max-age=" + strconv.Itoa(int(RefreshInterval/time.Second))
	cachePrivate = "private, max-age=" + strconv.Itoa(int(RefreshInterval/time.Second))
)

// Register adds the feeds, for GET and HEAD, under /calendar/:
//
//	/calendar/rooms/{id}.ics      a room's bookings (public)
//	/calendar/venues/{id}.ics     the bookings of all a venue's rooms (public)
//	/calendar/private/{token}.ics an organisation's own bookings with their details
//	/calendar/bookings/{id}.ics   one booking as a download
//	/calendar/meetings.ics        the meetings of every public meeting series
//	/calendar/meeting-series/{id}.ics  a public series' meetings
//	/calendar/meetings/{id}.ics   one meeting of a public series as a download
func (s *Service) Register(r *gin.Engine) {
	g := r.Group("/calendar")
	route := func(path string, h gin.HandlerFunc) {
		g.GET(path, h)
		g.HEAD(path, h)
	}
	route("/rooms/:file", s.roomFeed)
	route("/venues/:file", s.venueFeed)
	route("/private/:file", s.privateFeed)
	route("/bookings/:file", s.bookingDownload)
	route("/meetings.ics", s.meetingsFeed)
	route("/meeting-series/:file", s.meetingSeriesFeed)
	route("/meetings/:file", s.meetingDownload)
}

func (s *Service) roomFeed(c *gin.Context) {
	id, ok := fileID(c)
	if !ok {
		notFound(c)
		return
	}
	sub, err := s.roomSubject(c.Request.Context(), id)
	var related []int64
	if err == nil {
		related, err = s.bookings.RoomsSharingSpace(c.Request.Context(), id)
	}
	s.serveScope(c, roomScope(related), sub, err, cachePublic)
}

func (s *Service) venueFeed(c *gin.Context) {
	id, ok := fileID(c)
	if !ok {
		notFound(c)
		return
	}
	sub, err := s.venueSubject(c.Request.Context(), id)
	s.serveScope(c, venueScope(id), sub, err, cachePublic)
}

// privateFeed answers an unknown, malformed or revoked token exactly as an unknown room:
// 404 with the same body, so that the answer says nothing about whether it ever existed.
func (s *Service) privateFeed(c *gin.Context) {
	secret, ok := strings.CutSuffix(c.Param("file"), ".ics")
	if !ok || secret == "" || s.tokens == nil {
		notFound(c)
		return
	}
	org, err := s.tokens.Resolve(c.Request.Context(), secret)
	if err != nil {
		s.fail(c, err)
		return
	}
	sub, err := s.organisationSubject(c.Request.Context(), org)
	s.serveScope(c, organisationScope(org), sub, err, cachePrivate)
}

// serveScope answers a feed: 304 when the client's copy is current, found by a query that
// reads no rows out (loadVersion); headers only for HEAD; else the feed built and encoded.
func (s *Service) serveScope(c *gin.Context, sc scope, sub subject, err error, cache string) {
	if err != nil {
		s.fail(c, err)
		return
	}
	ctx := c.Request.Context()
	w, bad := s.askedWindow(c.Request)
	if bad != "" {
		c.String(http.StatusBadRequest, "400 "+bad+"\n")
		return
	}
	v, err := s.bookings.FindCalendarVersion(ctx, sc.cal, w.calendar())
	if err != nil {
		s.fail(c, err)
		return
	}
	// The window moves with the date, so the day is part of the version: a booking leaving
	// the window, or a cancellation leaving the feed, changes the feed at midnight.
	tag := etag(sub.version, sc.rooms, s.baseURL, w.day.Format(time.DateOnly), w.from.Format(time.DateOnly), w.to.Format(time.DateOnly), strconv.Itoa(v.Count),
		strconv.FormatInt(v.Revision, 10), v.Names, v.Latest.UTC().Format(time.RFC3339Nano))
	modified := later(later(v.Latest, sub.updated), w.day)
	if s.validators(c, tag, modified, cache) {
		return
	}
	cal, err := s.build(ctx, sc, w, sub)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.write(c, cal)
}

// askedWindow is the feed's window, narrowed by ?from= and ?to= (local dates, to exclusive)
// when a client asks for part of it, say one term; a window reaching beyond the bounds, or
// dates that do not read, are refused with why, so that a client never silently gets less
// than it asked for.
func (s *Service) askedWindow(r *http.Request) (window, string) {
	w := s.window()
	q := r.URL.Query()
	read := func(name string, dst *time.Time) string {
		v := q.Get(name)
		if v == "" {
			return ""
		}
		d, err := time.ParseInLocation(time.DateOnly, v, s.loc)
		if err != nil {
			return name + " must be a date like 2026-09-01"
		}
		*dst = d
		return ""
	}
	from, to := w.from, w.to
	if bad := read("from", &from) + read("to", &to); bad != "" {
		return w, bad
	}
	if from.Before(w.from) || to.After(w.to) {
		return w, "the window may run from " + w.from.Format(time.DateOnly) + " to " + w.to.Format(time.DateOnly)
	}
	if !to.After(from) {
		return w, "to must be after from"
	}
	w.from, w.to = from, to
	return w, ""
}

// validators sets ETag, Last-Modified and Cache-Control, and answers 304 for a current
// conditional request, or the headers alone for HEAD. It reports whether it answered.
func (s *Service) validators(c *gin.Context, tag string, modified time.Time, cache string) bool {
	h := c.Writer.Header()
	h.Set("ETag", tag)
	h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	h.Set("Cache-Control", cache)
	if notModified(c.Request, tag, modified) {
		c.Status(http.StatusNotModified)
		return true
	}
	if c.Request.Method == http.MethodHead {
		h.Set("Content-Type", ContentType)
		c.Status(http.StatusOK)
		return true
	}
	return false
}

// notModified applies RFC 9110 §13.2.2: If-None-Match when present (weak comparison, "*"
// matches), else If-Modified-Since to the second.
func notModified(r *http.Request, tag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == "*" || t == tag {
				return true
			}
		}
		return false
	}
	ims, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !modified.Truncate(time.Second).After(ims)
}

func (s *Service) write(c *gin.Context, cal *calendar.Calendar) {
	var buf bytes.Buffer
	buf.Grow(512 + 600*len(cal.Events))
	if err := calendar.Encode(&buf, cal); err != nil {
		s.fail(c, err)
		return
	}
	c.Data(http.StatusOK, ContentType, buf.Bytes())
}

// fail answers 404 for anything not found (unknown room, venue, booking or token) and 500
// with the cause logged for the rest.
func (s *Service) fail(c *gin.Context, err error) {
	if fault.KindOf(err) == fault.NotFound {
		notFound(c)
		return
	}
	if database.IsUnavailable(err) {
		s.log.WarnContext(c.Request.Context(), "calendar feed: database unavailable", slog.String("route", c.FullPath()), slog.Any("err", err))
		c.Header("Retry-After", strconv.Itoa(database.RetryAfterSeconds))
		c.String(http.StatusServiceUnavailable, "503 service unavailable; try again shortly\n")
		return
	}
	s.log.ErrorContext(c.Request.Context(), "calendar feed", slog.String("route", c.FullPath()), slog.Any("err", err))
	c.String(http.StatusInternalServerError, "500 internal server error\n")
}

func notFound(c *gin.Context) {
	c.String(http.StatusNotFound, "404 calendar not found\n")
}

// fileID reads the id of "{id}.ics", written the one way it is linked: digits, no sign,
// no leading zero.
func fileID(c *gin.Context) (int64, bool) {
	digits, ok := strings.CutSuffix(c.Param("file"), ".ics")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != digits {
		return 0, false
	}
	return id, true
}

// hashParts is a hex digest of the parts, each ended so that no two lists run together.
func hashParts(parts []string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
