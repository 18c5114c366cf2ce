package calendar

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ical "github.com/emersion/go-ical"
)

// Decode reads the first VCALENDAR from r: what Encode wrote, and ordinary third-party
// files (bare LF line ends, folded or unfolded lines, unescaped commas, EXDATE lists,
// DURATION instead of DTEND, UTC or floating times). Times come back as instants in the
// calendar's Location, which is X-WR-TIMEZONE, else the first VTIMEZONE's TZID, else UTC;
// floating times are read in it, and DATE values as its midnight. Components other than
// VEVENT are skipped. Every error wraps ErrMalformed, including a TZID that is not an IANA
// zone name. It never panics, whatever r holds; bound r (io.LimitReader) for untrusted input.
func Decode(r io.Reader) (c *Calendar, err error) {
	defer func() {
		// go-ical panics on some malformed content lines (shared/ical/README.md).
		if p := recover(); p != nil {
			c, err = nil, fmt.Errorf("%w: %v", ErrMalformed, p)
		}
	}()
	cal, err := ical.NewDecoder(r).Decode()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	return fromICal(cal)
}

func fromICal(cal *ical.Calendar) (*Calendar, error) {
	c := &Calendar{
		Name:        firstText(cal.Props, "X-WR-CALNAME", ical.PropName),
		Description: firstText(cal.Props, "X-WR-CALDESC"),
		Location:    calendarLocation(cal),
	}
	refresh, err := refreshInterval(cal.Props)
	if err != nil {
		return nil, err
	}
	c.RefreshInterval = refresh
	for _, comp := range cal.Children {
		if comp.Name != ical.CompEvent {
			continue
		}
		ev, err := decodeEvent(comp.Props, c.Location)
		if err != nil {
			return nil, err
		}
		c.Events = append(c.Events, ev)
	}
	return c, nil
}

func calendarLocation(cal *ical.Calendar) *time.Location {
	names := []string{rawValue(cal.Props, "X-WR-TIMEZONE")}
	for _, comp := range cal.Children {
		if comp.Name == ical.CompTimezone {
			names = append(names, rawValue(comp.Props, ical.PropTimezoneID))
		}
	}
	for _, n := range names {
		if n == "" {
			continue
		}
		if loc, err := time.LoadLocation(n); err == nil {
			return loc
		}
	}
	return time.UTC
}

func refreshInterval(props ical.Props) (time.Duration, error) {
	for _, name := range []string{ical.PropRefreshInterval, "X-PUBLISHED-TTL"} {
		if p := props.Get(name); p != nil {
			d, err := (&ical.Prop{Name: ical.PropDuration, Params: ical.Params{}, Value: p.Value}).Duration()
			if err != nil {
				return 0, fmt.Errorf("%w: %s: %v", ErrMalformed, name, err)
			}
			return d, nil
		}
	}
	return 0, nil
}

func decodeEvent(p ical.Props, loc *time.Location) (Event, error) {
	e := Event{
		UID:         firstText(p, ical.PropUID),
		Summary:     firstText(p, ical.PropSummary),
		Description: firstText(p, ical.PropDescription),
		Location:    firstText(p, ical.PropLocation),
		URL:         rawValue(p, ical.PropURL),
		Status:      Status(strings.ToUpper(rawValue(p, ical.PropStatus))),
		Transparent: strings.EqualFold(rawValue(p, ical.PropTransparency), "TRANSPARENT"),
		Private:     isPrivate(rawValue(p, ical.PropClass)),
	}
	fail := func(err error) (Event, error) {
		return Event{}, fmt.Errorf("%w: event %q: %v", ErrMalformed, e.UID, err)
	}
	var err error
	if e.Sequence, err = sequence(p); err != nil {
		return fail(err)
	}
	if e.Geo, err = geo(rawValue(p, ical.PropGeo)); err != nil {
		return fail(err)
	}
	if err := decodeStamps(p, &e); err != nil {
		return fail(err)
	}
	if err := decodeTimes(p, &e, loc); err != nil {
		return fail(err)
	}
	return e, nil
}

