package webui_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoAPIImport keeps the pages independent of the JSON API: what both need (rule texts,
// the request id, paths of the join capability) lives where both can import it, so that the
// two edges cannot drift into depending on each other's handlers.
func TestNoAPIImport(t *testing.T) {
	t.Parallel()
	const webui, httpapi = "github.com/borasstad/lokalbanken/internal/webui", "github.com/borasstad/lokalbanken/internal/httpapi"
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", webui).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", webui, err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 || deps[len(deps)-1] != webui {
		t.Fatalf("go list -deps %s gave an unexpected list: %q", webui, deps)
	}
	for _, d := range deps {
		if d == httpapi {
			t.Errorf("%s depends on %s", webui, httpapi)
		}
	}
}
