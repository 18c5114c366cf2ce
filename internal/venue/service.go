package venue

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
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Service keeps venues and rooms.
type Service struct {
	db       *bun.DB
	validate *validator.Validate
	now      func() time.Time
}

// NewService returns a Service over db.
func NewService(db *bun.DB, v *validator.Validate, now func() time.Time) *Service {
	return &Service{db: db, validate: v, now: now}
}

// CreateVenue validates in and stores a new venue. It returns field errors for invalid input
// and for an owner that does not exist or is archived. The owner's admins and city
// administrators may create it (access.CreateVenue).
func (s *Service) CreateVenue(ctx context.Context, actor access.Actor, in VenueInput) (*Venue, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.check(in); err != nil {
		return nil, err
	}
	now := s.now()
	v := &Venue{CreatedAt: now, Revision: 1}
	applyVenue(v, in, now)
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := checkOwner(ctx, tx, v); err != nil {
			return err
		}
		if err := access.Check(actor, access.CreateVenue, v.OwnerID); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(v).Returning("*").Exec(ctx); err != nil {
			return err
		}
		return recordVenue(ctx, tx, actor, "venue.create", nil, v)
	})
	if err != nil {
		return nil, fmt.Errorf("create venue: %w", err)
	}
	return v, nil
}

// UpdateVenue replaces the venue's fields with in. It returns ErrVenueNotFound,
// ErrVenueArchived, ErrStale or field errors. Handing a venue to another owner needs the
// right to update it and to create venues for the new owner.
func (s *Service) UpdateVenue(ctx context.Context, actor access.Actor, id int64, in VenueInput) (*Venue, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.check(in); err != nil {
		return nil, err
	}
	var v *Venue
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if v, err = lockVenue(ctx, tx, id); err != nil {
			return err
		}
		if err := access.Check(actor, access.UpdateVenue, v.OwnerID); err != nil {
			return err
		}
		if v.Archived() {
			return ErrVenueArchived
		}
		before := *v
		if in.Revision != nil && *in.Revision != v.Revision {
			return ErrStale
		}
		applyVenue(v, in, s.now())
		if audit.Unchanged(&before, v, "revision", "updated_at") {
			*v = before // an identical PUT: no new revision, no audit entry
			return nil
		}
		v.Revision++
		if err := checkOwner(ctx, tx, v); err != nil {
			return err
		}
		if v.OwnerID != before.OwnerID {
			if err := access.Check(actor, access.CreateVenue, v.OwnerID); err != nil {
				return err
			}
		}
		if _, err = tx.NewUpdate().Model(v).WherePK().Exec(ctx); err != nil {
			return err
		}
		return recordVenue(ctx, tx, actor, "venue.update", &before, v)
	})
	if err != nil {
		return nil, fmt.Errorf("update venue %d: %w", id, err)
	}
	return v, nil
}

// ArchiveVenue hides the venue and all its rooms from lists, keeping their history. It
// returns ErrVenueNotFound. Archiving an archived venue changes nothing.
func (s *Service) ArchiveVenue(ctx context.Context, actor access.Actor, id int64) (*Venue, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	var v *Venue
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if v, err = lockVenue(ctx, tx, id); err != nil {
			return err
		}
		if err := access.Check(actor, access.ArchiveVenue, v.OwnerID); err != nil || v.Archived() {
			return err
		}
		before := *v
		now := s.now()
		v.ArchivedAt, v.UpdatedAt = &now, now
		v.Revision++
		if _, err := tx.NewUpdate().Model(v).Column("archived_at", "updated_at", "revision").WherePK().Exec(ctx); err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model((*Room)(nil)).
			Set("archived_at = ?, updated_at = ?, revision = revision + 1", now, now).
			Where("venue_id = ? AND archived_at IS NULL", id).Exec(ctx)
		if err != nil {
			return err
		}
		return recordVenue(ctx, tx, actor, "venue.archive", &before, v)
	})
	if err != nil {
		return nil, fmt.Errorf("archive venue %d: %w", id, err)
	}
	return s.FindVenueByID(ctx, id)
}

// FindVenueByID returns the venue with its owner, archived or not, or ErrVenueNotFound.
func (s *Service) FindVenueByID(ctx context.Context, id int64) (*Venue, error) {
	v := new(Venue)
	err := s.db.NewSelect().Model(v).Relation("Owner").Where("v.id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrVenueNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find venue %d: %w", id, err)
	}
	return v, nil
}

// recordVenue writes the change to the audit log in the transaction that makes it, stamped
// with the operation's one now (after.UpdatedAt).
func recordVenue(ctx context.Context, tx bun.Tx, actor access.Actor, action string, before, after *Venue) error {
	c := audit.Change{Action: action, ObjectType: "venue", ObjectID: after.ID, OrganisationID: after.OwnerID, After: after}
	if before != nil {
		c.Before = before
	}
	return audit.Record(ctx, tx, actor, after.UpdatedAt, c)
}

func (s *Service) check(in any) error {
	if err := s.validate.Struct(in); err != nil {
		return validation.FieldErrors(err)
	}
	return nil
}

func lockVenue(ctx context.Context, tx bun.Tx, id int64) (*Venue, error) {
	v := new(Venue)
	err := tx.NewSelect().Model(v).Where("v.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrVenueNotFound
	}
	return v, err
}

func applyVenue(v *Venue, in VenueInput, now time.Time) {
	v.OwnerID = in.OwnerID
	v.Name = strings.TrimSpace(in.Name)
	v.StreetAddress = strings.TrimSpace(in.StreetAddress)
	v.PostalCode, _ = validation.NormalisePostalCode(in.PostalCode)
	v.Town = strings.TrimSpace(in.Town)
	v.District = strings.TrimSpace(in.District)
	v.Latitude, v.Longitude = in.Latitude, in.Longitude
	v.Description = strings.TrimSpace(in.Description)
	v.Accessibility = in.Accessibility
	v.Accessibility.Note = strings.TrimSpace(in.Accessibility.Note)
	v.ContactName = strings.TrimSpace(in.ContactName)
	v.ContactEmail = strings.TrimSpace(in.ContactEmail)
	v.ContactPhone = strings.TrimSpace(in.ContactPhone)
	v.UpdatedAt = now
}

// checkOwner requires the owner to exist and, when it changes, not to be archived.
func checkOwner(ctx context.Context, db bun.IDB, v *Venue) error {
	o, err := organisation.FindByID(ctx, db, v.OwnerID)
	if errors.Is(err, organisation.ErrNotFound) {
		return errOwnerNotFound
	}
	if err != nil {
		return err
	}
	if o.Archived() {
		return errOwnerArchived
	}
	v.Owner = o
	return nil
}
