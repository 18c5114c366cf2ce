package webui_test

import (
	"bufio"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/account"
)

// burstResult is what a burst of wrong logins got back.
type burstResult struct {
	status     map[int]int
	retryAfter int // 429s with a Retry-After of whole seconds ≥ 1
	latencies  []time.Duration
}

func (r burstResult) p99() time.Duration {
	s := slices.Clone(r.latencies)
	slices.Sort(s)
	return s[(len(s)*99+99)/100-1]
}

// loginBurst fires n wrong logins at once at the login page from one client (one address,
// one CSRF cookie): for n different addresses when spread, else all for email.
func loginBurst(tb testing.TB, s *site, n int, email string, spread bool) burstResult {
	tb.Helper()
	resp, err := http.Get(s.url + "/logga-in")
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	resp.Body.Close()
	if err != nil {
		tb.Fatal(err)
	}
	var secret string
	for _, c := range resp.Cookies() {
		if c.Name == "csrf" {
			secret = c.Value
		}
	}
	csrf := doc.Find(`main form input[name="csrf"]`).AttrOr("value", "")
	if secret == "" || csrf == "" {
		tb.Fatal("the login form set no csrf cookie or field")
	}
	client := &http.Client{
		Transport:     &http.Transport{MaxIdleConnsPerHost: n, MaxConnsPerHost: 0},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer client.CloseIdleConnections()
	res := burstResult{status: map[int]int{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			addr := email
			if spread {
				addr = fmt.Sprintf("burst%d@test.example", i)
			}
			form := url.Values{"email": {addr}, "password": {"fel lösenord nummer " + strconv.Itoa(i)}, "csrf": {csrf}}
			req, _ := http.NewRequest(http.MethodPost, s.url+"/logga-in", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: "csrf", Value: secret})
			<-start
			t0 := time.Now()
			resp, err := client.Do(req)
			d := time.Since(t0)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				res.status[-1]++
				return
			}
			resp.Body.Close()
			res.status[resp.StatusCode]++
			res.latencies = append(res.latencies, d)
			if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); resp.StatusCode == http.StatusTooManyRequests && err == nil && ra >= 1 {
				res.retryAfter++
			}
		}()
	}
	close(start)
	wg.Wait()
	return res
}

// TestLoginBurst fires 200 wrong logins at once from one client, as one laptop can: the
// limits are counted before any password is hashed, so no more attempts are checked than
// the limits allow (5 for one address, 20 for one client address), the rest get 429 with
// Retry-After, and no more argon2 computations ever run at once than the service's slots.
func TestLoginBurst(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u := s.person(t, false, nil)
	cfg := account.DefaultConfig()

	for _, tc := range []struct {
		name    string
		spread  bool
		checked int // the most attempts the limits let through to a password check
	}{
		{"OneAddress", false, cfg.MaxFailures},
		{"ManyAddresses", true, cfg.MaxFailuresPerIP},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := s.db.NewDelete().Table("login_failures").Where("TRUE").Exec(t.Context()); err != nil {
				t.Fatal(err)
			}
			before := s.auditCount(t, "login.failed")
			res := loginBurst(t, s, 200, u.Email, tc.spread)
			failed := s.auditCount(t, "login.failed") - before
			t.Logf("%s: statuses %v, %d password checks, p99 %s", tc.name, res.status, failed, res.p99())
			if failed > tc.checked {
				t.Errorf("%d wrong passwords were checked, want at most %d: the limits were counted after hashing", failed, tc.checked)
			}
			if res.status[http.StatusUnprocessableEntity]+res.status[http.StatusTooManyRequests] != 200 {
				t.Errorf("statuses %v, want only 422 and 429", res.status)
			}
			if res.retryAfter != res.status[http.StatusTooManyRequests] || res.retryAfter < 200-tc.checked {
				t.Errorf("%d answers of 429 with Retry-After (statuses %v), want at least %d", res.retryAfter, res.status, 200-tc.checked)
			}
		})
	}
	if peak, slots := s.accounts.HashPeak(), s.accounts.HashSlots(); peak > slots || peak < 1 {
		t.Errorf("at most %d argon2 computations ran at once, want between 1 and the %d slots", peak, slots)
	}
}

// auditCount counts the audit entries with the action.
func (s *site) auditCount(t *testing.T, action string) int {
	t.Helper()
	n, err := s.db.NewSelect().Table("audit_log").Where("action = ?", action).Count(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// BenchmarkLoginBurst fires bursts of 200 wrong logins at once from one client at the real
// HTTP server with the production argon2 cost (64 MiB a hash), each for its own address (so
// only the client address's limit and the hash slots hold it back), and reports the growth
// of the process's peak resident memory (VmHWM, the figure that matters: under 100 MB) and
// of the address space the Go heap has reserved (HeapSys, which also counts pages already
// given back, so it can be one hash block above the resident figure) over the bursts, and
// the median of the bursts' p99 latencies.
//
//	go test ./internal/webui/ -run '^$' -bench LoginBurst -benchtime 3x
func BenchmarkLoginBurst(b *testing.B) {
	s := newSiteWith(b, "http://example.test", account.Config{})
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap0, hwm0 := ms.HeapSys, vmHWM(b)
	var p99s []time.Duration
	var status map[int]int
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		if _, err := s.db.NewDelete().Table("login_failures").Where("TRUE").Exec(b.Context()); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res := loginBurst(b, s, 200, "", true)
		p99s = append(p99s, res.p99())
		if i == 0 {
			status = res.status
		}
	}
	runtime.ReadMemStats(&ms)
	slices.Sort(p99s)
	b.ReportMetric(float64(ms.HeapSys-heap0)/(1<<20), "heap-growth-MB")
	b.ReportMetric(float64(vmHWM(b)-hwm0)/(1<<20), "peak-rss-growth-MB")
	b.ReportMetric(float64(p99s[len(p99s)/2].Milliseconds()), "p99-ms")
	b.Logf("statuses of the first burst: %v", status)
}

// vmHWM returns the process's peak resident memory in bytes, from /proc/self/status.
func vmHWM(tb testing.TB) uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		tb.Skip("no /proc/self/status:", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	tb.Skip("no VmHWM in /proc/self/status")
	return 0
}
