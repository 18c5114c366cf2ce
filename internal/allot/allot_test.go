package allot_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/borasstad/lokalbanken/internal/allot"
)

// algorithms are run by every hand-made case: both must give the known answer.
var algorithms = []struct {
	name string
	run  func(allot.Input) allot.Result
}{
	{"Greedy", allot.Greedy},
	{"Match", allot.Match},
	{"Propose", allot.Propose},
}

func hm(h, m int) int { return h*60 + m }

// weekly opening hours: every day 08:00–22:00.
func allWeek() []allot.Window {
	var ws []allot.Window
	for d := 1; d <= 7; d++ {
		ws = append(ws, allot.Window{Weekday: d, Start: hm(8, 0), End: hm(22, 0)})
	}
	return ws
}

func room(id int64, capacity int) allot.Room {
	return allot.Room{ID: id, Capacity: capacity, Open: allWeek()}
}

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// sec is a section of one session of two hours wishing Tuesday 18–20 in rooms 1 then 2.
func sec(id int64, rank ...int) allot.Section {
	return allot.Section{
		ID: id, ApplicationID: id * 10, OrganisationID: id * 100,
		Rank: rank, AppliedAt: t0, Attendees: 10, SessionsPerWeek: 1, MinutesPerSession: 120,
		Rooms:  []int64{1, 2},
		Wishes: []allot.Wish{{Window: allot.Window{Weekday: 2, Start: hm(18, 0), End: hm(20, 0)}, Priority: 1}},
	}
}

func slot(section, room int64, day, start, end int) allot.Slot {
	return allot.Slot{SectionID: section, RoomID: room, Window: allot.Window{Weekday: day, Start: start, End: end}}
}

func decision(t *testing.T, r allot.Result, section int64) allot.Decision {
	t.Helper()
	for _, d := range r.Decisions {
		if d.SectionID == section {
			return d
		}
	}
	t.Fatalf("no decision for section %d", section)
	return allot.Decision{}
}

func codes(d allot.Decision) []string {
	var cs []string
	for _, r := range d.Reasons {
		cs = append(cs, r.Code)
	}
	return cs
}

func order(r allot.Result) []int64 {
	var ids []int64
	for _, d := range r.Decisions {
		ids = append(ids, d.SectionID)
	}
	return ids
}

