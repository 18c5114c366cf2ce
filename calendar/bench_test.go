package calendar_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/calendar"
)

// benchCalendar is a large feed: 10,000 events, of which 100 are weekly series with two
// EXDATEs each and 100 are overrides of them; the rest are single bookings.
func benchCalendar() *calendar.Calendar {
	c := &calendar.Calendar{Name: "Alla rum, Sjöbo bibliotek", Location: stockholm, RefreshInterval: time.Hour}
	for i := range 100 {
		start := local(2026, 9, 1+i%7, 17+i%4, 0)
		c.Events = append(c.Events,
			calendar.Event{
				UID: fmt.Sprintf("series-%d@lokalbanken.test", i), Sequence: 1, Stamp: stamp,
				Summary: fmt.Sprintf("Körövning %d, Sal %d", i, i%9), Location: "Sjöbo bibliotek, Sjöbo torg 1, Borås",
				Status: calendar.StatusConfirmed, Start: start, End: start.Add(90 * time.Minute),
				RRule:   "FREQ=WEEKLY;UNTIL=20270601",
				ExDates: []time.Time{start.AddDate(0, 0, 7*10), start.AddDate(0, 0, 7*16)},
			},
			calendar.Event{
				UID: fmt.Sprintf("series-%d@lokalbanken.test", i), Sequence: 2, Stamp: stamp,
				Summary: "Körövning (flyttad)", Status: calendar.StatusConfirmed,
				Start: start.AddDate(0, 0, 7*5).Add(time.Hour), End: start.AddDate(0, 0, 7*5).Add(150 * time.Minute),
				RecurrenceID: new(start.AddDate(0, 0, 7*5)),
			})
	}
	for i := len(c.Events); i < 10_000; i++ {
		start := local(2026, 9, 1, 8, 0).Add(time.Duration(i) * 97 * time.Minute)
		c.Events = append(c.Events, calendar.Event{
			UID: fmt.Sprintf("booking-%d@lokalbanken.test", i), Sequence: i % 3, Stamp: stamp, LastModified: stamp,
			Summary: fmt.Sprintf("Bokning %d: möte i föreningen", i), Description: "Årsmöte; dagordning, fika\nVälkomna!",
			Location: "Sjöbo bibliotek, Sal 2", URL: fmt.Sprintf("https://lokalbanken.test/bookings/%d", i),
			Status: calendar.StatusConfirmed, Start: start, End: start.Add(time.Hour),
		})
	}
	return c
}

// BenchmarkEncode encodes the 10,000-event feed; the feeds' figures in the closing note of
// issue 5 come from here.
func BenchmarkEncode(b *testing.B) {
	c := benchCalendar()
	n := len(encode(b, c))
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if err := calendar.Encode(io.Discard, c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "bytes/feed")
}

// BenchmarkDecode reads the same feed back, as tests of the feeds do.
func BenchmarkDecode(b *testing.B) {
	data := encode(b, benchCalendar())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := calendar.Decode(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
