package account_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	u := e.mustUser(t, "Anna.Berg@example.se", "Anna Berg")
	invited, err := e.s.CreateUser(ctx, access.System, account.UserInput{Email: "ny@example.se", Name: "Ny"}, "")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		// The address in another case is the same address.
		tok, got, err := e.s.Login(ctx, "anna.berg@EXAMPLE.se", goodPassword, "192.0.2.1")
		if err != nil || got.ID != u.ID || len(tok) != 43 {
			t.Fatalf("login = %q, %+v, %v", tok, got, err)
		}
		tok2 := e.mustLogin(t, u.Email)
		if tok2 == tok {
			t.Error("two logins gave one session")
		}
		if e.auditCount(t, "login.success") != 2 {
			t.Error("login.success not audited")
		}
	})
	t.Run("ErrBadCredentials", func(t *testing.T) {
		for name, try := range map[string][2]string{
			"unknown address":     {"nobody@example.se", goodPassword},
			"wrong password":      {u.Email, "fel lösenord igen"},
			"no password yet":     {invited.Email, ""},
			"empty password":      {u.Email, ""},
			"other password case": {u.Email, "KORREKT HÄST BATTERI"},
		} {
			tok, got, err := e.s.Login(ctx, try[0], try[1], "192.0.2.2")
			if !errors.Is(err, account.ErrBadCredentials) || fault.KindOf(err) != fault.Unauthenticated || tok != "" || got != nil {
				t.Errorf("%s: login = %q, %v, %v; want ErrBadCredentials", name, tok, got, err)
			}
		}
		// The failures are audited, never with the password, and for an unknown address
		// without the address.
		var rows []struct {
			ObjectID *int64 `bun:"object_id"`
			Before   []byte `bun:"before"`
			After    []byte `bun:"after"`
			IP       string `bun:"ip"`
		}
		if err := e.db.NewSelect().Table("audit_log").Column("object_id", "before", "after", "ip").
			Where("action = 'login.failed'").Scan(ctx, &rows); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 5 {
			t.Fatalf("%d login.failed entries, want 5", len(rows))
		}
		unknown := 0
		for _, r := range rows {
			if !empty(r.Before) || !empty(r.After) || r.IP != "192.0.2.2" {
				t.Errorf("login.failed entry holds state or lacks the ip: %+v", r)
			}
			if r.ObjectID == nil {
				unknown++
			}
		}
		if unknown != 1 {
			t.Errorf("%d entries without a person, want 1 (the unknown address)", unknown)
		}
	})
	t.Run("Rehash", func(t *testing.T) {
		// A hash made with other parameters is redone with the configured ones at the next login.
		u := e.mustUser(t, "hugo@example.se", "Hugo")
		cfg := e.cfg
		cfg.Hash = account.HashParams{Memory: 128, Time: 2, Threads: 1}
		stronger := account.NewService(e.db, validation.New(), e.clock.Now, cfg)
		if _, _, err := stronger.Login(ctx, u.Email, goodPassword, ""); err != nil {
			t.Fatal(err)
		}
		got, err := stronger.FindUserByEmail(ctx, u.Email)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(*got.PasswordHash, "$argon2id$v=19$m=128,t=2,p=1$") {
			t.Fatalf("hash not upgraded: %s", *got.PasswordHash)
		}
		if _, _, err := stronger.Login(ctx, u.Email, goodPassword, ""); err != nil {
			t.Fatalf("login with the upgraded hash: %v", err)
		}
	})
}

