package feed

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// seriesEvents writes a series as one master VEVENT with the series' RRULE, and an override
// (RECURRENCE-ID = the occurrence's original start) for each occurrence that a calendar app
// would otherwise show wrongly: moved, in another room, pending while the master is
// confirmed, or with another title. occ are all the series' bookings by original start.
//
// An occurrence that does not take place is an EXDATE: one skipped when the series was
// booked (the rule generates it but no booking exists), one cancelled or rejected, and in a
// room or venue feed one moved to a room outside the feed. EXDATE rather than an override
// with STATUS:CANCELLED because every client honours it the same way (an override's STATUS
// is ignored by some, and shown struck through by others), it costs one line, and it can
// stay for the life of the series without a retention rule. The master's SEQUENCE grows
// with the change, so apps that keep a copy take the new EXDATE.
//
// A series with no occurrence left in the feed is written as a CANCELLED master for
// Retention after its last change, so that apps drop all of it, and then not at all.
// A series whose rule cannot be expanded here in the feed's zone, or whose bookings do not
// match its rule, falls back to single events: never a wrong occurrence.
func (s *Service) seriesEvents(sc scope, w window, se *seriesRow, occ []row) []calendar.Event {
	starts, err := booking.Occurrences(se.RRule, se.DTStart, s.loc)
	if err != nil || len(starts) == 0 || se.TimeZone != s.loc.String() || !matches(starts, occ) {
		return s.singles(sc, w, occ)
	}
	seq, latest := se.Revision-1, se.UpdatedAt
	for i := range occ {
		seq += occ[i].Revision - 1
		latest = later(latest, occ[i].UpdatedAt)
	}
	rep := representative(sc, occ)
	cancelled := rep == nil
	if cancelled {
		if latest.Before(w.cutoff) {
			return nil
		}
		rep = &occ[len(occ)-1]
	}
	master := s.event(sc, rep)
	master.UID = s.uid("series", se.ID)
	master.Sequence, master.Stamp, master.LastModified, master.Created = seq, latest, latest, se.CreatedAt
	master.RRule = countRule(se.RRule, len(starts))
	master.Start, master.End = starts[0], se.Duration.AddTo(starts[0], s.loc)
	if cancelled {
		master.Status, master.Transparent = calendar.StatusCancelled, true
		return []calendar.Event{master}
	}
	return s.occurrences(sc, master, starts, occ)
}

// occurrences fills the master's EXDATEs and returns it with its overrides.
func (s *Service) occurrences(sc scope, master calendar.Event, starts []time.Time, occ []row) []calendar.Event {
	byStart := make(map[int64]*row, len(occ))
	for i := range occ {
		byStart[occ[i].OriginalStart.UnixMicro()] = &occ[i]
	}
	length := master.End.Sub(master.Start)
	out := []calendar.Event{master}
	for _, start := range starts {
		r := byStart[start.UnixMicro()]
		if r == nil || !r.Status.Holds() || !sc.contains(r) {
			out[0].ExDates = append(out[0].ExDates, start)
			continue
		}
		ev := s.event(sc, r)
		if sameOccurrence(&ev, &master, start, length) {
			continue
		}
		ev.UID, ev.Sequence, ev.RecurrenceID = master.UID, master.Sequence, &start
		out = append(out, ev)
	}
	return out
}

// sameOccurrence reports whether an app expanding the master would show ev exactly: the
// master's time moved to start, and everything else the master says. The URL may differ:
// each occurrence links to its own booking page.
func sameOccurrence(ev, master *calendar.Event, start time.Time, length time.Duration) bool {
	return ev.Start.Equal(start) && ev.End.Equal(start.Add(length)) &&
		ev.Summary == master.Summary && ev.Description == master.Description &&
		ev.Location == master.Location && ev.Status == master.Status && ev.Private == master.Private &&
		ev.Transparent == master.Transparent && sameGeo(ev.Geo, master.Geo)
}

func sameGeo(a, b *calendar.Geo) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// representative is the occurrence the master takes its details from: the first one in the
// feed that takes place, or nil when none does.
func representative(sc scope, occ []row) *row {
	for i := range occ {
		if occ[i].Status.Holds() && sc.contains(&occ[i]) {
			return &occ[i]
		}
	}
	return nil
}

// matches reports whether every booking of the series is an occurrence its rule generates.
func matches(starts []time.Time, occ []row) bool {
	generated := make(map[int64]bool, len(starts))
	for _, t := range starts {
		generated[t.UnixMicro()] = true
	}
	for i := range occ {
		if occ[i].OriginalStart == nil || !generated[occ[i].OriginalStart.UnixMicro()] {
			return false
		}
	}
	return true
}

// singles writes the occurrences of a series in the scope as single events, with the same
// window and retention as other single bookings.
func (s *Service) singles(sc scope, w window, occ []row) []calendar.Event {
	var out []calendar.Event
	for i := range occ {
		r := &occ[i]
		inWindow := r.EndsAt.After(w.from) && r.StartsAt.Before(w.to)
		kept := r.Status.Holds() || (r.StatusAt != nil && !r.StatusAt.Before(w.cutoff))
		if sc.contains(r) && inWindow && kept {
			out = append(out, s.event(sc, r))
		}
	}
	return out
}

// countRule is the series' rule with its end given as COUNT, the number of occurrences
// internal/booking generated. The master starts at the first of them, so every reader
// counts the same occurrences; an UNTIL can be read differently (booking reads a date-only
// UNTIL as its midnight, the calendar package and RFC 5545 readers as the whole day, and
// some parsers drop an occurrence that falls exactly on it).
func countRule(rule string, n int) string {
	parts := strings.Split(strings.TrimPrefix(strings.TrimSpace(rule), "RRULE:"), ";")
	parts = slices.DeleteFunc(parts, func(p string) bool {
		name, _, _ := strings.Cut(strings.ToUpper(p), "=")
		return name == "UNTIL" || name == "COUNT" || name == ""
	})
	return strings.Join(append(parts, "COUNT="+strconv.Itoa(n)), ";")
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
