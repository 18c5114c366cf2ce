package feed_test

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/calendar/interop"
)

// occurrence is what a calendar app must show of a booking.
type occurrence struct {
	Start, End time.Time
	Summary    string
}

// TestInterop serves the feeds of the world and has Mozilla's ical.js and python-icalendar
// (with recurring-ical-events) expand them: the occurrences they see, all but the cancelled
// ones, must be exactly the bookings in the database that hold their room, across the
// daylight-saving changes of 25 October 2026 and 28 March 2027, with the moved occurrences
// at their new times and rooms, the cancelled and skipped ones gone, the booking at 02:30
// on the night the clocks go forward at 03:30 summer time, and the escaped title unchanged.
func TestInterop(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	from, to := at(2026, 7, 17, 0, 0), at(2028, 1, 1, 0, 0)
	for _, c := range []struct {
		name, path, where string
		id                int64
		detailed          bool
	}{
		{"room", roomPath(w.hall.ID), "room_id = ?", w.hall.ID, false},
		{"room with moved-in occurrence", roomPath(w.small.ID), "room_id = ?", w.small.ID, false},
		{"venue", venuePath(w.venue.ID), "room_id IN (SELECT id FROM rooms WHERE venue_id = ?)", w.venue.ID, false},
		{"private", w.privatePath(), "organisation_id = ?", w.club.ID, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ics := []byte(w.mustGetBody(t, c.path))
			want := w.expected(t, c.where, c.id, c.detailed, from)
			if len(want) < 2 {
				t.Fatalf("only %d bookings expected: the world is too small to test anything", len(want))
			}
			for parser, got := range map[string][]interop.Occurrence{
				"ical.js":          interop.ExpandICalJS(t, ics, from, to),
				"python-icalendar": interop.ExpandPython(t, ics, from, to),
			} {
				if diff := gocmp.Diff(want, active(got)); diff != "" {
					t.Errorf("%s: occurrences differ from the database (-want +got):\n%s", parser, diff)
				}
			}
		})
	}
}

// expected reads the bookings that hold their room from the database, as apps should show
// them.
func (w *world) expected(t *testing.T, where string, id int64, detailed bool, from time.Time) []occurrence {
	t.Helper()
	var rows []struct {
		StartsAt time.Time `bun:"starts_at"`
		EndsAt   time.Time `bun:"ends_at"`
		Title    string    `bun:"title"`
		Public   bool      `bun:"public"`
	}
	err := w.db.NewRaw(`SELECT starts_at, ends_at, title, public FROM bookings
		WHERE `+where+` AND status IN ('pending', 'confirmed') AND ends_at > ?`, id, from).Scan(context.Background(), &rows)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]occurrence, 0, len(rows))
	for _, r := range rows {
		o := occurrence{Start: r.StartsAt.UTC(), End: r.EndsAt.UTC(), Summary: "Upptaget"}
		if detailed || r.Public {
			o.Summary = r.Title
		}
		out = append(out, o)
	}
	return sorted(out)
}

// active drops what apps show as cancelled.
func active(in []interop.Occurrence) []occurrence {
	out := make([]occurrence, 0, len(in))
	for _, o := range in {
		if o.Status != "CANCELLED" {
			out = append(out, occurrence{Start: o.Start, End: o.End, Summary: o.Summary})
		}
	}
	return sorted(out)
}

func sorted(o []occurrence) []occurrence {
	slices.SortFunc(o, func(a, b occurrence) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Summary, b.Summary))
	})
	return o
}
