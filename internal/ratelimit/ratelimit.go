// Package ratelimit bounds how often something may be done, per client address and in all:
// the public forms that anyone may send without an account (the request to join the
// Compact, and the password-reset form) take one Limiter each.
//
// The counts live in the process. That is enough for one instance, which is how the service
// runs; behind a load balancer with n instances every limit is n times as generous. The
// counts are lost at a restart, which only forgives. PostgreSQL would share them, at the
// price of a write for every request, even a refused one.
package ratelimit

import (
	"fmt"
	"sync"
	"time"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// ErrLimited is what a *LimitedError unwraps to. Its kind is Conflict, so an edge that does
// not know LimitedError still refuses; edges should answer 429 Too Many Requests with
// Retry-After (see LimitedError).
var ErrLimited = fault.New(fault.Conflict, "rate_limited")

// LimitedError refuses a request over a limit. RetryAfter is how long until one more is
// allowed, at least one second.
type LimitedError struct {
	RetryAfter time.Duration
}

func (e *LimitedError) Error() string {
	return fmt.Sprintf("rate limited: retry after %s", e.RetryAfter)
}

// Unwrap returns ErrLimited.
func (e *LimitedError) Unwrap() error { return ErrLimited }

// Rate is a token bucket: Burst at once, then one more every Every.
type Rate struct {
	Burst int
	Every time.Duration
}

// bucket is a Rate's tokens at a time.
type bucket struct {
	tokens float64
	at     time.Time
}

// take refills b to now under r and takes a token, or returns how long until there is one.
func (b *bucket) take(r Rate, now time.Time, commit bool) time.Duration {
	tokens := min(float64(r.Burst), b.tokens+r.refill(now.Sub(b.at)))
	if tokens < 1 {
		if r.Every <= 0 {
			return time.Hour
		}
		return time.Duration((1 - tokens) * float64(r.Every))
	}
	if commit {
		b.tokens, b.at = tokens-1, now
	}
	return 0
}

// full reports whether b would be full at now, so that forgetting it changes nothing.
func (b *bucket) full(r Rate, now time.Time) bool {
	return b.tokens+r.refill(now.Sub(b.at)) >= float64(r.Burst)
}

// refill is how many tokens come back in d; none when Every is not positive.
func (r Rate) refill(d time.Duration) float64 {
	if r.Every <= 0 || d <= 0 {
		return 0
	}
	return float64(d) / float64(r.Every)
}

// maxKeys bounds how many client addresses a Limiter remembers. Past it, addresses it has
// not seen are refused until some are forgotten: a flood from very many addresses meets the
// overall limit long before, so only a misconfigured limit could reach it.
const maxKeys = 100_000

// Limiter allows a request per client address at PerKey and in all at Overall. It is safe
// for concurrent use.
type Limiter struct {
	perKey, overall Rate
	now             func() time.Time

	mu      sync.Mutex
	keys    map[string]*bucket
	all     bucket
	checked time.Time // when full buckets were last forgotten
}

// New returns a Limiter with both rates; now is its clock (time.Now when nil). A Rate with a
// Burst below one allows nothing.
func New(perKey, overall Rate, now func() time.Time) *Limiter {
	if now == nil {
		now = time.Now
	}
	t := now()
	return &Limiter{perKey: perKey, overall: overall, now: now, keys: map[string]*bucket{},
		all: bucket{tokens: float64(overall.Burst), at: t}, checked: t}
}

// Allow counts one request from the client address key and returns nil, or, when the
// address or everyone together is over the limit, a *LimitedError and counts nothing. An
// empty key (a caller that does not know the address) is only counted in all.
func (l *Limiter) Allow(key string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	l.forget(now)
	b := l.keys[key]
	if key != "" && b == nil {
		if len(l.keys) >= maxKeys {
			return limited(l.perKey.Every)
		}
		b = &bucket{tokens: float64(l.perKey.Burst), at: now}
	}
	var wait time.Duration
	if b != nil {
		wait = b.take(l.perKey, now, false)
	}
	wait = max(wait, l.all.take(l.overall, now, false))
	if wait > 0 {
		return limited(wait)
	}
	if b != nil {
		b.take(l.perKey, now, true)
		l.keys[key] = b
	}
	l.all.take(l.overall, now, true)
	return nil
}

// forget drops the buckets that have filled up again, once a minute at most.
func (l *Limiter) forget(now time.Time) {
	if now.Sub(l.checked) < time.Minute {
		return
	}
	l.checked = now
	for k, b := range l.keys {
		if b.full(l.perKey, now) {
			delete(l.keys, k)
		}
	}
}

func limited(wait time.Duration) error {
	return &LimitedError{RetryAfter: max(time.Second, (wait + time.Second - 1).Truncate(time.Second))}
}
