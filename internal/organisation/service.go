package organisation

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Service keeps the organisations.
type Service struct {
	db       *bun.DB
	validate *validator.Validate
	now      func() time.Time
}

// NewService returns a Service over db.
func NewService(db *bun.DB, v *validator.Validate, now func() time.Time) *Service {
	return &Service{db: db, validate: v, now: now}
}

// CreateOrganisation validates in and stores a new organisation. It returns field errors for
// invalid input, a duplicate organisation number or a parent that does not exist or is not
// the city.
//
// Only city administrators create organisations (access.CreateOrganisation).
func (s *Service) CreateOrganisation(ctx context.Context, actor access.Actor, in Input) (*Organisation, error) {
	if err := access.Check(actor, access.CreateOrganisation, 0); err != nil {
		return nil, err
	}
	if err := s.check(in); err != nil {
		return nil, err
	}
	var o *Organisation
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		o, err = Insert(ctx, tx, actor, s.now(), in)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create organisation: %w", err)
	}
	return o, nil
}

// UpdateOrganisation replaces the organisation's fields with in. It returns ErrNotFound,
// ErrArchived, ErrStale when in.Revision is set and not the stored one, or field errors.
//
// The organisation's admins and city administrators may update it (access.UpdateOrganisation).
func (s *Service) UpdateOrganisation(ctx context.Context, actor access.Actor, id int64, in Input) (*Organisation, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.check(in); err != nil {
		return nil, err
	}
	var o *Organisation
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if o, err = lockOrganisation(ctx, tx, id); err != nil {
			return err
		}
		if err := access.Check(actor, access.UpdateOrganisation, o.ID); err != nil {
			return err
		}
		before := *o
		if o.Archived() {
			return ErrArchived
		}
		if in.Revision != nil && *in.Revision != o.Revision {
			return ErrStale
		}
		apply(o, in, s.now())
		if audit.Unchanged(&before, o, "revision", "updated_at") {
			*o = before // an identical PUT: no new revision, no audit entry
			return nil
		}
		o.Revision++
		if err := checkParent(ctx, tx, o); err != nil {
			return err
		}
		if _, err = tx.NewUpdate().Model(o).WherePK().Exec(ctx); err != nil {
			return translate(err)
		}
		return s.record(ctx, tx, actor, "organisation.update", &before, o)
	})
	if err != nil {
		return nil, fmt.Errorf("update organisation %d: %w", id, err)
	}
	return o, nil
}

// ArchiveOrganisation hides the organisation from lists while keeping its history. It
// returns ErrNotFound, or ErrHasActiveVenues while it still owns venues that are not archived.
// Archiving an archived organisation changes nothing. Only city administrators archive.
func (s *Service) ArchiveOrganisation(ctx context.Context, actor access.Actor, id int64) (*Organisation, error) {
	if err := access.Check(actor, access.ArchiveOrganisation, 0); err != nil {
		return nil, err
	}
	var o *Organisation
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if o, err = lockOrganisation(ctx, tx, id); err != nil || o.Archived() {
			return err
		}
		before := *o
		n, err := tx.NewSelect().Table("venues").Where("owner_id = ? AND archived_at IS NULL", id).Count(ctx)
		if err != nil {
			return err
		}
		if n > 0 {
			return ErrHasActiveVenues
		}
		now := s.now()
		o.ArchivedAt, o.UpdatedAt = &now, now
		o.Revision++
		if _, err = tx.NewUpdate().Model(o).Column("archived_at", "updated_at", "revision").WherePK().Exec(ctx); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, "organisation.archive", &before, o)
	})
	if err != nil {
		return nil, fmt.Errorf("archive organisation %d: %w", id, err)
	}
	return o, nil
}

// FindOrganisationByID returns the organisation, archived or not, or ErrNotFound.
func (s *Service) FindOrganisationByID(ctx context.Context, id int64) (*Organisation, error) {
	return FindByID(ctx, s.db, id)
}

// FindByID returns the organisation with id on db (a pool or a transaction), or ErrNotFound.
// Other capabilities call it to check an owner inside their own transaction.
func FindByID(ctx context.Context, db bun.IDB, id int64) (*Organisation, error) {
	o := new(Organisation)
	err := db.NewSelect().Model(o).Where("o.id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find organisation %d: %w", id, err)
	}
	return o, nil
}

