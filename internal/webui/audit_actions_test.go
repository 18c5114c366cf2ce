package webui_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// TestAuditActionsNamed: the audit log names every action the services record in words
// (internal/i18n checks that each text has both languages). audit.NewEntry refuses, in a
// test binary, an action missing from audit.Actions, so the list cannot fall behind the code.
func TestAuditActionsNamed(t *testing.T) {
	t.Parallel()
	for _, a := range audit.Actions {
		if !i18n.Has("ui.audit.action." + a) {
			t.Errorf("audit action %q has no ui.audit.action.%s", a, a)
		}
	}
}
