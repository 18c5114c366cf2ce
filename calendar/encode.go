package calendar

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"
)

// Encode writes c as an RFC 5545 calendar: CRLF line ends, lines folded at 75 octets, TEXT
// escaped, local times with a TZID and a VTIMEZONE for it, and the calendar properties that
// subscribing apps look for (X-WR-CALNAME, X-WR-TIMEZONE, REFRESH-INTERVAL, …). A calendar
// with no events is still valid: the VTIMEZONE keeps it from being empty. The same c always
// gives the same bytes. It returns an error wrapping ErrInvalid for an event it cannot write
// (no UID, DTSTAMP or start; an end before the start; a bad RRULE; …), or the writer's error.
func Encode(w io.Writer, c *Calendar) error {
	cal, err := toICal(c)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 32<<10)
	cw := &componentWriter{f: folder{w: bw}}
	if err := cw.component(cal.Component); err != nil {
		return err
	}
	return bw.Flush()
}

func toICal(c *Calendar) (*ical.Calendar, error) {
	if c == nil {
		return nil, fmt.Errorf("%w: nil calendar", ErrInvalid)
	}
	loc, err := c.location()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if loc.String() == "Local" || loc.String() == "" {
		// The TZID would be "Local", which no other program can resolve (CHECKLIST.md A8).
		return nil, fmt.Errorf("%w: location %q has no IANA name", ErrInvalid, loc.String())
	}
	tz, err := vtimezone(loc)
	if err != nil {
		return nil, err
	}
	cal := ical.NewCalendar()
	cal.Props = calendarProps(c, loc).m
	cal.Children = make([]*ical.Component, 0, 1+len(c.Events))
	cal.Children = append(cal.Children, tz)
	z := zone{loc: loc, tzid: ical.Params{ical.PropTimezoneID: {loc.String()}}}
	for i := range c.Events {
		ev, err := eventComponent(&c.Events[i], z)
		if err != nil {
			return nil, err
		}
		cal.Children = append(cal.Children, ev)
	}
	return cal, nil
}

func calendarProps(c *Calendar, loc *time.Location) *props {
	props := newProps(12)
	setRaw(props, ical.PropVersion, "2.0")
	setRaw(props, ical.PropProductID, ProdID)
	setRaw(props, ical.PropCalendarScale, "GREGORIAN")
	method := "PUBLISH"
	if c.Method != "" {
		method = c.Method
	}
	setRaw(props, ical.PropMethod, method)
	setRaw(props, "X-WR-TIMEZONE", loc.String())
	if c.Name != "" {
		setRaw(props, "X-WR-CALNAME", escapeText(c.Name))
		setRaw(props, ical.PropName, escapeText(c.Name))
	}
	if c.Description != "" {
		setRaw(props, "X-WR-CALDESC", escapeText(c.Description))
	}
	if d := formatDuration(c.RefreshInterval); d != "" {
		// VALUE=DURATION is required on REFRESH-INTERVAL (RFC 7986 §5.7); go-ical's
		// SetDuration would drop it as the default type.
		props.add(ical.PropRefreshInterval, ical.Params{ical.ParamValue: {string(ical.ValueDuration)}}, d)
		setRaw(props, "X-PUBLISHED-TTL", d)
	}
	return props
}

// zone is the calendar's location with the TZID parameter of its local times, one map
// shared by every property of the calendar: nothing changes it once built.
type zone struct {
	loc  *time.Location
	tzid ical.Params
}

func eventComponent(e *Event, z zone) (*ical.Component, error) {
	if err := e.check(); err != nil {
		return nil, err
	}
	p := newProps(16)
	comp := &ical.Component{Name: ical.CompEvent, Props: p.m}
	setRaw(p, ical.PropUID, escapeText(e.UID))
	setRaw(p, ical.PropSequence, strconv.Itoa(e.Sequence))
	setUTC(p, ical.PropDateTimeStamp, e.Stamp)
	setUTC(p, ical.PropCreated, e.Created)
	setUTC(p, ical.PropLastModified, e.LastModified)
	setText(p, ical.PropSummary, e.Summary)
	setText(p, ical.PropDescription, e.Description)
	setText(p, ical.PropLocation, e.Location)
	if e.Geo != nil {
		setRaw(p, ical.PropGeo, formatFloat(e.Geo.Lat)+";"+formatFloat(e.Geo.Lon))
	}
	if e.URL != "" {
		setRaw(p, ical.PropURL, e.URL)
	}
	if e.Status != "" {
		setRaw(p, ical.PropStatus, string(e.Status))
	}
	setRaw(p, ical.PropTransparency, transparency(e.Transparent))
	if e.Private {
		setRaw(p, ical.PropClass, "PRIVATE")
	}
	if err := setTimes(p, e, z); err != nil {
		return nil, err
	}
	if e.Organizer != nil {
		p.add(ical.PropOrganizer, party(e.Organizer.Name), e.Organizer.address())
	}
	for _, a := range e.Attendees {
		params := party(a.Name)
		params[ical.ParamRole] = []string{"REQ-PARTICIPANT"}
		params[ical.ParamParticipationStatus] = []string{"NEEDS-ACTION"}
		params[ical.ParamRSVP] = []string{"FALSE"}
		params[ical.ParamCalendarUserType] = []string{"INDIVIDUAL"}
		p.add(ical.PropAttendee, params, a.address())
	}
	return comp, nil
}

// party is the parameters of an ORGANIZER or ATTENDEE: its common name, when it has one
// that a parameter can hold (no double quote or line break).
func party(name string) ical.Params {
	params := ical.Params{}
	if name != "" && !hasLineBreak(name) && !strings.ContainsRune(name, '"') {
		params[ical.ParamCommonName] = []string{name}
	}
	return params
}