func TestPropose(t *testing.T) {
	tue1820 := func(s, r int64) allot.Slot { return slot(s, r, 2, hm(18, 0), hm(20, 0)) }
	later := t0.Add(time.Hour)
	tests := []struct {
		name      string
		in        allot.Input
		wantSlots []allot.Slot
		wantOrder []int64
		// wantCodes per section id; wantArgs: for section id, reason index, the args.
		wantCodes map[int64][]string
		wantArgs  map[int64]map[int]map[string]string
	}{{
		name:      "OK first choice",
		in:        allot.Input{Rooms: []allot.Room{room(1, 0), room(2, 0)}, Sections: []allot.Section{sec(7, 0)}},
		wantSlots: []allot.Slot{tue1820(7, 1)},
		wantCodes: map[int64][]string{7: {"first_choice"}},
		wantArgs:  map[int64]map[int]map[string]string{7: {0: {"room": "1", "weekday": "2", "start": "18:00", "end": "20:00"}}},
	}, {
		name: "priority beats application time",
		in: allot.Input{Rooms: []allot.Room{room(1, 0), room(2, 0)}, Sections: []allot.Section{
			sec(1, 2),                     // others, applied first
			withApplied(sec(2, 0), later), // children and youth, applied later
		}},
		wantSlots: []allot.Slot{tue1820(2, 1), tue1820(1, 2)},
		wantOrder: []int64{2, 1},
		wantCodes: map[int64][]string{2: {"first_choice"}, 1: {"allocated", "held_by"}},
		wantArgs: map[int64]map[int]map[string]string{1: {
			0: {"room": "2", "weekday": "2", "start": "18:00", "end": "20:00", "wish": "1", "room_rank": "2"},
			1: {"room": "1", "weekday": "2", "start": "18:00", "end": "20:00", "section": "2", "organisation": "200", "criterion": "0"},
		}},
	}, {
		name: "second criterion of the rank",
		in: allot.Input{Rooms: []allot.Room{room(1, 0)}, Sections: []allot.Section{
			sec(1, 1, 5), sec(2, 1, 3),
		}},
		wantSlots: []allot.Slot{tue1820(2, 1)},
		wantCodes: map[int64][]string{2: {"first_choice"}, 1: {"not_allocated", "held_by"}},
		wantArgs:  map[int64]map[int]map[string]string{1: {0: {"sessions": "1"}, 1: {"section": "2", "criterion": "1", "room": "1", "weekday": "2", "start": "18:00", "end": "20:00", "organisation": "200"}}},
	}, {
		name: "tie by application time",
		in: allot.Input{Rooms: []allot.Room{room(1, 0)}, Sections: []allot.Section{
			withApplied(sec(1, 1), later), sec(2, 1),
		}},
		wantSlots: []allot.Slot{tue1820(2, 1)},
		wantOrder: []int64{2, 1},
		wantArgs:  map[int64]map[int]map[string]string{1: {1: {"section": "2", "criterion": "applied_at", "room": "1", "weekday": "2", "start": "18:00", "end": "20:00", "organisation": "200"}}},
	}, {
		name: "tie by id",
		in: allot.Input{Rooms: []allot.Room{room(1, 0)}, Sections: []allot.Section{
			sec(9, 1), sec(3, 1),
		}},
		wantSlots: []allot.Slot{tue1820(3, 1)},
		wantOrder: []int64{3, 9},
		wantArgs:  map[int64]map[int]map[string]string{9: {1: {"section": "3", "criterion": "id", "room": "1", "weekday": "2", "start": "18:00", "end": "20:00", "organisation": "300"}}},
	}, {
		name: "fixed slot kept and placed around",
		in: allot.Input{
			Rooms:    []allot.Room{room(1, 0), room(2, 0)},
			Sections: []allot.Section{sec(1, 0), sec(2, 9)},
			Fixed:    []allot.Slot{slot(2, 1, 2, hm(17, 0), hm(19, 0))},
		},
		// Section 2 is last in priority but holds room 1 by hand; it wants nothing more.
		wantSlots: []allot.Slot{slot(2, 1, 2, hm(17, 0), hm(19, 0)), tue1820(1, 2)},
		wantCodes: map[int64][]string{1: {"allocated", "held_by_hand"}, 2: {"fixed"}},
		wantArgs:  map[int64]map[int]map[string]string{1: {1: {"room": "1", "weekday": "2", "start": "17:00", "end": "19:00"}}},
	}, {
		name: "fixed slot of a section not applying",
		in: allot.Input{
			Rooms:    []allot.Room{room(1, 0)},
			Sections: []allot.Section{sec(1, 0)},
			Fixed:    []allot.Slot{slot(99, 1, 2, hm(19, 0), hm(21, 0))},
		},
		wantSlots: []allot.Slot{slot(99, 1, 2, hm(19, 0), hm(21, 0))},
		wantCodes: map[int64][]string{1: {"not_allocated", "held_by_hand"}},
	}, {
		name: "capacity",
		in: allot.Input{Rooms: []allot.Room{room(1, 5), room(2, 0)}, Sections: []allot.Section{
			sec(1, 0),
		}},
		wantSlots: []allot.Slot{tue1820(1, 2)},
		wantCodes: map[int64][]string{1: {"room_too_small", "allocated"}},
		wantArgs:  map[int64]map[int]map[string]string{1: {0: {"room": "1", "capacity": "5", "attendees": "10"}}},
	}, {
		name: "room closed",
		in: allot.Input{Rooms: []allot.Room{
			{ID: 1, Open: []allot.Window{{Weekday: 2, Start: hm(8, 0), End: hm(19, 0)}}}, room(2, 0),
		}, Sections: []allot.Section{sec(1, 0)}},
		wantSlots: []allot.Slot{tue1820(1, 2)},
		wantCodes: map[int64][]string{1: {"allocated", "room_closed"}},
		wantArgs:  map[int64]map[int]map[string]string{1: {1: {"room": "1", "weekday": "2", "start": "18:00", "end": "20:00"}}},
	}, {
		name: "inside the wish and the opening hours, on the step",
		in: allot.Input{
			Rooms: []allot.Room{{ID: 1, Open: []allot.Window{{Weekday: 3, Start: hm(17, 50), End: hm(22, 0)}}}},
			Sections: []allot.Section{
				wishing(sec(1, 0), 60, allot.Wish{Window: allot.Window{Weekday: 3, Start: hm(17, 0), End: hm(21, 0)}, Priority: 1}),
				wishing(sec(2, 1), 60, allot.Wish{Window: allot.Window{Weekday: 3, Start: hm(17, 0), End: hm(21, 0)}, Priority: 1}),
				wishing(sec(3, 2), 60, allot.Wish{Window: allot.Window{Weekday: 3, Start: hm(17, 0), End: hm(21, 0)}, Priority: 1}),
				wishing(sec(4, 3), 60, allot.Wish{Window: allot.Window{Weekday: 3, Start: hm(17, 0), End: hm(21, 0)}, Priority: 1}),
			},
			Step: 30,
		},
		// 17:50 (the overlap's start), then the 30-minute grid: 19:00, then the wish's last
		// start 20:00; 18:50–19:00 is too short for the fourth.
		wantSlots: []allot.Slot{
			slot(1, 1, 3, hm(17, 50), hm(18, 50)),
			slot(2, 1, 3, hm(19, 0), hm(20, 0)),
			slot(3, 1, 3, hm(20, 0), hm(21, 0)),
		},
		wantCodes: map[int64][]string{4: {"not_allocated", "held_by"}},
	}, {
		name: "opening hours in touching and overlapping windows",
		in: allot.Input{
			Rooms: []allot.Room{{ID: 1, Open: []allot.Window{
				{Weekday: 3, Start: hm(12, 0), End: hm(16, 0)},
				{Weekday: 3, Start: hm(8, 0), End: hm(12, 0)},
				{Weekday: 3, Start: hm(15, 0), End: hm(17, 0)},
			}}},
			Sections: []allot.Section{
				wishing(sec(1, 0), 90, allot.Wish{Window: allot.Window{Weekday: 3, Start: hm(11, 30), End: hm(13, 0)}, Priority: 1}),
				wishing(sec(2, 1), 90, allot.Wish{Window: allot.Window{Weekday: 3, Start: hm(15, 30), End: hm(17, 0)}, Priority: 1}),
			},
		},
		wantSlots: []allot.Slot{slot(1, 1, 3, hm(11, 30), hm(13, 0)), slot(2, 1, 3, hm(15, 30), hm(17, 0))},
	}, {
		name: "sessions on distinct weekdays",
		in: allot.Input{Rooms: []allot.Room{room(1, 0)}, Sections: []allot.Section{
			wishing(sessions(sec(1, 0), 2), 60,
				allot.Wish{Window: allot.Window{Weekday: 2, Start: hm(17, 0), End: hm(18, 0)}, Priority: 1},
				allot.Wish{Window: allot.Window{Weekday: 2, Start: hm(18, 0), End: hm(19, 0)}, Priority: 1},
				allot.Wish{Window: allot.Window{Weekday: 4, Start: hm(17, 0), End: hm(18, 0)}, Priority: 2},
			),
		}},
		wantSlots: []allot.Slot{slot(1, 1, 2, hm(17, 0), hm(18, 0)), slot(1, 1, 4, hm(17, 0), hm(18, 0))},
		wantCodes: map[int64][]string{1: {"first_choice", "allocated"}},
	}, {
		name: "wish priority before room rank",
		in: allot.Input{Rooms: []allot.Room{room(1, 0), room(2, 0)}, Sections: []allot.Section{
			sec(1, 0),
			wishing(sec(2, 1), 120,
				allot.Wish{Window: allot.Window{Weekday: 2, Start: hm(18, 0), End: hm(20, 0)}, Priority: 1},
				allot.Wish{Window: allot.Window{Weekday: 5, Start: hm(18, 0), End: hm(20, 0)}, Priority: 2},
			),
		}},
		wantSlots: []allot.Slot{tue1820(1, 1), tue1820(2, 2)},
	}, {
		name: "nothing usable",
		in: allot.Input{Rooms: []allot.Room{room(1, 5)}, Sections: []allot.Section{
			wishing(sec(1, 0), 120),
			sec(2, 0),
			wishing(sec(3, 0), 0, allot.Wish{Window: allot.Window{Weekday: 2, Start: hm(18, 0), End: hm(20, 0)}, Priority: 1}),
			rooms(sec(4, 0), 77),
		}},
		wantCodes: map[int64][]string{
			1: {"room_too_small", "not_allocated", "no_wishes"},
			2: {"room_too_small", "not_allocated", "no_rooms"},
			3: {"not_allocated", "invalid"},
			4: {"not_allocated", "no_rooms"},
		},
	}, {
		name: "no open time",
		in:   allot.Input{Rooms: []allot.Room{{ID: 1}}, Sections: []allot.Section{sec(1, 0)}},
		wantCodes: map[int64][]string{
			1: {"not_allocated", "no_open_time"},
		},
	}}
	for _, alg := range algorithms {
		for _, tt := range tests {
			t.Run(alg.name+"/"+tt.name, func(t *testing.T) {
				got := alg.run(tt.in)
				if diff := cmp.Diff(tt.wantSlots, got.Slots, sortedSlots()); diff != "" {
					t.Errorf("slots (-want +got):\n%s", diff)
				}
				if tt.wantOrder != nil {
					if diff := cmp.Diff(tt.wantOrder, order(got)); diff != "" {
						t.Errorf("order (-want +got):\n%s", diff)
					}
				}
				for id, want := range tt.wantCodes {
					if diff := cmp.Diff(want, codes(decision(t, got, id))); diff != "" {
						t.Errorf("section %d reasons (-want +got):\n%s", id, diff)
					}
				}
				for id, byIndex := range tt.wantArgs {
					d := decision(t, got, id)
					for i, want := range byIndex {
						if i >= len(d.Reasons) {
							t.Errorf("section %d has %d reasons, want #%d", id, len(d.Reasons), i)
							continue
						}
						if diff := cmp.Diff(want, d.Reasons[i].Args); diff != "" {
							t.Errorf("section %d reason %d (%s) args (-want +got):\n%s", id, i, d.Reasons[i].Code, diff)
						}
					}
				}
				checkResult(t, tt.in, got)
			})
		}
	}
}

