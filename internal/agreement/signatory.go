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
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Sign records that an organisation signed a version of the agreement (when in.VersionID is
// 0, the one in force on the day: the latest adopted on or before it). The date must not be in the future nor before the version was
// adopted. It returns ErrNotFound, ErrEnded for an ended agreement, or field errors: an
// organisation or version that does not exist, or a current signature of the same version.
// Only city administrators record signatures.
func (s *Service) Sign(ctx context.Context, actor access.Actor, agreementID int64, in SignInput) (*Signatory, error) {
	if err := access.Check(actor, access.ManageAgreements, 0); err != nil {
		return nil, err
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	signed, err := parseDate("signed_on", in.SignedOn)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if signed.After(s.today(now)) {
		return nil, fault.FieldErrors{{Field: "signed_on", Code: CodeNotInFuture}}
	}
	sig := &Signatory{AgreementID: agreementID, OrganisationID: in.OrganisationID, SignedOn: *signed,
		SignerName: strings.TrimSpace(in.SignerName), SignerRole: strings.TrimSpace(in.SignerRole), CreatedAt: now, UpdatedAt: now}
	err = database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		return sign(ctx, tx, actor, now, in.VersionID, sig)
	})
	if err != nil {
		return nil, fmt.Errorf("sign agreement %d: %w", agreementID, err)
	}
	return s.FindSignatoryByID(ctx, sig.ID)
}

// sign records sig, a signature of its agreement (of versionID, or when 0 the version in
// force on sig.SignedOn), in tx, with its audit entry: Sign's work, shared with the approval
// of a join request. The date is checked against the version; the caller checks the rest.
func sign(ctx context.Context, tx bun.Tx, actor access.Actor, now time.Time, versionID int64, sig *Signatory) error {
	a, err := lockAgreement(ctx, tx, sig.AgreementID)
	if err != nil {
		return err
	}
	if a.Status == StatusEnded {
		return ErrEnded
	}
	v, err := signedVersion(ctx, tx, sig.AgreementID, versionID, sig.SignedOn)
	if err != nil {
		return err
	}
	if sig.SignedOn.Before(v.AdoptedOn) {
		return fault.FieldErrors{{Field: "signed_on", Code: CodeSignedBeforeVersion, Param: v.AdoptedOn.Format(time.DateOnly)}}
	}
	sig.VersionID, sig.VersionLabel = v.ID, v.Label
	if err := checkOrganisation(ctx, tx, sig.OrganisationID); err != nil {
		return err
	}
	return InsertSignatory(ctx, tx, actor, now, sig)
}

// Withdraw dates the withdrawal of a signature (today when in.WithdrawnOn is empty); the
// row stays as history. It returns ErrSignatoryNotFound, ErrWithdrawn for a signature
// already withdrawn, or field errors for a date in the future or before the signature.
// Only city administrators record withdrawals.
func (s *Service) Withdraw(ctx context.Context, actor access.Actor, id int64, in WithdrawInput) (*Signatory, error) {
	if err := access.Check(actor, access.ManageAgreements, 0); err != nil {
		return nil, err
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	now := s.now()
	on, err := parseDate("withdrawn_on", in.WithdrawnOn)
	if err != nil {
		return nil, err
	}
	if on == nil {
		today := s.today(now)
		on = &today
	}
	if on.After(s.today(now)) {
		return nil, fault.FieldErrors{{Field: "withdrawn_on", Code: CodeNotInFuture}}
	}
	err = database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		sig := new(Signatory)
		err := tx.NewSelect().Model(sig).Where("s.id = ?", id).For("UPDATE").Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrSignatoryNotFound
		}
		if err != nil {
			return err
		}
		if sig.WithdrawnOn != nil {
			return ErrWithdrawn
		}
		if on.Before(sig.SignedOn) {
			return fault.FieldErrors{{Field: "withdrawn_on", Code: CodeBeforeSigned, Param: sig.SignedOn.Format(time.DateOnly)}}
		}
		before := *sig
		sig.WithdrawnOn, sig.UpdatedAt = on, now
		if _, err := tx.NewUpdate().Model(sig).Column("withdrawn_on", "updated_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{Action: "signatory.withdraw", ObjectType: "signatory",
			ObjectID: sig.ID, OrganisationID: sig.OrganisationID, Before: &before, After: sig})
	})
	if err != nil {
		return nil, fmt.Errorf("withdraw signatory %d: %w", id, err)
	}
	return s.FindSignatoryByID(ctx, id)
}