// FindOrganisations returns one page of organisations matching f, sorted by name.
func (s *Service) FindOrganisations(ctx context.Context, f Filter) (listing.Page[Organisation], error) {
	if err := s.validate.Struct(f); err != nil {
		return listing.Page[Organisation]{}, validation.FieldErrors(err)
	}
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return listing.Page[Organisation]{}, err
	}
	limit := listing.Limit(f.Limit)
	q := s.db.NewSelect().Model((*Organisation)(nil))
	if !f.IncludeArchived {
		q.Where("o.archived_at IS NULL")
	}
	if f.Kind != "" {
		q.Where("o.kind = ?", f.Kind)
	}
	if f.ParentID > 0 {
		q.Where("o.parent_id = ?", f.ParentID)
	}
	for _, w := range listing.Words(f.Q) {
		q.Where("(o.name ILIKE ? OR o.description ILIKE ? OR o.org_number ILIKE ?)", w, w, w)
	}
	if cur != nil {
		q.Where("(o.name, o.id) > (? COLLATE sv, ?)", cur.Key, cur.ID)
	}
	var rows []Organisation
	if err := q.OrderExpr("o.name, o.id").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return listing.Page[Organisation]{}, fmt.Errorf("find organisations: %w", err)
	}
	return listing.Paginate(rows, limit, func(o Organisation) (string, int64) { return o.Name, o.ID }), nil
}

// record writes the change to the audit log in the transaction that makes it, stamped with
// the operation's one now (after.UpdatedAt).
func (s *Service) record(ctx context.Context, tx bun.Tx, actor access.Actor, action string, before, after *Organisation) error {
	c := audit.Change{Action: action, ObjectType: "organisation", ObjectID: after.ID, OrganisationID: after.ID, After: after}
	if before != nil {
		c.Before = before
	}
	return audit.Record(ctx, tx, actor, after.UpdatedAt, c)
}

func (s *Service) check(in Input) error {
	if err := s.validate.Struct(in); err != nil {
		return validation.FieldErrors(err)
	}
	return nil
}

func lockOrganisation(ctx context.Context, tx bun.Tx, id int64) (*Organisation, error) {
	o := new(Organisation)
	err := tx.NewSelect().Model(o).Where("o.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return o, err
}

// apply copies validated input into o, normalised.
func apply(o *Organisation, in Input, now time.Time) {
	o.Kind = Kind(in.Kind)
	o.Name = strings.TrimSpace(in.Name)
	o.OrgNumber = nil
	if nr, ok := validation.NormaliseOrgNumber(in.OrgNumber); ok {
		o.OrgNumber = &nr
	}
	o.ParentID = in.ParentID
	o.Description = strings.TrimSpace(in.Description)
	o.Website = strings.TrimSpace(in.Website)
	o.Email = strings.TrimSpace(in.Email)
	o.Phone = strings.TrimSpace(in.Phone)
	o.UpdatedAt = now
}

// checkParent enforces the one shape the register allows for a hierarchy: a city department
// under a city organisation that is not archived, and never itself.
func checkParent(ctx context.Context, db bun.IDB, o *Organisation) error {
	if o.ParentID == nil {
		return nil
	}
	if o.ID != 0 && *o.ParentID == o.ID {
		return errParentIsSelf
	}
	p, err := FindByID(ctx, db, *o.ParentID)
	if errors.Is(err, ErrNotFound) || (err == nil && p.Archived()) {
		return errParentNotFound
	}
	if err != nil {
		return err
	}
	if p.Kind != KindCity || o.Kind != KindCity || p.ParentID != nil {
		return errParentKind
	}
	return nil
}

// translate turns constraint violations into the errors callers branch on.
func translate(err error) error {
	if database.IsUniqueViolation(err, "organisations_org_number_key") {
		return errDuplicateOrgNr
	}
	return err
}

// CountOrganisations returns how many organisations are not archived.
func (s *Service) CountOrganisations(ctx context.Context) (int, error) {
	n, err := s.db.NewSelect().Model((*Organisation)(nil)).Where("o.archived_at IS NULL").Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count organisations: %w", err)
	}
	return int(n), nil
}
