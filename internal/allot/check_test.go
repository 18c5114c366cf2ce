package allot_test

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/borasstad/lokalbanken/internal/allot"
)

// checkResult checks a Result against the rules of the package doc, written again here from
// the rules (not from the code): every slot inside a wish, its room's opening hours and the
// step rule, of the right length, in a room of the section that is big enough; no overlap in
// a room (except between two hand-made slots); distinct weekdays; no more than wanted; every
// fixed slot kept; slots sorted and the same as the decisions'; and priority: no section has a
// cheaper option that is free or held only by sections after it in the priority order.
func checkResult(t *testing.T, in allot.Input, res allot.Result) {
	t.Helper()
	for _, p := range violations(in, res) {
		t.Error(p)
	}
}

type placed struct {
	allot.Slot
	fixed bool
	cost  [2]int // for slots not fixed: the cheapest (wish priority, room rank) containing it
}

func violations(in allot.Input, res allot.Result) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	step := in.Step
	if step <= 0 {
		step = 15
	}
	rooms := map[int64]allot.Room{}
	for _, r := range in.Rooms {
		if _, ok := rooms[r.ID]; !ok {
			rooms[r.ID] = r
		}
	}
	sections := map[int64]allot.Section{}
	for _, s := range in.Sections {
		sections[s.ID] = s
	}

	// Fixed slots are kept, each as many times as given.
	fixedLeft := map[allot.Slot]int{}
	for _, f := range in.Fixed {
		fixedLeft[f]++
	}
	if !slices.IsSortedFunc(res.Slots, func(x, y allot.Slot) int {
		return cmp.Or(cmp.Compare(x.RoomID, y.RoomID), cmp.Compare(x.Weekday, y.Weekday), cmp.Compare(x.Start, y.Start))
	}) {
		bad("slots not sorted by room, weekday, start")
	}
	var all []placed
	for _, s := range res.Slots {
		if fixedLeft[s] > 0 {
			fixedLeft[s]--
			all = append(all, placed{Slot: s, fixed: true})
			continue
		}
		all = append(all, placed{Slot: s})
	}
	for f, n := range fixedLeft {
		if n > 0 {
			bad("fixed slot %+v lost", f)
		}
	}
	var fromDecisions []allot.Slot
	seen := map[int64]bool{}
	for _, d := range res.Decisions {
		if seen[d.SectionID] {
			bad("two decisions for section %d", d.SectionID)
		}
		seen[d.SectionID] = true
		fromDecisions = append(fromDecisions, d.Slots...)
		if len(d.Reasons) == 0 {
			bad("section %d: decision without reasons", d.SectionID)
		}
	}
	for _, s := range in.Sections {
		if !seen[s.ID] {
			bad("section %d: no decision", s.ID)
		}
	}
	for _, s := range res.Slots {
		if _, ok := sections[s.SectionID]; ok {
			if i := slices.Index(fromDecisions, s); i >= 0 {
				fromDecisions = slices.Delete(fromDecisions, i, i+1)
			} else {
				bad("slot %+v not in its section's decision", s)
			}
		}
	}
	if len(fromDecisions) > 0 {
		bad("decisions hold slots not in Result.Slots: %+v", fromDecisions)
	}

	// Each slot where it may be.
	for i := range all {
		p := &all[i]
		if p.fixed {
			continue
		}
		s, ok := sections[p.SectionID]
		if !ok {
			bad("slot %+v of no section", p.Slot)
			continue
		}
		if p.End-p.Start != s.MinutesPerSession {
			bad("slot %+v is not %d minutes long", p.Slot, s.MinutesPerSession)
		}
		p.cost = [2]int{1 << 30, 1 << 30}
		for _, o := range options(s, in.Rooms, step) {
			if o.RoomID == p.RoomID && o.Weekday == p.Weekday && o.Start == p.Start && cheaper(o.cost, p.cost) {
				p.cost = o.cost
			}
		}
		if p.cost[0] == 1<<30 {
			bad("slot %+v is not inside a wish, its room's opening hours and the step rule, in a ranked room big enough", p.Slot)
		}
	}

	// No overlap in a room; distinct weekdays in a section; not more than wanted.
	byRoomDay := map[[2]int64][]placed{}
	bySection := map[int64][]placed{}
	for _, p := range all {
		k := [2]int64{p.RoomID, int64(p.Weekday)}
		for _, q := range byRoomDay[k] {
			if q.Start < p.End && p.Start < q.End && !(p.fixed && q.fixed) {
				bad("overlap in room %d: %+v and %+v", p.RoomID, q.Slot, p.Slot)
			}
		}
		byRoomDay[k] = append(byRoomDay[k], p)
		for _, q := range bySection[p.SectionID] {
			if q.Weekday == p.Weekday && !(p.fixed && q.fixed) {
				bad("section %d twice on weekday %d: %+v and %+v", p.SectionID, p.Weekday, q.Slot, p.Slot)
			}
		}
		bySection[p.SectionID] = append(bySection[p.SectionID], p)
	}
	for _, s := range in.Sections {
		got, fixed := 0, 0
		for _, p := range bySection[s.ID] {
			got++
			if p.fixed {
				fixed++
			}
		}
		if got > max(wanted(s), fixed) {
			bad("section %d got %d sessions, wants %d", s.ID, got, wanted(s))
		}
	}

	// Priority: for every section H and every option o of H cheaper than what H has (or any
	// option, for a session H did not get), o must be held by a hand-made slot or by a section
	// not after H.
	for _, h := range in.Sections {
		mine := bySection[h.ID]
		days := map[int]bool{}
		for _, p := range mine {
			days[p.Weekday] = true
		}
		short := len(mine) < wanted(h)
		for _, o := range options(h, in.Rooms, step) {
			// Which of H's own slots would o replace, if any.
			var replace *placed
			wants := false
			for i := range mine {
				p := &mine[i]
				if p.fixed || !cheaper(o.cost, p.cost) {
					continue
				}
				if p.Weekday == o.Weekday || !days[o.Weekday] {
					wants, replace = true, p
					if p.Weekday == o.Weekday {
						break
					}
				}
			}
			if !wants && short && !days[o.Weekday] {
				wants = true
			}
			if !wants {
				continue
			}
			held := false
			var lower []allot.Slot
			for _, q := range byRoomDay[[2]int64{o.RoomID, int64(o.Weekday)}] {
				if replace != nil && q.Slot == replace.Slot {
					continue
				}
				if q.Start >= o.End || o.Start >= q.End {
					continue
				}
				qs, ok := sections[q.SectionID]
				if q.fixed || !ok || q.SectionID == h.ID || priority(qs, h) < 0 {
					held = true
					break
				}
				lower = append(lower, q.Slot)
			}
			if !held {
				bad("priority: section %d could have %+v (cost %v; has %d of %d) but it is free or held only by later sections %+v", h.ID, o.Slot, o.cost, len(mine), wanted(h), lower)
			}
		}
	}
	return out
}

