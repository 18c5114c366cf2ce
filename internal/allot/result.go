package allot

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

// result turns the board into a Result, explaining every section from the final state.
func (b *board) result(algorithm string) Result {
	res := Result{Stats: Stats{Algorithm: algorithm, Sections: len(b.sections)}}
	st := &res.Stats
	for _, sec := range b.sections {
		d := Decision{SectionID: sec.in.ID}
		for _, s := range sec.fixed {
			d.Slots = append(d.Slots, s.slot)
		}
		for _, s := range sec.placed {
			d.Slots = append(d.Slots, b.slotOf(s))
			o := sec.opts[s.opt]
			st.ByWishPriority = bump(st.ByWishPriority, o.prio)
			st.ByRoomRank = bump(st.ByRoomRank, o.rank)
			if o.prio == 1 && o.rank == 1 {
				st.FirstChoice++
			}
		}
		slices.SortFunc(d.Slots, func(x, y Slot) int {
			return cmp.Or(cmp.Compare(x.Weekday, y.Weekday), cmp.Compare(x.Start, y.Start), cmp.Compare(x.RoomID, y.RoomID))
		})
		d.Reasons = b.explain(sec)
		res.Decisions = append(res.Decisions, d)
		res.Slots = append(res.Slots, d.Slots...)

		got := len(sec.fixed) + len(sec.placed)
		st.SessionsWanted += sec.want
		st.SessionsAllocated += got
		st.SessionsFixed += len(sec.fixed)
		switch {
		case got >= sec.want:
			st.SectionsFull++
		case got > 0:
			st.SectionsPartial++
		default:
			st.SectionsNone++
		}
	}
	for _, s := range b.outside {
		if s.sec == nil {
			res.Slots = append(res.Slots, s.slot)
		}
	}
	for r := range b.occ {
		for d := range b.occ[r] {
			for _, s := range b.occ[r][d] {
				if s.sec == nil {
					res.Slots = append(res.Slots, s.slot)
				}
			}
		}
	}
	slices.SortFunc(res.Slots, func(x, y Slot) int {
		return cmp.Or(cmp.Compare(x.RoomID, y.RoomID), cmp.Compare(x.Weekday, y.Weekday),
			cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End), cmp.Compare(x.SectionID, y.SectionID))
	})
	return res
}

func bump(counts []int, n int) []int {
	for len(counts) < n {
		counts = append(counts, 0)
	}
	counts[n-1]++
	return counts
}

func (b *board) slotOf(s *session) Slot {
	if s.fixed() {
		return s.slot
	}
	return Slot{SectionID: s.sec.in.ID, RoomID: b.rooms[s.room].ID, Window: Window{s.day, s.start, s.end}}
}

