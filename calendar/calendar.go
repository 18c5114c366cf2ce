// Package calendar turns the service's events into RFC 5545 iCalendar files and reads them
// back. It is built on github.com/emersion/go-ical and adds what go-ical leaves out: line
// folding, a VTIMEZONE generated from a *time.Location, calendars with no events, one EXDATE
// per property, UNTIL in UTC, and a Decode that never panics on malformed input.
//
// The package is pure: it imports neither HTTP nor the database. Feeds build a Calendar from
// their rows and call Encode; tests read feeds back with Decode.
package calendar

import (
	"errors"
	"time"
)

// ProdID is the PRODID of every calendar Encode writes.
const ProdID = "-//Lokalbanken//Lokalbanken calendar 1.0//SV"

// ErrInvalid is wrapped by every error Encode returns for a Calendar it cannot write.
var ErrInvalid = errors.New("calendar: invalid calendar")

// ErrMalformed is wrapped by every error Decode returns for input that is not iCalendar it
// can read.
var ErrMalformed = errors.New("calendar: malformed iCalendar")

// Calendar is one VCALENDAR: a feed or a single download.
type Calendar struct {
	Name        string // X-WR-CALNAME and NAME: what calendar apps show as its title
	Description string // X-WR-CALDESC
	// Location is the zone of every local time written (DTSTART, DTEND, EXDATE,
	// RECURRENCE-ID, RRULE); it gets a VTIMEZONE. Required: the service loads its zone
	// (Europe/Stockholm) once at startup and passes it in.
	Location *time.Location
	// RefreshInterval is the polling hint REFRESH-INTERVAL and X-PUBLISHED-TTL; zero omits both.
	RefreshInterval time.Duration
	// Events are written in this order; give them in a stable order so that an unchanged
	// feed encodes to the same bytes (and so the same ETag).
	Events []Event
	// Method is the iTIP method (RFC 5546): REQUEST or CANCEL for an invitation sent by
	// mail; empty means PUBLISH, a feed or a file to import.
	Method string
}

// Party is the organiser or an attendee of an invitation: a name and a mail address, or
// where no address may be shown (a public feed or download: no personal data) a URI that
// names it instead, such as an organisation's page.
type Party struct {
	Name, Email string
	// URI is the calendar address when Email is empty.
	URI string
}

// address is the party's calendar address: mailto: its e-mail, or its URI.
func (p *Party) address() string {
	if p.Email == "" {
		return p.URI
	}
	return "mailto:" + p.Email
}

// Event is one VEVENT: a single event, the master of a series (RRule set), or an override
// of one occurrence of a series (RecurrenceID set, same UID as the master).
type Event struct {
	UID      string // stable for ever, e.g. "booking-42@lokalbanken.example"
	Sequence int    // grows with each change that matters to an attendee
	// Stamp (DTSTAMP) is required; keep it at the last change rather than "now", so that
	// an unchanged feed stays byte for byte the same. Created and LastModified may be zero.
	Stamp, Created, LastModified time.Time

	Summary, Description, Location string // TEXT; any Unicode, newlines allowed
	Geo                            *Geo
	URL                            string // a link back to the event's page
	Status                         Status
	Transparent                    bool // TRANSP:TRANSPARENT: does not make its time busy
	Private                        bool // CLASS:PRIVATE

	// Start is required; End may be zero (no DTEND). Both are instants: Encode writes
	// them as wall-clock time in the calendar's Location.
	Start, End time.Time

	// RRule is a recurrence rule without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270406".
	// It repeats Start's wall-clock time in the calendar's Location, so 18:00 stays 18:00
	// across daylight-saving changes. UNTIL is read as wall-clock time in that Location, as
	// internal/booking reads it (a trailing Z is ignored; a date means through that day);
	// Encode writes it in UTC, as RFC 5545 requires, and Decode gives it back as wall-clock
	// time without Z.
	RRule string
	// ExDates are the starts of occurrences of the series that do not take place.
	ExDates []time.Time
	// RecurrenceID, on an override, is the original start of the occurrence it replaces.
	RecurrenceID *time.Time

	// Organizer and Attendees make the event an invitation (Calendar.Method): ORGANIZER,
	// and one ATTENDEE each, required participants who are not asked to answer by mail
	// (RSVP=FALSE: replies are given on the service's pages).
	Organizer *Party
	Attendees []Party
}

// Geo is a position in WGS 84 degrees (GEO).
type Geo struct {
	Lat, Lon float64
}

// Status is an event's STATUS.
type Status string

// The statuses of a VEVENT. The empty Status writes no STATUS property.
const (
	StatusConfirmed Status = "CONFIRMED"
	StatusTentative Status = "TENTATIVE" // e.g. a booking waiting for approval
	StatusCancelled Status = "CANCELLED"
)

// location returns the calendar's zone, an error when none is set.
func (c *Calendar) location() (*time.Location, error) {
	if c.Location == nil {
		return nil, errors.New("no location")
	}
	return c.Location, nil
}
