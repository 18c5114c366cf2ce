package account_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
)

func TestToken(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	u := e.mustUser(t, "hans@example.se", "Hans")
	org := e.mustOrg(t, "Hestra Hembygdsförening")
	e.mustMember(t, org, u.ID, access.RoleAdmin)
	me := e.mustActor(t, u.Email)

	t.Run("OK", func(t *testing.T) {
		secret, tok, err := e.s.CreateToken(ctx, me, "  Skript ", nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, "lb_") || len(secret) != 46 || tok.Name != "Skript" || tok.UserID != u.ID ||
			!strings.HasPrefix(secret, tok.Prefix) || len(tok.Prefix) < 8 {
			t.Fatalf("secret %q, token %+v", secret, tok)
		}
		a, err := e.s.ActorForToken(ctx, secret, "192.0.2.7")
		if err != nil || a.UserID != u.ID || a.RoleIn(org) != access.RoleAdmin || a.IP != "192.0.2.7" {
			t.Fatalf("actor = %+v, %v", a, err)
		}
		// The secret is stored only as its SHA-256, and audited not at all.
		var hashed, audited int
		if err := e.db.NewRaw("SELECT count(*) FROM api_tokens WHERE token_hash = sha256(convert_to(?, 'UTF8'))", secret).
			Scan(ctx, &hashed); err != nil {
			t.Fatal(err)
		}
		if err := e.db.NewRaw("SELECT count(*) FROM audit_log WHERE position(? in concat(before::text, after::text)) > 0", secret[3:]).
			Scan(ctx, &audited); err != nil {
			t.Fatal(err)
		}
		if hashed != 1 || audited != 0 {
			t.Errorf("stored as sha256: %d, audited: %d", hashed, audited)
		}
	})
	t.Run("LastUsed", func(t *testing.T) {
		secret, tok, err := e.s.CreateToken(ctx, me, "Cron", nil)
		if err != nil {
			t.Fatal(err)
		}
		lastUsed := func() *time.Time {
			ts, err := e.s.FindTokens(ctx, me)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range ts {
				if x.ID == tok.ID {
					return x.LastUsedAt
				}
			}
			t.Fatal("token not listed")
			return nil
		}
		if lastUsed() != nil {
			t.Fatal("unused token has a last use")
		}
		used := e.clock.Now()
		if _, err := e.s.ActorForToken(ctx, secret, ""); err != nil {
			t.Fatal(err)
		}
		if got := lastUsed(); got == nil || !got.Equal(used) {
			t.Fatalf("last_used_at = %v, want %v", got, used)
		}
		e.clock.Advance(20 * time.Second)
		if _, err := e.s.ActorForToken(ctx, secret, ""); err != nil {
			t.Fatal(err)
		}
		if got := lastUsed(); !got.Equal(used) {
			t.Errorf("last_used_at moved within a minute: %v", got)
		}
		e.clock.Advance(time.Minute)
		if _, err := e.s.ActorForToken(ctx, secret, ""); err != nil {
			t.Fatal(err)
		}
		if got := lastUsed(); !got.Equal(e.clock.Now()) {
			t.Errorf("last_used_at = %v, want %v", got, e.clock.Now())
		}
	})
	t.Run("Revoke", func(t *testing.T) {
		secret, tok, err := e.s.CreateToken(ctx, me, "Gammal", nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.s.RevokeToken(ctx, me, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.ActorForToken(ctx, secret, ""); !errors.Is(err, account.ErrBadToken) {
			t.Fatalf("revoked token: %v, want ErrBadToken", err)
		}
		if err := e.s.RevokeToken(ctx, me, tok.ID); err != nil {
			t.Fatalf("revoking twice: %v", err)
		}
		if n := e.auditCount(t, "token.revoke"); n != 1 {
			t.Errorf("%d token.revoke entries, want 1", n)
		}
	})
	t.Run("Expiry", func(t *testing.T) {
		at := e.clock.Now().Add(time.Hour)
		secret, _, err := e.s.CreateToken(ctx, me, "Kort", &at)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.ActorForToken(ctx, secret, ""); err != nil {
			t.Fatalf("before expiry: %v", err)
		}
		e.clock.Advance(time.Hour)
		if _, err := e.s.ActorForToken(ctx, secret, ""); !errors.Is(err, account.ErrBadToken) {
			t.Fatalf("at expiry: %v, want ErrBadToken", err)
		}
	})
	t.Run("ForUser", func(t *testing.T) {
		secret, tok, err := e.s.CreateTokenForUser(ctx, u.ID, "")
		if err != nil || tok.Name != "cli" {
			t.Fatalf("token = %+v, %v", tok, err)
		}
		if a, err := e.s.ActorForToken(ctx, secret, ""); err != nil || a.UserID != u.ID {
			t.Fatalf("actor = %+v, %v", a, err)
		}
		if _, _, err := e.s.CreateTokenForUser(ctx, 1<<40, "x"); !errors.Is(err, account.ErrUserNotFound) {
			t.Fatalf("unknown user: %v", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		past := e.clock.Now().Add(-time.Second)
		_, _, err := e.s.CreateToken(ctx, me, strings.Repeat("x", 101), &past)
		want := map[string]string{"name": "max_len", "expires_at": "future"}
		if got := fieldCodes(err); len(got) != 2 || got["name"] != want["name"] || got["expires_at"] != want["expires_at"] {
			t.Fatalf("err = %v, want %v", err, want)
		}
		if _, _, err := e.s.CreateToken(ctx, me, " ", nil); fieldCodes(err)["name"] == "" {
			t.Fatalf("blank name: %v", err)
		}
	})
	t.Run("ErrBadToken", func(t *testing.T) {
		for _, s := range []string{"", "lb_", "lb_nonsense", "Bearer lb_x", strings.Repeat("a", 46)} {
			if a, err := e.s.ActorForToken(ctx, s, ""); !errors.Is(err, account.ErrBadToken) || a.SignedIn() {
				t.Errorf("%q: %+v, %v", s, a, err)
			}
		}
	})
	t.Run("ErrTokenNotFound", func(t *testing.T) {
		other := e.mustUser(t, "ida@example.se", "Ida")
		theirs, tok, err := e.s.CreateTokenForUser(ctx, other.ID, "Idas")
		if err != nil {
			t.Fatal(err)
		}
		// Another person's token is as unknown as a missing one, and keeps working.
		for _, id := range []int64{tok.ID, 1 << 40} {
			if err := e.s.RevokeToken(ctx, me, id); !errors.Is(err, account.ErrTokenNotFound) {
				t.Errorf("revoke %d: %v, want ErrTokenNotFound", id, err)
			}
		}
		if _, err := e.s.ActorForToken(ctx, theirs, ""); err != nil {
			t.Errorf("another's revoke attempt broke the token: %v", err)
		}
		mine, err := e.s.FindTokens(ctx, me)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range mine {
			if x.UserID != u.ID {
				t.Errorf("FindTokens lists another's token %+v", x)
			}
		}
	})
	t.Run("ErrAccess", func(t *testing.T) {
		if _, _, err := e.s.CreateToken(ctx, access.Anonymous("x"), "n", nil); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous: %v", err)
		}
		if _, _, err := e.s.CreateToken(ctx, access.System, "n", nil); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("system: %v", err)
		}
		if _, err := e.s.FindTokens(ctx, access.Anonymous("x")); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous list: %v", err)
		}
	})
}
