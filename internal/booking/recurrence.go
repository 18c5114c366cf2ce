package booking

import (
	"slices"
	"strings"
	"time"

	"strconv"

	"github.com/teambition/rrule-go"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// Bounds of a recurrence: at most MaxOccurrences, all starting within MaxSeriesSpan of the first.
const (
	MaxOccurrences = 200
	MaxSeriesSpan  = 2 * 366 * 24 * time.Hour
)

// Field error codes of a recurrence rule, reported on "recurrence.rrule".
const (
	CodeRRuleInvalid   = "rrule_invalid"   // not an RRULE, or a frequency not allowed (only WEEKLY for bookings)
	CodeRRuleUnbounded = "rrule_unbounded" // no UNTIL or COUNT, or beyond the bounds above
	CodeRRuleEmpty     = "rrule_empty"     // no occurrence at all (an UNTIL before the start, February 30th)
)

var errRRuleInvalid = fault.FieldErrors{{Field: "recurrence.rrule", Code: CodeRRuleInvalid}}
var errRRuleUnbounded = fault.FieldErrors{{Field: "recurrence.rrule", Code: CodeRRuleUnbounded}}
var errRRuleEmpty = fault.FieldErrors{{Field: "recurrence.rrule", Code: CodeRRuleEmpty}}

// Occurrences expands a weekly RRULE (INTERVAL, BYDAY, UNTIL or COUNT) from the local
// wall-clock start dtstart (its location is ignored) and returns each occurrence's start in
// loc. The rule is expanded on the wall clock, not on instants, so 18:00 stays 18:00 across
// daylight-saving changes; each wall-clock time is then placed by WallClock's rule (a time in
// the spring-forward gap moves forward by the gap, a repeated autumn time is its first
// occurrence). UNTIL is read as local wall-clock time too (a trailing Z is ignored), and a
// date alone as the end of that day, as calendar apps read it. Two wall-clock times that are
// one instant (in the spring-forward gap) give one start. It returns field errors for an
// invalid or unbounded rule, and for one that gives no occurrence.
func Occurrences(rule string, dtstart time.Time, loc *time.Location) ([]time.Time, error) {
	return expand(rule, dtstart, loc, rrule.WEEKLY)
}

// Pattern is Occurrences for rules that may also be MONTHLY, as regular meetings are (the
// council on the first Wednesday of each month: FREQ=MONTHLY;BYDAY=1WE), under the same
// bounds and wall-clock rules. A monthly rule by day of the month skips months without that
// day (the 31st), as RFC 5545 says.
func Pattern(rule string, dtstart time.Time, loc *time.Location) ([]time.Time, error) {
	return expand(rule, dtstart, loc, rrule.WEEKLY, rrule.MONTHLY)
}

// expand expands rule as Occurrences describes, if its frequency is one of freqs.
func expand(rule string, dtstart time.Time, loc *time.Location, freqs ...rrule.Frequency) ([]time.Time, error) {
	if fe := checkRuleParts(rule, freqs...); fe != nil {
		return nil, fe
	}
	opt, err := parseRule(rule)
	if err != nil || !slices.Contains(freqs, opt.Freq) {
		return nil, errRRuleInvalid
	}
	if opt.Count == 0 && opt.Until.IsZero() || opt.Count > MaxOccurrences {
		return nil, errRRuleUnbounded
	}
	floating := time.Date(dtstart.Year(), dtstart.Month(), dtstart.Day(), dtstart.Hour(), dtstart.Minute(), dtstart.Second(), 0, time.UTC)
	opt.Dtstart = floating
	if !opt.Until.IsZero() && opt.Until.Sub(floating) > MaxSeriesSpan {
		return nil, errRRuleUnbounded
	}
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, errRRuleInvalid
	}
	// Ask for one more than allowed, to tell a rule at the bound from one beyond it.
	it := r.Iterator()
	var out []time.Time
	var first time.Time // the first occurrence on the wall clock
	for t, ok := it(); ok; t, ok = it() {
		if len(out) == MaxOccurrences {
			return nil, errRRuleUnbounded
		}
		// A COUNT with a long INTERVAL reaches as far as an UNTIL may not.
		if first.IsZero() {
			first = t
		} else if t.Sub(first) > MaxSeriesSpan {
			return nil, errRRuleUnbounded
		}
		start := WallClock(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), loc)
		// Two wall-clock times can be one instant (02:00 in the spring-forward gap moves to
		// 03:00): one booking, not two at the same time.
		if len(out) > 0 && !start.After(out[len(out)-1]) {
			continue
		}
		out = append(out, start)
	}
	if len(out) == 0 {
		return nil, errRRuleEmpty
	}
	return out, nil
}

