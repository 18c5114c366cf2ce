package allot_test

import (
	"math/rand/v2"
	"time"

	"github.com/borasstad/lokalbanken/internal/allot"
)

// generate makes a seeded round: rooms in areas of ten (some areas more wanted than
// others), open weekday evenings 16–22 (every third room from 08:00) and weekends 09–17 (every
// fifth room closed on Sundays); applications of one to three sections, each ranking up to three
// rooms of one area and wishing evening (sometimes weekend) times, some exactly as long as the
// session, some with room to move. Rank is {group, not last term's holder}: group 0 children
// and youth, 1 Compact signatories, 2 others.
func generate(seed uint64, applications, rooms int) allot.Input {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	in := allot.Input{}
	capacities := []int{0, 12, 25, 40, 80, 0}
	for i := range rooms {
		room := allot.Room{ID: int64(i + 1), Capacity: capacities[r.IntN(len(capacities))]}
		for d := 1; d <= 5; d++ {
			start := 16 * 60
			if i%3 == 0 {
				start = 8 * 60
			}
			if i%7 == 1 {
				// The same hours as two windows that touch, as opening hours may come.
				room.Open = append(room.Open, allot.Window{Weekday: d, Start: 19 * 60, End: 22 * 60}, allot.Window{Weekday: d, Start: start, End: 19 * 60})
				continue
			}
			room.Open = append(room.Open, allot.Window{Weekday: d, Start: start, End: 22 * 60})
		}
		room.Open = append(room.Open, allot.Window{Weekday: 6, Start: 9 * 60, End: 17 * 60})
		if i%5 != 0 {
			room.Open = append(room.Open, allot.Window{Weekday: 7, Start: 9 * 60, End: 17 * 60})
		}
		in.Rooms = append(in.Rooms, room)
	}
	areas := max((rooms+9)/10, 1)
	t0 := time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)
	var id int64
	for a := range applications {
		// Half the applications pick any area, half lean to the first ones (area k about
		// twice as often as area k+1).
		area := r.IntN(areas)
		if r.IntN(2) == 0 {
			area = 0
			for area < areas-1 && r.IntN(2) == 0 {
				area++
			}
		}
		lo, hi := area*10, min(area*10+10, rooms)
		group := []int{0, 0, 1, 1, 2}[r.IntN(5)]
		holder := r.IntN(4)
		if holder > 0 {
			holder = 1
		}
		applied := t0.Add(time.Duration(r.IntN(30*24*60)) * time.Minute)
		nsec := []int{1, 1, 1, 2, 2, 3}[r.IntN(6)]
		for range nsec {
			id++
			s := allot.Section{
				ID: id, ApplicationID: int64(a + 1), OrganisationID: int64(1000 + a),
				Rank: []int{group, holder}, AppliedAt: applied,
				Attendees:         5 + r.IntN(56),
				SessionsPerWeek:   []int{1, 1, 1, 2, 2, 3}[r.IntN(6)],
				MinutesPerSession: []int{60, 90, 90, 120}[r.IntN(4)],
			}
			for range 1 + r.IntN(3) {
				s.Rooms = append(s.Rooms, int64(lo+r.IntN(hi-lo)+1))
			}
			for w := range s.SessionsPerWeek + 1 + r.IntN(2) {
				day := 1 + r.IntN(5)
				start := 16*60 + 30*r.IntN(9)
				if r.IntN(7) == 0 {
					day = 6 + r.IntN(2)
					start = 9*60 + 30*r.IntN(12)
				}
				slack := []int{0, 0, 30, 60, 120}[r.IntN(5)]
				end := min(start+s.MinutesPerSession+slack, 22*60)
				s.Wishes = append(s.Wishes, allot.Wish{Window: allot.Window{Weekday: day, Start: start, End: end}, Priority: 1 + w/max(s.SessionsPerWeek, 1)})
			}
			in.Sections = append(in.Sections, s)
		}
	}
	return in
}

// withFixed adds up to n hand-made slots: for sections of the input and for one not in it.
func withFixed(in allot.Input, seed uint64, n int) allot.Input {
	r := rand.New(rand.NewPCG(seed, 7))
	for range n {
		if len(in.Rooms) == 0 {
			break
		}
		sid := int64(999999)
		if len(in.Sections) > 0 && r.IntN(3) > 0 {
			sid = in.Sections[r.IntN(len(in.Sections))].ID
		}
		start := 16*60 + 15*r.IntN(20)
		in.Fixed = append(in.Fixed, allot.Slot{
			SectionID: sid, RoomID: in.Rooms[r.IntN(len(in.Rooms))].ID,
			Window: allot.Window{Weekday: 1 + r.IntN(7), Start: start, End: start + 60 + 30*r.IntN(3)},
		})
	}
	return in
}
