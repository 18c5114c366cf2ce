package feed

import (
	"bytes"
	"context"
	"time"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// BookingFile is one booking, or one series with all its occurrences, as an .ics file for a
// message (internal/bookingmail): with the UIDs and SEQUENCE the feeds give it (booking-{id}
// as the download, series-{id} as the organisation's private feed), shown as the
// organisation's own feed shows it. A seriesID of 0 means the booking bookingID alone. A
// series that no longer takes place is one CANCELLED event, so that an imported copy goes.
// The refresh hint is the feeds' (check-ics --strict wants one on every calendar).
func (s *Service) BookingFile(ctx context.Context, bookingID, seriesID int64) ([]byte, error) {
	var cal *calendar.Calendar
	if seriesID == 0 {
		r, err := s.bookings.FindCalendarBooking(ctx, bookingID)
		if err != nil {
			return nil, err
		}
		ev := s.event(organisationScope(r.OrganisationID), r)
		cal = &calendar.Calendar{Name: ev.Summary, Location: s.loc, RefreshInterval: RefreshInterval, Events: []calendar.Event{ev}}
	} else {
		var err error
		if cal, err = s.seriesFile(ctx, seriesID); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := calendar.Encode(&buf, cal); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// seriesFile is the series as the organisation's feed writes it, over its whole span.
func (s *Service) seriesFile(ctx context.Context, id int64) (*calendar.Calendar, error) {
	list, err := s.bookings.CalendarSeriesByID(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	se := list[id]
	if se == nil {
		return nil, booking.ErrSeriesNotFound
	}
	starts, err := booking.Occurrences(se.RRule, se.DTStart, s.loc)
	if err != nil || len(starts) == 0 {
		return nil, booking.ErrSeriesNotFound
	}
	// A day on either side: the window is of local days; nothing cancelled is left out.
	w := window{from: starts[0].Add(-24 * time.Hour), to: starts[len(starts)-1].Add(48 * time.Hour)}
	sc := organisationScope(se.OrganisationID)
	rows, err := s.bookings.CalendarBookings(ctx, sc.cal, w.calendar())
	if err != nil {
		return nil, err
	}
	var occ []row
	for i := range rows {
		if rows[i].SeriesID != nil && *rows[i].SeriesID == id {
			occ = append(occ, rows[i])
		}
	}
	if len(occ) == 0 {
		return nil, booking.ErrSeriesNotFound
	}
	evs := s.seriesEvents(sc, w, se, occ)
	if len(evs) == 0 {
		return nil, booking.ErrSeriesNotFound
	}
	return &calendar.Calendar{Name: evs[0].Summary, Location: s.loc, RefreshInterval: RefreshInterval, Events: evs}, nil
}

// MeetingInvitation is the meeting as an iTIP message (RFC 5546) for a mail invitation:
// method REQUEST (an invitation or a change) or CANCEL, with the UID and SEQUENCE of the
// meetings feed, the organiser and one attendee each. A cancelled meeting is always a CANCEL.
func (s *Service) MeetingInvitation(ctx context.Context, id int64, method string, organizer calendar.Party, attendees []calendar.Party) ([]byte, error) {
	r, err := s.meetings.FindCalendarMeeting(ctx, id)
	if err != nil {
		return nil, err
	}
	ev := s.meetingEvent(r)
	if ev.Status == calendar.StatusCancelled {
		method = "CANCEL"
	}
	ev.Organizer, ev.Attendees = &organizer, attendees
	var buf bytes.Buffer
	cal := &calendar.Calendar{Name: ev.Summary, Location: s.loc, RefreshInterval: RefreshInterval, Events: []calendar.Event{ev}, Method: method}
	if err := calendar.Encode(&buf, cal); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
