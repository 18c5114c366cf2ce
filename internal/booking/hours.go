package booking

import (
	"slices"
	"time"
)

// span is a half-open range of instants [start, end).
type span struct{ start, end time.Time }

// withinOpeningHours reports whether [start, end) lies inside one stretch of open time. Open
// periods are laid out on the local calendar day by day (so 08:00 is 08:00 on either side of a
// DST change) and periods that touch are joined, so a booking may run across midnight when
// one day closes at 24:00 and the next opens at 00:00.
func withinOpeningHours(hours []OpeningHours, loc *time.Location, start, end time.Time) bool {
	if len(hours) == 0 {
		return true
	}
	for _, s := range openSpans(hours, loc, localDate(start, loc).AddDate(0, 0, -1), localDate(end, loc)) {
		if !start.Before(s.start) && !end.After(s.end) {
			return true
		}
	}
	return false
}

// openSpans lays the open periods out on the local days first to last (dates as from
// localDate) and returns them in order, periods that touch or overlap joined. It is the one
// reading of opening hours: withinOpeningHours and availability both use it.
func openSpans(hours []OpeningHours, loc *time.Location, first, last time.Time) []span {
	var open []span
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		wd := isoWeekday(d)
		for _, h := range hours {
			if h.Weekday == wd {
				open = append(open, span{atClock(d, h.Opens, loc), atClock(d, h.Closes, loc)})
			}
		}
	}
	slices.SortFunc(open, func(a, b span) int { return a.start.Compare(b.start) })
	var merged []span
	for _, s := range open {
		if n := len(merged); n > 0 && !s.start.After(merged[n-1].end) {
			if s.end.After(merged[n-1].end) {
				merged[n-1].end = s.end
			}
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// closedDays returns the first closure, or the first public holiday when holidaysClosed,
// that falls on a local day touched by [start, end): the code CodeClosed or CodeHoliday and
// its parameter, or "" when the time is not closed.
func closedDays(closures []Closure, holidaysClosed bool, loc *time.Location, start, end time.Time) (code, param string) {
	first := localDate(start, loc)
	last := localDate(end.Add(-time.Nanosecond), loc)
	for _, c := range closures {
		cf := civil(c.FirstDay)
		cl := civil(c.LastDay)
		if !cl.Before(first) && !cf.After(last) {
			if c.Reason != "" {
				return CodeClosed, c.Reason
			}
			return CodeClosed, cf.Format(time.DateOnly) + "–" + cl.Format(time.DateOnly)
		}
	}
	if holidaysClosed {
		for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
			if Holiday(d.Year(), d.Month(), d.Day()) {
				return CodeHoliday, d.Format(time.DateOnly)
			}
		}
	}
	return "", ""
}

// localDate returns t's date in loc, as midnight UTC of that date.
func localDate(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// civil returns the date of a date column, as midnight UTC.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// atClock returns the instant at clock offset c (up to 24h) on the date d in loc; see WallClock.
func atClock(d time.Time, c time.Duration, loc *time.Location) time.Time {
	secs := int(c / time.Second)
	return WallClock(d.Year(), d.Month(), d.Day(), secs/3600, secs%3600/60, secs%60, loc)
}

// WallClock returns the instant that a wall clock in loc shows as the given date and time,
// by the rule of RFC 5545 (3.3.5): a time that falls in the spring-forward gap is read with
// the offset before the gap, so it moves forward by the gap (02:30 on 29 March 2026 in
// Stockholm is 03:30 CEST); a time that occurs twice in the autumn means its first
// occurrence (02:30 on 25 October 2026 is 02:30 CEST, 00:30 UTC). An hour of 24 is midnight
// of the next day.
func WallClock(year int, month time.Month, day, hour, min, sec int, loc *time.Location) time.Time {
	t := time.Date(year, month, day, hour, min, sec, 0, loc)
	// time.Date picks the later occurrence of a repeated time; step back to the earlier one.
	_, after := t.Zone()
	_, before := t.Add(-3 * time.Hour).Zone()
	if before > after {
		e := t.Add(-time.Duration(before-after) * time.Second)
		if sameClock(e.In(loc), t.In(loc)) {
			return e
		}
	}
	return t
}

func sameClock(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd && a.Hour() == b.Hour() && a.Minute() == b.Minute() && a.Second() == b.Second()
}

// isoWeekday returns 1 for Monday … 7 for Sunday.
func isoWeekday(d time.Time) int {
	if wd := d.Weekday(); wd != time.Sunday {
		return int(wd)
	}
	return 7
}
