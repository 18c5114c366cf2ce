// Package npmtest installs the test-only npm packages of a folder (axe-core for the browser
// tests, ical.js for the calendar interop tests) from its package-lock.json when they are
// missing, so that `go test ./...` on a fresh clone needs no npm step first. Import it only
// from test code.
package npmtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"
)

// Ensure makes sure that dir/node_modules holds probe (a file path inside node_modules, such
// as "axe-core/axe.min.js"), running `npm ci` in dir when it does not: exactly the versions
// of dir/package-lock.json. Test binaries of several packages may ask at once: an flock on
// dir/node_modules.lock lets one install while the others wait, and they find it done. The
// error says what to install when npm is missing or fails; callers fail the test with it
// (never skip).
func Ensure(dir, probe string) error {
	mu.Lock()
	defer mu.Unlock()
	want := filepath.Join(dir, "node_modules", probe)
	if _, err := os.Stat(want); err == nil {
		return nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return fmt.Errorf("%s is missing and npm is not installed to fetch it: install Node.js and npm (Debian: apt-get install nodejs npm), or run `npm ci --prefix %s`", want, dir)
	}
	lock, err := os.OpenFile(filepath.Join(dir, "node_modules.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("npm ci in %s: %w", dir, err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("npm ci in %s: lock: %w", dir, err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN) //nolint:errcheck
	if _, err := os.Stat(want); err == nil {
		return nil // another test binary installed it while this one waited
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("npm ci in %s (to install %s): %v\n%s", dir, probe, err, out)
	}
	if _, err := os.Stat(want); err != nil {
		return fmt.Errorf("npm ci in %s did not install %s: %w", dir, probe, err)
	}
	return nil
}

// mu keeps the tests of one binary from installing twice.
var mu sync.Mutex
