package account

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// ThrottledError refuses a login because its address or its client address failed too often
// recently. Edges answer it with 429 Too Many Requests and a Retry-After header of
// RetryAfter's seconds; errors.Is(err, ErrThrottled) also holds.
type ThrottledError struct {
	// RetryAfter is how long until the lock ends, in whole seconds, at least one.
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("login throttled: retry after %s", e.RetryAfter)
}

// Unwrap returns ErrThrottled, so the error has a fault kind and code.
func (e *ThrottledError) Unwrap() error { return ErrThrottled }

// throttleKey is one login_failures key and how many failures lock it.
type throttleKey struct {
	key string
	max int
}

// emailKey is the throttling key of an address: its lower case, so that case does not give
// an attacker more tries.
func emailKey(email string) string { return "email:" + strings.ToLower(strings.TrimSpace(email)) }

// throttleKeys returns the keys a login for email from ip counts against, the address's
// first: recordFailures locks them in this order, so concurrent logins cannot deadlock. An
// empty ip (a caller that does not know it) gives no ip key.
func (s *Service) throttleKeys(email, ip string) []throttleKey {
	keys := []throttleKey{{key: emailKey(email), max: s.cfg.MaxFailures}}
	if ip != "" {
		keys = append(keys, throttleKey{key: "ip:" + ip, max: s.cfg.MaxFailuresPerIP})
	}
	return keys
}

// lockedFor returns how long the longest lock on any of keys lasts past now, or 0.
func lockedFor(ctx context.Context, db bun.IDB, keys []throttleKey, now time.Time) (time.Duration, error) {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.key
	}
	var until []time.Time
	err := db.NewSelect().Model((*failure)(nil)).Column("locked_until").
		Where("key IN (?) AND locked_until > ?", bun.List(names), now).Scan(ctx, &until)
	if err != nil {
		return 0, fmt.Errorf("check login throttling: %w", err)
	}
	var wait time.Duration
	for _, t := range until {
		wait = max(wait, t.Sub(now))
	}
	return wait, nil
}

// throttled returns the error for a lock of wait (when err is nil and wait positive).
func throttled(wait time.Duration, err error) error {
	if err != nil {
		return err
	}
	return &ThrottledError{RetryAfter: (wait + time.Second - 1).Truncate(time.Second)}
}

// recordFailures counts one failed login at now against each key on tx, and locks a key for
// the configured Lockout when it reaches its limit within FailureWindow. A count restarts
// when its window has passed or its lock has ended, so a released key gets its full
// allowance again.
func (s *Service) recordFailures(ctx context.Context, tx bun.IDB, keys []throttleKey, now time.Time) error {
	for _, k := range keys {
		f := &failure{Key: k.key, FirstFailure: now}
		if _, err := tx.NewInsert().Model(f).On("CONFLICT (key) DO NOTHING").Exec(ctx); err != nil {
			return fmt.Errorf("record login failure: %w", err)
		}
		if err := tx.NewSelect().Model(f).WherePK().For("UPDATE").Scan(ctx); err != nil {
			return fmt.Errorf("record login failure: %w", err)
		}
		if !now.Before(f.FirstFailure.Add(s.cfg.FailureWindow)) || (f.LockedUntil != nil && !now.Before(*f.LockedUntil)) {
			f.Failures, f.FirstFailure, f.LockedUntil = 0, now, nil
		}
		f.Failures++
		if f.Failures >= k.max {
			until := now.Add(s.cfg.Lockout)
			f.LockedUntil = &until
		}
		if _, err := tx.NewUpdate().Model(f).WherePK().Exec(ctx); err != nil {
			return fmt.Errorf("record login failure: %w", err)
		}
	}
	return nil
}

// clearFailures forgets the failures counted against key.
func clearFailures(ctx context.Context, db bun.IDB, key string) error {
	_, err := db.NewDelete().Model((*failure)(nil)).Where("key = ?", key).Exec(ctx)
	return err
}
