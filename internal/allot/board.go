package allot

import (
	"cmp"
	"slices"
)

// pair is one (wish, room) combination a section may use, with the start times it allows.
type pair struct {
	wish, prio int // index into Section.Wishes, its priority (≥ 1)
	room, rank int // index into Input.Rooms, rank among the section's rooms (1 = first)
	day        int
	starts     []int // candidate starts, ascending; empty when the room is not open then
}

// option is one place a session may go: a pair and a start.
type option struct {
	pair  int // index into section.pairs
	room  int
	day   int
	start int
	prio  int
	rank  int
}

func (o option) cost() [2]int { return [2]int{o.prio, o.rank} }

// section is the working copy of an input Section.
type section struct {
	in       *Section
	order    int // position in the priority order
	minutes  int
	want     int // sessions per week wanted (≥ the fixed ones)
	need     int // sessions left for the algorithm after the fixed ones
	pairs    []pair
	opts     []option // every option, cheapest first
	tooSmall []int    // indices of ranked rooms below the attendees
	hasRooms bool     // some ranked room exists in the round
	fixed    []*session
	placed   []*session
	days     uint8 // weekdays used (bit d), fixed and placed
}

// session is a slot on the board.
type session struct {
	sec        *section // nil for a fixed slot of a section not in the input
	opt        int      // index into sec.opts; -1 when fixed
	room       int      // index into Input.Rooms; -1 when the room is not in the input
	day        int
	start, end int
	slot       Slot // for fixed slots, as given
}

func (s *session) fixed() bool { return s.opt < 0 }

// board holds the working state of one allocation.
type board struct {
	in       *Input
	rooms    []Room
	roomIdx  map[int64]int
	open     [][]Window      // per room: its Open windows merged where they overlap or touch
	occ      [][8][]*session // per room and weekday, sorted by start
	sections []*section      // in priority order
	outside  []*session      // fixed slots in rooms not in the input
}

func newBoard(in *Input) *board {
	b := &board{in: in, rooms: in.Rooms, roomIdx: make(map[int64]int, len(in.Rooms))}
	for i, r := range in.Rooms {
		if _, dup := b.roomIdx[r.ID]; !dup {
			b.roomIdx[r.ID] = i
		}
	}
	b.occ = make([][8][]*session, len(in.Rooms))
	b.open = make([][]Window, len(in.Rooms))
	for i, r := range in.Rooms {
		b.open[i] = merge(r.Open)
	}
	step := in.Step
	if step <= 0 {
		step = 15
	}
	secByID := make(map[int64]*section, len(in.Sections))
	for i := range in.Sections {
		s := b.prepare(&in.Sections[i], step)
		b.sections = append(b.sections, s)
		if _, dup := secByID[s.in.ID]; !dup {
			secByID[s.in.ID] = s
		}
	}
	slices.SortStableFunc(b.sections, func(x, y *section) int { return before(x.in, y.in) })
	for i, s := range b.sections {
		s.order = i
	}
	// Fixed slots in a canonical order, so that the caller's order changes nothing.
	fixed := slices.Clone(in.Fixed)
	slices.SortFunc(fixed, func(x, y Slot) int {
		return cmp.Or(cmp.Compare(x.RoomID, y.RoomID), cmp.Compare(x.Weekday, y.Weekday),
			cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End), cmp.Compare(x.SectionID, y.SectionID))
	})
	for _, f := range fixed {
		sess := &session{sec: secByID[f.SectionID], opt: -1, room: -1, day: f.Weekday, start: f.Start, end: f.End, slot: f}
		if ri, ok := b.roomIdx[f.RoomID]; ok && validDay(f.Weekday) {
			sess.room = ri
			b.add(sess)
		} else {
			b.outside = append(b.outside, sess)
		}
		if sess.sec != nil {
			sess.sec.fixed = append(sess.sec.fixed, sess)
			if validDay(f.Weekday) {
				sess.sec.days |= 1 << f.Weekday
			}
		}
	}
	for _, s := range b.sections {
		if len(s.fixed) > s.want {
			s.want = len(s.fixed)
		}
		s.need = s.want - len(s.fixed)
	}
	return b
}

func validDay(d int) bool { return d >= 1 && d <= 7 }

// before orders sections: Rank, then AppliedAt, then ID.
func before(x, y *Section) int {
	if c := slices.Compare(x.Rank, y.Rank); c != 0 {
		return c
	}
	if c := x.AppliedAt.Compare(y.AppliedAt); c != 0 {
		return c
	}
	return cmp.Compare(x.ID, y.ID)
}

