package account

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/database"
)

// ThrottledError refuses a login because its address or its client address failed too often
// recently, or, when Busy, because every argon2 slot stayed taken while the request waited
// (see Config.MaxHashes). Edges answer it with 429 Too Many Requests and a Retry-After header
// of RetryAfter's seconds; errors.Is(err, ErrThrottled) also holds.
type ThrottledError struct {
	// RetryAfter is how long until the lock ends, in whole seconds, at least one.
	RetryAfter time.Duration
	// Busy says the service had no capacity to check a password, rather than that the
	// address or client address is locked.
	Busy bool
}

func (e *ThrottledError) Error() string {
	if e.Busy {
		return fmt.Sprintf("password checks busy: retry after %s", e.RetryAfter)
	}
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

// reserveAttempt counts one attempt at now against each of keys, before the password is
// checked, so that a burst of attempts at once is limited as surely as one after the other:
// counting failures only after the slow check let every attempt of a burst through. When a
// key is locked it counts nothing and returns how long the longest lock lasts; otherwise it
// returns 0, and a key that reaches its limit with this attempt is locked for the
// configured Lockout. A count restarts when its window has passed or its lock has ended, so
// a released key gets its full allowance again. An attempt that turns out not to be a
// failure is given back with releaseAttempt.
func (s *Service) reserveAttempt(ctx context.Context, keys []throttleKey, now time.Time) (time.Duration, error) {
	var wait time.Duration
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		wait = 0
		rows := make([]*failure, len(keys))
		for i, k := range keys {
			f := &failure{Key: k.key, FirstFailure: now}
			if _, err := tx.NewInsert().Model(f).On("CONFLICT (key) DO NOTHING").Exec(ctx); err != nil {
				return err
			}
			if err := tx.NewSelect().Model(f).WherePK().For("UPDATE").Scan(ctx); err != nil {
				return err
			}
			if f.LockedUntil != nil && now.Before(*f.LockedUntil) {
				wait = max(wait, f.LockedUntil.Sub(now))
			}
			rows[i] = f
		}
		if wait > 0 {
			return nil
		}
		for i, f := range rows {
			if !now.Before(f.FirstFailure.Add(s.cfg.FailureWindow)) || f.LockedUntil != nil {
				f.Failures, f.FirstFailure, f.LockedUntil = 0, now, nil
			}
			f.Failures++
			if f.Failures >= keys[i].max {
				until := now.Add(s.cfg.Lockout)
				f.LockedUntil = &until
			}
			if _, err := tx.NewUpdate().Model(f).WherePK().Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("count login attempt: %w", err)
	}
	return wait, nil
}

// releaseAttempt gives back an attempt reserveAttempt counted against each of keys on tx:
// the password was right, or it was never checked. A key that falls below its limit again
// is unlocked.
func releaseAttempt(ctx context.Context, tx bun.IDB, keys []throttleKey) error {
	for _, k := range keys {
		_, err := tx.NewUpdate().Model((*failure)(nil)).
			Set("failures = greatest(failures - 1, 0)").
			Set("locked_until = CASE WHEN failures - 1 < ? THEN NULL ELSE locked_until END", k.max).
			Where("key = ?", k.key).Exec(ctx)
		if err != nil {
			return fmt.Errorf("release login attempt: %w", err)
		}
	}
	return nil
}

// throttled returns the error for a lock of wait (when err is nil and wait positive).
func throttled(wait time.Duration, err error) error {
	if err != nil {
		return err
	}
	return &ThrottledError{RetryAfter: (wait + time.Second - 1).Truncate(time.Second)}
}

// clearFailures forgets the failures counted against key.
func clearFailures(ctx context.Context, db bun.IDB, key string) error {
	_, err := db.NewDelete().Model((*failure)(nil)).Where("key = ?", key).Exec(ctx)
	return err
}
