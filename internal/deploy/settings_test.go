package deploy_test

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/borasstad/lokalbanken/internal/config"
)

// settingName finds the names of settings in a file.
var settingName = regexp.MustCompile(`\b(?:LOKALBANKEN_[A-Z_]+|DATABASE_URL(?:_FILE)?)\b`)

// Every setting compose.yaml, the systemd unit and the Dockerfile use is one the README's
// configuration table documents (a misspelt name would be silently ignored), and
// compose.yaml's settings are accepted by the configuration.
func TestDeploymentSettings(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile(filepath.Join(root(), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, l := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(l, "| `") {
			for _, n := range settingName.FindAllString(strings.SplitN(l, "|", 3)[1], -1) {
				documented[n] = true
			}
		}
	}
	for _, f := range []string{"compose.yaml", "lokalbanken.service", "Dockerfile"} {
		b, err := os.ReadFile(filepath.Join(root(), f))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range settingName.FindAllString(string(b), -1) {
			if !documented[n] && !documented[strings.TrimSuffix(n, "_FILE")] {
				t.Errorf("%s: %s is not in README's configuration table", f, n)
			}
		}
	}

	var compose struct {
		Services map[string]struct {
			Environment map[string]string `yaml:"environment"`
		} `yaml:"services"`
	}
	b, err := os.ReadFile(filepath.Join(root(), "compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &compose); err != nil {
		t.Fatalf("compose.yaml: %v", err)
	}
	env, ok := compose.Services["lokalbanken"]
	if !ok || env.Environment["DATABASE_URL"] == "" {
		t.Fatalf("compose.yaml: no service lokalbanken with DATABASE_URL")
	}
	if _, err := config.Parse("serve", nil, func(k string) string { return env.Environment[k] }, io.Discard); err != nil {
		t.Errorf("compose.yaml's settings: %v", err)
	}
}

// The systemd unit is read by systemd itself without a complaint, and its hardening keeps
// systemd's exposure score at most 2.0 ("OK"; 1.5 when written).
func TestSystemdUnit(t *testing.T) {
	t.Parallel()
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Fatal("systemd-analyze not found: install systemd (Debian: apt-get install systemd); .ci/run does")
	}
	b, err := os.ReadFile(filepath.Join(root(), "lokalbanken.service"))
	if err != nil {
		t.Fatal(err)
	}
	// verify wants the program to exist: any executable stands in for the binary.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	unit := filepath.Join(t.TempDir(), "lokalbanken.service")
	if err := os.WriteFile(unit, []byte(strings.ReplaceAll(string(b), "/usr/local/bin/lokalbanken", self)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(analyze, "verify", "--man=no", unit).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
	out, err = exec.Command(analyze, "security", "--offline=yes", "--threshold=20", unit).CombinedOutput()
	if err != nil {
		t.Errorf("systemd-analyze security: %v\n%s", err, out)
	}
}
