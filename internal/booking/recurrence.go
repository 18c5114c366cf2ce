package booking

import (
	"slices"
	"strings"
	"time"

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
