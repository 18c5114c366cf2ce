package httpapi

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Stockholm wherever the binary runs

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// bookingJSON is a booking as the API shows it. A private booking is shown to most callers
// only as busy time: the members that say who booked and why are left out, and
// details_hidden is true.
type bookingJSON struct {
	ID             int64     `json:"id"`
	RoomID         int64     `json:"room_id"`
	OrganisationID *int64    `json:"organisation_id,omitempty"`
	Title          *string   `json:"title,omitempty"`
	Purpose        *string   `json:"purpose,omitempty"`
	Attendees      *int      `json:"attendees,omitempty"`
	Public         bool      `json:"public"`
	StartsAt       time.Time `json:"starts_at"`
	EndsAt         time.Time `json:"ends_at"`
	Status         string    `json:"status"`
	// StatusReason is the reason for a cancellation or the owner's note on a decision; only
	// with the details.
	StatusReason *string `json:"status_reason,omitempty"`
	Revision     int     `json:"revision"`
	// SeriesID and Recurrence are set on the occurrences of a recurring booking.
	SeriesID      *int64          `json:"series_id,omitempty"`
	Recurrence    *recurrenceJSON `json:"recurrence,omitempty"`
	DetailsHidden bool            `json:"details_hidden"`
	// Fee is the fee copied onto the booking when it was made; only with the details.
	Fee       *feeJSON  `json:"fee,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// recurrenceJSON is the rule of a recurring booking; in a request, SkipUnavailable asks to
// book the occurrences that can be and report the others.
type recurrenceJSON struct {
	RRule           string `json:"rrule"`
	SkipUnavailable bool   `json:"skip_unavailable,omitempty"`
}

// toBookingJSON shows b as the sight allows (access.BookingSight): busy time shows no
// organisation, title, series, purpose, attendees or note.
func toBookingJSON(b *booking.Booking, v access.Sight) bookingJSON {
	out := bookingJSON{
		ID: b.ID, RoomID: b.RoomID, Public: b.Public, StartsAt: utc(b.StartsAt), EndsAt: utc(b.EndsAt),
		Status: string(b.Status), Revision: b.Revision, DetailsHidden: !v.Organisation(),
		CreatedAt: utc(b.CreatedAt), UpdatedAt: utc(b.UpdatedAt),
	}
	if b.SeriesID != nil && v.Organisation() {
		id := *b.SeriesID
		out.SeriesID = &id
	}
	if v.Organisation() {
		org, title := b.OrganisationID, b.Title
		out.OrganisationID, out.Title = &org, &title
	}
	if v.Details() {
		purpose, attendees, reason := b.Purpose, b.Attendees, b.StatusReason
		out.Purpose, out.Attendees, out.StatusReason = &purpose, &attendees, &reason
		out.Fee = toFeeJSON(booking.FeeOf(b))
	}
	return out
}

// fullBookingJSON is the view of those who made or decided on the booking.
func fullBookingJSON(b *booking.Booking) bookingJSON { return toBookingJSON(b, access.SeeAll) }

func bookingURL(b *booking.Booking) string {
	return "/api/v1/bookings/" + strconv.FormatInt(b.ID, 10)
}

// bookingInput is the body of POST /bookings. Times are read here rather than by
// encoding/json, so that one that does not parse is named as the field it is.
type bookingInput struct {
	RoomID         int64  `json:"room_id"`
	OrganisationID int64  `json:"organisation_id"`
	Title          string `json:"title"`
	Purpose        string `json:"purpose"`
	Attendees      int    `json:"attendees"`
	Public         bool   `json:"public"`
	StartsAt       string `json:"starts_at"`
	EndsAt         string `json:"ends_at"`
	// Recurrence makes the booking a series: starts_at and ends_at are its first occurrence.
	Recurrence *recurrenceJSON `json:"recurrence"`
}

var bookingReadOnly = []string{"id", "status", "status_reason", "revision", "series_id", "details_hidden", "created_at", "updated_at"}

// toSeriesInput makes the first occurrence [starts_at, ends_at) of a series into its
// wall-clock start and length in loc (the bookings' zone).
func toSeriesInput(in booking.Input, r *recurrenceJSON, loc *time.Location) (booking.SeriesInput, error) {
	out := booking.SeriesInput{
		RoomID: in.RoomID, OrganisationID: in.OrganisationID, Title: in.Title, Purpose: in.Purpose,
		Attendees: in.Attendees, Public: in.Public, RRule: r.RRule, SkipUnavailable: r.SkipUnavailable,
	}
	if in.StartsAt.IsZero() || in.EndsAt.IsZero() {
		return out, nil // the service reports what is missing
	}
	d := in.EndsAt.Sub(in.StartsAt)
	switch {
	case d <= 0:
		return out, fault.FieldErrors{{Field: "ends_at", Code: booking.CodeEndNotAfterStart}}
	case d%time.Minute != 0:
		return out, fault.FieldErrors{{Field: "ends_at", Code: "whole_minutes"}}
	}
	l := in.StartsAt.In(loc)
	out.Start = time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
	out.DurationMinutes = int(d / time.Minute)
	return out, nil
}

// seriesJSON is the answer to a recurring booking: the series, its booked occurrences and
// those skipped.
type seriesJSON struct {
	SeriesID   int64            `json:"series_id"`
	Recurrence recurrenceJSON   `json:"recurrence"`
	Items      []bookingJSON    `json:"items"`
	Skipped    []occurrenceJSON `json:"skipped"`
}

// occurrenceJSON is an occurrence of a series that could not be booked, and why: the problem
// type's code, with the clashes or the field errors.
type occurrenceJSON struct {
	Occurrence int               `json:"occurrence"`
	StartsAt   time.Time         `json:"starts_at"`
	EndsAt     time.Time         `json:"ends_at"`
	Problem    string            `json:"problem"`
	Conflicts  []ProblemConflict `json:"conflicts,omitempty"`
	Errors     []ProblemField    `json:"errors,omitempty"`
}

func (h *Handler) createSeries(c *gin.Context, in booking.Input, r *recurrenceJSON) {
	si, err := toSeriesInput(in, r, h.Bookings.Location())
	if err != nil {
		c.Error(err)
		return
	}
	res, err := h.Bookings.CreateSeries(c.Request.Context(), Actor(c), si)
	if err != nil {
		c.Error(err)
		return
	}
	lang := i18n.Parse(c.GetHeader("Accept-Language"))
	out := seriesJSON{SeriesID: res.Series.ID, Recurrence: recurrenceJSON{RRule: res.Series.RRule},
		Items: make([]bookingJSON, 0, len(res.Bookings)), Skipped: refusals(lang, res.Skipped)}
	status := http.StatusCreated
	for i := range res.Bookings {
		b := &res.Bookings[i]
		j := fullBookingJSON(b)
		j.Recurrence = &recurrenceJSON{RRule: res.Series.RRule}
		out.Items = append(out.Items, j)
		if b.Status == booking.StatusPending {
			status = http.StatusAccepted
		}
	}
	if len(res.Bookings) > 0 {
		c.Header("Location", bookingURL(&res.Bookings[0]))
	}
	c.JSON(status, out)
}

// refusals describes the occurrences of a series that could not be booked.
func refusals(lang i18n.Lang, rs []booking.Refusal) []occurrenceJSON {
	out := make([]occurrenceJSON, 0, len(rs))
	for _, r := range rs {
		o := occurrenceJSON{Occurrence: r.Occurrence, StartsAt: utc(r.StartsAt), EndsAt: utc(r.EndsAt), Problem: "validation"}
		var ce *booking.ConflictError
		if errors.As(r.Err, &ce) {
			o.Problem = strings.ReplaceAll(booking.ErrConflict.Code, "_", "-")
			o.Conflicts = problemConflicts(ce)
		}
		for _, f := range fault.Fields(r.Err) {
			o.Errors = append(o.Errors, ProblemField{Field: f.Field, Code: f.Code, Message: validation.Message(lang, f)})
		}
		out = append(out, o)
	}
	return out
}

func (in bookingInput) toInput() (booking.Input, error) {
	out := booking.Input{
		RoomID: in.RoomID, OrganisationID: in.OrganisationID, Title: in.Title, Purpose: in.Purpose,
		Attendees: in.Attendees, Public: in.Public,
	}
	var fe fault.FieldErrors
	out.StartsAt = readTime(&fe, "starts_at", in.StartsAt)
	out.EndsAt = readTime(&fe, "ends_at", in.EndsAt)
	if len(fe) > 0 {
		return out, fe
	}
	return out, nil
}

// readTime reads an RFC 3339 time of the named field; one that does not parse is added to
// fe. An empty one is zero: the service reports it as required.
func readTime(fe *fault.FieldErrors, name, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		*fe = append(*fe, fault.FieldError{Field: name, Code: "malformed"})
	}
	return t
}

// bookingStatusInput is the body of approve, reject (note) and cancel (reason); the body
// may be left out.
type bookingStatusInput struct {
	Note   *string `json:"note"`
	Reason *string `json:"reason"`
	// From, only for cancelling a series: the original start of the first occurrence to cancel.
	From *string `json:"from"`
}

// maxStatusText is the longest note or reason the bookings table stores.
const maxStatusText = 2000

func (h *Handler) createBooking(c *gin.Context) {
	var in bookingInput
	if err := decodeJSON(c, &in, bookingReadOnly...); err != nil {
		c.Error(err)
		return
	}
	bi, err := in.toInput()
	if err != nil {
		c.Error(err)
		return
	}
	if in.Recurrence != nil {
		h.createSeries(c, bi, in.Recurrence)
		return
	}
	b, err := h.Bookings.CreateBooking(c.Request.Context(), Actor(c), bi)
	if err != nil {
		c.Error(err)
		return
	}
	status := http.StatusCreated
	if b.Status == booking.StatusPending {
		status = http.StatusAccepted
	}
	c.Header("Location", bookingURL(b))
	c.JSON(status, fullBookingJSON(b))
}

// statusChange answers one of approve, reject or cancel: field is the member of the body
// that carries the text ("note" or "reason").
func (h *Handler) statusChange(field string, fn func(context.Context, access.Actor, int64, string) (*booking.Booking, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id", booking.ErrNotFound)
		if err != nil {
			c.Error(err)
			return
		}
		var in bookingStatusInput
		s, err := statusText(c, &in, field, false)
		if err != nil {
			c.Error(err)
			return
		}
		b, err := fn(c.Request.Context(), Actor(c), id, s)
		if err != nil {
			c.Error(err)
			return
		}
		c.JSON(http.StatusOK, fullBookingJSON(b))
	}
}

// statusText decodes the body of a status change, if any, into in and returns the text of
// its field ("note" or "reason"); the other one is refused, and so is from unless withFrom.
func statusText(c *gin.Context, in *bookingStatusInput, field string, withFrom bool) (string, error) {
	if c.Request.ContentLength != 0 {
		if err := decodeJSON(c, in); err != nil {
			return "", err
		}
	}
	if in.From != nil && !withFrom {
		return "", fault.FieldErrors{{Field: "from", Code: "unknown_field"}}
	}
	text := in.Note
	other, otherName := in.Reason, "reason"
	if field == "reason" {
		text, other, otherName = in.Reason, in.Note, "note"
	}
	if other != nil {
		return "", fault.FieldErrors{{Field: otherName, Code: "unknown_field"}}
	}
	var s string
	if text != nil {
		s = strings.TrimSpace(*text)
	}
	if len([]rune(s)) > maxStatusText {
		return "", fault.FieldErrors{{Field: field, Code: "max", Param: strconv.Itoa(maxStatusText)}}
	}
	return s, nil
}

func (h *Handler) getBooking(c *gin.Context) {
	id, err := pathID(c, "id", booking.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	b, err := h.Bookings.FindBookingByID(c.Request.Context(), id)
	if err != nil {
		c.Error(err)
		return
	}
	v := newViewer(h.Venues, Actor(c))
	vis, err := v.of(c.Request.Context(), b)
	if err != nil {
		c.Error(err)
		return
	}
	j := toBookingJSON(b, vis)
	if vis.Organisation() {
		if j.Recurrence, err = v.recurrence(c.Request.Context(), h.Bookings, b); err != nil {
			c.Error(err)
			return
		}
	}
	c.JSON(http.StatusOK, j)
}

// bookingStatuses are the values of the status filter.
var bookingStatuses = []booking.Status{booking.StatusPending, booking.StatusConfirmed, booking.StatusRejected, booking.StatusCancelled}

func (h *Handler) listBookings(c *gin.Context) {
	var f booking.Filter
	var statuses []string
	q := query{c: c}
	q.int64("room_id", &f.RoomID)
	q.int64("organisation_id", &f.OrganisationID)
	q.strs("status", &statuses)
	q.time("from", &f.From)
	q.time("to", &f.To)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	for i, s := range statuses {
		if !slices.Contains(bookingStatuses, booking.Status(s)) {
			q.errs = append(q.errs, fault.FieldError{Field: "status[" + strconv.Itoa(i) + "]", Code: "oneof", Param: "pending confirmed rejected cancelled"})
			continue
		}
		f.Status = append(f.Status, booking.Status(s))
	}
	if f.RoomID < 0 {
		q.errs = append(q.errs, fault.FieldError{Field: "room_id", Code: "min", Param: "0"})
	}
	if f.OrganisationID < 0 {
		q.errs = append(q.errs, fault.FieldError{Field: "organisation_id", Code: "min", Param: "0"})
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		q.errs = append(q.errs, fault.FieldError{Field: "to", Code: booking.CodeEndNotAfterStart})
	}
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	ctx := c.Request.Context()
	actor := Actor(c)
	// Filtered by organisation, the private bookings the viewer may not see whole are not
	// read at all: neither the page nor its cursor may say anything of them.
	f.Viewer = &actor
	page, err := h.Bookings.FindBookings(ctx, f)
	if err != nil {
		c.Error(err)
		return
	}
	v := newViewer(h.Venues, actor)
	out := list[bookingJSON]{Items: make([]bookingJSON, 0, len(page.Items))}
	for i := range page.Items {
		b := &page.Items[i]
		vis, err := v.of(ctx, b)
		if err != nil {
			c.Error(err)
			return
		}
		if f.OrganisationID != 0 && !vis.Organisation() {
			// FindBookings left these out: reaching here, the two disagree.
			c.Error(errors.New("list bookings: a private booking of another read by organisation"))
			return
		}
		j := toBookingJSON(b, vis)
		if vis.Organisation() {
			if j.Recurrence, err = v.recurrence(ctx, h.Bookings, b); err != nil {
				c.Error(err)
				return
			}
		}
		out.Items = append(out.Items, j)
	}
	if page.Next != nil {
		out.NextCursor = page.Next.Encode()
	}
	c.JSON(http.StatusOK, out)
}

// viewer asks the policy (access.BookingSight) how much of each booking the actor may see,
// reading each room's owner once per request.
type viewer struct {
	venues *venue.Service
	actor  access.Actor
	owners map[int64]int64  // room id → owner id, read once per request
	rules  map[int64]string // series id → RRULE, likewise
}

func newViewer(venues *venue.Service, actor access.Actor) *viewer {
	return &viewer{venues: venues, actor: actor, owners: map[int64]int64{}, rules: map[int64]string{}}
}

// recurrence returns the rule of the series b belongs to, or nil for a one-off booking.
func (v *viewer) recurrence(ctx context.Context, bookings *booking.Service, b *booking.Booking) (*recurrenceJSON, error) {
	if b.SeriesID == nil {
		return nil, nil
	}
	rule, ok := v.rules[*b.SeriesID]
	if !ok {
		se, err := bookings.FindSeriesByID(ctx, *b.SeriesID)
		if err != nil {
			return nil, err
		}
		rule = se.RRule
		v.rules[*b.SeriesID] = rule
	}
	return &recurrenceJSON{RRule: rule}, nil
}

func (v *viewer) of(ctx context.Context, b *booking.Booking) (access.Sight, error) {
	var owner int64
	if v.actor.SignedIn() { // an anonymous actor is no owner's admin: no need to read it
		var err error
		if owner, err = v.owner(ctx, b.RoomID); err != nil {
			return access.SeeNothing, err
		}
	}
	return access.BookingSight(v.actor, access.BookingFacts{Organisation: b.OrganisationID, RoomOwner: owner, Public: b.Public}), nil
}

func (v *viewer) owner(ctx context.Context, roomID int64) (int64, error) {
	if id, ok := v.owners[roomID]; ok {
		return id, nil
	}
	r, err := v.venues.FindRoomByID(ctx, roomID)
	if err != nil {
		return 0, err
	}
	if r.Venue == nil {
		return 0, errors.New("room without its venue")
	}
	v.owners[roomID] = r.Venue.OwnerID
	return r.Venue.OwnerID, nil
}

// availabilityJSON is a room's busy and free time in a window.
type availabilityJSON struct {
	RoomID int64      `json:"room_id"`
	From   time.Time  `json:"from"`
	To     time.Time  `json:"to"`
	Busy   []slotJSON `json:"busy"`
	Free   []slotJSON `json:"free"`
}

// slotJSON is a stretch of busy or free time. A busy one has the holding booking's status,
// and, only when the booking is public, its id and title.
type slotJSON struct {
	StartsAt  time.Time `json:"starts_at"`
	EndsAt    time.Time `json:"ends_at"`
	Status    string    `json:"status,omitempty"`
	Public    *bool     `json:"public,omitempty"`
	BookingID *int64    `json:"booking_id,omitempty"`
	Title     *string   `json:"title,omitempty"`
}

func toAvailabilityJSON(a *booking.Availability) availabilityJSON {
	out := availabilityJSON{RoomID: a.RoomID, From: utc(a.From), To: utc(a.To),
		Busy: make([]slotJSON, 0, len(a.Busy)), Free: make([]slotJSON, 0, len(a.Free))}
	for _, s := range a.Busy {
		pub := s.Public
		j := slotJSON{StartsAt: utc(s.Start), EndsAt: utc(s.End), Status: string(s.Status), Public: &pub}
		if s.Public {
			id, title := s.BookingID, s.Title
			j.BookingID, j.Title = &id, &title
		}
		out.Busy = append(out.Busy, j)
	}
	for _, s := range a.Free {
		out.Free = append(out.Free, slotJSON{StartsAt: utc(s.Start), EndsAt: utc(s.End)})
	}
	return out
}

func (h *Handler) roomAvailability(c *gin.Context) {
	id, err := pathID(c, "id", venue.ErrRoomNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var from, to time.Time
	q := query{c: c}
	q.time("from", &from)
	q.time("to", &to)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	a, err := h.Bookings.RoomAvailability(c.Request.Context(), id, from, to)
	if err != nil {
		c.Error(err)
		return
	}
	c.JSON(http.StatusOK, toAvailabilityJSON(a))
}

// freeRoomsJSON is the answer of GET /availability: the occurrences asked about and the
// rooms free for every one of them.
type freeRoomsJSON struct {
	Occurrences []slotJSON `json:"occurrences"`
	Items       []roomJSON `json:"items"`
	NextCursor  string     `json:"next_cursor,omitempty"`
}

// weeklyParams are the query parameters of the weekly form of GET /availability.
var weeklyParams = []string{"weekday", "start_time", "end_time", "first_day", "last_day"}

func (h *Handler) findFreeRooms(c *gin.Context) {
	var fq booking.FreeRoomsQuery
	q := query{c: c}
	q.time("from", &fq.From)
	q.time("to", &fq.To)
	q.int64("organisation_id", &fq.OrganisationID)
	f := &fq.Filter
	q.str("q", &f.Q)
	q.int64("owner_id", &f.OwnerID)
	q.str("owner_kind", &f.OwnerKind)
	q.str("district", &f.District)
	q.int("capacity_min", &f.CapacityMin)
	q.strs("facilities", &f.Facilities)
	q.strs("accessibility", &f.Accessibility)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	weekly := false
	for _, p := range weeklyParams {
		weekly = weekly || c.Query(p) != ""
	}
	if weekly {
		var w booking.WeeklyPattern
		q.int("weekday", &w.Weekday)
		q.clock("start_time", &w.StartTime)
		q.clock("end_time", &w.EndTime)
		q.date("first_day", &w.FirstDay)
		q.date("last_day", &w.LastDay)
		for _, p := range []string{"from", "to"} {
			if c.Query(p) != "" {
				q.errs = append(q.errs, fault.FieldError{Field: p, Code: "excluded_with", Param: "weekday"})
			}
		}
		fq.Weekly = &w
	}
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	free, err := h.Bookings.FindFreeRooms(c.Request.Context(), fq)
	if err != nil {
		// The pattern's errors name its members as query parameters.
		if fe := fault.Fields(err); fe != nil {
			out := make(fault.FieldErrors, len(fe))
			for i, e := range fe {
				e.Field = strings.TrimPrefix(e.Field, "weekly.")
				out[i] = e
			}
			err = out
		}
		c.Error(err)
		return
	}
	out := freeRoomsJSON{Occurrences: make([]slotJSON, 0, len(free.Occurrences)), Items: make([]roomJSON, 0, len(free.Rooms))}
	for _, o := range free.Occurrences {
		out.Occurrences = append(out.Occurrences, slotJSON{StartsAt: utc(o.Start), EndsAt: utc(o.End)})
	}
	for i := range free.Rooms {
		out.Items = append(out.Items, toRoomJSON(&free.Rooms[i]))
	}
	if free.Next != nil {
		out.NextCursor = free.Next.Encode()
	}
	c.JSON(http.StatusOK, out)
}
