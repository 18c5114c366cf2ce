package feedtoken

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/borasstad/lokalbanken/internal/credential"
)

// Resolve returns the organisation whose feed the secret opens. It returns ErrNotFound for
// a secret that is unknown, malformed or revoked, and never says which, so that the answer
// to a guess is the same whether or not the link ever existed. It notes the link's use, at
// most once a minute. Anyone holding the secret may call it: the secret is the credential.
func (s *Service) Resolve(ctx context.Context, secret string) (organisationID int64, err error) {
	if !wellFormed(secret) {
		return 0, ErrNotFound
	}
	var (
		id       int64
		lastUsed *time.Time
	)
	err = s.db.NewSelect().Model((*Token)(nil)).Column("ft.id", "ft.organisation_id", "ft.last_used_at").
		Where("ft.token_hash = ? AND ft.revoked_at IS NULL", credential.Hash(secret)).
		Scan(ctx, &id, &organisationID, &lastUsed)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("resolve feed token: %w", err)
	}
	now := s.now()
	if lastUsed == nil || now.Sub(*lastUsed) >= touchEvery {
		// A link revoked since the read above keeps the last use it had before: its
		// revocation is the last thing that happened to it.
		_, err := s.db.NewUpdate().Model((*Token)(nil)).Set("last_used_at = ?", now).
			Where("id = ? AND revoked_at IS NULL", id).Exec(ctx)
		if err != nil {
			return 0, fmt.Errorf("touch feed token: %w", err)
		}
	}
	return organisationID, nil
}

// wellFormed reports whether s could be a secret made by Create: the prefix and 43
// base64url characters. Anything else is refused without a database round trip.
func wellFormed(s string) bool {
	rest, ok := strings.CutPrefix(s, Prefix)
	if !ok || len(rest) != credential.Length {
		return false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
