package agreement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/credential"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// RequestToJoin stores a request to sign the version of the Compact in force today, and
// returns it with the secret of its status link: shown once, kept only as a hash. Anyone may
// ask, signed in or not. It returns field errors for invalid input, for an organisation
// number that already has a request waiting (CodeJoinPending) or whose organisation has a
// current signature of that version (CodeAlreadySigned); ErrEnded when the Compact has ended.
// Valid requests are limited per client address (actor.IP) and in all (JoinRate,
// JoinRateOverall; the System is not limited): past the limit it returns a
// *ratelimit.LimitedError, which edges answer with 429 and Retry-After.
func (s *Service) RequestToJoin(ctx context.Context, actor access.Actor, in JoinInput) (*JoinRequest, string, error) {
	if err := s.validate.Struct(in); err != nil {
		return nil, "", validation.FieldErrors(err)
	}
	if system := actor.UserID == 0 && actor.CityAdmin; !system {
		if err := s.joins.Allow(actor.IP); err != nil {
			return nil, "", err
		}
	}
	now := s.now()
	jr := newJoinRequest(in, now)
	if actor.UserID != 0 {
		jr.RequestedBy = &actor.UserID
	}
	random, _ := credential.New()
	secret := JoinTokenPrefix + random
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		a, err := s.joinableCompact(ctx, tx)
		if err != nil {
			return err
		}
		v, err := signedVersion(ctx, tx, a.ID, 0, s.today(now))
		if err != nil {
			return err
		}
		jr.AgreementID, jr.VersionID, jr.VersionLabel = a.ID, v.ID, v.Label
		if err := checkNotSigned(ctx, tx, jr.OrgNumber, v.ID); err != nil {
			return err
		}
		_, err = tx.NewInsert().Model(jr).Value("token_hash", "?", credential.Hash(secret)).Returning("id").Exec(ctx)
		if database.IsUniqueViolation(err, "join_requests_one_pending") {
			return errJoinPending
		}
		if err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, actor, now, audit.Change{Action: "join_request.create", ObjectType: "join_request",
			ObjectID: jr.ID, After: stateOf(jr)}); err != nil {
			return err
		}
		if s.mail == nil {
			return nil
		}
		return s.mail.JoinReceived(ctx, tx, jr, secret)
	})
	if err != nil {
		return nil, "", fmt.Errorf("request to join: %w", err)
	}
	return jr, secret, nil
}

// newJoinRequest is a pending request made of validated input, normalised.
func newJoinRequest(in JoinInput, now time.Time) *JoinRequest {
	nr, _ := validation.NormaliseOrgNumber(in.OrgNumber)
	kind := strings.TrimSpace(in.Kind)
	if kind == "" {
		kind = "association"
	}
	return &JoinRequest{Status: JoinPending, OrganisationName: strings.TrimSpace(in.OrganisationName), OrgNumber: nr,
		Kind: kind, ContactName: strings.TrimSpace(in.ContactName), ContactEmail: strings.TrimSpace(in.ContactEmail),
		ContactPhone: strings.TrimSpace(in.ContactPhone), SignerName: strings.TrimSpace(in.SignerName),
		SignerRole: strings.TrimSpace(in.SignerRole), Lang: in.Lang, CreatedAt: now, UpdatedAt: now}
}

// joinableCompact returns the Compact if one may join it: it is active.
func (s *Service) joinableCompact(ctx context.Context, db bun.IDB) (*Agreement, error) {
	a := new(Agreement)
	err := db.NewSelect().Model(a).Where("a.kind = ?", KindCompact).Scan(ctx)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, ErrNotFound
	case err != nil:
		return nil, err
	case a.Status == StatusEnded:
		return nil, ErrEnded
	case a.Status == StatusDraft:
		return nil, ErrNotFound
	}
	return a, nil
}

// checkNotSigned refuses a request for an organisation that already has a current
// signature of the version.
func checkNotSigned(ctx context.Context, db bun.IDB, orgNumber string, versionID int64) error {
	n, err := db.NewSelect().Table("signatories").Join("JOIN organisations AS o ON o.id = signatories.organisation_id").
		Where("o.org_number = ? AND signatories.version_id = ? AND signatories.withdrawn_on IS NULL", orgNumber, versionID).Count(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		return errAlreadyMember
	}
	return nil
}

