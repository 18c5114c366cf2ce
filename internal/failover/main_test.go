package failover_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/borasstad/lokalbanken/internal/dbtest"
)

// binDir holds the program, built once for the package's tests.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lbfailover")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := dbtest.Run(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildOnce compiles the program (the compile itself is shared with other tests through
// Go's build cache).
var buildOnce = sync.OnceValues(func() (string, error) {
	_, file, _, _ := runtime.Caller(0)
	bin := filepath.Join(binDir, "lokalbanken")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/lokalbanken")
	cmd.Dir = filepath.Join(filepath.Dir(file), "..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

func build(t *testing.T) string {
	t.Helper()
	bin, err := buildOnce()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}
