package allot

import (
	"cmp"
	"slices"
)

// Want is one section's wish for a time in a room.
type Want struct {
	SectionID int64
	Priority  int // the wish's priority (1 = most wanted)
	RoomRank  int // the room's rank among the section's rooms (1 = first)
}

// Demand is what the sections want of one room on one weekday from Start to End: every section
// with a wish covering that time, in a room it ranks, big enough, and open then (for at least a
// session's length). Two or more Wants are a clash.
type Demand struct {
	RoomID int64
	Window
	Wants []Want // in the priority order of the sections
}

// Clash reports whether more than one section wants the time.
func (d Demand) Clash() bool { return len(d.Wants) > 1 }

// Demands lists the demand for every room and weekday of in as the longest times over which the
// same sections want the room, sorted by room (Input order), weekday and start; times nobody
// wants are left out. Fixed slots are not counted: they are allocations, not wishes.
func Demands(in Input) []Demand {
	b := newBoard(&in)
	type edge struct {
		at    int
		open  bool
		order int
		want  Want
	}
	edges := make([][8][]edge, len(b.rooms))
	for _, sec := range b.sections {
		for _, p := range sec.pairs {
			w := sec.in.Wishes[p.wish]
			want := Want{SectionID: sec.in.ID, Priority: p.prio, RoomRank: p.rank}
			for _, o := range b.open[p.room] {
				lo, hi := max(w.Start, o.Start), min(w.End, o.End)
				if o.Weekday != w.Weekday || hi-lo < sec.minutes {
					continue
				}
				edges[p.room][p.day] = append(edges[p.room][p.day],
					edge{lo, true, sec.order, want}, edge{hi, false, sec.order, want})
			}
		}
	}
	var out []Demand
	for ri := range edges {
		for day := 1; day <= 7; day++ {
			es := edges[ri][day]
			slices.SortStableFunc(es, func(x, y edge) int { return cmp.Compare(x.at, y.at) })
			type active struct {
				order int
				want  Want
			}
			var on []active
			for i := 0; i < len(es); {
				at := es[i].at
				for ; i < len(es) && es[i].at == at; i++ {
					e := es[i]
					if e.open {
						on = append(on, active{e.order, e.want})
						continue
					}
					if j := slices.Index(on, active{e.order, e.want}); j >= 0 {
						on = slices.Delete(on, j, j+1)
					}
				}
				if i == len(es) || len(on) == 0 {
					continue
				}
				next := es[i].at
				sorted := slices.Clone(on)
				slices.SortStableFunc(sorted, func(x, y active) int {
					return cmp.Or(cmp.Compare(x.order, y.order), cmp.Compare(x.want.Priority, y.want.Priority))
				})
				// A section wishing the same time twice (two wishes overlapping) counts once, at
				// its best priority.
				wants := make([]Want, 0, len(sorted))
				for k, a := range sorted {
					if k == 0 || sorted[k-1].order != a.order {
						wants = append(wants, a.want)
					}
				}
				d := Demand{RoomID: b.rooms[ri].ID, Window: Window{day, at, next}, Wants: wants}
				if n := len(out); n > 0 && out[n-1].RoomID == d.RoomID && out[n-1].Weekday == day &&
					out[n-1].End == at && slices.Equal(out[n-1].Wants, wants) {
					out[n-1].End = next
					continue
				}
				out = append(out, d)
			}
		}
	}
	return out
}
