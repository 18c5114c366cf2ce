package ratelimit_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/ratelimit"
)

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

func TestLimiter(t *testing.T) {
	c := &clock{now: time.Date(2026, 3, 29, 12, 0, 0, 0, time.UTC)}
	l := ratelimit.New(ratelimit.Rate{Burst: 3, Every: time.Minute}, ratelimit.Rate{Burst: 5, Every: 10 * time.Second}, c.Now)

	for i := range 3 {
		if err := l.Allow("192.0.2.1"); err != nil {
			t.Fatalf("request %d from one address: %v", i+1, err)
		}
	}
	err := l.Allow("192.0.2.1")
	var le *ratelimit.LimitedError
	if !errors.As(err, &le) || !errors.Is(err, ratelimit.ErrLimited) || fault.CodeOf(err) != "rate_limited" {
		t.Fatalf("fourth request from one address: %v, want a LimitedError", err)
	}
	if le.RetryAfter != time.Minute {
		t.Errorf("retry after %s, want the minute until the next token", le.RetryAfter)
	}
	// Another address has its own allowance, but all together are limited too.
	if err := l.Allow("192.0.2.2"); err != nil {
		t.Fatalf("another address: %v", err)
	}
	if err := l.Allow("192.0.2.3"); err != nil {
		t.Fatalf("a third address: %v", err)
	}
	if err := l.Allow("192.0.2.4"); !errors.As(err, &le) || le.RetryAfter != 10*time.Second {
		t.Fatalf("over the overall limit: %v, want a LimitedError with 10 s", err)
	}
	// A refused request counts nothing: the other address still has two.
	c.Advance(20 * time.Second)
	for i := range 2 {
		if err := l.Allow("192.0.2.2"); err != nil {
			t.Fatalf("request %d after the overall limit refilled: %v", i+2, err)
		}
	}
	// Time gives the first address back its allowance.
	c.Advance(time.Minute)
	if err := l.Allow("192.0.2.1"); err != nil {
		t.Errorf("after a minute: %v", err)
	}
}

func TestLimiterConcurrent(t *testing.T) {
	l := ratelimit.New(ratelimit.Rate{Burst: 5, Every: time.Hour}, ratelimit.Rate{Burst: 1000, Every: time.Hour}, nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if l.Allow("198.51.100.7") == nil {
				mu.Lock()
				allowed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if allowed != 5 {
		t.Errorf("%d of 200 requests at once allowed, want 5", allowed)
	}
}
