package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/config"
)

// TestOperatorListener starts the real App with LOKALBANKEN_METRICS_ADDR set: the metrics and
// the Go profiles answer on the operator's listener and not on the public port, the metrics
// count the public port's requests, and Close ends a CPU profile being taken instead of
// waiting for it. (Without the setting, TestBinaryLifecycle finds /metrics on the public port
// and no /debug/pprof/.)
func TestOperatorListener(t *testing.T) {
	t.Parallel()
	cfg := config.Defaults()
	cfg.Addr = "127.0.0.1:0"
	cfg.MetricsAddr = "127.0.0.1:0"
	cfg.DatabaseURL = ""
	cfg.DataDir = filepath.Join(t.TempDir(), "data")
	cfg.Demo = "no"
	cfg.BaseURL = "http://127.0.0.1"
	var logs syncBuffer
	app := NewApp(cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	if err := app.Start(context.Background()); err != nil {
		app.Close()
		t.Fatalf("start: %v\n%s", err, logs.String())
	}
	closed := false
	t.Cleanup(func() {
		if !closed {
			app.Close()
		}
		if t.Failed() {
			t.Logf("service log:\n%s", logs.String())
		}
	})
	public, operator := app.URL(), app.OperatorURL()
	if operator == "" || operator == public {
		t.Fatalf("operator URL %q (public %q)", operator, public)
	}

	get := func(u string) (int, string) {
		t.Helper()
		res, err := http.Get(u)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if st, _ := get(public + "/healthz"); st != http.StatusOK {
		t.Fatalf("public /healthz: %d", st)
	}
	for _, path := range []string{"/metrics", "/debug/pprof/", "/debug/pprof/heap", "/debug/pprof/profile?seconds=1"} {
		if st, _ := get(public + path); st != http.StatusNotFound {
			t.Errorf("public port %s: %d, want 404", path, st)
		}
	}
	if st, body := get(operator + "/metrics"); st != http.StatusOK ||
		!strings.Contains(body, `lokalbanken_http_requests_total{method="GET",route="/healthz",status="200"} 1`) ||
		!strings.Contains(body, "go_goroutines") {
		t.Errorf("operator /metrics: %d, the public /healthz not counted:\n%.2000s", st, body)
	}
	if st, body := get(operator + "/debug/pprof/"); st != http.StatusOK || !strings.Contains(body, "goroutine") {
		t.Errorf("operator /debug/pprof/: %d\n%.500s", st, body)
	}
	if st, body := get(operator + "/debug/pprof/heap?debug=1"); st != http.StatusOK || !strings.Contains(body, "heap profile") {
		t.Errorf("operator /debug/pprof/heap: %d\n%.300s", st, body)
	}
	// The public port gzips for a client that asks (internal/server TestCompression has the
	// details); the operator's metrics are promhttp's own business.
	req, _ := http.NewRequest(http.MethodGet, public+"/api/v1/openapi.yaml", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	if res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req); err != nil {
		t.Error(err)
	} else {
		res.Body.Close()
		if res.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("public port: not gzipped (Content-Encoding %q)", res.Header.Get("Content-Encoding"))
		}
	}
	// The command line may carry --database-url with its password.
	if st, _ := get(operator + "/debug/pprof/cmdline"); st != http.StatusNotFound {
		t.Errorf("operator /debug/pprof/cmdline: %d, want 404", st)
	}
	if st, _ := get(operator + "/debug/pprof/nothing"); st != http.StatusNotFound {
		t.Errorf("operator /debug/pprof/nothing: %d, want 404", st)
	}

	// A 30-second CPU profile is under way when the service stops: Close cuts it short and
	// the profile taken so far is delivered.
	profile := make(chan int, 1)
	go func() {
		res, err := http.Get(operator + "/debug/pprof/profile?seconds=30")
		if err != nil {
			profile <- 0
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if len(b) == 0 {
			profile <- -res.StatusCode
			return
		}
		profile <- res.StatusCode
	}()
	for deadline := time.Now().Add(10 * time.Second); ; {
		if _, body := get(operator + "/debug/pprof/goroutine?debug=1"); strings.Contains(body, "net/http/pprof.Profile") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the CPU profile did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	start := time.Now()
	err := app.Close()
	closed = true
	if err != nil {
		t.Errorf("close: %v", err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("close took %v with a profile under way", took)
	}
	if st := <-profile; st != http.StatusOK {
		t.Errorf("the profile cut short by Close: status %d (0: no answer, negative: empty body)", st)
	}
	if _, err := http.Get(operator + "/metrics"); err == nil {
		t.Error("the operator's listener still answers after Close")
	}
}
