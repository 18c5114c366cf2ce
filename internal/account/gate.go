package account

import (
	"context"
	"runtime/debug"
	"sync/atomic"
	"time"
)

// hashBudget is how much memory the argon2 computations running at once may hold together.
// Each takes the memory cost of its parameters (64 MiB in production), so the budget allows
// one at a time there (about ten password checks a second); cheaper parameters allow more,
// up to maxHashes. Config.MaxHashes can allow more where memory is plentiful.
const (
	hashBudget = 64 << 20 // bytes
	maxHashes  = 4
)

// DefaultHashWait is how long a password check waits for a free argon2 slot before the
// request is refused as busy (429 with Retry-After): long enough to ride out a few logins at
// once, short enough that a burst is refused rather than queued.
const DefaultHashWait = 2 * time.Second

// hashesFor returns how many argon2 computations of cost p may run at once within
// hashBudget: at least one, at most maxHashes.
func hashesFor(p HashParams) int {
	n := hashBudget / (int(p.Memory) * 1024)
	return min(max(n, 1), maxHashes)
}

// hashGate bounds the argon2 computations running at once, so that a burst of password
// checks cannot take more memory than the budget: a burst of 160 logins once took the
// service from 161 MB to 5.3 GB. It counts the computations running and the most that ever
// ran at once, which tests and the metrics can read.
type hashGate struct {
	slots   chan struct{}
	wait    time.Duration
	running atomic.Int64
	peak    atomic.Int64
}

func newHashGate(n int, wait time.Duration) *hashGate {
	return &hashGate{slots: make(chan struct{}, n), wait: wait}
}

// run runs f in a slot, waiting for one at most g.wait (and no longer than ctx allows), and
// when collect gives its memory back before the slot frees. When none frees in time it
// returns a *ThrottledError marked Busy, with a Retry-After of one second, and f does not
// run.
func (g *hashGate) run(ctx context.Context, collect bool, f func()) error {
	t := time.NewTimer(g.wait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
	case <-t.C:
		return &ThrottledError{RetryAfter: time.Second, Busy: true}
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-g.slots }()
	n := g.running.Add(1)
	defer g.running.Add(-1)
	for p := g.peak.Load(); n > p && !g.peak.CompareAndSwap(p, n); p = g.peak.Load() {
	}
	f()
	if collect {
		// Before the slot is free, so that no other block is live meanwhile.
		debug.FreeOSMemory()
	}
	return nil
}

// collectAfter is the memory cost (KiB) from which a computation's memory is collected and
// given back to the operating system as soon as it ends. Left to itself, the collector sets
// its next goal at twice the heap it found live, and a running computation's block counts as
// live: with 64 MiB blocks the heap grew to 280 MB for one slot. Collecting alone was not
// enough either: a small allocation landing in the freed block made the next one take fresh
// pages, and resident memory reached 140 MB. A collection of a heap that is mostly one block
// without pointers, and its return, take a few milliseconds, against 100 ms for the hash.
const collectAfter = 16 * 1024

// argon2 runs f, an argon2 computation of memory cost mem KiB, in a slot of the gate and
// collects its memory afterwards when it is large.
func (g *hashGate) argon2(ctx context.Context, mem uint32, f func()) error {
	return g.run(ctx, mem >= collectAfter, f)
}

// HashSlots returns how many argon2 computations may run at once.
func (s *Service) HashSlots() int { return cap(s.hashes.slots) }

// HashesRunning returns how many argon2 computations are running now.
func (s *Service) HashesRunning() int { return int(s.hashes.running.Load()) }

// HashPeak returns the most argon2 computations that ran at once since the service was made.
func (s *Service) HashPeak() int { return int(s.hashes.peak.Load()) }

// hash returns password's hash with the configured parameters, computed in a slot of the gate.
func (s *Service) hash(ctx context.Context, password string) (string, error) {
	var h string
	err := s.hashes.argon2(ctx, s.cfg.Hash.Memory, func() { h = hashPassword(password, s.cfg.Hash) })
	return h, err
}

// verify checks password against hash in a slot of the gate (see verifyPassword).
func (s *Service) verify(ctx context.Context, hash, password string) (ok bool, p HashParams, err error) {
	mem := s.cfg.Hash.Memory
	if hp, _, _, perr := parseHash(hash); perr == nil {
		mem = hp.Memory
	}
	if gerr := s.hashes.argon2(ctx, mem, func() { ok, p, err = verifyPassword(hash, password) }); gerr != nil {
		return false, p, gerr
	}
	return ok, p, err
}
