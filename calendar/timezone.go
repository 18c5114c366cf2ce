package calendar

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	ical "github.com/emersion/go-ical"
)

// ruleYear is the year whose daylight-saving transitions are turned into the VTIMEZONE's
// yearly rules. The rules are then checked against the zone database backwards (the first
// year they hold becomes DTSTART) and forwards for checkYears.
const (
	ruleYear   = 2026
	checkYears = 50
)

var vtimezones sync.Map // zone name → *ical.Component

// vtimezone returns the VTIMEZONE of loc, generated from Go's zone database rather than
// hard-coded, so it always agrees with the instants Encode converts. A zone with daylight
// saving gets a STANDARD and a DAYLIGHT observance with yearly RRULEs; a zone without it,
// one STANDARD. It fails for a zone whose rules will change within checkYears, which one
// yearly rule per observance cannot describe.
func vtimezone(loc *time.Location) (*ical.Component, error) {
	if v, ok := vtimezones.Load(loc.String()); ok {
		return v.(*ical.Component), nil
	}
	comp, err := buildVTimezone(loc)
	if err != nil {
		return nil, err
	}
	vtimezones.Store(loc.String(), comp)
	return comp, nil
}

func buildVTimezone(loc *time.Location) (*ical.Component, error) {
	tz := ical.NewComponent(ical.CompTimezone)
	tz.Props.SetText(ical.PropTimezoneID, loc.String())
	shifts := transitionsIn(ruleYear, loc)
	if len(shifts) == 0 {
		tz.Children = append(tz.Children, fixedObservance(loc))
		return tz, nil
	}
	first := 0
	for _, s := range shifts {
		from, err := s.validSince(loc)
		if err != nil {
			return nil, err
		}
		first = max(first, from)
	}
	// Every observance starts in the same year, the first in which all rules hold: before
	// it the zone followed other rules, which these observances would misstate.
	for _, s := range shifts {
		tz.Children = append(tz.Children, s.observance(first))
	}
	return tz, nil
}

// fixedObservance describes a zone that has one offset all year.
func fixedObservance(loc *time.Location) *ical.Component {
	name, off := time.Date(ruleYear, 1, 1, 0, 0, 0, 0, loc).Zone()
	c := ical.NewComponent(ical.CompTimezoneStandard)
	setFloating(c.Props, ical.PropDateTimeStart, time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC))
	setOffset(c.Props, ical.PropTimezoneOffsetFrom, off)
	setOffset(c.Props, ical.PropTimezoneOffsetTo, off)
	c.Props.SetText(ical.PropTimezoneName, name)
	return c
}

// shift is one yearly transition: from one offset to another on the nth weekday of a month
// (n = -1 for the last), at a wall-clock time given in the offset before it.
type shift struct {
	month          time.Month
	nth            int
	weekday        time.Weekday
	clock          time.Duration // since local midnight
	fromOff, toOff int           // seconds east of UTC
	toName         string
	daylight       bool
}

// transitionsIn finds the zone changes of loc in the given year.
func transitionsIn(year int, loc *time.Location) []shift {
	var out []shift
	t := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	for {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.Year() > year {
			return out
		}
		out = append(out, shiftAt(end, loc))
		t = end
	}
}

func shiftAt(at time.Time, loc *time.Location) shift {
	_, fromOff := at.Add(-time.Second).In(loc).Zone()
	after := at.In(loc)
	toName, toOff := after.Zone()
	local := at.In(time.FixedZone("", fromOff))
	y, m, d := local.Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, local.Location())
	return shift{
		month:    m,
		nth:      nthOfMonth(d, daysIn(y, m)),
		weekday:  local.Weekday(),
		clock:    local.Sub(midnight),
		fromOff:  fromOff,
		toOff:    toOff,
		toName:   toName,
		daylight: after.IsDST(),
	}
}

// nthOfMonth says which occurrence of its weekday day d is: 1…4, or -1 when it is the last
// (rules like the EU's "last Sunday" fall on the 4th or the 5th).
func nthOfMonth(d, days int) int {
	if d+7 > days {
		return -1
	}
	return (d-1)/7 + 1
}

func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// onset is the instant the rule puts this shift at in the given year.
func (s shift) onset(year int) time.Time {
	var day int
	if s.nth > 0 {
		first := time.Date(year, s.month, 1, 0, 0, 0, 0, time.UTC).Weekday()
		day = 1 + (int(s.weekday)-int(first)+7)%7 + 7*(s.nth-1)
	} else {
		n := daysIn(year, s.month)
		last := time.Date(year, s.month, n, 0, 0, 0, 0, time.UTC).Weekday()
		day = n - (int(last)-int(s.weekday)+7)%7
	}
	midnight := time.Date(year, s.month, day, 0, 0, 0, 0, time.FixedZone("", s.fromOff))
	return midnight.Add(s.clock)
}

// holdsIn reports whether the zone database has exactly this shift in the given year.
func (s shift) holdsIn(year int, loc *time.Location) bool {
	at := s.onset(year)
	_, before := at.Add(-time.Second).In(loc).Zone()
	name, after := at.In(loc).Zone()
	return before == s.fromOff && after == s.toOff && name == s.toName
}

// validSince returns the first year from which the rule holds every year up to
// ruleYear+checkYears.
func (s shift) validSince(loc *time.Location) (int, error) {
	for y := ruleYear; y <= ruleYear+checkYears; y++ {
		if !s.holdsIn(y, loc) {
			return 0, fmt.Errorf("%w: time zone %s changes its rules in %d", ErrInvalid, loc, y)
		}
	}
	y := ruleYear
	for y > 1900 && s.holdsIn(y-1, loc) {
		y--
	}
	return y, nil
}

func (s shift) observance(year int) *ical.Component {
	name := ical.CompTimezoneStandard
	if s.daylight {
		name = ical.CompTimezoneDaylight
	}
	c := ical.NewComponent(name)
	// DTSTART of an observance is local time in the offset before it, with no TZID.
	setFloating(c.Props, ical.PropDateTimeStart, s.onset(year).In(time.FixedZone("", s.fromOff)))
	setOffset(c.Props, ical.PropTimezoneOffsetFrom, s.fromOff)
	setOffset(c.Props, ical.PropTimezoneOffsetTo, s.toOff)
	c.Props.SetText(ical.PropTimezoneName, s.toName)
	rule := ical.NewProp(ical.PropRecurrenceRule)
	rule.Value = "FREQ=YEARLY;BYMONTH=" + strconv.Itoa(int(s.month)) +
		";BYDAY=" + strconv.Itoa(s.nth) + weekdayCode[s.weekday]
	c.Props.Set(rule)
	return c
}

var weekdayCode = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// setFloating sets a DATE-TIME with neither Z nor TZID: the wall-clock time as shown.
func setFloating(props ical.Props, name string, t time.Time) {
	p := ical.NewProp(name)
	p.Value = t.Format(localFormat)
	props.Set(p)
}

// setOffset sets a UTC-OFFSET value such as +0100 (RFC 5545 §3.3.14).
func setOffset(props ical.Props, name string, seconds int) {
	sign := byte('+')
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	v := fmt.Sprintf("%c%02d%02d", sign, seconds/3600, seconds/60%60)
	if s := seconds % 60; s != 0 {
		v += fmt.Sprintf("%02d", s)
	}
	p := ical.NewProp(name)
	p.Value = v
	props.Set(p)
}

const (
	localFormat = "20060102T150405"
	utcFormat   = "20060102T150405Z"
)