// setTimes writes DTSTART, DTEND, RRULE, EXDATE and RECURRENCE-ID.
func setTimes(p *props, e *Event, z zone) error {
	if e.RRule == "" {
		setInstant(p, ical.PropDateTimeStart, e.Start, z)
	} else {
		// A series repeats wall-clock time, so its DTSTART is always local with a TZID.
		setLocal(p, ical.PropDateTimeStart, e.Start, z)
		rule, err := encodeRRule(e.RRule, z.loc)
		if err != nil {
			return fmt.Errorf("event %q: %w", e.UID, err)
		}
		setRaw(p, ical.PropRecurrenceRule, rule)
	}
	if !e.End.IsZero() {
		setInstant(p, ical.PropDateTimeEnd, e.End, z)
	}
	for _, x := range e.ExDates {
		// One EXDATE per value: go-ical and older ical.js cannot read a list (CHECKLIST A12).
		p.add(ical.PropExceptionDates, z.tzid, x.In(z.loc).Format(localFormat))
	}
	if e.RecurrenceID != nil {
		setLocal(p, ical.PropRecurrenceID, *e.RecurrenceID, z)
	}
	return nil
}

func (e *Event) check() error {
	var problem string
	switch {
	case strings.TrimSpace(e.UID) == "":
		problem = "no UID"
	case e.Stamp.IsZero():
		problem = "no Stamp (DTSTAMP)"
	case e.Start.IsZero():
		problem = "no Start"
	case !e.End.IsZero() && e.End.Before(e.Start):
		problem = "End before Start"
	case e.Sequence < 0:
		problem = "negative Sequence"
	case e.RRule != "" && e.RecurrenceID != nil:
		problem = "an override (RecurrenceID) cannot have an RRule"
	case e.RRule == "" && len(e.ExDates) > 0:
		problem = "ExDates without an RRule"
	case e.Status != "" && e.Status != StatusConfirmed && e.Status != StatusTentative && e.Status != StatusCancelled:
		problem = fmt.Sprintf("unknown Status %q", e.Status)
	case e.Geo != nil && (e.Geo.Lat < -90 || e.Geo.Lat > 90 || e.Geo.Lon < -180 || e.Geo.Lon > 180):
		problem = "Geo out of range"
	case strings.ContainsAny(e.URL, "\r\n"):
		problem = "URL with a line break"
	default:
		return nil
	}
	return fmt.Errorf("%w: event %q: %s", ErrInvalid, e.UID, problem)
}

// setInstant writes t as local time with a TZID, except in the hour that autumn repeats:
// there the local time would name the first of the two instants (RFC 5545 §3.3.5), so the
// second is written in UTC to stay exact.
func setInstant(p *props, name string, t time.Time, z zone) {
	if isSecondOfRepeated(t.In(z.loc)) {
		setUTC(p, name, t)
		return
	}
	setLocal(p, name, t, z)
}

// isSecondOfRepeated reports whether t's wall-clock time also occurred earlier, before the
// clocks went back.
func isSecondOfRepeated(t time.Time) bool {
	start, _ := t.ZoneBounds()
	if start.IsZero() {
		return false
	}
	_, now := t.Zone()
	_, before := start.Add(-time.Second).Zone()
	return before > now && t.Sub(start) < time.Duration(before-now)*time.Second
}

func setLocal(p *props, name string, t time.Time, z zone) {
	p.add(name, z.tzid, t.In(z.loc).Format(localFormat))
}

func setUTC(p *props, name string, t time.Time) {
	if !t.IsZero() {
		setRaw(p, name, t.UTC().Format(utcFormat))
	}
}

func setText(p *props, name, s string) {
	if s != "" {
		setRaw(p, name, escapeText(s))
	}
}

// setRaw sets a property whose value is already in its iCalendar form.
func setRaw(p *props, name, value string) {
	p.add(name, nil, value)
}

// props builds a component's properties with two allocations rather than one a property,
// which matters in a feed of thousands of events: all values share one backing array, and
// parameters are nil or a map shared by the whole calendar (the writer only reads them).
type props struct {
	m   ical.Props
	buf []ical.Prop
}

func newProps(n int) *props {
	return &props{m: make(ical.Props, n), buf: make([]ical.Prop, 0, n)}
}

// add appends a value to the named property. Each property's slice is capped at its end,
// so a later append to it (a second EXDATE) copies instead of overwriting its neighbour.
func (p *props) add(name string, params ical.Params, value string) {
	p.buf = append(p.buf, ical.Prop{Name: name, Params: params, Value: value})
	prop := p.buf[len(p.buf)-1 : len(p.buf) : len(p.buf)]
	if prev, ok := p.m[name]; ok {
		prop = append(prev, prop...)
	}
	p.m[name] = prop
}

func transparency(transparent bool) string {
	if transparent {
		return "TRANSPARENT"
	}
	return "OPAQUE"
}

func formatFloat(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// formatDuration writes a DURATION such as PT1H or P1DT30M (RFC 5545 §3.3.6), to the
// second; zero or less gives "".
func formatDuration(d time.Duration) string {
	secs := int64(d / time.Second)
	if secs <= 0 {
		return ""
	}
	days, secs := secs/86400, secs%86400
	var b strings.Builder
	b.WriteByte('P')
	if days > 0 {
		b.WriteString(strconv.FormatInt(days, 10) + "D")
	}
	if secs > 0 {
		b.WriteByte('T')
		for _, u := range []struct {
			n    int64
			unit string
		}{{secs / 3600, "H"}, {secs / 60 % 60, "M"}, {secs % 60, "S"}} {
			if u.n > 0 {
				b.WriteString(strconv.FormatInt(u.n, 10) + u.unit)
			}
		}
	}
	return b.String()
}
