package httpapi_test

import (
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/borasstad/lokalbanken/internal/agreement"
)

// TestJoinRequestLimited: the anonymous form once stored 199 requests in 1.1 s from one
// client. With the service's limits, a burst of 50 valid requests at once from one address
// stores as many as one address may send at once, and the rest get 429 problem+json with
// Retry-After.
func TestJoinRequestLimited(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 1<<16)
	e.agree.LimitJoins(agreement.JoinRate, agreement.JoinRateOverall)
	var mu sync.Mutex
	status := map[int]int{}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := e.doAs(anonymous, http.MethodPost, "/api/v1/join-requests", joinBody(100+i))
			mu.Lock()
			defer mu.Unlock()
			status[r.status]++
			if r.status == http.StatusTooManyRequests {
				if ra, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || ra < 1 || r.problem() != "rate-limited" ||
					r.header.Get("Content-Type") != "application/problem+json" {
					t.Errorf("429 with Retry-After %q: %s", r.header.Get("Retry-After"), r.raw)
				}
			}
		}()
	}
	wg.Wait()
	if status[http.StatusCreated] != agreement.JoinRate.Burst || status[http.StatusTooManyRequests] != 50-agreement.JoinRate.Burst {
		t.Errorf("statuses %v, want %d created and the rest 429", status, agreement.JoinRate.Burst)
	}
	if n := e.countRows("join_requests", "TRUE"); n != agreement.JoinRate.Burst {
		t.Errorf("%d requests stored, want %d", n, agreement.JoinRate.Burst)
	}
}
