package account_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/ratelimit"
)

// resetLinks counts the person's unused reset links.
func (e *env) resetLinks(t *testing.T, userID int64) int {
	t.Helper()
	n, err := e.db.NewSelect().Table("one_time_links").
		Where("kind = 'password_reset' AND user_id = ? AND used_at IS NULL", userID).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestRequestPasswordReset(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	u := e.mustUser(t, "glomsk@test.example", "Glömsk")

	t.Run("OK", func(t *testing.T) {
		if err := e.s.RequestPasswordReset(ctx, " GLOMSK@test.example ", "192.0.2.7", "sv"); err != nil {
			t.Fatal(err)
		}
		if n := e.resetLinks(t, u.ID); n != 1 {
			t.Fatalf("%d reset links, want 1", n)
		}
	})
	t.Run("UnknownAddressSameAnswer", func(t *testing.T) {
		before := e.auditCount(t, "password_reset.create")
		if err := e.s.RequestPasswordReset(ctx, "ingen@test.example", "192.0.2.7", "sv"); err != nil {
			t.Fatalf("unknown address: %v, want the same answer as a known one", err)
		}
		if after := e.auditCount(t, "password_reset.create"); after != before {
			t.Errorf("an unknown address made a link")
		}
	})
	t.Run("NothingAgainWithinResendAfter", func(t *testing.T) {
		before := e.auditCount(t, "password_reset.create")
		if err := e.s.RequestPasswordReset(ctx, u.Email, "192.0.2.8", "sv"); err != nil {
			t.Fatal(err)
		}
		if after := e.auditCount(t, "password_reset.create"); after != before {
			t.Errorf("a second request within ResendAfter made a new link")
		}
		e.clock.Advance(6 * time.Minute)
		if err := e.s.RequestPasswordReset(ctx, u.Email, "192.0.2.8", "sv"); err != nil {
			t.Fatal(err)
		}
		if after := e.auditCount(t, "password_reset.create"); after != before+1 {
			t.Errorf("a request after ResendAfter made %d links, want 1", after-before)
		}
		if n := e.resetLinks(t, u.ID); n != 1 {
			t.Errorf("%d unused reset links, want only the newest", n)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		if codes := fieldCodes(e.s.RequestPasswordReset(ctx, "inte en adress", "192.0.2.7", "sv")); codes["email"] != "email" {
			t.Errorf("malformed address: %v", codes)
		}
	})
	t.Run("ErrLimited", func(t *testing.T) {
		e.s.LimitForgot(ratelimit.Rate{Burst: 2, Every: time.Hour}, ratelimit.Rate{Burst: 100, Every: time.Second})
		for i := range 3 {
			err := e.s.RequestPasswordReset(ctx, "ingen@test.example", "198.51.100.1", "sv")
			var limited *ratelimit.LimitedError
			if got := errors.As(err, &limited); got != (i == 2) {
				t.Errorf("request %d from one address: %v", i+1, err)
			}
		}
		if err := e.s.RequestPasswordReset(ctx, "ingen@test.example", "198.51.100.2", "sv"); err != nil {
			t.Errorf("another address is limited too: %v", err)
		}
	})
}
