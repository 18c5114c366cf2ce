package venue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// CreateRoom validates in and stores a new room in the venue. It returns ErrVenueNotFound,
// ErrVenueArchived, or field errors (a room of the same name in the venue is a duplicate).
// The venue owner's admins and city administrators may add rooms (access.CreateRoom).
func (s *Service) CreateRoom(ctx context.Context, actor access.Actor, venueID int64, in RoomInput) (*Room, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.check(in); err != nil {
		return nil, err
	}
	now := s.now()
	r := &Room{VenueID: venueID, CreatedAt: now, Revision: 1}
	applyRoom(r, in, now)
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		// Share-lock the venue so it cannot be archived while the room is added.
		v := new(Venue)
		err := tx.NewSelect().Model(v).Where("v.id = ?", venueID).For("SHARE").Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrVenueNotFound
		}
		if err != nil {
			return err
		}
		if err := access.Check(actor, access.CreateRoom, v.OwnerID); err != nil {
			return err
		}
		if v.Archived() {
			return ErrVenueArchived
		}
		if _, err = tx.NewInsert().Model(r).Returning("*").Exec(ctx); err != nil {
			return translateRoom(err)
		}
		return recordRoom(ctx, tx, actor, "room.create", v.OwnerID, nil, r)
	})
	if err != nil {
		return nil, fmt.Errorf("create room in venue %d: %w", venueID, err)
	}
	// Read back with the venue and its owner, so every write answers in the same shape.
	return s.FindRoomByID(ctx, r.ID)
}

// UpdateRoom replaces the room's fields with in. It returns ErrRoomNotFound, ErrRoomArchived,
// ErrStale or field errors.
func (s *Service) UpdateRoom(ctx context.Context, actor access.Actor, id int64, in RoomInput) (*Room, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.check(in); err != nil {
		return nil, err
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		r, owner, err := lockRoom(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := access.Check(actor, access.UpdateRoom, owner); err != nil {
			return err
		}
		before := *r
		if r.Archived() {
			return ErrRoomArchived
		}
		if in.Revision != nil && *in.Revision != r.Revision {
			return ErrStale
		}
		applyRoom(r, in, s.now())
		if audit.Unchanged(&before, r, "revision", "updated_at") {
			return nil // an identical PUT: no new revision, no audit entry
		}
		r.Revision++
		if _, err = tx.NewUpdate().Model(r).WherePK().Exec(ctx); err != nil {
			return translateRoom(err)
		}
		return recordRoom(ctx, tx, actor, "room.update", owner, &before, r)
	})
	if err != nil {
		return nil, fmt.Errorf("update room %d: %w", id, err)
	}
	return s.FindRoomByID(ctx, id)
}

// ArchiveRoom hides the room from lists, keeping its history. It returns ErrRoomNotFound.
// Archiving an archived room changes nothing.
func (s *Service) ArchiveRoom(ctx context.Context, actor access.Actor, id int64) (*Room, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		r, owner, err := lockRoom(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := access.Check(actor, access.ArchiveRoom, owner); err != nil || r.Archived() {
			return err
		}
		before := *r
		now := s.now()
		r.ArchivedAt, r.UpdatedAt = &now, now
		r.Revision++
		if _, err = tx.NewUpdate().Model(r).Column("archived_at", "updated_at", "revision").WherePK().Exec(ctx); err != nil {
			return err
		}
		return recordRoom(ctx, tx, actor, "room.archive", owner, &before, r)
	})
	if err != nil {
		return nil, fmt.Errorf("archive room %d: %w", id, err)
	}
	return s.FindRoomByID(ctx, id)
}

// FindRoomByID returns the room with its venue and the venue's owner, archived or not, or
// ErrRoomNotFound.
func (s *Service) FindRoomByID(ctx context.Context, id int64) (*Room, error) {
	r := new(Room)
	err := s.db.NewSelect().Model(r).Relation("Venue").Relation("Venue.Owner").Where("r.id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrRoomNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find room %d: %w", id, err)
	}
	return r, nil
}

// FindRooms returns one page of rooms matching f, sorted by name, each with its venue and
// the venue's owner. Archived rooms and rooms of archived venues are left out unless
// f.IncludeArchived.
func (s *Service) FindRooms(ctx context.Context, f Filter) (listing.Page[Room], error) {
	if err := s.validate.Struct(f); err != nil {
		return listing.Page[Room]{}, validation.FieldErrors(err)
	}
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return listing.Page[Room]{}, err
	}
	limit := listing.Limit(f.Limit)
	q := s.db.NewSelect().Model((*Room)(nil)).Relation("Venue").Relation("Venue.Owner")
	// Aliases for venueConditions, which speaks of "v" and "owner".
	q.Join("JOIN venues AS v ON v.id = r.venue_id").Join("JOIN organisations AS owner ON owner.id = v.owner_id")
	venueConditions(q, f)
	// A room matches on its own name and description, not on its neighbours'.
	textConditions(q, f.Q, "(r.name ILIKE ? OR r.description ILIKE ?)")
	if !f.IncludeArchived {
		q.Where("r.archived_at IS NULL")
	}
	if f.CapacityMin > 0 {
		q.Where("r.capacity >= ?", f.CapacityMin)
	}
	if len(f.Facilities) > 0 {
		q.Where("r.facilities @> ?", textArray(f.Facilities))
	}
	if cur != nil {
		q.Where("(r.name, r.id) > (? COLLATE sv, ?)", cur.Key, cur.ID)
	}
	var rows []Room
	if err := q.OrderExpr("r.name, r.id").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return listing.Page[Room]{}, fmt.Errorf("find rooms: %w", err)
	}
	return listing.Paginate(rows, limit, func(r Room) (string, int64) { return r.Name, r.ID }), nil
}

// lockRoom locks the room for update and returns it with its venue's owner, which is whom
// the access rules ask about.
func lockRoom(ctx context.Context, tx bun.Tx, id int64) (*Room, int64, error) {
	r := new(Room)
	err := tx.NewSelect().Model(r).Where("r.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, ErrRoomNotFound
	}
	if err != nil {
		return nil, 0, err
	}
	var owner int64
	err = tx.NewSelect().Table("venues").Column("owner_id").Where("id = ?", r.VenueID).Scan(ctx, &owner)
	return r, owner, err
}

// recordRoom writes the change to the audit log, under the venue owner's organisation.
func recordRoom(ctx context.Context, tx bun.Tx, actor access.Actor, action string, owner int64, before, after *Room) error {
	c := audit.Change{Action: action, ObjectType: "room", ObjectID: after.ID, OrganisationID: owner, After: after}
	if before != nil {
		c.Before = before
	}
	return audit.Record(ctx, tx, actor, after.UpdatedAt, c)
}

func applyRoom(r *Room, in RoomInput, now time.Time) {
	r.Name = strings.TrimSpace(in.Name)
	r.Description = strings.TrimSpace(in.Description)
	r.Capacity = in.Capacity
	r.AreaM2 = in.AreaM2
	r.Facilities = slices.Clone(in.Facilities)
	if r.Facilities == nil {
		r.Facilities = []string{}
	}
	slices.Sort(r.Facilities)
	r.Bookable = in.Bookable == nil || *in.Bookable
	r.Accessibility = in.Accessibility
	r.Accessibility.Note = strings.TrimSpace(in.Accessibility.Note)
	r.UpdatedAt = now
}

func translateRoom(err error) error {
	if database.IsUniqueViolation(err, "rooms_venue_name_key") {
		return errDuplicateRoom
	}
	return err
}