func decodeStamps(p ical.Props, e *Event) error {
	for _, f := range []struct {
		name string
		dst  *time.Time
	}{{ical.PropDateTimeStamp, &e.Stamp}, {ical.PropCreated, &e.Created}, {ical.PropLastModified, &e.LastModified}} {
		t, err := p.DateTime(f.name, time.UTC)
		if err != nil {
			return fmt.Errorf("%s: %v", f.name, err)
		}
		*f.dst = t
	}
	return nil
}

// decodeTimes reads DTSTART, DTEND (or DURATION), RRULE, EXDATE and RECURRENCE-ID.
func decodeTimes(p ical.Props, e *Event, loc *time.Location) error {
	start := p.Get(ical.PropDateTimeStart)
	if start == nil {
		return fmt.Errorf("no DTSTART")
	}
	var err error
	if e.Start, err = instant(start, loc); err != nil {
		return fmt.Errorf("DTSTART: %v", err)
	}
	if e.End, err = end(p, e.Start, loc); err != nil {
		return err
	}
	if rule := rawValue(p, ical.PropRecurrenceRule); rule != "" {
		// UNTIL is wall-clock time of the zone DTSTART was given in.
		if e.RRule, err = decodeRRule(rule, startZone(start, loc)); err != nil {
			return err
		}
	}
	for _, x := range p.Values(ical.PropExceptionDates) {
		// Third-party files may list several values in one EXDATE.
		for _, v := range strings.Split(x.Value, ",") {
			t, err := instant(&ical.Prop{Name: x.Name, Params: x.Params, Value: v}, loc)
			if err != nil {
				return fmt.Errorf("EXDATE: %v", err)
			}
			e.ExDates = append(e.ExDates, t)
		}
	}
	if rid := p.Get(ical.PropRecurrenceID); rid != nil {
		t, err := instant(rid, loc)
		if err != nil {
			return fmt.Errorf("RECURRENCE-ID: %v", err)
		}
		e.RecurrenceID = &t
	}
	return nil
}

func end(p ical.Props, start time.Time, loc *time.Location) (time.Time, error) {
	if prop := p.Get(ical.PropDateTimeEnd); prop != nil {
		t, err := instant(prop, loc)
		if err != nil {
			return time.Time{}, fmt.Errorf("DTEND: %v", err)
		}
		return t, nil
	}
	if prop := p.Get(ical.PropDuration); prop != nil {
		d, err := prop.Duration()
		if err != nil {
			return time.Time{}, fmt.Errorf("DURATION: %v", err)
		}
		return start.Add(d), nil
	}
	return time.Time{}, nil
}

// instant reads a DATE-TIME or DATE; floating values and dates are read in loc.
func instant(p *ical.Prop, loc *time.Location) (time.Time, error) {
	t, err := p.DateTime(loc)
	if err != nil {
		return time.Time{}, err
	}
	return t.In(loc), nil
}

func startZone(start *ical.Prop, loc *time.Location) *time.Location {
	if tzid := start.Params.Get(ical.PropTimezoneID); tzid != "" {
		if z, err := time.LoadLocation(tzid); err == nil {
			return z
		}
	}
	if strings.HasSuffix(start.Value, "Z") {
		return time.UTC
	}
	return loc
}

func sequence(p ical.Props) (int, error) {
	v := rawValue(p, ical.PropSequence)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("SEQUENCE %q is not a number", v)
	}
	return n, nil
}

func geo(v string) (*Geo, error) {
	if v == "" {
		return nil, nil
	}
	lat, lon, ok := strings.Cut(v, ";")
	if !ok {
		return nil, fmt.Errorf("GEO %q: want lat;lon", v)
	}
	la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	lo, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("GEO %q: want two numbers", v)
	}
	return &Geo{Lat: la, Lon: lo}, nil
}

func isPrivate(class string) bool {
	return strings.EqualFold(class, "PRIVATE") || strings.EqualFold(class, "CONFIDENTIAL")
}

// firstText returns the unescaped value of the first of the named properties present.
func firstText(p ical.Props, names ...string) string {
	for _, n := range names {
		if prop := p.Get(n); prop != nil {
			return unescapeText(prop.Value)
		}
	}
	return ""
}

func rawValue(p ical.Props, name string) string {
	if prop := p.Get(name); prop != nil {
		return prop.Value
	}
	return ""
}