// sortedSlots keeps nil and empty equal; Result.Slots are already sorted.
func sortedSlots() cmp.Option { return cmpopts.EquateEmpty() }

func withApplied(s allot.Section, at time.Time) allot.Section { s.AppliedAt = at; return s }
func sessions(s allot.Section, n int) allot.Section           { s.SessionsPerWeek = n; return s }
func rooms(s allot.Section, ids ...int64) allot.Section       { s.Rooms = ids; return s }

func wishing(s allot.Section, minutes int, ws ...allot.Wish) allot.Section {
	s.MinutesPerSession = minutes
	s.Wishes = ws
	return s
}

func TestStats(t *testing.T) {
	in := allot.Input{
		Rooms: []allot.Room{room(1, 0), room(2, 0)},
		Sections: []allot.Section{
			sec(1, 0), sec(2, 1), sec(3, 2),
			wishing(sessions(sec(4, 3), 2), 60, allot.Wish{Window: allot.Window{Weekday: 1, Start: hm(9, 0), End: hm(10, 0)}, Priority: 3}),
		},
		Fixed: []allot.Slot{slot(4, 2, 5, hm(9, 0), hm(10, 0))},
	}
	for _, alg := range algorithms {
		t.Run(alg.name, func(t *testing.T) {
			got := alg.run(in).Stats
			got.Algorithm = ""
			want := allot.Stats{
				Sections: 4, SectionsFull: 3, SectionsNone: 1,
				SessionsWanted: 5, SessionsAllocated: 4, SessionsFixed: 1,
				ByWishPriority: []int{2, 0, 1}, ByRoomRank: []int{2, 1}, FirstChoice: 1,
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("stats (-want +got):\n%s", diff)
			}
			if w := got.WishesMet(); w != 0.8 {
				t.Errorf("WishesMet = %v, want 0.8", w)
			}
		})
	}
}

