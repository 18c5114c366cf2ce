package booking

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// MinDuration is the shortest booking anyone may make: shorter ones are mistakes, or probes
// of the calendar, and hold a room for nothing.
const MinDuration = 15 * time.Minute

// DefaultMaxDuration is the longest booking of a room whose owner has set none (Rules
// MaxDuration nil, "0" in the settings): a day, so that no booking holds a room for weeks by
// default. An owner may allow longer, up to the limit of RulesInput.
const DefaultMaxDuration = 24 * time.Hour

// maxDuration returns the longest booking the rules allow.
func (r Rules) maxDuration() Interval {
	if r.MaxDuration != nil {
		return *r.MaxDuration
	}
	return Hours(int(DefaultMaxDuration / time.Hour))
}

// checkSlot returns the field errors of booking [start, end) for attendees in the room at
// now: every rule of time and size the room's owner set. The same check serves one-off
// bookings and each occurrence of a series.
func (r *room) checkSlot(start, end time.Time, attendees int, now time.Time, loc *time.Location) fault.FieldErrors {
	var fe fault.FieldErrors
	add := func(field, code, param string) {
		fe = append(fe, fault.FieldError{Field: field, Code: code, Param: param})
	}
	if !end.After(start) {
		add("ends_at", CodeEndNotAfterStart, "")
		return fe
	}
	if end.Sub(start) < MinDuration {
		add("ends_at", CodeTooShort, strconv.Itoa(int(MinDuration/time.Minute)))
	}
	if attendees > r.Capacity {
		add("attendees", CodeAboveCapacity, strconv.Itoa(r.Capacity))
	}
	rules := r.Rules
	horizonEnd := false // an end past the horizon is its ends_at error, not also "too long"
	switch {
	case start.Before(now):
		add("starts_at", CodeInPast, "")
	case start.Before(rules.MinNotice.AddTo(now, loc)):
		add("starts_at", CodeTooSoon, rules.MinNotice.AddTo(now, loc).In(loc).Format("2006-01-02 15:04"))
	case start.After(rules.Horizon.AddTo(now, loc)):
		add("starts_at", CodeTooFarAhead, rules.Horizon.AddTo(now, loc).In(loc).Format("2006-01-02 15:04"))
	case end.After(rules.Horizon.AddTo(now, loc)):
		add("ends_at", CodeEndsTooFarAhead, rules.Horizon.AddTo(now, loc).In(loc).Format("2006-01-02 15:04"))
		horizonEnd = true
	}
	if m := rules.maxDuration(); !horizonEnd && end.After(m.AddTo(start, loc)) {
		add("ends_at", CodeTooLong, strconv.FormatInt(int64(m.AddTo(start, loc).Sub(start)/time.Minute), 10))
	}
	if code, param := closedDays(r.Closures, rules.HolidaysClosed, loc, start, end); code != "" {
		add("starts_at", code, param)
	} else if !withinOpeningHours(r.Hours, loc, start, end) {
		add("starts_at", CodeOutsideOpeningHours, "")
	}
	return fe
}

// CheckSlot returns the field errors the room's rules of time and size give a booking of
// [start, end) for attendees made now — the ones CreateBooking reports once the input's
// shape is right — so that a page can show them together with the errors of the other
// fields. It books nothing and checks neither clashes nor who may book. It returns
// venue.ErrRoomNotFound for a room that does not exist.
func (s *Service) CheckSlot(ctx context.Context, roomID int64, start, end time.Time, attendees int) (fault.FieldErrors, error) {
	r, err := loadRoom(ctx, s.db, roomID, localDate(start, s.loc))
	if isRoomNotFound(err) {
		return nil, venue.ErrRoomNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("check slot: %w", err)
	}
	return r.checkSlot(start.UTC(), end.UTC(), attendees, s.now(), s.loc), nil
}
