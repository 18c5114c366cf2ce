package allot_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/allot"
)

// BenchmarkPropose runs each algorithm (Greedy, Match, and Propose, which runs both) on a generated round of 500 applications for 100 rooms
// (seeded, with 20 slots fixed by hand) and reports, besides time and memory, the share of
// wanted sessions that got a time within a wish (wishes_met_%), the share at first choice
// (first_choice_%) and the sessions allocated.
func BenchmarkPropose(b *testing.B) {
	in := withFixed(generate(1, 500, 100), 1, 20)
	for _, alg := range algorithms {
		b.Run(alg.name, func(b *testing.B) {
			b.ReportAllocs()
			var res allot.Result
			for b.Loop() {
				res = alg.run(in)
			}
			st := res.Stats
			b.ReportMetric(100*st.WishesMet(), "wishes_met_%")
			b.ReportMetric(100*float64(st.FirstChoice)/float64(st.SessionsWanted), "first_choice_%")
			b.ReportMetric(float64(st.SessionsAllocated), "sessions")
		})
	}
}
