package allot

import "slices"

// Match allocates like Greedy, section by section in priority order, but treats the sessions
// already placed as a matching that may be rearranged: when a session of the current section
// finds no free time, it looks for an augmenting path, as in bipartite matching (Kuhn's
// algorithm): a time it wants is freed by moving the sessions holding it to other times of
// theirs that cost them no more (same or better wish priority and room rank), those times freed
// the same way in turn, to a bounded depth. Times left empty by a move go first to the sections
// before in the priority order that want them (a cheaper time, or a session they lack), so a
// rearrangement never hands a later section time that an earlier one wanted and could have had;
// a path that would do so is undone. Since nobody placed ever pays for a move, every section
// gets at least as cheap an allocation of its sessions as it had before the move.
func Match(in Input) Result {
	b := newBoard(&in)
	m := newMatcher(b)
	for _, sec := range b.sections {
		m.current = sec.order
		for len(sec.placed) < sec.need {
			if !m.placeOne(sec) {
				break
			}
		}
	}
	return b.result("match")
}

// matchDepth bounds an augmenting path: how many sessions deep a chain of moves may go.
const matchDepth = 3

// matchWork bounds the relocations tried to place one session, and matchTotalWork those of a
// whole run (after which Match goes on as Greedy), so that a heavily oversubscribed round still
// gets its proposal within seconds; counted, not timed, so the result stays reproducible.
const (
	matchWork      = 20000
	matchTotalWork = 2000000
)

type ref struct {
	sec *section
	opt int
}

type span struct{ room, day, start, end int }

func (s span) overlaps(o span) bool {
	return s.room == o.room && s.day == o.day && s.start < o.end && o.start < s.end
}

// step is one change to the board, kept so that a failed path can be undone.
type step struct {
	s    *session
	kind int // lifted (off the board), dropped (onto the board at s.opt), added (new session)
	opt  int // lifted: the option it was at; dropped: the option before (where it was lifted from)
}

const (
	lifted = iota
	dropped
	added
)

type matcher struct {
	b        *board
	current  int        // order of the section being placed
	wanters  [][8][]ref // per room and weekday: every option of every section there
	journal  []step
	reserved []span
	visited  map[*session]bool // on the current path search
	failed   map[*session]bool // could not be moved, in this placeOne
	work     int               // relocations tried in this placeOne
	total    int               // relocations tried before this placeOne
}

func newMatcher(b *board) *matcher {
	m := &matcher{b: b, wanters: make([][8][]ref, len(b.rooms))}
	for _, sec := range b.sections {
		for oi, o := range sec.opts {
			m.wanters[o.room][o.day] = append(m.wanters[o.room][o.day], ref{sec, oi})
		}
	}
	return m
}

func less(a, b [2]int) bool { return a[0] < b[0] || a[0] == b[0] && a[1] < b[1] }

func (m *matcher) spanOf(sec *section, oi int) span {
	o := sec.opts[oi]
	return span{o.room, o.day, o.start, o.start + sec.minutes}
}

// placeOne gives sec one more session: the cheapest free option, or else the cheapest option
// an augmenting path can free. It reports whether it did.
func (m *matcher) placeOne(sec *section) bool {
	if oi := m.b.cheapestFree(sec); oi >= 0 {
		m.b.place(sec, oi)
		return true
	}
	if m.total > matchTotalWork {
		return false
	}
	m.failed = map[*session]bool{}
	m.work = 0
	defer func() { m.total += m.work }()
	for oi, o := range sec.opts {
		if sec.days&(1<<o.day) != 0 {
			continue
		}
		if m.work > matchWork {
			break
		}
		// A session on a path that failed for one option may still move for another: each
		// option gets its own search (on the benchmark round 902 sessions against 901 with
		// one shared search), but a session that could not be moved at all is not tried
		// again (905 without that, but up to 50 times slower on oversubscribed rounds).
		m.visited = map[*session]bool{}
		if m.augment(sec, oi) {
			return true
		}
	}
	return false
}

