package organisation

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
)

// Insert stores a new organisation from in, which the caller has validated with the shared
// validator, on db (a transaction the caller commits), and records organisation.create in the
// audit log at now. It is what CreateOrganisation does inside its transaction, for callers
// that create organisations as part of a larger change (an import). It returns field errors
// for a duplicate organisation number or a parent that cannot be one.
//
// Only city administrators create organisations (access.CreateOrganisation).
func Insert(ctx context.Context, db bun.IDB, actor access.Actor, now time.Time, in Input) (*Organisation, error) {
	if err := access.Check(actor, access.CreateOrganisation, 0); err != nil {
		return nil, err
	}
	o := &Organisation{CreatedAt: now, Revision: 1}
	apply(o, in, now)
	if err := checkParent(ctx, db, o); err != nil {
		return nil, err
	}
	if _, err := db.NewInsert().Model(o).Returning("*").Exec(ctx); err != nil {
		return nil, translate(err)
	}
	c := audit.Change{Action: "organisation.create", ObjectType: "organisation", ObjectID: o.ID, OrganisationID: o.ID, After: o}
	if err := audit.Record(ctx, db, actor, now, c); err != nil {
		return nil, err
	}
	return o, nil
}

// FindByOrgNumbers returns the organisations, archived ones too, whose organisation numbers
// are among numbers (canonical NNNNNN-NNNN), keyed by number, read on db.
func FindByOrgNumbers(ctx context.Context, db bun.IDB, numbers []string) (map[string]Organisation, error) {
	var rows []Organisation
	if len(numbers) > 0 {
		err := db.NewSelect().Model(&rows).Where("o.org_number = ANY(?)", pgdialect.Array(numbers)).Scan(ctx)
		if err != nil {
			return nil, fmt.Errorf("find organisations by number: %w", err)
		}
	}
	out := make(map[string]Organisation, len(rows))
	for _, o := range rows {
		out[*o.OrgNumber] = o
	}
	return out, nil
}
