package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
)

// Login checks a person's address and password and starts a session, returning its token
// (for a cookie; only its SHA-256 is stored) and the person. Every login gets a new session,
// so a session id planted before login is worthless after it.
//
// An unknown address, an account without a password, an account linked to a single
// sign-on provider (LoginExternal) and a wrong password all return ErrBadCredentials, after the same argon2 work, so neither the answer nor its timing tells
// which addresses have accounts. Attempts are counted per address and per client address ip
// before the password is checked (a burst at once is limited like one after the other);
// while either is locked Login returns a *ThrottledError without checking the password. The
// check itself waits for one of the service's few argon2 slots (Config.MaxHashes) and gives
// up with a *ThrottledError marked Busy, so memory stays bounded whatever comes at once. A
// success clears the address's count and gives back its own attempt on the client address
// (only that: one known password must not reset an attacker's budget). Each outcome is audited — "login.success", "login.failed",
// "login.throttled" — with the person as object when the address is known, and never the
// password or, for an unknown address, the address.
func (s *Service) Login(ctx context.Context, email, password, ip string) (string, *User, error) {
	token, u, err := s.login(ctx, email, password, ip)
	var te *ThrottledError
	if s.onThrottled != nil && errors.As(err, &te) {
		s.onThrottled(te.Busy)
	}
	return token, u, err
}

// OnThrottled makes Login call f for each login it refuses with a *ThrottledError, with
// its Busy, for the operators' numbers. f must be quick and safe for concurrent use. Call
// it before the service is used.
func (s *Service) OnThrottled(f func(busy bool)) { s.onThrottled = f }

func (s *Service) login(ctx context.Context, email, password, ip string) (string, *User, error) {
	now := s.now()
	anon := access.Anonymous(ip)
	u, err := findUserByEmail(ctx, s.db, email)
	if err != nil && !errors.Is(err, ErrUserNotFound) {
		return "", nil, fmt.Errorf("login: %w", err)
	}
	event := audit.Change{ObjectType: "user"}
	if u != nil {
		event.ObjectID = u.ID
	}
	keys := s.throttleKeys(email, ip)
	wait, err := s.reserveAttempt(ctx, keys, now)
	if err != nil {
		return "", nil, fmt.Errorf("login: %w", err)
	}
	if wait > 0 {
		event.Action = "login.throttled"
		if err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
			return audit.Record(ctx, tx, anon, now, event)
		}); err != nil {
			return "", nil, fmt.Errorf("login: %w", err)
		}
		return "", nil, throttled(wait, nil)
	}

	// An account linked to a single sign-on provider signs in only there: its access ends
	// when the provider ends it, not when a password here is forgotten.
	linked := false
	if u != nil {
		if linked, err = hasIdentity(ctx, s.db, u.ID); err != nil {
			return "", nil, fmt.Errorf("login: %w", err)
		}
	}
	ok, params := false, s.cfg.Hash
	if u != nil && u.PasswordHash != nil && !linked {
		ok, params, err = s.verify(ctx, *u.PasswordHash, password)
	} else {
		// The work a verification would have done, so that timing does not tell.
		_, err = s.hash(ctx, password)
	}
	if err != nil {
		// Busy or gone: the password was not checked, so the attempt does not count.
		if rerr := releaseAttempt(ctx, s.db, keys); rerr != nil {
			return "", nil, fmt.Errorf("login: %w", rerr)
		}
		var te *ThrottledError
		if errors.As(err, &te) {
			return "", nil, err
		}
		if u != nil {
			return "", nil, fmt.Errorf("login: user %d: %w", u.ID, err)
		}
		return "", nil, fmt.Errorf("login: %w", err)
	}
	if !ok {
		event.Action = "login.failed"
		err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
			return audit.Record(ctx, tx, anon, now, event)
		})
		if err != nil {
			return "", nil, fmt.Errorf("login: %w", err)
		}
		return "", nil, ErrBadCredentials
	}

	// Upgrade a hash made with other parameters while the password is at hand.
	var rehash string
	if params != s.cfg.Hash {
		// Only when a slot is free: the upgrade can wait for another login.
		rehash, _ = s.hash(ctx, password)
	}
	token, idHash := newSecret()
	err = database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := clearFailures(ctx, tx, emailKey(u.Email)); err != nil {
			return err
		}
		if err := releaseAttempt(ctx, tx, keys[1:]); err != nil {
			return err
		}
		if rehash != "" {
			if _, err := tx.NewUpdate().Model((*User)(nil)).Set("password_hash = ?", rehash).Where("id = ?", u.ID).Exec(ctx); err != nil {
				return err
			}
		}
		sess := &session{IDHash: idHash, UserID: u.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(s.cfg.SessionAbsolute)}
		if _, err := tx.NewInsert().Model(sess).Exec(ctx); err != nil {
			return err
		}
		event.Action = "login.success"
		return audit.Record(ctx, tx, access.Actor{UserID: u.ID, IP: ip}, now, event)
	})
	if err != nil {
		return "", nil, fmt.Errorf("login: %w", err)
	}
	return token, u, nil
}

