package agreement

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// CodeNoSuchVersion is the field error on "version" for a label the agreement has no version of.
const CodeNoSuchVersion = "no_such_version"

// LockSigningVersion locks the agreement on tx for the rest of the transaction, so that it
// cannot end or change meanwhile, and returns the version that new signatures of it name:
// the one labelled label or, when label is empty, the one in force on today (the latest
// adopted on or before it). It returns ErrNotFound, ErrEnded for an ended agreement, or a
// field error on "version" when the agreement has no version with that label.
func LockSigningVersion(ctx context.Context, tx bun.Tx, agreementID int64, label string, today time.Time) (*Version, error) {
	a, err := lockAgreement(ctx, tx, agreementID)
	if err != nil {
		return nil, err
	}
	if a.Status == StatusEnded {
		return nil, ErrEnded
	}
	if label == "" {
		return signedVersion(ctx, tx, agreementID, 0, today)
	}
	v := new(Version)
	err = tx.NewSelect().Model(v).Where("v.agreement_id = ? AND v.label = ?", agreementID, label).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fault.FieldErrors{{Field: "version", Code: CodeNoSuchVersion, Param: label}}
	}
	return v, err
}

// CurrentSigners returns the organisations that have a current (not withdrawn) signature of
// the version, read on db.
func CurrentSigners(ctx context.Context, db bun.IDB, versionID int64) (map[int64]bool, error) {
	var ids []int64
	err := db.NewSelect().Model((*Signatory)(nil)).Column("organisation_id").
		Where("version_id = ? AND withdrawn_on IS NULL", versionID).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("current signers of version %d: %w", versionID, err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// InsertSignatory stores sig, whose dates, version and organisation the caller has checked,
// on db (a transaction the caller commits), and records signatory.sign in the audit log at
// now. It returns a field error on organisation_id when the organisation already has a
// current signature of that version. Only city administrators record signatures.
func InsertSignatory(ctx context.Context, db bun.IDB, actor access.Actor, now time.Time, sig *Signatory) error {
	if err := access.Check(actor, access.ManageAgreements, 0); err != nil {
		return err
	}
	if _, err := db.NewInsert().Model(sig).Exec(ctx); err != nil {
		if database.IsUniqueViolation(err, "signatories_current_key") {
			return errAlreadySigned
		}
		return err
	}
	return audit.Record(ctx, db, actor, now, audit.Change{Action: "signatory.sign", ObjectType: "signatory",
		ObjectID: sig.ID, OrganisationID: sig.OrganisationID, After: sig})
}
