package booking

import (
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/fault"
)

func TestCheckReason(t *testing.T) {
	if err := checkReason("reason", strings.Repeat("å", MaxReasonLength)); err != nil {
		t.Errorf("a reason of the maximum length was refused: %v", err)
	}
	err := checkReason("note", strings.Repeat("å", MaxReasonLength+1))
	if f := fault.Fields(err); len(f) != 1 || f[0].Field != "note" || f[0].Code != "max_len" {
		t.Errorf("an over-long note: %v", err)
	}
}
