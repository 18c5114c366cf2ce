package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// TokenPrefix starts every API token, so that secret scanners (and people) recognise one.
const TokenPrefix = "lb_"

// prefixLength is how much of a token is kept to tell tokens apart: "lb_" and 8 of its 43
// random characters, which leaves 210 bits unknown.
const prefixLength = len(TokenPrefix) + 8

// defaultTokenName names tokens made on the command line without a name.
const defaultTokenName = "cli"

// tokenInput is what a token's creation is validated as.
type tokenInput struct {
	Name string `json:"name" validate:"required,notblank,max=100"`
}

// tokenState is what the audit log keeps of a token: never the secret.
type tokenState struct {
	Name      string     `json:"name"`
	ExpiresAt *time.Time `json:"expires_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// CreateToken makes a personal API token for the signed-in person and returns its secret,
// which is not stored and cannot be shown again, and the token. The name is required, at
// most 100 characters; expiresAt, if given, must be in the future ({expires_at, future}).
// It returns access.ErrUnauthenticated for an anonymous actor and access.ErrForbidden for
// the System, which has no account to hold a token.
func (s *Service) CreateToken(ctx context.Context, actor access.Actor, name string, expiresAt *time.Time) (string, *Token, error) {
	if err := checkPerson(actor); err != nil {
		return "", nil, err
	}
	return s.createToken(ctx, actor, actor.UserID, name, expiresAt)
}

// CreateTokenForUser makes a token that does not expire for the person, as the System, for
// the command line's `token create`. A blank name becomes "cli". It returns ErrUserNotFound.
func (s *Service) CreateTokenForUser(ctx context.Context, userID int64, name string) (string, *Token, error) {
	if strings.TrimSpace(name) == "" {
		name = defaultTokenName
	}
	return s.createToken(ctx, access.System, userID, name, nil)
}

func (s *Service) createToken(ctx context.Context, actor access.Actor, userID int64, name string, expiresAt *time.Time) (string, *Token, error) {
	now := s.now()
	name = strings.TrimSpace(name)
	fe := validation.FieldErrors(s.validate.Struct(tokenInput{Name: name}))
	if expiresAt != nil && !expiresAt.After(now) {
		fe = append(fe, fault.FieldError{Field: "expires_at", Code: "future"})
	}
	if len(fe) > 0 {
		return "", nil, fe
	}
	random, _ := newSecret()
	secret := TokenPrefix + random
	t := &Token{UserID: userID, Name: name, Prefix: secret[:prefixLength], CreatedAt: now, ExpiresAt: expiresAt}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := findUser(ctx, tx, userID); err != nil {
			return err
		}
		_, err := tx.NewInsert().Model(t).Value("token_hash", "?", hashSecret(secret)).Returning("id").Exec(ctx)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{
			Action: "token.create", ObjectType: "token", ObjectID: t.ID,
			After: tokenState{Name: t.Name, ExpiresAt: t.ExpiresAt},
		})
	})
	if err != nil {
		return "", nil, fmt.Errorf("create token: %w", err)
	}
	return secret, t, nil
}

// ActorForToken returns who holds the API token, asking from ip. It returns ErrBadToken
// for a token that is unknown, revoked or expired. It notes the token's use, at most once a
// minute.
func (s *Service) ActorForToken(ctx context.Context, token, ip string) (access.Actor, error) {
	anon := access.Anonymous(ip)
	if !strings.HasPrefix(token, TokenPrefix) {
		return anon, ErrBadToken
	}
	now := s.now()
	// The token, its owner and their roles in one round trip: every API request asks. The
	// statement goes around bun with a parameter, so that it is planned once per connection.
	var (
		t         Token
		cityAdmin bool
		orgs      []int64
		roles     []string
	)
	err := s.db.DB.QueryRowContext(ctx, `SELECT t.id, t.user_id, t.expires_at, t.last_used_at, t.revoked_at, u.city_admin,
			ARRAY(SELECT m.organisation_id FROM memberships m WHERE m.user_id = u.id ORDER BY m.organisation_id),
			ARRAY(SELECT m.role FROM memberships m WHERE m.user_id = u.id ORDER BY m.organisation_id)
		FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1`, pgx.QueryExecModeCacheStatement, hashSecret(token)).
		Scan(&t.ID, &t.UserID, &t.ExpiresAt, &t.LastUsedAt, &t.RevokedAt, &cityAdmin, pgdialect.Array(&orgs), pgdialect.Array(&roles))
	if errors.Is(err, sql.ErrNoRows) {
		return anon, ErrBadToken
	}
	if err != nil {
		return anon, fmt.Errorf("find token: %w", err)
	}
	if !t.Usable(now) {
		return anon, ErrBadToken
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= touchEvery {
		// A database that cannot write now (read-only, full) still lets the token read; the
		// bookkeeping waits for the next use.
		_, err := s.db.NewUpdate().Model(&t).Set("last_used_at = ?", now).WherePK().Exec(ctx)
		if err != nil && !database.IsUnavailable(err) {
			return anon, fmt.Errorf("touch token: %w", err)
		}
	}
	actor := access.Actor{UserID: t.UserID, CityAdmin: cityAdmin, Roles: make(map[int64]access.Role, len(orgs)), IP: ip}
	for i, org := range orgs {
		actor.Roles[org] = access.Role(roles[i])
	}
	return actor, nil
}

// FindTokens returns the signed-in person's tokens, revoked and expired ones included,
// newest first. Errors as CreateToken.
func (s *Service) FindTokens(ctx context.Context, actor access.Actor) ([]Token, error) {
	if err := checkPerson(actor); err != nil {
		return nil, err
	}
	ts, err := tokensOf(ctx, s.db, actor.UserID)
	if err != nil {
		return nil, fmt.Errorf("find tokens: %w", err)
	}
	return ts, nil
}

func tokensOf(ctx context.Context, db bun.IDB, userID int64) ([]Token, error) {
	ts := []Token{}
	err := db.NewSelect().Model(&ts).Where("t.user_id = ?", userID).OrderExpr("t.created_at DESC, t.id DESC").Scan(ctx)
	return ts, err
}

// RevokeToken stops one of the signed-in person's tokens from working, at once. Another
// person's token is ErrTokenNotFound, like one that does not exist, so that ids are not
// confirmed. Revoking a revoked token changes nothing.
func (s *Service) RevokeToken(ctx context.Context, actor access.Actor, id int64) error {
	if err := checkPerson(actor); err != nil {
		return err
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		t := new(Token)
		err := tx.NewSelect().Model(t).Where("t.id = ? AND t.user_id = ?", id, actor.UserID).For("UPDATE").Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrTokenNotFound
		}
		if err != nil || t.RevokedAt != nil {
			return err
		}
		now := s.now()
		t.RevokedAt = &now
		if _, err := tx.NewUpdate().Model(t).Column("revoked_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{
			Action: "token.revoke", ObjectType: "token", ObjectID: t.ID,
			After: tokenState{Name: t.Name, ExpiresAt: t.ExpiresAt, RevokedAt: t.RevokedAt},
		})
	})
	if err != nil {
		return fmt.Errorf("revoke token %d: %w", id, err)
	}
	return nil
}

// revokeAllTokens revokes every token of the person that is not revoked yet, at now, and
// audits each as "token.revoke" by actor.
func revokeAllTokens(ctx context.Context, tx bun.IDB, actor access.Actor, userID int64, now time.Time) error {
	var ts []Token
	_, err := tx.NewUpdate().Model((*Token)(nil)).Set("revoked_at = ?", now).
		Where("user_id = ? AND revoked_at IS NULL", userID).Returning("id, name, expires_at, revoked_at").Exec(ctx, &ts)
	if err != nil {
		return fmt.Errorf("revoke tokens of user %d: %w", userID, err)
	}
	for _, t := range ts {
		err := audit.Record(ctx, tx, actor, now, audit.Change{
			Action: "token.revoke", ObjectType: "token", ObjectID: t.ID,
			After: tokenState{Name: t.Name, ExpiresAt: t.ExpiresAt, RevokedAt: t.RevokedAt},
		})
		if err != nil {
			return err
		}
	}
	return nil
}