// augment frees option oi of sec by moving the sessions on it, places sec there, lets the
// sections before fill the times left empty, and keeps the lot only if priority still holds.
func (m *matcher) augment(sec *section, oi int) bool {
	mark := len(m.journal)
	sp := m.spanOf(sec, oi)
	m.reserved = append(m.reserved, sp)
	// Hold the weekday too: sec's own sessions may be moved on the path, but not onto it.
	sec.days |= 1 << sp.day
	ok := m.free(sp, matchDepth)
	sec.days &^= 1 << sp.day
	m.reserved = m.reserved[:len(m.reserved)-1]
	if ok {
		m.add(sec, oi)
		m.refill(mark)
		ok = !m.violates(mark)
	}
	if !ok {
		m.rollback(mark)
		return false
	}
	m.journal = m.journal[:0]
	return true
}

// free empties sp by moving every session on it to another time of its own that costs it no
// more, freeing that time in turn while depth lasts. On failure the caller rolls back.
func (m *matcher) free(sp span, depth int) bool {
	bl := m.b.blockers(sp.room, sp.day, sp.start, sp.end)
	for _, h := range bl {
		if h.fixed() || m.visited[h] || m.failed[h] {
			return false
		}
	}
	for _, h := range bl {
		m.visited[h] = true
		m.lift(h)
	}
	for _, h := range bl {
		if !m.relocate(h, depth) {
			return false
		}
	}
	return true
}

// relocate drops lifted session h at the cheapest option of its section that costs no more than
// where it was, is on a weekday the section does not use, is not reserved, and is free or (while
// depth lasts) can be freed.
func (m *matcher) relocate(h *session, depth int) bool {
	m.work++
	if m.work > matchWork {
		return false
	}
	sec := h.sec
	// The options that cost no more than where h was: a prefix, since they are sorted.
	limit := sec.opts[h.opt].cost()
	n := 0
	for n < len(sec.opts) && !less(limit, sec.opts[n].cost()) {
		n++
	}
	try := func(oi int) (span, bool) {
		o := sec.opts[oi]
		if sec.days&(1<<o.day) != 0 {
			return span{}, false
		}
		sp := m.spanOf(sec, oi)
		for _, r := range m.reserved {
			if r.overlaps(sp) {
				return span{}, false
			}
		}
		return sp, true
	}
	for oi := range n {
		if sp, ok := try(oi); ok && m.b.free(sp.room, sp.day, sp.start, sp.end) {
			m.drop(h, oi)
			return true
		}
	}
	if depth == 0 {
		m.failed[h] = true
		return false
	}
	for oi := range n {
		sp, ok := try(oi)
		if !ok {
			continue
		}
		mark := len(m.journal)
		m.reserved = append(m.reserved, sp)
		sec.days |= 1 << sp.day // as in augment: no sibling moves onto the day meanwhile
		ok = m.free(sp, depth-1)
		sec.days &^= 1 << sp.day
		m.reserved = m.reserved[:len(m.reserved)-1]
		if ok {
			m.drop(h, oi)
			return true
		}
		m.rollback(mark)
	}
	m.failed[h] = true
	return false
}

func (m *matcher) lift(s *session) {
	m.b.remove(s)
	s.sec.days &^= 1 << s.day
	m.journal = append(m.journal, step{s, lifted, s.opt})
}

func (m *matcher) drop(s *session, oi int) {
	m.journal = append(m.journal, step{s, dropped, s.opt})
	m.put(s, oi)
}

func (m *matcher) put(s *session, oi int) {
	o := s.sec.opts[oi]
	s.opt, s.room, s.day, s.start, s.end = oi, o.room, o.day, o.start, o.start+s.sec.minutes
	s.sec.days |= 1 << s.day
	m.b.add(s)
}

func (m *matcher) add(sec *section, oi int) {
	s := m.b.place(sec, oi)
	m.journal = append(m.journal, step{s, added, oi})
}

// rollback undoes the journal back to mark.
func (m *matcher) rollback(mark int) {
	for i := len(m.journal) - 1; i >= mark; i-- {
		st := m.journal[i]
		s := st.s
		switch st.kind {
		case lifted:
			m.put(s, st.opt)
		case dropped:
			m.b.remove(s)
			s.sec.days &^= 1 << s.day
			s.opt = st.opt
		case added:
			m.b.remove(s)
			s.sec.days &^= 1 << s.day
			s.sec.placed = slices.DeleteFunc(s.sec.placed, func(x *session) bool { return x == s })
		}
	}
	m.journal = m.journal[:mark]
}

// changed lists the times the journal since mark emptied (left) and filled (entered).
func (m *matcher) changed(mark int) (left, entered []span) {
	for _, st := range m.journal[mark:] {
		switch st.kind {
		case lifted:
			left = append(left, m.spanOf(st.s.sec, st.opt))
		case dropped, added:
			entered = append(entered, m.spanOf(st.s.sec, st.s.opt))
		}
	}
	return left, entered
}

