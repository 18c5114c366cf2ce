package round_test

import (
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/round"
)

// TestExplain: a reason names rooms, organisations and sections by name, the weekday by its
// name and the criterion by the round's priority, in both languages.
func TestExplain(t *testing.T) {
	n := &round.Names{Rooms: map[int64]string{7: "Hall A"}, Organisations: map[int64]string{3: "Borås Basket"},
		Sections: map[int64]string{11: "Basket U15"}, Priorities: []string{round.PriorityChildrenYouth, round.PriorityCompactSignatory}}
	r := round.Reason{Code: "held_by", Args: map[string]string{"room": "7", "weekday": "2", "start": "18:00", "end": "19:30",
		"section": "11", "organisation": "3", "criterion": "1"}}
	for lang, want := range map[i18n.Lang][]string{
		i18n.SV: {"Basket U15 (Borås Basket) har Hall A tisdag 18:00–19:30", "undertecknare av Överenskommelsen först"},
		i18n.EN: {"Basket U15 (Borås Basket) holds Hall A on Tuesday 18:00–19:30", "signatories of the Compact first"},
	} {
		got := n.Explain(lang, r)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q, want %q in it", lang, got, w)
			}
		}
	}
	if got := round.RefusalText(i18n.EN, round.Refusal{Code: "holiday", Param: "2026-12-25"}); !strings.Contains(got, "public holidays (2026-12-25)") {
		t.Errorf("refusal: %q", got)
	}
}
