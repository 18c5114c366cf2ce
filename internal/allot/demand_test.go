package allot_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/allot"
)

func TestDemands(t *testing.T) {
	tue := func(start, end, prio int) allot.Wish {
		return allot.Wish{Window: allot.Window{Weekday: 2, Start: start, End: end}, Priority: prio}
	}
	in := allot.Input{
		Rooms: []allot.Room{
			room(1, 0),
			{ID: 2, Capacity: 20, Open: []allot.Window{{Weekday: 2, Start: hm(8, 0), End: hm(19, 30)}}},
		},
		Sections: []allot.Section{
			wishing(rooms(sec(2, 1), 1, 2), 60, tue(hm(18, 0), hm(20, 0), 1), tue(hm(18, 0), hm(19, 0), 2)),
			wishing(rooms(sec(1, 0), 1), 60, tue(hm(17, 0), hm(19, 0), 1)),
			// Too big for room 2, and room 1 not ranked: wants nothing.
			withAttendees(wishing(rooms(sec(3, 0), 2), 60, tue(hm(17, 0), hm(19, 0), 1)), 30),
			// Room 2 closes before a two-hour session would end.
			wishing(rooms(sec(4, 2), 2), 120, tue(hm(18, 0), hm(20, 0), 1)),
		},
		Fixed: []allot.Slot{slot(9, 1, 2, hm(8, 0), hm(9, 0))},
	}
	w := func(section int64, prio, rank int) allot.Want {
		return allot.Want{SectionID: section, Priority: prio, RoomRank: rank}
	}
	want := []allot.Demand{
		{RoomID: 1, Window: allot.Window{Weekday: 2, Start: hm(17, 0), End: hm(18, 0)}, Wants: []allot.Want{w(1, 1, 1)}},
		{RoomID: 1, Window: allot.Window{Weekday: 2, Start: hm(18, 0), End: hm(19, 0)}, Wants: []allot.Want{w(1, 1, 1), w(2, 1, 1)}},
		{RoomID: 1, Window: allot.Window{Weekday: 2, Start: hm(19, 0), End: hm(20, 0)}, Wants: []allot.Want{w(2, 1, 1)}},
		{RoomID: 2, Window: allot.Window{Weekday: 2, Start: hm(18, 0), End: hm(19, 30)}, Wants: []allot.Want{w(2, 1, 2)}},
	}
	got := allot.Demands(in)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Demands (-want +got):\n%s", diff)
	}
	var clashes []bool
	for _, d := range got {
		clashes = append(clashes, d.Clash())
	}
	if diff := cmp.Diff([]bool{false, true, false, false}, clashes); diff != "" {
		t.Errorf("Clash (-want +got):\n%s", diff)
	}
}

func withAttendees(s allot.Section, n int) allot.Section { s.Attendees = n; return s }