// FindJoinRequestByToken returns the request whose status link has the secret, for the
// applicant who holds it, contact details included; ErrJoinRequestNotFound for a secret
// that is unknown or malformed, never saying which.
func (s *Service) FindJoinRequestByToken(ctx context.Context, secret string) (*JoinRequest, error) {
	if !strings.HasPrefix(secret, JoinTokenPrefix) || len(secret) != len(JoinTokenPrefix)+credential.Length {
		return nil, ErrJoinRequestNotFound
	}
	return findJoinRequest(ctx, s.db, "jr.token_hash = ?", credential.Hash(secret))
}

// FindJoinRequestByID returns the request with its contact details, to city
// administrators; ErrJoinRequestNotFound when there is none.
func (s *Service) FindJoinRequestByID(ctx context.Context, actor access.Actor, id int64) (*JoinRequest, error) {
	if err := access.Check(actor, access.ReviewJoinRequests, 0); err != nil {
		return nil, err
	}
	return findJoinRequest(ctx, s.db, "jr.id = ?", id)
}

// FindJoinRequests returns one page of join requests matching f, oldest first, to city
// administrators.
func (s *Service) FindJoinRequests(ctx context.Context, actor access.Actor, f JoinFilter) (listing.Page[JoinRequest], error) {
	if err := access.Check(actor, access.ReviewJoinRequests, 0); err != nil {
		return listing.Page[JoinRequest]{}, err
	}
	if err := s.validate.Struct(f); err != nil {
		return listing.Page[JoinRequest]{}, validation.FieldErrors(err)
	}
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return listing.Page[JoinRequest]{}, err
	}
	limit := listing.Limit(f.Limit)
	q := selectJoinRequests(s.db)
	if f.Status != "" {
		q.Where("jr.status = ?", f.Status)
	}
	if cur != nil {
		q.Where("jr.id > ?", cur.ID)
	}
	var rows []JoinRequest
	if err := q.OrderExpr("jr.id").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return listing.Page[JoinRequest]{}, fmt.Errorf("find join requests: %w", err)
	}
	return listing.Paginate(rows, limit, func(jr JoinRequest) (string, int64) { return "", jr.ID }), nil
}

// FindOwnJoinRequests returns, newest first, the requests a signed-in person made and those
// for the organisations they are a member of (by organisation number, or the organisation
// an approval linked). Callers show members no contact details but their own.
func (s *Service) FindOwnJoinRequests(ctx context.Context, actor access.Actor) ([]JoinRequest, error) {
	if actor.UserID == 0 {
		return nil, nil
	}
	orgs := make([]int64, 0, len(actor.Roles))
	for id := range actor.Roles {
		orgs = append(orgs, id)
	}
	var rows []JoinRequest
	err := selectJoinRequests(s.db).
		Where("(jr.requested_by = ? OR jr.organisation_id = ANY(?) OR jr.org_number IN (SELECT org_number FROM organisations WHERE id = ANY(?) AND org_number IS NOT NULL))",
			actor.UserID, pgdialect.Array(orgs), pgdialect.Array(orgs)).
		OrderExpr("jr.id DESC").Limit(listing.MaxLimit).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("find own join requests: %w", err)
	}
	return rows, nil
}

func findJoinRequest(ctx context.Context, db bun.IDB, where string, arg any) (*JoinRequest, error) {
	jr := new(JoinRequest)
	err := selectJoinRequests(db).Where(where, arg).Scan(ctx, jr)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrJoinRequestNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find join request: %w", err)
	}
	return jr, nil
}

func selectJoinRequests(db bun.IDB) *bun.SelectQuery {
	return db.NewSelect().Model((*JoinRequest)(nil)).ColumnExpr("?TableColumns").ColumnExpr("v.label AS version_label").
		Join("JOIN agreement_versions AS v ON v.id = jr.version_id")
}

// lockJoinRequest reads the request for a decision and locks it, so that two decisions at
// once are made one after the other: the second finds the first's and is refused.
func lockJoinRequest(ctx context.Context, tx bun.Tx, id int64) (*JoinRequest, error) {
	jr := new(JoinRequest)
	err := tx.NewSelect().Model(jr).Where("jr.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrJoinRequestNotFound
	}
	if err != nil {
		return nil, err
	}
	if jr.Status != JoinPending {
		return nil, ErrJoinDecided
	}
	return jr, nil
}

// CountPendingJoinRequests returns how many requests to join wait for a decision, for
// city administrators (access.ReviewJoinRequests).
func (s *Service) CountPendingJoinRequests(ctx context.Context, actor access.Actor) (int, error) {
	if err := access.Check(actor, access.ReviewJoinRequests, 0); err != nil {
		return 0, err
	}
	n, err := s.db.NewSelect().Model((*JoinRequest)(nil)).Where("jr.status = ?", JoinPending).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count join requests: %w", err)
	}
	return int(n), nil
}