// TestMatch: cases Greedy gets wrong (or less well) and Match must get right, and one where
// Match must not rearrange because a later section would take what an earlier one wanted.
func TestMatch(t *testing.T) {
	tue := func(start, end int) allot.Wish {
		return allot.Wish{Window: allot.Window{Weekday: 2, Start: start, End: end}, Priority: 1}
	}
	day := func(d, prio int) allot.Wish {
		return allot.Wish{Window: allot.Window{Weekday: d, Start: hm(17, 0), End: hm(18, 0)}, Priority: prio}
	}
	one := []allot.Room{room(1, 0)}
	tests := []struct {
		name          string
		in            allot.Input
		greedy, match []allot.Slot
	}{{
		name: "shift within a wish",
		in: allot.Input{Rooms: one, Sections: []allot.Section{
			wishing(rooms(sec(1, 0), 1), 60, tue(hm(17, 0), hm(19, 0))),
			wishing(rooms(sec(2, 1), 1), 60, tue(hm(17, 0), hm(18, 0))),
		}},
		greedy: []allot.Slot{slot(1, 1, 2, hm(17, 0), hm(18, 0))},
		match:  []allot.Slot{slot(2, 1, 2, hm(17, 0), hm(18, 0)), slot(1, 1, 2, hm(18, 0), hm(19, 0))},
	}, {
		name: "another weekday of the same priority",
		in: allot.Input{Rooms: one, Sections: []allot.Section{
			wishing(sessions(rooms(sec(1, 0), 1), 2), 60, day(2, 1), day(3, 1), day(4, 1)),
			wishing(rooms(sec(2, 1), 1), 60, day(2, 1)),
		}},
		greedy: []allot.Slot{slot(1, 1, 2, hm(17, 0), hm(18, 0)), slot(1, 1, 3, hm(17, 0), hm(18, 0))},
		match:  []allot.Slot{slot(2, 1, 2, hm(17, 0), hm(18, 0)), slot(1, 1, 3, hm(17, 0), hm(18, 0)), slot(1, 1, 4, hm(17, 0), hm(18, 0))},
	}, {
		name: "a path two moves long",
		in: allot.Input{Rooms: []allot.Room{room(1, 0), room(2, 0)}, Sections: []allot.Section{
			wishing(rooms(sec(1, 0), 1), 60, tue(hm(17, 0), hm(19, 0))),
			wishing(rooms(sec(2, 1), 1), 60, tue(hm(18, 0), hm(20, 0))),
			wishing(rooms(sec(3, 2), 1), 60, tue(hm(17, 0), hm(18, 0))),
		}},
		// Greedy: 1 at 17, 2 at 18, 3 nothing. Match: 2 to 19, 1 to 18, 3 at 17.
		greedy: []allot.Slot{slot(1, 1, 2, hm(17, 0), hm(18, 0)), slot(2, 1, 2, hm(18, 0), hm(19, 0))},
		match:  []allot.Slot{slot(3, 1, 2, hm(17, 0), hm(18, 0)), slot(1, 1, 2, hm(18, 0), hm(19, 0)), slot(2, 1, 2, hm(19, 0), hm(20, 0))},
	}, {
		name: "no rearranging for a later section that an earlier one wanted",
		in: allot.Input{Rooms: one, Sections: []allot.Section{
			wishing(rooms(sec(1, 0), 1), 60, tue(hm(17, 0), hm(19, 0))),
			wishing(rooms(sec(2, 1), 1), 60, tue(hm(17, 0), hm(18, 0)), allot.Wish{Window: allot.Window{Weekday: 3, Start: hm(17, 0), End: hm(18, 0)}, Priority: 2}),
			wishing(rooms(sec(3, 2), 1), 60, tue(hm(17, 0), hm(18, 0))),
		}},
		// Moving 1 to 18:00 would free Tuesday 17:00 for 3, but 2 wants it more (its first wish).
		greedy: []allot.Slot{slot(1, 1, 2, hm(17, 0), hm(18, 0)), slot(2, 1, 3, hm(17, 0), hm(18, 0))},
		match:  []allot.Slot{slot(1, 1, 2, hm(17, 0), hm(18, 0)), slot(2, 1, 3, hm(17, 0), hm(18, 0))},
	}, {
		name: "fixed slots do not move",
		in: allot.Input{
			Rooms:    one,
			Sections: []allot.Section{wishing(rooms(sec(2, 1), 1), 60, tue(hm(17, 0), hm(18, 0)))},
			Fixed:    []allot.Slot{slot(1, 1, 2, hm(17, 0), hm(18, 0))},
		},
		greedy: []allot.Slot{slot(1, 1, 2, hm(17, 0), hm(18, 0))},
		match:  []allot.Slot{slot(1, 1, 2, hm(17, 0), hm(18, 0))},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, run := range []struct {
				name string
				got  allot.Result
				want []allot.Slot
			}{{"Greedy", allot.Greedy(tt.in), tt.greedy}, {"Match", allot.Match(tt.in), tt.match}, {"Propose", allot.Propose(tt.in), tt.match}} {
				if diff := cmp.Diff(run.want, run.got.Slots, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s slots (-want +got):\n%s", run.name, diff)
				}
				checkResult(t, tt.in, run.got)
			}
		})
	}
}
