package deploy_test

import (
	"bufio"
	"context"
	"debug/elf"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/dbtest"
)

// root is the repository's top folder, where the Dockerfile is.
func root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// stage is one FROM … of a Dockerfile, its instructions with continuation lines joined.
type stage struct {
	from  string
	instr [][2]string // {INSTRUCTION, arguments}
}

func parseDockerfile(t *testing.T) []stage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root(), "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	var stages []stage
	var line string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		if strings.HasSuffix(l, "\\") {
			line += strings.TrimSuffix(l, "\\") + " "
			continue
		}
		line += l
		fields := strings.Fields(line)
		line = ""
		if len(fields) == 0 {
			continue
		}
		in, args := strings.ToUpper(fields[0]), strings.Join(fields[1:], " ")
		if in == "FROM" {
			stages = append(stages, stage{from: args})
			continue
		}
		if len(stages) > 0 {
			stages[len(stages)-1].instr = append(stages[len(stages)-1].instr, [2]string{in, args})
		}
	}
	if len(stages) != 2 {
		t.Fatalf("Dockerfile: %d stages, want the build and the runtime stage", len(stages))
	}
	return stages
}

// TestDockerfileBuild runs the Dockerfile where no container builder is (CI): the build
// stage's RUN lines as they stand, in the source folder, with /out/ moved to a temporary
// folder, then the binary as the runtime stage starts it (its ENV, ENTRYPOINT and CMD, as
// its USER) against a database of its own through DATABASE_URL, until /readyz is green and
// SIGTERM ends it with exit 0. The runtime image has no C library, so the binary must be
// static; --version must show the VERSION built in.
func TestDockerfileBuild(t *testing.T) {
	t.Parallel()
	stages := parseDockerfile(t)
	build, run := stages[0], stages[1]
	if !strings.HasPrefix(run.from, "gcr.io/distroless/static") {
		t.Errorf("runtime stage FROM %s: the binary is built for distroless/static", run.from)
	}

	out := t.TempDir()
	const version = "9.8.7-ci"
	ran := 0
	for _, in := range build.instr {
		if in[0] != "RUN" {
			continue
		}
		cmd := exec.Command("sh", "-c", strings.ReplaceAll(in[1], "/out/", out+"/"))
		cmd.Dir = root()
		cmd.Env = append(os.Environ(), "VERSION="+version)
		start := time.Now()
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("RUN %s: %v\n%s", in[1], err, b)
		}
		t.Logf("RUN %s: %.1f s", in[1], time.Since(start).Seconds())
		ran++
	}
	bin := filepath.Join(out, "lokalbanken")
	if ran == 0 {
		t.Fatal("the build stage has no RUN")
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary is dynamically linked: distroless/static has no C library")
		}
	}
	f.Close()
	if v, err := exec.Command(bin, "--version").Output(); err != nil || !strings.HasPrefix(string(v), "lokalbanken "+version+" (go") {
		t.Errorf("--version: %q %v", v, err)
	}

	// The runtime stage.
	var entry, cmdArgs []string
	env := []string{"PATH=/usr/bin:/bin"}
	user := ""
	for _, in := range run.instr {
		switch in[0] {
		case "ENTRYPOINT":
			entry = jsonArgs(t, in[1])
		case "CMD":
			cmdArgs = jsonArgs(t, in[1])
		case "ENV":
			for _, kv := range strings.Fields(in[1]) {
				if !strings.Contains(kv, "=") {
					t.Fatalf("ENV %s: write ENV NAME=value", in[1])
				}
				env = append(env, kv)
			}
		case "USER":
			user = in[1]
		}
	}
	if user == "" || strings.HasPrefix(user, "root") || strings.HasPrefix(user, "0") {
		t.Errorf("runtime stage USER %q: must not be root", user)
	}
	if len(entry) == 0 || entry[0] != "/usr/local/bin/lokalbanken" {
		t.Fatalf("ENTRYPOINT %v", entry)
	}
	// The container's fixed ports may be taken here; everything else is as in the image.
	env = append(env, "LOKALBANKEN_ADDR=127.0.0.1:0", "LOKALBANKEN_METRICS_ADDR=127.0.0.1:0",
		"LOKALBANKEN_BASE_URL=https://lokalbanken.example", "DATABASE_URL="+dbtest.NewURL(t))
	p := exec.Command(bin, append(entry[1:], cmdArgs...)...)
	p.Env = env
	p.Dir = t.TempDir() // the image's working folder is / and read-only: no files written
	stdout, err := p.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	p.Stderr = &logs
	if err := p.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.Process.Kill(); _, _ = p.Process.Wait() })
	urls := make(chan string, 2)
	go func() {
		sc := bufio.NewScanner(stdout)
		re := regexp.MustCompile(`(http://[^\s/]+)`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
		}
		close(urls)
	}()
	var public, operator string
	for _, dst := range []*string{&public, &operator} {
		select {
		case u, ok := <-urls:
			if !ok {
				t.Fatalf("serve exited: %s", logs.String())
			}
			*dst = u
		case <-time.After(60 * time.Second):
			t.Fatalf("serve printed no URL in 60 s: %s", logs.String())
		}
	}
	if st := get(t, public+"/readyz"); st != http.StatusOK {
		t.Errorf("/readyz: %d", st)
	}
	if st, body := getBody(t, operator+"/metrics"); st != http.StatusOK || !strings.Contains(body, `lokalbanken_build_info{goversion="go`) ||
		!strings.Contains(body, `version="`+version+`"`) {
		t.Errorf("operator /metrics: %d, no lokalbanken_build_info with version %s", st, version)
	}
	if st := get(t, public+"/metrics"); st != http.StatusNotFound {
		t.Errorf("public /metrics: %d, want 404 with LOKALBANKEN_METRICS_ADDR set", st)
	}
	if !strings.Contains(logs.String(), `"msg":"started"`) {
		t.Errorf("the log is not JSON (LOKALBANKEN_LOG_FORMAT=json):\n%.500s", logs.String())
	}
	_ = p.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- p.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Error("serve did not stop within 30 s of SIGTERM")
	}
}

func jsonArgs(t *testing.T, s string) []string {
	t.Helper()
	var a []string
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		t.Fatalf("%s: use the JSON (exec) form: %v", s, err)
	}
	return a
}

func get(t *testing.T, u string) int {
	t.Helper()
	st, _ := getBody(t, u)
	return st
}

func getBody(t *testing.T, u string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("GET %s: %v", u, err)
		return 0, ""
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// syncBuffer is the service's log, written by exec's copying goroutine and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