// Logout ends the session with the token. Ending a session that does not exist is no error.
func (s *Service) Logout(ctx context.Context, sessionToken string) error {
	_, err := s.db.NewDelete().Model((*session)(nil)).Where("id_hash = ?", hashSecret(sessionToken)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("logout: %w", err)
	}
	return nil
}

// ActorForSession returns who holds the session token, asking from ip, and the person. It
// returns ErrSessionExpired, with an anonymous actor, for an unknown token and for a session
// past its absolute lifetime or idle longer than Config.SessionIdle (and deletes such a
// session). It notes the session's use, at most once a minute.
func (s *Service) ActorForSession(ctx context.Context, sessionToken, ip string) (access.Actor, *User, error) {
	anon := access.Anonymous(ip)
	if sessionToken == "" {
		return anon, nil, ErrSessionExpired
	}
	now := s.now()
	sess := new(session)
	err := s.db.NewSelect().Model(sess).Where("s.id_hash = ?", hashSecret(sessionToken)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return anon, nil, ErrSessionExpired
	}
	if err != nil {
		return anon, nil, fmt.Errorf("find session: %w", err)
	}
	if !now.Before(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) > s.cfg.SessionIdle {
		if _, err := s.db.NewDelete().Model(sess).WherePK().Exec(ctx); err != nil {
			return anon, nil, fmt.Errorf("end session: %w", err)
		}
		return anon, nil, ErrSessionExpired
	}
	if now.Sub(sess.LastSeenAt) >= touchEvery {
		if _, err := s.db.NewUpdate().Model(sess).Set("last_seen_at = ?", now).WherePK().Exec(ctx); err != nil {
			return anon, nil, fmt.Errorf("touch session: %w", err)
		}
	}
	u, err := findUser(ctx, s.db, sess.UserID)
	if err != nil {
		return anon, nil, err
	}
	actor, err := actorFor(ctx, s.db, u, ip)
	if err != nil {
		return anon, nil, err
	}
	return actor, u, nil
}

// actorFor returns the actor of person u asking from ip, with their roles.
func actorFor(ctx context.Context, db bun.IDB, u *User, ip string) (access.Actor, error) {
	var ms []Membership
	if err := db.NewSelect().Model(&ms).Where("m.user_id = ?", u.ID).Scan(ctx); err != nil {
		return access.Actor{}, fmt.Errorf("find roles of user %d: %w", u.ID, err)
	}
	roles := make(map[int64]access.Role, len(ms))
	for _, m := range ms {
		roles[m.OrganisationID] = m.Role
	}
	return access.Actor{UserID: u.ID, CityAdmin: u.CityAdmin, Roles: roles, IP: ip}, nil
}

// PurgeExpired deletes what can no longer be used: sessions past their lifetime or idle
// limit, one-time links past their expiry, and failure counts whose window and lock have
// both passed. It returns how many rows went. Run it now and then (say hourly); nothing
// depends on it for correctness, only for keeping the tables small.
func (s *Service) PurgeExpired(ctx context.Context) (int64, error) {
	now := s.now()
	var n int64
	for _, q := range []*bun.DeleteQuery{
		s.db.NewDelete().Model((*session)(nil)).Where("expires_at <= ? OR last_seen_at < ?", now, now.Add(-s.cfg.SessionIdle)),
		s.db.NewDelete().Model((*link)(nil)).Where("expires_at <= ?", now),
		s.db.NewDelete().Model((*failure)(nil)).
			Where("first_failure <= ? AND (locked_until IS NULL OR locked_until <= ?)", now.Add(-s.cfg.FailureWindow), now),
	} {
		res, err := q.Exec(ctx)
		if err != nil {
			return n, fmt.Errorf("purge expired: %w", err)
		}
		k, _ := res.RowsAffected()
		n += k
	}
	return n, nil
}