func wanted(s allot.Section) int { return min(max(s.SessionsPerWeek, 1), 7) }

func cheaper(a, b [2]int) bool { return a[0] < b[0] || a[0] == b[0] && a[1] < b[1] }

func priority(x, y allot.Section) int {
	return cmp.Or(slices.Compare(x.Rank, y.Rank), x.AppliedAt.Compare(y.AppliedAt), cmp.Compare(x.ID, y.ID))
}

type opt struct {
	allot.Slot
	cost [2]int
}

// options lists every place a session of s may go, by the rules: a ranked room (all rooms in
// input order when none is ranked) big enough, inside a wish and an opening window, starting at
// the overlap's start, on the step grid, or at the overlap's last start.
func options(s allot.Section, rooms []allot.Room, step int) []opt {
	var ranked []allot.Room
	if len(s.Rooms) == 0 {
		ranked = rooms
	}
	for _, id := range s.Rooms {
		for _, r := range rooms {
			if r.ID == id {
				ranked = append(ranked, r)
				break
			}
		}
	}
	var out []opt
	rank := 0
	done := map[int64]bool{}
	for _, r := range ranked {
		if done[r.ID] {
			continue
		}
		done[r.ID] = true
		rank++
		if r.Capacity > 0 && s.Attendees > r.Capacity || s.MinutesPerSession < 1 {
			continue
		}
		for _, w := range s.Wishes {
			for _, o := range openRuns(r.Open) {
				if o.Weekday != w.Weekday || w.Weekday < 1 || w.Weekday > 7 {
					continue
				}
				lo, hi := max(w.Start, o.Start), min(w.End, o.End)-s.MinutesPerSession
				for st := lo; st <= hi; st++ {
					if st == lo || st == hi || st%step == 0 {
						out = append(out, opt{
							Slot: allot.Slot{SectionID: s.ID, RoomID: r.ID, Window: allot.Window{Weekday: w.Weekday, Start: st, End: st + s.MinutesPerSession}},
							cost: [2]int{max(w.Priority, 1), rank},
						})
					}
				}
			}
		}
	}
	return out
}

// openRuns returns the minutes a room is open as maximal runs per weekday, found minute by
// minute (the package joins windows that overlap or touch; this is the same rule, reached
// another way).
func openRuns(ws []allot.Window) []allot.Window {
	var out []allot.Window
	for d := 1; d <= 7; d++ {
		var open [24*60 + 1]bool
		for _, w := range ws {
			if w.Weekday != d {
				continue
			}
			for m := max(w.Start, 0); m < min(w.End, 24*60); m++ {
				open[m] = true
			}
		}
		for m := 0; m < 24*60; m++ {
			if open[m] && (m == 0 || !open[m-1]) {
				e := m
				for open[e] {
					e++
				}
				out = append(out, allot.Window{Weekday: d, Start: m, End: e})
			}
		}
	}
	return out
}