// FindSignatoryByID returns the signature with its organisation's name and its version's
// label, or ErrSignatoryNotFound.
func (s *Service) FindSignatoryByID(ctx context.Context, id int64) (*Signatory, error) {
	sig := new(Signatory)
	err := selectSignatories(s.db.NewSelect().Model(sig)).Where("s.id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrSignatoryNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find signatory %d: %w", id, err)
	}
	return sig, nil
}

// SignatoryPage is one page of an agreement's signatories and how many match in all.
type SignatoryPage struct {
	listing.Page[Signatory]
	Count int
}

// FindSignatories returns one page of the agreement's signatories matching f, sorted by
// organisation name, and the number that match. It returns ErrNotFound for an agreement the
// actor may not see (a draft, to anyone but city administrators). The signer's name and role
// are given to city administrators only.
func (s *Service) FindSignatories(ctx context.Context, actor access.Actor, agreementID int64, f SignatoryFilter) (SignatoryPage, error) {
	if err := s.validate.Struct(f); err != nil {
		return SignatoryPage{}, validation.FieldErrors(err)
	}
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return SignatoryPage{}, err
	}
	if _, err := s.FindAgreementByID(ctx, actor, agreementID); err != nil {
		return SignatoryPage{}, err
	}
	limit := listing.Limit(f.Limit)
	q := selectSignatories(s.db.NewSelect().Model((*Signatory)(nil))).Where("s.agreement_id = ?", agreementID)
	if !f.All {
		q.Where("s.withdrawn_on IS NULL")
	}
	for _, w := range listing.Words(f.Q) {
		q.Where("(o.name ILIKE ? OR o.org_number ILIKE ?)", w, w)
	}
	n, err := q.Count(ctx)
	if err != nil {
		return SignatoryPage{}, fmt.Errorf("count signatories: %w", err)
	}
	if cur != nil {
		q.Where("(o.name, s.id) > (? COLLATE sv, ?)", cur.Key, cur.ID)
	}
	var rows []Signatory
	if err := q.OrderExpr("o.name, s.id").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return SignatoryPage{}, fmt.Errorf("find signatories: %w", err)
	}
	if !mayManage(actor) {
		// Who signed for an organisation is kept for the city's records, not published.
		for i := range rows {
			rows[i].SignerName, rows[i].SignerRole = "", ""
		}
	}
	page := listing.Paginate(rows, limit, func(s Signatory) (string, int64) { return s.OrganisationName, s.ID })
	return SignatoryPage{Page: page, Count: int(n)}, nil
}

// CurrentCompactSignatories returns which of orgs have a current (not withdrawn) signature
// of an active Compact, on db (a pool or a transaction). It is what the booking rule
// "only Compact signatories" means.
func CurrentCompactSignatories(ctx context.Context, db bun.IDB, orgs []int64) ([]int64, error) {
	var out []int64
	err := db.NewRaw(`SELECT DISTINCT s.organisation_id FROM signatories s JOIN agreements a ON a.id = s.agreement_id
		WHERE a.kind = ? AND a.status = ? AND s.withdrawn_on IS NULL AND s.organisation_id = ANY(?)`,
		KindCompact, StatusActive, pgdialect.Array(orgs)).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("current compact signatories: %w", err)
	}
	return out, nil
}

func selectSignatories(q *bun.SelectQuery) *bun.SelectQuery {
	return q.ColumnExpr("s.*").ColumnExpr("o.name AS organisation_name, o.org_number, v.label AS version_label").
		Join("JOIN organisations AS o ON o.id = s.organisation_id").
		Join("JOIN agreement_versions AS v ON v.id = s.version_id")
}

// signedVersion returns the version of the agreement with id versionID or, when versionID
// is 0, the one in force on the day signed: the latest adopted on or before it, failing that
// the earliest (which the caller then refuses as adopted after the signature). A revision
// adopted ahead of time does not become what signatures of earlier days name.
func signedVersion(ctx context.Context, db bun.IDB, agreementID, versionID int64, signed time.Time) (*Version, error) {
	v := new(Version)
	q := db.NewSelect().Model(v).Where("v.agreement_id = ?", agreementID)
	if versionID != 0 {
		q.Where("v.id = ?", versionID)
	}
	err := q.OrderExpr("v.adopted_on <= ? DESC, CASE WHEN v.adopted_on <= ? THEN v.adopted_on END DESC, v.adopted_on, v.id DESC", signed, signed).
		Limit(1).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errVersionNotFound
	}
	return v, err
}

// checkOrganisation refuses a signature by an organisation that does not exist or is
// archived.
func checkOrganisation(ctx context.Context, db bun.IDB, id int64) error {
	o, err := organisation.FindByID(ctx, db, id)
	if errors.Is(err, organisation.ErrNotFound) || (err == nil && o.Archived()) {
		return errOrgNotFound
	}
	return err
}