// refill offers the times emptied since mark to the sections placed so far, earliest in the
// priority order first: a section takes one if it is free and cheaper than a session it has
// (or gives a session it lacks); what that empties is offered in turn.
func (m *matcher) refill(mark int) {
	left, _ := m.changed(mark)
	for {
		var cands []*section
		for _, sp := range left {
			for _, r := range m.wanters[sp.room][sp.day] {
				if r.sec.order <= m.current && m.spanOf(r.sec, r.opt).overlaps(sp) && !slices.Contains(cands, r.sec) {
					cands = append(cands, r.sec)
				}
			}
		}
		slices.SortFunc(cands, func(x, y *section) int { return x.order - y.order })
		moved := false
		for _, sec := range cands {
			done := len(m.journal)
			if m.improve(sec) {
				// What it emptied may matter to a section before the next candidate: start over.
				l, _ := m.changed(done)
				left = append(left, l...)
				moved = true
				break
			}
		}
		if !moved {
			return
		}
	}
}

// improve moves one session of sec to a cheaper free time, or gives sec a missing session
// at a free time (sections before the current one only). It reports whether it did.
func (m *matcher) improve(sec *section) bool {
	if sec.order < m.current && len(sec.fixed)+len(sec.placed) < sec.want {
		if oi := m.b.cheapestFree(sec); oi >= 0 {
			m.add(sec, oi)
			return true
		}
	}
	for _, s := range sec.placed {
		c := sec.opts[s.opt].cost()
		mark := len(m.journal)
		m.lift(s)
		for oi, o := range sec.opts {
			if !less(o.cost(), c) {
				break
			}
			if sec.days&(1<<o.day) != 0 {
				continue
			}
			if sp := m.spanOf(sec, oi); m.b.free(sp.room, sp.day, sp.start, sp.end) {
				m.drop(s, oi)
				return true
			}
		}
		m.rollback(mark)
	}
	return false
}

// violates reports whether, after the changes since mark, some section placed so far has a
// time near a changed one that it wants (cheaper than what it has, or a session it lacks) and
// that is free or held only by sections after it in the priority order.
func (m *matcher) violates(mark int) bool {
	// A section whose session moved to another weekday may now want any time on the day it
	// left: check all its options.
	var moved []*section
	for _, st := range m.journal[mark:] {
		if st.kind == dropped && !slices.Contains(moved, st.s.sec) {
			moved = append(moved, st.s.sec)
		}
	}
	for _, sec := range moved {
		for oi := range sec.opts {
			if m.wants(sec, oi) && m.heldOnlyByLater(sec, oi) {
				return true
			}
		}
	}
	left, entered := m.changed(mark)
	for _, sp := range append(left, entered...) {
		for _, r := range m.wanters[sp.room][sp.day] {
			if r.sec.order > m.current || !m.spanOf(r.sec, r.opt).overlaps(sp) {
				continue
			}
			if m.wants(r.sec, r.opt) && m.heldOnlyByLater(r.sec, r.opt) {
				return true
			}
		}
	}
	return false
}

// wants reports whether option oi is better for sec than what it has.
func (m *matcher) wants(sec *section, oi int) bool {
	o := sec.opts[oi]
	for _, s := range sec.placed {
		if s.day == o.day {
			return less(o.cost(), sec.opts[s.opt].cost())
		}
	}
	if sec.days&(1<<o.day) != 0 {
		return false // a fixed slot that day
	}
	if sec.order < m.current && len(sec.fixed)+len(sec.placed) < sec.want {
		return true
	}
	for _, s := range sec.placed {
		if less(o.cost(), sec.opts[s.opt].cost()) {
			return true
		}
	}
	return false
}

// heldOnlyByLater reports whether option oi of sec is free, or blocked only by sessions of
// sections after sec (its own session that day aside).
func (m *matcher) heldOnlyByLater(sec *section, oi int) bool {
	sp := m.spanOf(sec, oi)
	for _, h := range m.b.blockers(sp.room, sp.day, sp.start, sp.end) {
		if h.sec == sec && !h.fixed() {
			continue
		}
		if h.fixed() || h.sec.order <= sec.order {
			return false
		}
	}
	return true
}
