package account_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// TestHashSlots: however many password checks come at once, no more argon2 computations
// run together than the slots; a check that finds none free within HashWait is refused as
// busy, with a Retry-After, and is not counted as a failure.
func TestHashSlots(t *testing.T) {
	t.Parallel()
	cfg := account.DefaultConfig()
	cfg.Hash = account.HashParams{Memory: 4 * 1024, Time: 2, Threads: 1}
	cfg.MaxHashes, cfg.HashWait = 2, 5*time.Millisecond
	db := dbtest.New(t)
	c := &clock{now: start}
	s := account.NewService(db, validation.New(), c.Now, cfg)
	if s.HashSlots() != 2 {
		t.Fatalf("%d slots, want the 2 configured", s.HashSlots())
	}
	if got := account.NewService(db, validation.New(), c.Now, account.Config{}).HashSlots(); got != 1 {
		t.Errorf("%d slots at the production cost, want 1 (64 MiB each within 64 MiB)", got)
	}

	var mu sync.Mutex
	var busy, bad int
	var wg sync.WaitGroup
	for i := range 60 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Every attempt from its own client address, for its own address: no limit
			// applies, only the slots.
			_, _, err := s.Login(context.Background(), fmt.Sprintf("nobody%d@test.example", i), "fel lösenord här", fmt.Sprintf("198.51.100.%d", i))
			var te *account.ThrottledError
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.As(err, &te) && te.Busy && te.RetryAfter >= time.Second:
				busy++
			case errors.Is(err, account.ErrBadCredentials):
				bad++
			default:
				t.Errorf("login %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
	if peak := s.HashPeak(); peak < 1 || peak > 2 {
		t.Errorf("%d argon2 computations ran at once, want 1 or 2", peak)
	}
	if busy == 0 || bad == 0 || s.HashesRunning() != 0 {
		t.Errorf("%d refused as busy, %d checked, %d still running; want some of each and none running", busy, bad, s.HashesRunning())
	}
	n, err := db.NewSelect().Table("login_failures").Where("failures > 0").Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if int(n) != 2*bad {
		t.Errorf("%d failure counts, want the %d of the attempts checked (address and client address each)", n, 2*bad)
	}
}