// A guessed password counts against the address and, across addresses, against the client
// address; a lock refuses even the right password until it passes.
func TestLoginThrottling(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	t.Run("Address", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		u := e.mustUser(t, "bo@example.se", "Bo")
		for i := range e.cfg.MaxFailures {
			// Every attempt from another client address: the address's count locks it.
			_, _, err := e.s.Login(ctx, "BO@example.se", "fel lösenord igen", "198.51.100."+string(rune('1'+i)))
			if !errors.Is(err, account.ErrBadCredentials) {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
			e.clock.Advance(time.Minute)
		}
		_, _, err := e.s.Login(ctx, u.Email, goodPassword, "192.0.2.9")
		var te *account.ThrottledError
		if !errors.As(err, &te) || te.RetryAfter <= 0 || te.RetryAfter > e.cfg.Lockout {
			t.Fatalf("right password while locked: %v, want a ThrottledError", err)
		}
		if !errors.Is(err, account.ErrThrottled) || fault.CodeOf(err) != "login_throttled" {
			t.Errorf("err = %v does not unwrap to ErrThrottled", err)
		}
		if te.RetryAfter != e.cfg.Lockout-time.Minute {
			t.Errorf("RetryAfter = %v, want %v", te.RetryAfter, e.cfg.Lockout-time.Minute)
		}
		if e.auditCount(t, "login.throttled") != 1 {
			t.Error("login.throttled not audited")
		}
		e.clock.Advance(te.RetryAfter)
		if _, _, err := e.s.Login(ctx, u.Email, goodPassword, "192.0.2.9"); err != nil {
			t.Fatalf("after the lockout: %v", err)
		}
		// The success cleared the count: a full allowance again.
		for i := range e.cfg.MaxFailures - 1 {
			if _, _, err := e.s.Login(ctx, u.Email, "fel lösenord igen", "192.0.2.9"); !errors.Is(err, account.ErrBadCredentials) {
				t.Fatalf("attempt %d after success: %v", i+1, err)
			}
		}
		if _, _, err := e.s.Login(ctx, u.Email, goodPassword, "192.0.2.9"); err != nil {
			t.Fatalf("count not cleared by the success: %v", err)
		}
	})
	t.Run("Window", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		u := e.mustUser(t, "cia@example.se", "Cia")
		// Failures spread wider than the window never lock.
		for i := range 3 * e.cfg.MaxFailures {
			if _, _, err := e.s.Login(ctx, u.Email, "fel lösenord igen", "192.0.2.3"); !errors.Is(err, account.ErrBadCredentials) {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
			e.clock.Advance(e.cfg.FailureWindow/time.Duration(e.cfg.MaxFailures-1) + time.Second)
		}
		if _, _, err := e.s.Login(ctx, u.Email, goodPassword, "192.0.2.3"); err != nil {
			t.Fatalf("login: %v", err)
		}
	})
	t.Run("ClientAddress", func(t *testing.T) {
		t.Parallel()
		e := newEnv(t)
		victim := e.mustUser(t, "dan@example.se", "Dan")
		const attacker = "203.0.113.7"
		// One try per address, each address under its own limit: only the client address
		// adds up.
		for i := range e.cfg.MaxFailuresPerIP {
			email := "gissning" + string(rune('a'+i)) + "@example.se"
			if _, _, err := e.s.Login(ctx, email, "fel lösenord igen", attacker); !errors.Is(err, account.ErrBadCredentials) {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
		}
		var te *account.ThrottledError
		if _, _, err := e.s.Login(ctx, victim.Email, goodPassword, attacker); !errors.As(err, &te) {
			t.Fatalf("from the locked client address: %v, want a ThrottledError", err)
		}
		// The person from their own address is not locked out.
		if _, _, err := e.s.Login(ctx, victim.Email, goodPassword, "192.0.2.10"); err != nil {
			t.Fatalf("from another client address: %v", err)
		}
	})
}

func TestSession(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	u := e.mustUser(t, "eva@example.se", "Eva")
	org := e.mustOrg(t, "Eriksbergs IF")
	e.mustMember(t, org, u.ID, access.RoleBooker)

	t.Run("OK", func(t *testing.T) {
		tok := e.mustLogin(t, u.Email)
		a, got, err := e.s.ActorForSession(ctx, tok, "192.0.2.4")
		if err != nil || got.ID != u.ID {
			t.Fatalf("actor = %+v, %+v, %v", a, got, err)
		}
		if a.UserID != u.ID || a.CityAdmin || a.IP != "192.0.2.4" || a.RoleIn(org) != access.RoleBooker {
			t.Errorf("actor = %+v", a)
		}
		if err := access.Check(a, access.Book, org); err != nil {
			t.Errorf("the session's actor may not book for its organisation: %v", err)
		}
	})
	t.Run("Touch", func(t *testing.T) {
		// last_seen_at moves at most once a minute, so reads stay reads.
		tok := e.mustLogin(t, u.Email)
		login := e.clock.Now()
		lastSeen := func() time.Time {
			var ts time.Time
			if err := e.db.NewRaw("SELECT last_seen_at FROM sessions WHERE id_hash = sha256(convert_to(?, 'UTF8'))", tok).Scan(ctx, &ts); err != nil {
				t.Fatal(err)
			}
			return ts
		}
		e.clock.Advance(30 * time.Second)
		if _, _, err := e.s.ActorForSession(ctx, tok, ""); err != nil {
			t.Fatal(err)
		}
		if !lastSeen().Equal(login) {
			t.Errorf("last_seen_at moved after 30 s: %v", lastSeen())
		}
		e.clock.Advance(30 * time.Second)
		if _, _, err := e.s.ActorForSession(ctx, tok, ""); err != nil {
			t.Fatal(err)
		}
		if want := login.Add(time.Minute); !lastSeen().Equal(want) {
			t.Errorf("last_seen_at = %v, want %v", lastSeen(), want)
		}
	})
	t.Run("Idle", func(t *testing.T) {
		tok := e.mustLogin(t, u.Email)
		// Used every 90 minutes, the session outlives its 2-hour idle limit…
		for range 3 {
			e.clock.Advance(90 * time.Minute)
			if _, _, err := e.s.ActorForSession(ctx, tok, ""); err != nil {
				t.Fatalf("active session ended: %v", err)
			}
		}
		// …until it is left alone for longer.
		e.clock.Advance(e.cfg.SessionIdle + time.Second)
		if _, _, err := e.s.ActorForSession(ctx, tok, ""); !errors.Is(err, account.ErrSessionExpired) {
			t.Fatalf("idle session: %v, want ErrSessionExpired", err)
		}
	})
	t.Run("Absolute", func(t *testing.T) {
		tok := e.mustLogin(t, u.Email)
		var err error
		for elapsed := time.Duration(0); err == nil; elapsed += time.Hour {
			if elapsed > e.cfg.SessionAbsolute {
				t.Fatalf("session in use lived %v, past its absolute limit %v", elapsed, e.cfg.SessionAbsolute)
			}
			e.clock.Advance(time.Hour)
			_, _, err = e.s.ActorForSession(ctx, tok, "")
		}
		if !errors.Is(err, account.ErrSessionExpired) {
			t.Fatalf("err = %v, want ErrSessionExpired", err)
		}
	})
	t.Run("Logout", func(t *testing.T) {
		tok := e.mustLogin(t, u.Email)
		if err := e.s.Logout(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.s.ActorForSession(ctx, tok, ""); !errors.Is(err, account.ErrSessionExpired) {
			t.Fatalf("after logout: %v", err)
		}
		if err := e.s.Logout(ctx, tok); err != nil {
			t.Fatalf("second logout: %v", err)
		}
	})
	t.Run("ErrSessionExpired", func(t *testing.T) {
		for _, tok := range []string{"", "nonsense", "lb_" + "x"} {
			a, got, err := e.s.ActorForSession(ctx, tok, "192.0.2.5")
			if !errors.Is(err, account.ErrSessionExpired) || got != nil || a.SignedIn() || a.IP != "192.0.2.5" {
				t.Errorf("%q: %+v, %v, %v", tok, a, got, err)
			}
		}
	})
}

func TestPurgeExpired(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	u := e.mustUser(t, "gun@example.se", "Gun")
	e.mustLogin(t, u.Email)
	if _, _, err := e.s.Login(ctx, u.Email, "fel lösenord igen", "192.0.2.6"); !errors.Is(err, account.ErrBadCredentials) {
		t.Fatal(err)
	}
	if n, err := e.s.PurgeExpired(ctx); err != nil || n != 0 {
		t.Fatalf("purge of live rows = %d, %v", n, err)
	}
	e.clock.Advance(e.cfg.SessionAbsolute)
	fresh := e.mustLogin(t, u.Email)
	n, err := e.s.PurgeExpired(ctx)
	if err != nil || n != 2 { // the old session and the ip's failure count
		t.Fatalf("purge = %d, %v; want 2", n, err)
	}
	if _, _, err := e.s.ActorForSession(ctx, fresh, ""); err != nil {
		t.Fatalf("purge ended a live session: %v", err)
	}
}
