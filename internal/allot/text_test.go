package allot_test

import (
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/allot"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// TestReasonTexts: every reason code has words in both languages, and every reason given on
// the benchmark round and the hand-made cases is worded with no placeholder left over.
func TestReasonTexts(t *testing.T) {
	for _, code := range allot.ReasonCodes {
		if !i18n.Has("ui.allot.reason." + code) {
			t.Errorf("no text ui.allot.reason.%s", code)
		}
	}
	in := withFixed(generate(2, 60, 12), 2, 5)
	seen := map[string]bool{}
	for _, alg := range algorithms {
		for _, d := range alg.run(in).Decisions {
			for _, r := range d.Reasons {
				seen[r.Code] = true
				if r.Code == allot.ReasonHeldBy && r.Args["criterion"] == "" {
					t.Errorf("%s: section %d held by %s, which does not come first", alg.name, d.SectionID, r.Args["section"])
				}
				for _, lang := range []i18n.Lang{i18n.SV, i18n.EN} {
					s := i18n.AllotReason(lang, r.Code, r.Args)
					if strings.ContainsAny(s, "{}") || strings.HasPrefix(s, "ui.") {
						t.Errorf("%s %s %v: %q", lang, r.Code, r.Args, s)
					}
				}
			}
		}
	}
	for _, code := range []string{"first_choice", "allocated", "held_by", "not_allocated", "fixed"} {
		if !seen[code] {
			t.Errorf("reason %s never given on the generated round", code)
		}
	}
	got := i18n.AllotReason(i18n.SV, allot.ReasonHeldBy, map[string]string{
		"room": "Sal A", "weekday": "2", "start": "18:00", "end": "20:00",
		"section": "Knattefotboll", "organisation": "IF Elfsborg", "criterion": "applied_at",
	})
	want := "En bättre tid var upptagen: Knattefotboll (IF Elfsborg) har Sal A tisdag 18:00–20:00 och går före enligt ansökningstid (tidigast först)."
	if got != want {
		t.Errorf("AllotReason = %q, want %q", got, want)
	}
}
