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

	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// CreateRoom validates in and stores a new room in the venue. It returns ErrVenueNotFound,
// ErrVenueArchived, or field errors (a room of the same name in the venue is a duplicate).
func (s *Service) CreateRoom(ctx context.Context, venueID int64, in RoomInput) (*Room, error) {
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
		if v.Archived() {
			return ErrVenueArchived
		}
		_, err = tx.NewInsert().Model(r).Returning("*").Exec(ctx)
		return translateRoom(err)
	})
	if err != nil {
		return nil, fmt.Errorf("create room in venue %d: %w", venueID, err)
	}
	// Read back with the venue and its owner, so every write answers in the same shape.
	return s.FindRoomByID(ctx, r.ID)
}

// UpdateRoom replaces the room's fields with in. It returns ErrRoomNotFound, ErrRoomArchived,
// ErrStale or field errors.
func (s *Service) UpdateRoom(ctx context.Context, id int64, in RoomInput) (*Room, error) {
	if err := s.check(in); err != nil {
		return nil, err
	}
	var r *Room
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if r, err = lockRoom(ctx, tx, id); err != nil {
			return err
		}
		if r.Archived() {
			return ErrRoomArchived
		}
		if in.Revision != nil && *in.Revision != r.Revision {
			return ErrStale
		}
		applyRoom(r, in, s.now())
		r.Revision++
		_, err = tx.NewUpdate().Model(r).WherePK().Exec(ctx)
		return translateRoom(err)
	})
	if err != nil {
		return nil, fmt.Errorf("update room %d: %w", id, err)
	}
	return s.FindRoomByID(ctx, id)
}

// ArchiveRoom hides the room from lists, keeping its history. It returns ErrRoomNotFound.
// Archiving an archived room changes nothing.
func (s *Service) ArchiveRoom(ctx context.Context, id int64) (*Room, error) {
	var r *Room
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if r, err = lockRoom(ctx, tx, id); err != nil || r.Archived() {
			return err
		}
		now := s.now()
		r.ArchivedAt, r.UpdatedAt = &now, now
		r.Revision++
		_, err = tx.NewUpdate().Model(r).Column("archived_at", "updated_at", "revision").WherePK().Exec(ctx)
		return err
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

func lockRoom(ctx context.Context, tx bun.Tx, id int64) (*Room, error) {
	r := new(Room)
	err := tx.NewSelect().Model(r).Where("r.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrRoomNotFound
	}
	return r, err
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
	r.UpdatedAt = now
}

func translateRoom(err error) error {
	if database.IsUniqueViolation(err, "rooms_venue_name_key") {
		return errDuplicateRoom
	}
	return err
}
