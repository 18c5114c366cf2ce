package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildBinary compiles the real program once per test run.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "lbbin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "lokalbanken")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// process is the binary running `serve` with an embedded database in dataDir.
type process struct {
	cmd   *exec.Cmd
	url   string
	log   *strings.Builder
	logMu *sync.Mutex // guards log while the process runs
}

var urlLine = regexp.MustCompile(`listening on (http://\S+)`)

func startBinary(t *testing.T, dataDir string) (*process, time.Duration) {
	t.Helper()
	return startBinaryWith(t, dataDir, nil)
}

// startBinaryWith is startBinary with more environment (NAME=value) and flags.
func startBinaryWith(t *testing.T, dataDir string, env []string, flags ...string) (*process, time.Duration) {
	t.Helper()
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0", "--data-dir", dataDir, "--log-format", "text"}, flags...)...)
	cmd.Env = append(append(os.Environ(), "DATABASE_URL="), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, log: &strings.Builder{}, logMu: &sync.Mutex{}}
	cmd.Stderr = syncWriter{p.log, p.logMu}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := urlLine.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		close(found)
	}()
	select {
	case u, ok := <-found:
		if !ok {
			t.Fatalf("the service exited without printing its URL; log:\n%s", p.log)
		}
		p.url = u
	case <-time.After(30 * time.Second):
		t.Fatalf("no URL printed within 30 s; log:\n%s", p.log)
	}
	return p, time.Since(start)
}

type syncWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (s syncWriter) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(b)
}

func (p *process) get(t *testing.T, path string) (int, string) {
	t.Helper()
	res, err := http.Get(p.url + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func (p *process) post(t *testing.T, path, body, token string) int {
	t.Helper()
	req, err := http.NewRequest("POST", p.url+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// cli runs the binary's command line on the data folder with stdin and returns its stdout.
func cli(t *testing.T, dataDir, stdin string, args ...string) string {
	t.Helper()
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append(args, "--data-dir", dataDir)...)
	cmd.Env = append(os.Environ(), "DATABASE_URL=")
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("lokalbanken %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

func (p *process) stop(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if sig == syscall.SIGTERM && err != nil {
			t.Fatalf("exit after SIGTERM: %v; log:\n%s", err, p.log)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("no exit 30 s after %v", sig)
	}
}

// TestBinaryLifecycle runs the real program as a user would: first start on an empty data
// folder (demo data), a venue created through the API, a graceful stop, a restart, a kill -9
// and another restart — the venue survives all of it.
func TestBinaryLifecycle(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "data")

	p, first := startBinary(t, dataDir)
	t.Logf("first start (new cluster, migrations, demo data): %v", first)
	if st, body := p.get(t, "/"); st != 200 || !strings.Contains(body, "Kulturhuset") {
		t.Fatalf("start page: %d, demo venue missing", st)
	}
	st, body := p.get(t, "/api/v1/venues?limit=200")
	if st != 200 || !strings.Contains(body, "Stadshuset") || !strings.Contains(body, "Österlånggatan 72") {
		t.Fatalf("GET /api/v1/venues: %d %s", st, body)
	}
	for _, path := range []string{"/healthz", "/readyz"} {
		if st, body := p.get(t, path); st != 200 {
			t.Fatalf("%s: %d %s", path, st, body)
		}
	}
	if st, body := p.get(t, "/metrics"); st != 200 || !strings.Contains(body, "lokalbanken_http_requests_total") {
		t.Fatalf("/metrics: %d", st)
	}
	// Profiles are served only on the operator's listener (LOKALBANKEN_METRICS_ADDR, unset here).
	if st, _ := p.get(t, "/debug/pprof/"); st != http.StatusNotFound {
		t.Fatalf("/debug/pprof/ on the public port: %d, want 404", st)
	}
	var owner struct {
		Items []struct{ ID int64 } `json:"items"`
	}
	_, orgs := p.get(t, "/api/v1/organisations?q=Scoutkår")
	if err := json.Unmarshal([]byte(orgs), &owner); err != nil || len(owner.Items) != 1 {
		t.Fatalf("organisations: %s", orgs)
	}
	// The command line works beside the running service on the same embedded database.
	cli(t, dataDir, "Hemligt-lösen-2026\n", "user", "create", "--email", "scout@example.net", "--name", "Sara Scout",
		"--org", fmt.Sprint(owner.Items[0].ID), "--role", "admin")
	token := strings.TrimSpace(cli(t, dataDir, "", "token", "create", "--email", "SCOUT@example.net"))
	if !strings.HasPrefix(token, "lb_") || strings.ContainsAny(token, " \n") {
		t.Fatalf("token create printed %q, want just the token", token)
	}
	body = fmt.Sprintf(`{"owner_id":%d,"name":"Scoutgården Sandared","street_address":"Sandaredsvägen 1","postal_code":"51870","town":"Sandared"}`, owner.Items[0].ID)
	if st := p.post(t, "/api/v1/venues", body, ""); st != http.StatusUnauthorized {
		t.Fatalf("anonymous create venue: %d, want 401", st)
	}
	if st := p.post(t, "/api/v1/venues", body, token); st != http.StatusCreated {
		t.Fatalf("create venue with the new token: %d", st)
	}
	p.stop(t, syscall.SIGTERM)
	if !strings.Contains(p.log.String(), "stopped") {
		t.Errorf("no orderly stop in the log:\n%s", p.log)
	}

	p, later := startBinary(t, dataDir)
	t.Logf("later start (existing cluster): %v", later)
	if _, body := p.get(t, "/api/v1/venues?q=Sandared"); !strings.Contains(body, "Scoutgården Sandared") {
		t.Fatalf("venue lost after restart: %s", body)
	}
	if _, body := p.get(t, "/api/v1/organisations?q=Borås+Stad"); strings.Count(body, `"name":"Borås Stad"`) != 1 {
		t.Fatalf("demo data loaded twice: %s", body)
	}
	p.stop(t, syscall.SIGKILL)

	p, crashed := startBinary(t, dataDir)
	t.Logf("start after kill -9: %v", crashed)
	if _, body := p.get(t, "/api/v1/venues?q=Sandared"); !strings.Contains(body, "Scoutgården Sandared") {
		t.Fatalf("venue lost after kill -9: %s", body)
	}
	p.stop(t, syscall.SIGTERM)
}

func TestHelp(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), []string{"--help"}, func(string) string { return "" }, nil, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"serve", "migrate", "demo", "DATABASE_URL", "LOKALBANKEN_ADDR", "LOKALBANKEN_METRICS_ADDR", "LOKALBANKEN_DATA_DIR", "LOKALBANKEN_BASE_URL", "-addr"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help does not mention %s:\n%s", want, out.String())
		}
	}
	if err := run(context.Background(), []string{"frobnicate"}, func(string) string { return "" }, nil, io.Discard, io.Discard); err == nil {
		t.Error("an unknown command succeeded")
	}
}
