package allot_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/allot"
)

// FuzzPropose checks the rules (checkResult) on generated rounds, and that the result (and
// Demands) does not depend on the order of the sections or fixed slots, nor on the run.
func FuzzPropose(f *testing.F) {
	for seed := range uint64(20) {
		f.Add(seed, uint8(seed*7), uint8(seed), uint8(seed%5), uint8(seed%4))
	}
	f.Fuzz(func(t *testing.T, seed uint64, apps, rooms, step, fixed uint8) {
		in := generate(seed, int(apps%40)+1, int(rooms%8)+1)
		in.Step = []int{0, 5, 15, 30, 60}[step%5]
		in = withFixed(in, seed, int(fixed%4))
		if d, shuffled := allot.Demands(in), allot.Demands(shuffle(in, seed)); !cmp.Equal(d, shuffled) {
			t.Errorf("Demands: the input's order changes the result:\n%s", cmp.Diff(d, shuffled))
		}
		for _, alg := range algorithms {
			got := alg.run(in)
			for _, v := range violations(in, got) {
				t.Errorf("%s: %s", alg.name, v)
			}
			if again := alg.run(in); !cmp.Equal(got, again) {
				t.Errorf("%s: two runs differ:\n%s", alg.name, cmp.Diff(got, again))
			}
			if shuffled := alg.run(shuffle(in, seed)); !cmp.Equal(got, shuffled) {
				t.Errorf("%s: the input's order changes the result:\n%s", alg.name, cmp.Diff(got, shuffled))
			}
		}
	})
}

func shuffle(in allot.Input, seed uint64) allot.Input {
	r := rand.New(rand.NewPCG(seed, 3))
	in.Sections = slices.Clone(in.Sections)
	in.Fixed = slices.Clone(in.Fixed)
	r.Shuffle(len(in.Sections), func(i, j int) { in.Sections[i], in.Sections[j] = in.Sections[j], in.Sections[i] })
	r.Shuffle(len(in.Fixed), func(i, j int) { in.Fixed[i], in.Fixed[j] = in.Fixed[j], in.Fixed[i] })
	return in
}

// TestBenchmarkRound checks the rules on the benchmark's round (500 applications, 100 rooms).
func TestBenchmarkRound(t *testing.T) {
	if testing.Short() {
		t.Skip("large round")
	}
	in := withFixed(generate(1, 500, 100), 1, 20)
	for _, alg := range algorithms {
		t.Run(alg.name, func(t *testing.T) {
			got := alg.run(in)
			for _, v := range violations(in, got) {
				t.Error(v)
			}
			st := got.Stats
			t.Logf("%s: %d sections, %d of %d sessions (%.1f %%), first choice %d, by wish %v, by room %v",
				st.Algorithm, st.Sections, st.SessionsAllocated, st.SessionsWanted, 100*st.WishesMet(), st.FirstChoice, st.ByWishPriority, st.ByRoomRank)
		})
	}
}

// TestCheckerCatches makes sure the checker the other tests rely on can fail: each broken
// result must be reported.
func TestCheckerCatches(t *testing.T) {
	in := allot.Input{
		Rooms: []allot.Room{room(1, 0), room(2, 0)},
		Sections: []allot.Section{
			sec(1, 0), sec(2, 1),
			wishing(sessions(sec(3, 2), 2), 60,
				allot.Wish{Window: allot.Window{Weekday: 3, Start: hm(10, 0), End: hm(12, 0)}, Priority: 1},
				allot.Wish{Window: allot.Window{Weekday: 4, Start: hm(10, 0), End: hm(12, 0)}, Priority: 1}),
		},
		Fixed: []allot.Slot{slot(9, 1, 1, hm(9, 0), hm(10, 0))},
	}
	good := allot.Greedy(in)
	if v := violations(in, good); len(v) > 0 {
		t.Fatalf("good result reported: %v", v)
	}
	edit := func(f func(r *allot.Result)) allot.Result {
		r := good
		r.Slots = slices.Clone(good.Slots)
		r.Decisions = slices.Clone(good.Decisions)
		for i := range r.Decisions {
			r.Decisions[i].Slots = slices.Clone(r.Decisions[i].Slots)
		}
		f(&r)
		return r
	}
	setSlot := func(r *allot.Result, section int64, s allot.Slot) {
		for i, x := range r.Slots {
			if x.SectionID == section {
				r.Slots[i] = s
				break
			}
		}
		for i := range r.Decisions {
			if r.Decisions[i].SectionID == section {
				r.Decisions[i].Slots[0] = s
			}
		}
	}
	broken := map[string]allot.Result{
		"priority swapped": edit(func(r *allot.Result) {
			setSlot(r, 1, slot(1, 2, 2, hm(18, 0), hm(20, 0)))
			setSlot(r, 2, slot(2, 1, 2, hm(18, 0), hm(20, 0)))
			slices.SortFunc(r.Slots, func(x, y allot.Slot) int { return int(x.RoomID - y.RoomID) })
		}),
		"outside the wish": edit(func(r *allot.Result) { setSlot(r, 1, slot(1, 1, 2, hm(17, 0), hm(19, 0))) }),
		"overlap":          edit(func(r *allot.Result) { setSlot(r, 2, slot(2, 1, 2, hm(18, 0), hm(20, 0))) }),
		"fixed lost": edit(func(r *allot.Result) {
			r.Slots = slices.DeleteFunc(r.Slots, func(s allot.Slot) bool { return s.SectionID == 9 })
		}),
		"same weekday twice": edit(func(r *allot.Result) { setSlot(r, 3, slot(3, 1, 4, hm(11, 0), hm(12, 0))) }),
		"no decision":        edit(func(r *allot.Result) { r.Decisions = r.Decisions[:1] }),
	}
	for name, r := range broken {
		if cmp.Equal(r, good) {
			t.Errorf("%s: the edit changed nothing", name)
		}
		if v := violations(in, r); len(v) == 0 {
			t.Errorf("%s: not reported", name)
		}
	}
}
