package calendar

import (
	"fmt"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// encodeRRule checks a rule and rewrites its UNTIL from wall-clock time in loc to UTC, which
// RFC 5545 §3.3.10 requires when DTSTART has a TZID (python's recurring-ical-events and
// ical.js otherwise read a floating UNTIL differently). A date-only UNTIL becomes the last
// second of that local day: including the whole day is what a date means, and an UNTIL
// exactly on the last occurrence is dropped by some parsers (CHECKLIST.md A11).
func encodeRRule(rule string, loc *time.Location) (string, error) {
	rule = strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:")
	if _, err := rrule.StrToROptionInLocation(rule, time.UTC); err != nil {
		return "", fmt.Errorf("%w: RRULE %q: %v", ErrInvalid, rule, err)
	}
	if strings.Contains(strings.ToUpper(rule), "DTSTART") {
		return "", fmt.Errorf("%w: RRULE %q: DTSTART belongs to the event, not the rule", ErrInvalid, rule)
	}
	return mapUntil(rule, func(v string) (string, error) {
		wall, err := parseWallUntil(v)
		if err != nil {
			return "", fmt.Errorf("%w: RRULE %q: UNTIL: %v", ErrInvalid, rule, err)
		}
		at := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), 0, loc)
		return at.UTC().Format(utcFormat), nil
	})
}

// parseWallUntil reads an UNTIL as wall-clock time: a date means its last second, and a
// trailing Z is ignored, as internal/booking does.
func parseWallUntil(v string) (time.Time, error) {
	v = strings.TrimSuffix(strings.ToUpper(v), "Z")
	if len(v) == len("20060102") {
		d, err := time.Parse("20060102", v)
		return d.Add(24*time.Hour - time.Second), err
	}
	return time.Parse(localFormat, v)
}

// decodeRRule gives a rule read from a file back in the form Event.RRule holds: a UTC UNTIL
// becomes wall-clock time in loc (the zone of the event's DTSTART); a floating or date
// UNTIL is already wall-clock time and is kept.
func decodeRRule(rule string, loc *time.Location) (string, error) {
	return mapUntil(rule, func(v string) (string, error) {
		if !strings.HasSuffix(strings.ToUpper(v), "Z") {
			return v, nil
		}
		at, err := time.Parse(utcFormat, strings.ToUpper(v))
		if err != nil {
			return "", fmt.Errorf("%w: RRULE %q: UNTIL: %v", ErrMalformed, rule, err)
		}
		return at.In(loc).Format(localFormat), nil
	})
}

// mapUntil replaces the value of the rule's UNTIL part, keeping the other parts as given.
func mapUntil(rule string, f func(string) (string, error)) (string, error) {
	parts := strings.Split(rule, ";")
	for i, p := range parts {
		name, value, ok := strings.Cut(p, "=")
		if !ok || !strings.EqualFold(name, "UNTIL") {
			continue
		}
		v, err := f(value)
		if err != nil {
			return "", err
		}
		parts[i] = name + "=" + v
	}
	return strings.Join(parts, ";"), nil
}
