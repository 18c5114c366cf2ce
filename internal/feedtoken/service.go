package feedtoken

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/credential"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// touchEvery is how stale last_used_at may get: calendar apps poll, and writing on every
// poll would turn every feed read into a write.
const touchEvery = time.Minute

// Service keeps the feed links.
type Service struct {
	db       *bun.DB
	validate *validator.Validate
	now      func() time.Time
}

// NewService returns a Service over db.
func NewService(db *bun.DB, v *validator.Validate, now func() time.Time) *Service {
	return &Service{db: db, validate: v, now: now}
}

// input is what a link's creation is validated as.
type input struct {
	Name string `json:"name" validate:"required,notblank,max=100"`
}

// state is what the audit log keeps of a link: never the secret nor its hash.
type state struct {
	Name      string     `json:"name"`
	Prefix    string     `json:"prefix"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// Create makes a feed link for the organisation and returns its secret, which is not stored
// and cannot be shown again, and the link. Members (admins and bookers) of the organisation
// and city administrators may (access.ManageFeeds). The name is required, at most 100
// characters; an organisation with MaxLive links already gets a field error CodeTooMany.
// It returns organisation.ErrNotFound and organisation.ErrArchived.
func (s *Service) Create(ctx context.Context, actor access.Actor, orgID int64, name string) (string, *Token, error) {
	if err := access.Check(actor, access.ManageFeeds, orgID); err != nil {
		return "", nil, err
	}
	name = strings.TrimSpace(name)
	if fe := validation.FieldErrors(s.validate.Struct(input{Name: name})); len(fe) > 0 {
		return "", nil, fe
	}
	random, _ := credential.New()
	// The whole secret, prefix included, is what clients present and so what is hashed.
	secret := Prefix + random
	hash := credential.Hash(secret)
	now := s.now()
	t := &Token{OrganisationID: orgID, Name: name, Prefix: secret[:prefixLength], CreatedAt: now}
	if actor.UserID != 0 {
		t.CreatedBy = &actor.UserID
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := lockLiveCount(ctx, tx, orgID); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(t).Value("token_hash", "?", hash).Returning("id").Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{
			Action: "feed_token.create", ObjectType: "feed_token", ObjectID: t.ID, OrganisationID: orgID,
			After: state{Name: t.Name, Prefix: t.Prefix},
		})
	})
	if err != nil {
		return "", nil, fmt.Errorf("create feed token: %w", err)
	}
	return secret, t, nil
}

// lockLiveCount locks the organisation against other creations of links, so that two at
// once cannot both pass the bound, and checks that it exists, is not archived and has room
// for one more live link. FOR NO KEY UPDATE does not block the foreign-key checks of
// bookings being made for the organisation meanwhile.
func lockLiveCount(ctx context.Context, tx bun.Tx, orgID int64) error {
	var archivedAt *time.Time
	err := tx.NewSelect().Table("organisations").Column("archived_at").Where("id = ?", orgID).
		For("NO KEY UPDATE").Scan(ctx, &archivedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return organisation.ErrNotFound
	}
	if err != nil {
		return err
	}
	if archivedAt != nil {
		return organisation.ErrArchived
	}
	live, err := tx.NewSelect().Model((*Token)(nil)).
		Where("ft.organisation_id = ? AND ft.revoked_at IS NULL", orgID).Count(ctx)
	if err != nil {
		return err
	}
	if live >= MaxLive {
		return fault.FieldErrors{{Field: "name", Code: CodeTooMany, Param: strconv.Itoa(MaxLive)}}
	}
	return nil
}

// List returns the organisation's links, revoked ones included, newest first; never their
// secrets. Access as for Create. An organisation that does not exist has none.
func (s *Service) List(ctx context.Context, actor access.Actor, orgID int64) ([]Token, error) {
	if err := access.Check(actor, access.ManageFeeds, orgID); err != nil {
		return nil, err
	}
	ts := []Token{}
	err := s.db.NewSelect().Model(&ts).Where("ft.organisation_id = ?", orgID).
		OrderExpr("ft.created_at DESC, ft.id DESC").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("list feed tokens of %d: %w", orgID, err)
	}
	return ts, nil
}

// Revoke stops the link from working, at once. Access as for Create, in the link's
// organisation; ErrNotFound for an id that names no link. Revoking a revoked link changes
// nothing.
func (s *Service) Revoke(ctx context.Context, actor access.Actor, id int64) error {
	// Before the lookup, so that an anonymous caller learns nothing about which ids exist.
	if !actor.SignedIn() {
		return access.ErrUnauthenticated
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		t := new(Token)
		err := tx.NewSelect().Model(t).Where("ft.id = ?", id).For("UPDATE").Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if err := access.Check(actor, access.ManageFeeds, t.OrganisationID); err != nil || t.Revoked() {
			return err
		}
		now := s.now()
		t.RevokedAt = &now
		if _, err := tx.NewUpdate().Model(t).Column("revoked_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{
			Action: "feed_token.revoke", ObjectType: "feed_token", ObjectID: t.ID, OrganisationID: t.OrganisationID,
			Before: state{Name: t.Name, Prefix: t.Prefix}, After: state{Name: t.Name, Prefix: t.Prefix, RevokedAt: t.RevokedAt},
		})
	})
	if err != nil {
		return fmt.Errorf("revoke feed token %d: %w", id, err)
	}
	return nil
}