// parseRule reads an RRULE (with or without the "RRULE:" prefix) with its times as wall-clock
// times; an UNTIL that is a date alone means the end of that day, so that the occurrence on
// the day itself is included, as every calendar app that reads the rule includes it.
func parseRule(rule string) (*rrule.ROption, error) {
	rule = strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:")
	opt, err := rrule.StrToROptionInLocation(rule, time.UTC)
	if err != nil {
		return nil, err
	}
	for _, part := range strings.Split(rule, ";") {
		name, value, _ := strings.Cut(part, "=")
		if strings.EqualFold(name, "UNTIL") && len(value) == len("20060102") && !opt.Until.IsZero() {
			opt.Until = opt.Until.Add(24*time.Hour - time.Second)
		}
	}
	return opt, nil
}

// MaxInterval is the largest INTERVAL a recurrence may have: every 52nd week, or every
// 52nd month.
const MaxInterval = 52

// Field error codes of the parts of a recurrence rule, reported on "recurrence.rrule" with
// the part named in the parameter.
const (
	CodeRRulePart     = "rrule_part"     // a part the service does not take (BYHOUR, WKST, …); the part
	CodeRRuleInterval = "rrule_interval" // INTERVAL not a whole number from 1 to MaxInterval; MaxInterval
	CodeRRuleByDay    = "rrule_byday"    // BYDAY not weekdays (weekly) or numbered weekdays (monthly); the value
	CodeRRuleEnd      = "rrule_end"      // both COUNT and UNTIL
	CodeRRuleHorizon  = "rrule_horizon"  // the last occurrence ends past the room's horizon; the horizon, local
)

// weekdays are BYDAY's day names.
var weekdays = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// checkRuleParts returns the field error of the first part of rule outside the subset the
// service takes, or nil: FREQ (one of freqs), INTERVAL from 1 to MaxInterval, BYDAY (plain
// weekdays for a weekly rule, weekdays numbered in the month, 1 to 5 or -1 for the last, for
// a monthly one, which needs them), and COUNT or UNTIL, each at most once. That is what the
// forms make and what every calendar reads alike; anything else (BYHOUR=1,2,3, or
// INTERVAL=0, which node-ical and libical refuse, emptying the room's feed) is refused
// rather than stored.
func checkRuleParts(rule string, freqs ...rrule.Frequency) fault.FieldErrors {
	bad := func(code, param string) fault.FieldErrors {
		return fault.FieldErrors{{Field: "recurrence.rrule", Code: code, Param: param}}
	}
	rule = strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:")
	seen := map[string]string{}
	for _, part := range strings.Split(rule, ";") {
		name, value, ok := strings.Cut(part, "=")
		name = strings.ToUpper(strings.TrimSpace(name))
		switch name {
		case "FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL":
		default:
			if !ok || name == "" {
				return errRRuleInvalid
			}
			return bad(CodeRRulePart, name)
		}
		if _, dup := seen[name]; dup {
			return bad(CodeRRulePart, name)
		}
		seen[name] = strings.ToUpper(strings.TrimSpace(value))
	}
	freq, ok := seen["FREQ"]
	if !ok {
		return errRRuleInvalid
	}
	monthly := freq == "MONTHLY"
	if f, err := rrule.StrToFreq(freq); err != nil || !slices.Contains(freqs, f) {
		return errRRuleInvalid
	}
	if v, ok := seen["INTERVAL"]; ok {
		if n, err := strconv.Atoi(v); err != nil || n < 1 || n > MaxInterval {
			return bad(CodeRRuleInterval, strconv.Itoa(MaxInterval))
		}
	}
	if _, count := seen["COUNT"]; count {
		if _, until := seen["UNTIL"]; until {
			return bad(CodeRRuleEnd, "")
		}
	}
	days, ok := seen["BYDAY"]
	if !ok {
		if monthly {
			return bad(CodeRRuleByDay, "")
		}
		return nil
	}
	for _, d := range strings.Split(days, ",") {
		day := d[max(0, len(d)-2):]
		num := d[:len(d)-len(day)]
		if !slices.Contains(weekdays, day) || (num == "") == monthly || (monthly && !validOrdinal(num)) {
			return bad(CodeRRuleByDay, d)
		}
	}
	return nil
}

// validOrdinal reports whether n numbers a weekday in a month: 1 to 5, or -1 for the last.
func validOrdinal(n string) bool {
	switch n {
	case "1", "+1", "2", "+2", "3", "+3", "4", "+4", "5", "+5", "-1":
		return true
	}
	return false
}
