package npmtest_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/npmtest"
)

// Without npm a missing package is an error that says what to install (the tests that
// need it fail, never skip); a package that is there needs no npm.
func TestEnsure(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PATH", t.TempDir())
	err := npmtest.Ensure(dir, "axe-core/axe.min.js")
	if err == nil || !strings.Contains(err.Error(), "apt-get install nodejs npm") {
		t.Fatalf("no npm: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "node_modules", "axe-core"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "node_modules", "axe-core", "axe.min.js"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := npmtest.Ensure(dir, "axe-core/axe.min.js"); err != nil {
		t.Fatalf("installed: %v", err)
	}
}
