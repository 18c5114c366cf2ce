package calendar_test

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/calendar/interop"
)

// parsers are the third-party parsers every encoded calendar must satisfy. They fail the
// test, saying what to install, when missing.
var parsers = map[string]func(testing.TB, []byte, time.Time, time.Time) []interop.Occurrence{
	"ical.js": interop.ExpandICalJS,
	"python":  interop.ExpandPython,
}

// TestInteropSeriesAcrossDST: both parsers expand the weekly series exactly as meant: 18:00
// local every Tuesday, which is 16:00 UTC in summer time and 17:00 UTC in winter time, the
// EXDATE gone, the moved occurrence on the Wednesday with its own SEQUENCE, the cancelled
// one CANCELLED. The expected list is written out by hand, not computed by this package.
func TestInteropSeriesAcrossDST(t *testing.T) {
	const uid = "booking-7@lokalbanken.test"
	occ := func(start string, d time.Duration) interop.Occurrence {
		return interop.Occurrence{UID: uid, Start: utc(start), End: utc(start).Add(d),
			Summary: "Körövning", Status: "CONFIRMED", Sequence: 1}
	}
	want := []interop.Occurrence{
		occ("2026-10-13T16:00:00Z", 90*time.Minute), // CEST
		occ("2026-10-20T16:00:00Z", 90*time.Minute),
		occ("2026-10-27T17:00:00Z", 90*time.Minute), // CET from 25 October
		occ("2026-11-03T17:00:00Z", 90*time.Minute),
		occ("2026-11-10T17:00:00Z", 90*time.Minute),
		occ("2026-11-17T17:00:00Z", 90*time.Minute),
		occ("2026-11-24T17:00:00Z", 90*time.Minute),
		occ("2026-12-01T17:00:00Z", 90*time.Minute),
		occ("2026-12-08T17:00:00Z", 90*time.Minute),
		occ("2026-12-15T17:00:00Z", 90*time.Minute),
		occ("2026-12-22T17:00:00Z", 90*time.Minute),
		// 29 December: EXDATE.
		occ("2027-01-05T17:00:00Z", 90*time.Minute),
		occ("2027-01-12T17:00:00Z", 90*time.Minute),
		occ("2027-01-19T17:00:00Z", 90*time.Minute),
		occ("2027-01-26T17:00:00Z", 90*time.Minute),
		occ("2027-02-02T17:00:00Z", 90*time.Minute),
		occ("2027-02-09T17:00:00Z", 90*time.Minute),
		// 16 February moved to Wednesday 17 February at 19:00 CET.
		{UID: uid, Start: utc("2027-02-17T18:00:00Z"), End: utc("2027-02-17T19:30:00Z"),
			Summary: "Körövning (flyttad)", Status: "CONFIRMED", Sequence: 2},
		occ("2027-02-23T17:00:00Z", 90*time.Minute),
		occ("2027-03-02T17:00:00Z", 90*time.Minute),
		occ("2027-03-09T17:00:00Z", 90*time.Minute),
		occ("2027-03-16T17:00:00Z", 90*time.Minute),
		occ("2027-03-23T17:00:00Z", 90*time.Minute),
		// 30 March, CEST from 28 March: cancelled by an override.
		{UID: uid, Start: utc("2027-03-30T16:00:00Z"), End: utc("2027-03-30T17:30:00Z"),
			Summary: "Körövning", Status: "CANCELLED", Sequence: 3},
		occ("2027-04-06T16:00:00Z", 90*time.Minute), // the last: UNTIL is the end of 6 April
	}
	ics := encode(t, seriesCalendar())
	for name, expand := range parsers {
		t.Run(name, func(t *testing.T) {
			got := expand(t, ics, utc("2026-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z"))
			if diff := gocmp.Diff(want, got); diff != "" {
				t.Errorf("occurrences (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInteropEvents: both parsers read every tricky summary exactly as written, place the
// nights of the daylight-saving changes at the right instants, and see STATUS and SEQUENCE.
func TestInteropEvents(t *testing.T) {
	c := eventsCalendar()
	var want []interop.Occurrence
	for _, e := range c.Events {
		want = append(want, interop.Occurrence{UID: e.UID, Start: e.Start.UTC(), End: e.End.UTC(),
			Summary: e.Summary, Status: string(e.Status), Sequence: e.Sequence})
	}
	// Pinned by hand: the instants must not depend on the encoder being right.
	pins := map[string]string{
		"spring@lokalbanken.test": "2027-03-28T01:30:00Z", // written as 03:30 CEST
		"autumn@lokalbanken.test": "2026-10-25T01:30:00Z", // the second 02:30, written in UTC
	}
	ics := encode(t, c)
	for name, expand := range parsers {
		t.Run(name, func(t *testing.T) {
			got := expand(t, ics, utc("2026-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z"))
			if diff := gocmp.Diff(sortOccurrences(want), got); diff != "" {
				t.Errorf("occurrences (-want +got):\n%s", diff)
			}
			for _, o := range got {
				if pin, ok := pins[o.UID]; ok && !o.Start.Equal(utc(pin)) {
					t.Errorf("%s starts at %v, want %s", o.UID, o.Start, pin)
				}
			}
		})
	}
}

// TestInteropEmpty: a calendar with no events is accepted by both parsers.
func TestInteropEmpty(t *testing.T) {
	ics := encode(t, &calendar.Calendar{Name: "Tomt rum", Location: stockholm})
	for name, expand := range parsers {
		t.Run(name, func(t *testing.T) {
			if got := expand(t, ics, utc("2026-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")); len(got) != 0 {
				t.Errorf("occurrences of an empty calendar: %v", got)
			}
		})
	}
}

// sortOccurrences orders occurrences as the interop package does: by start, then UID.
func sortOccurrences(in []interop.Occurrence) []interop.Occurrence {
	out := slices.Clone(in)
	slices.SortFunc(out, func(a, b interop.Occurrence) int {
		return cmp.Or(a.Start.Compare(b.Start), strings.Compare(a.UID, b.UID))
	})
	return out
}
