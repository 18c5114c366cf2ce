package calendar_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zone files
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/calendar"
)

var stockholm = mustLoad("Europe/Stockholm")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// local is a wall-clock time in Stockholm.
func local(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, stockholm)
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// stamp is the pinned DTSTAMP of the fixtures, so that golden files do not change by the day.
var stamp = utc("2026-09-01T08:00:00Z")

// trickyTexts are summaries that must survive escaping, folding and every parser.
var trickyTexts = []string{
	"Styrelsemöte, PRO Norrby; årsmöte \\ budget",
	"Två rader\nandra raden",
	"Emoji 🎻🎉 och ÅÄÖ åäö",
	"Semikolon;komma,backslash\\slut\\",
	strings.Repeat("Ångström 🎻", 100), // 1000 characters, 1500 octets
}

// seriesCalendar is a weekly series on Tuesdays at 18:00 local across both daylight-saving
// changes (2026-10-25 and 2027-03-28), with one cancelled date (EXDATE), one occurrence
// moved to the Wednesday at 19:00, and one cancelled through an override.
func seriesCalendar() *calendar.Calendar {
	master := calendar.Event{
		UID: "booking-7@lokalbanken.test", Sequence: 1, Stamp: stamp, Created: stamp, LastModified: stamp,
		Summary: "Körövning", Location: "Sjöbo bibliotek, Sal 2", Status: calendar.StatusConfirmed,
		Start: local(2026, 10, 13, 18, 0), End: local(2026, 10, 13, 19, 30),
		RRule:   "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270406T235959",
		ExDates: []time.Time{local(2026, 12, 29, 18, 0)},
	}
	moved := calendar.Event{
		UID: master.UID, Sequence: 2, Stamp: stamp, Summary: "Körövning (flyttad)",
		Location: master.Location, Status: calendar.StatusConfirmed,
		Start: local(2027, 2, 17, 19, 0), End: local(2027, 2, 17, 20, 30),
		RecurrenceID: new(local(2027, 2, 16, 18, 0)),
	}
	cancelled := calendar.Event{
		UID: master.UID, Sequence: 3, Stamp: stamp, Summary: "Körövning",
		Location: master.Location, Status: calendar.StatusCancelled,
		Start: local(2027, 3, 30, 18, 0), End: local(2027, 3, 30, 19, 30),
		RecurrenceID: new(local(2027, 3, 30, 18, 0)),
	}
	return &calendar.Calendar{
		Name: "Sal 2, Sjöbo bibliotek", Description: "Bokningar i Sal 2", Location: stockholm,
		RefreshInterval: time.Hour, Events: []calendar.Event{master, moved, cancelled},
	}
}

// eventsCalendar holds single events: tricky text, every optional property, a booking at
// 02:30 on the night the clocks go forward (a wall time that does not exist: the instant is
// 03:30 CEST), and one at the second 02:30 of the night they go back.
func eventsCalendar() *calendar.Calendar {
	c := &calendar.Calendar{Name: "PRO Norrby; bokningar", Location: stockholm, RefreshInterval: 90 * time.Minute}
	for i, s := range trickyTexts {
		start := local(2026, 11, 2+i, 10, 0)
		c.Events = append(c.Events, calendar.Event{
			UID: "text-" + string(rune('a'+i)) + "@lokalbanken.test", Stamp: stamp,
			Summary: s, Description: s + "\n" + s, Location: s, Start: start, End: start.Add(time.Hour),
		})
	}
	c.Events = append(c.Events,
		calendar.Event{
			UID: "full@lokalbanken.test", Sequence: 5, Stamp: stamp, Created: utc("2026-08-01T10:00:00Z"),
			LastModified: utc("2026-08-15T12:30:00Z"), Summary: "Öppet hus", Description: "Alla välkomna",
			Location: "Sjöbo torg 1, 506 42 Borås", Geo: &calendar.Geo{Lat: 57.7311, Lon: 12.9401},
			URL: "https://lokalbanken.test/bookings/12", Status: calendar.StatusTentative,
			Transparent: true, Private: true,
			Start: local(2026, 12, 5, 11, 0), End: local(2026, 12, 5, 15, 0),
		},
		calendar.Event{
			UID: "spring@lokalbanken.test", Stamp: stamp, Summary: "Natt mot sommartid",
			Start: utc("2027-03-28T01:30:00Z"), End: utc("2027-03-28T02:30:00Z"),
		},
		calendar.Event{
			UID: "autumn@lokalbanken.test", Sequence: 4, Stamp: stamp, Summary: "Natt mot vintertid",
			Status: calendar.StatusCancelled,
			Start:  utc("2026-10-25T01:30:00Z"), End: utc("2026-10-25T02:30:00Z"),
		},
	)
	return c
}

func encode(t testing.TB, c *calendar.Calendar) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := calendar.Encode(&b, c); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	return b.Bytes()
}

// checkWellFormed checks the RFC 5545 §3.1 line rules on an encoded calendar: CRLF after
// every line, at most 75 octets a line, continuation lines starting with one space, and no
// UTF-8 sequence split between lines.
func checkWellFormed(t *testing.T, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("does not end with CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	for i, l := range lines {
		switch {
		case strings.ContainsAny(l, "\r\n"):
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		case len(l) > 75:
			t.Errorf("line %d is %d octets long: %q", i+1, len(l), l)
		case !utf8.ValidString(l):
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, l)
		case i == 0 && l != "BEGIN:VCALENDAR":
			t.Errorf("first line is %q", l)
		}
	}
}

// cmpOpts compare instants as instants and zones by name.
var cmpOpts = cmp.Options{
	cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }),
	cmp.Comparer(func(a, b *time.Location) bool { return a.String() == b.String() }),
}