// hhmm writes minutes after midnight as "HH:MM".
func hhmm(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

func (b *board) where(room, day, start, end int) map[string]string {
	return map[string]string{
		"room":    strconv.FormatInt(b.rooms[room].ID, 10),
		"weekday": strconv.Itoa(day),
		"start":   hhmm(start),
		"end":     hhmm(end),
	}
}

// explain says what sec got and, for each session not at first choice and each session not
// given, why nothing better was given, judged from the final board.
func (b *board) explain(sec *section) []Reason {
	var rs []Reason
	for _, ri := range sec.tooSmall {
		rs = append(rs, Reason{ReasonRoomTooSmall, map[string]string{
			"room":      strconv.FormatInt(b.rooms[ri].ID, 10),
			"capacity":  strconv.Itoa(b.rooms[ri].Capacity),
			"attendees": strconv.Itoa(sec.in.Attendees),
		}})
	}
	for _, s := range sec.fixed {
		f := s.slot
		rs = append(rs, Reason{ReasonFixed, map[string]string{
			"room":    strconv.FormatInt(f.RoomID, 10),
			"weekday": strconv.Itoa(f.Weekday),
			"start":   hhmm(f.Start),
			"end":     hhmm(f.End),
		}})
	}
	placed := slices.Clone(sec.placed)
	slices.SortFunc(placed, func(x, y *session) int {
		if c := cmp.Compare(x.day, y.day); c != 0 {
			return c
		}
		return cmp.Compare(x.start, y.start)
	})
	for _, s := range placed {
		o := sec.opts[s.opt]
		args := b.where(s.room, s.day, s.start, s.end)
		if o.prio == 1 && o.rank == 1 {
			rs = append(rs, Reason{ReasonFirstChoice, args})
			continue
		}
		args["wish"] = strconv.Itoa(o.prio)
		args["room_rank"] = strconv.Itoa(o.rank)
		rs = append(rs, Reason{ReasonAllocated, args})
		if why, ok := b.whyNotBetter(sec, s.day, o.cost()); ok {
			rs = append(rs, why)
		}
	}
	missing := sec.need - len(sec.placed)
	if missing <= 0 {
		return rs
	}
	rs = append(rs, Reason{ReasonNotAllocated, map[string]string{"sessions": strconv.Itoa(missing)}})
	switch {
	case sec.minutes < 1:
		rs = append(rs, Reason{Code: ReasonInvalid})
	case !sec.hasRooms:
		rs = append(rs, Reason{Code: ReasonNoRooms})
	case len(sec.pairs) == 0 && !b.anyWish(sec):
		rs = append(rs, Reason{Code: ReasonNoWishes})
	case len(sec.pairs) == 0: // every ranked room too small, said above
		rs = append(rs, Reason{Code: ReasonNoRooms})
	case len(sec.opts) == 0:
		rs = append(rs, Reason{Code: ReasonNoOpenTime})
	default:
		if why, ok := b.whyNotBetter(sec, 0, [2]int{1 << 30, 1 << 30}); ok {
			rs = append(rs, why)
		}
	}
	return rs
}

// anyWish reports whether sec has a wish long enough on a real weekday.
func (b *board) anyWish(sec *section) bool {
	for _, w := range sec.in.Wishes {
		if validDay(w.Weekday) && w.End-w.Start >= sec.minutes {
			return true
		}
	}
	return false
}

// whyNotBetter explains why a session of sec on day (0 for one not given) did not get a pair
// cheaper than cost: the first cheaper pair that was possible is named with who holds it; if
// none was possible, the first cheaper pair whose room is closed then.
func (b *board) whyNotBetter(sec *section, day int, cost [2]int) (Reason, bool) {
	closed := -1
	for pi, p := range sec.pairs {
		if p.prio > cost[0] || p.prio == cost[0] && p.rank >= cost[1] {
			break
		}
		if p.day != day && sec.days&(1<<p.day) != 0 {
			continue // the section uses that weekday for another session
		}
		if len(p.starts) == 0 {
			if closed < 0 {
				closed = pi
			}
			continue
		}
		for _, st := range p.starts {
			if h := justifier(sec, b.blockers(p.room, p.day, st, st+sec.minutes)); h != nil {
				args := b.where(h.room, h.day, h.start, h.end)
				if h.fixed() {
					return Reason{ReasonHeldByHand, args}, true
				}
				args["section"] = strconv.FormatInt(h.sec.in.ID, 10)
				args["organisation"] = strconv.FormatInt(h.sec.in.OrganisationID, 10)
				args["criterion"] = criterion(h.sec.in, sec.in)
				return Reason{ReasonHeldBy, args}, true
			}
		}
	}
	if closed < 0 {
		return Reason{}, false
	}
	p := sec.pairs[closed]
	w := sec.in.Wishes[p.wish]
	return Reason{ReasonRoomClosed, b.where(p.room, w.Weekday, w.Start, w.End)}, true
}

// justifier picks, among the sessions blocking a time for sec, the one that explains it: a
// fixed slot, else the holder first in the priority order, if it comes before sec.
func justifier(sec *section, blockers []*session) *session {
	var best *session
	for _, h := range blockers {
		switch {
		case h.fixed():
			return h
		case h.sec == sec || h.sec.order > sec.order:
			continue
		case best == nil || h.sec.order < best.sec.order:
			best = h
		}
	}
	return best
}

// criterion names what puts holder before other: the index of the first Rank element that
// differs, "applied_at" or "id"; "" when holder does not come first.
func criterion(holder, other *Section) string {
	if before(holder, other) >= 0 {
		return ""
	}
	for i := range min(len(holder.Rank), len(other.Rank)) {
		if holder.Rank[i] != other.Rank[i] {
			return strconv.Itoa(i)
		}
	}
	if len(holder.Rank) != len(other.Rank) {
		return strconv.Itoa(min(len(holder.Rank), len(other.Rank)))
	}
	if !holder.AppliedAt.Equal(other.AppliedAt) {
		return "applied_at"
	}
	return "id"
}