// prepare builds a section's pairs and options.
func (b *board) prepare(in *Section, step int) *section {
	s := &section{in: in, minutes: in.MinutesPerSession, want: min(max(in.SessionsPerWeek, 1), 7)}
	var ranked []int
	seen := map[int]bool{}
	if len(in.Rooms) == 0 {
		for i := range b.rooms {
			if !seen[i] {
				seen[i] = true
				ranked = append(ranked, i)
			}
		}
	}
	for _, id := range in.Rooms {
		if i, ok := b.roomIdx[id]; ok && !seen[i] {
			seen[i] = true
			ranked = append(ranked, i)
		}
	}
	s.hasRooms = len(ranked) > 0
	if s.minutes < 1 {
		return s
	}
	for rank, ri := range ranked {
		r := b.rooms[ri]
		if r.Capacity > 0 && in.Attendees > r.Capacity {
			s.tooSmall = append(s.tooSmall, ri)
			continue
		}
		for wi, w := range in.Wishes {
			if !validDay(w.Weekday) || w.End-w.Start < s.minutes {
				continue
			}
			p := pair{wish: wi, prio: max(w.Priority, 1), room: ri, rank: rank + 1, day: w.Weekday}
			p.starts = starts(w.Window, b.open[ri], s.minutes, step)
			s.pairs = append(s.pairs, p)
		}
	}
	slices.SortStableFunc(s.pairs, func(x, y pair) int {
		if c := cmp.Compare(x.prio, y.prio); c != 0 {
			return c
		}
		if c := cmp.Compare(x.rank, y.rank); c != 0 {
			return c
		}
		return cmp.Compare(x.wish, y.wish)
	})
	for pi, p := range s.pairs {
		for _, st := range p.starts {
			s.opts = append(s.opts, option{pair: pi, room: p.room, day: p.day, start: st, prio: p.prio, rank: p.rank})
		}
	}
	return s
}

// merge sorts windows by weekday and start and joins those that overlap or touch, so that a
// session may span 12:00 when a room is open 08–12 and 12–22. Empty windows and weekdays
// outside 1–7 are dropped.
func merge(ws []Window) []Window {
	var out []Window
	for _, w := range ws {
		if validDay(w.Weekday) && w.End > w.Start {
			out = append(out, w)
		}
	}
	slices.SortFunc(out, func(x, y Window) int {
		return cmp.Or(cmp.Compare(x.Weekday, y.Weekday), cmp.Compare(x.Start, y.Start))
	})
	n := 0
	for _, w := range out {
		if n > 0 && out[n-1].Weekday == w.Weekday && w.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, w.End)
			continue
		}
		out[n] = w
		n++
	}
	return out[:n]
}

// starts lists the starts for a session of length minutes inside wish and one of open: each
// overlap's first minute, the step grid inside it, and its last possible start, ascending.
func starts(wish Window, open []Window, minutes, step int) []int {
	var out []int
	for _, o := range open {
		if o.Weekday != wish.Weekday {
			continue
		}
		lo, hi := max(wish.Start, o.Start), min(wish.End, o.End)-minutes
		if lo > hi {
			continue
		}
		out = append(out, lo)
		for t := (lo/step + 1) * step; t < hi; t += step {
			out = append(out, t)
		}
		if hi > lo {
			out = append(out, hi)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// blockers returns the sessions in room on day overlapping [start, end), in start order.
func (b *board) blockers(room, day, start, end int) []*session {
	var out []*session
	for _, s := range b.occ[room][day] {
		if s.start >= end {
			break
		}
		if s.end > start {
			out = append(out, s)
		}
	}
	return out
}

// free reports whether nothing in room on day overlaps [start, end).
func (b *board) free(room, day, start, end int) bool {
	for _, s := range b.occ[room][day] {
		if s.start >= end {
			return true
		}
		if s.end > start {
			return false
		}
	}
	return true
}

func (b *board) add(s *session) {
	l := b.occ[s.room][s.day]
	i, _ := slices.BinarySearchFunc(l, s, func(x, y *session) int { return cmp.Compare(x.start, y.start) })
	b.occ[s.room][s.day] = slices.Insert(l, i, s)
}

func (b *board) remove(s *session) {
	l := b.occ[s.room][s.day]
	if i := slices.Index(l, s); i >= 0 {
		b.occ[s.room][s.day] = slices.Delete(l, i, i+1)
	}
}

// place puts a new session for sec at option oi.
func (b *board) place(sec *section, oi int) *session {
	o := sec.opts[oi]
	s := &session{sec: sec, opt: oi, room: o.room, day: o.day, start: o.start, end: o.start + sec.minutes}
	b.add(s)
	sec.placed = append(sec.placed, s)
	sec.days |= 1 << o.day
	return s
}
