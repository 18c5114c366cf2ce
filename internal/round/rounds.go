package round

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// CreateRound opens a round for weekly times in rooms of in.OwnerID, whose admins may
// (access.ManageRounds; city administrators for any owner). Every room must be the owner's
// and not archived. It returns access errors or field errors (bad input, an unknown or
// archived owner or room, a room of another owner).
func (s *Service) CreateRound(ctx context.Context, actor access.Actor, in RoundInput) (*Round, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	r, fe := checkRound(in)
	if len(fe) > 0 {
		return nil, fe
	}
	if err := access.Check(actor, access.ManageRounds, in.OwnerID); err != nil {
		return nil, err
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		now := s.now()
		r.ID, r.Stage, r.Revision, r.CreatedAt, r.UpdatedAt = 0, stageCollecting, 1, now, now
		if err := checkOwnerRooms(ctx, tx, r.OwnerID, r.RoomIDs); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(r).ExcludeColumn("published_at").Returning("id").Exec(ctx); err != nil {
			return err
		}
		if err := setRooms(ctx, tx, r.ID, r.RoomIDs); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "round.create", "round", r.ID, r.OwnerID, nil, r)
	})
	if err != nil {
		return nil, fmt.Errorf("create round: %w", err)
	}
	return s.FindRoundByID(ctx, r.ID)
}

// UpdateRound changes a round that is not yet published, for its owner's admins. The owner
// cannot change, and a room with allocations cannot be left out (CodeRoomAllocated on
// room_ids) until they are taken back. It returns ErrNotFound, access errors, ErrAlreadyPublished, or field errors
// as CreateRound.
func (s *Service) UpdateRound(ctx context.Context, actor access.Actor, id int64, in RoundInput) (*Round, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	next, fe := checkRound(in)
	if len(fe) > 0 {
		return nil, fe
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		r, err := lockRound(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := access.Check(actor, access.ManageRounds, r.OwnerID); err != nil {
			return err
		}
		if in.OwnerID != r.OwnerID {
			return fault.FieldErrors{{Field: "owner_id", Code: "not_allowed"}}
		}
		if r.Stage != stageCollecting {
			return ErrAlreadyPublished
		}
		if err := checkOwnerRooms(ctx, tx, r.OwnerID, next.RoomIDs); err != nil {
			return err
		}
		// A room with allocations stays offered until they are taken back.
		var held []int64
		if err := tx.NewRaw(`SELECT DISTINCT room_id FROM round_allocations WHERE round_id = ? AND NOT room_id = ANY(?) ORDER BY room_id`,
			id, pgdialect.Array(next.RoomIDs)).Scan(ctx, &held); err != nil {
			return err
		}
		if len(held) > 0 {
			return fault.FieldErrors{{Field: "room_ids", Code: CodeRoomAllocated, Param: strconv.FormatInt(held[0], 10)}}
		}
		now := s.now()
		before := *r
		next.ID, next.Stage, next.Revision, next.CreatedAt, next.UpdatedAt = r.ID, r.Stage, r.Revision+1, r.CreatedAt, now
		if _, err := tx.NewUpdate().Model(next).ExcludeColumn("published_at", "created_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.NewDelete().TableExpr("round_rooms").Where("round_id = ?", id).Exec(ctx); err != nil {
			return err
		}
		if err := setRooms(ctx, tx, id, next.RoomIDs); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "round.update", "round", id, r.OwnerID, before, next)
	})
	if err != nil {
		return nil, fmt.Errorf("update round %d: %w", id, err)
	}
	return s.FindRoundByID(ctx, id)
}

// CloseRound ends a round for good, for its owner's admins: nothing more is applied for,
// allocated or answered; the booked series stay as they are. It returns ErrNotFound or
// access errors.
func (s *Service) CloseRound(ctx context.Context, actor access.Actor, id int64) (*Round, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		r, err := lockRound(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := access.Check(actor, access.ManageRounds, r.OwnerID); err != nil {
			return err
		}
		now := s.now()
		before := *r
		r.Stage, r.Revision, r.UpdatedAt = stageClosed, r.Revision+1, now
		if r.PublishedAt == nil {
			r.PublishedAt = &now // the check: only collecting rounds have none
		}
		if _, err := tx.NewUpdate().Model(r).Column("stage", "published_at", "revision", "updated_at").WherePK().Exec(ctx); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "round.close", "round", id, r.OwnerID, before, r)
	})
	if err != nil {
		return nil, fmt.Errorf("close round %d: %w", id, err)
	}
	return s.FindRoundByID(ctx, id)
}

// FindRoundByID returns the round with its rooms, or ErrNotFound. Rounds are public.
func (s *Service) FindRoundByID(ctx context.Context, id int64) (*Round, error) {
	var rows []Round
	if err := selectRounds(s.db).Where("rd.id = ?", id).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("find round %d: %w", id, err)
	}
	if len(rows) == 0 {
		return nil, ErrNotFound
	}
	if err := loadRooms(ctx, s.db, rows); err != nil {
		return nil, fmt.Errorf("find round %d: %w", id, err)
	}
	rows[0].Status = rows[0].StatusAt(s.now())
	return &rows[0], nil
}

// FindRounds returns one page of rounds, latest term first, of one owner or in one status
// when the filter says. Rounds are public. It returns field errors for a bad filter.
func (s *Service) FindRounds(ctx context.Context, f Filter) (listing.Page[Round], error) {
	if err := s.validate.Struct(f); err != nil {
		return listing.Page[Round]{}, validation.FieldErrors(err)
	}
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return listing.Page[Round]{}, err
	}
	limit := listing.Limit(f.Limit)
	q := selectRounds(s.db)
	if f.OwnerID != 0 {
		q.Where("rd.owner_id = ?", f.OwnerID)
	}
	if f.Status != "" {
		q.Where(statusSQL[Status(f.Status)], s.now())
	}
	if cur != nil {
		q.Where("(rd.term_starts_on, rd.id) < (?::date, ?)", cur.Key, cur.ID)
	}
	var rows []Round
	if err := q.OrderExpr("rd.term_starts_on DESC, rd.id DESC").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return listing.Page[Round]{}, fmt.Errorf("find rounds: %w", err)
	}
	if err := loadRooms(ctx, s.db, rows); err != nil {
		return listing.Page[Round]{}, fmt.Errorf("find rounds: %w", err)
	}
	now := s.now()
	for i := range rows {
		rows[i].Status = rows[i].StatusAt(now)
	}
	return listing.Paginate(rows, limit, func(r Round) (string, int64) { return r.TermStartsOn.Format(time.DateOnly), r.ID }), nil
}

// statusSQL selects the rounds in a status at the instant given as the one argument, as
// Round.StatusAt decides it.
var statusSQL = map[Status]string{
	StatusClosed:     "rd.stage = 'closed' AND ?::timestamptz IS NOT NULL",
	StatusPublished:  "rd.stage = 'published' AND ?::timestamptz IS NOT NULL",
	StatusUpcoming:   "rd.stage = 'collecting' AND rd.applications_open_at > ?",
	StatusOpen:       "rd.stage = 'collecting' AND ?0 >= rd.applications_open_at AND ?0 < rd.applications_close_at",
	StatusAllocating: "rd.stage = 'collecting' AND rd.applications_close_at <= ? AND NOT EXISTS (SELECT FROM round_allocations x WHERE x.round_id = rd.id)",
	StatusAllocated:  "rd.stage = 'collecting' AND rd.applications_close_at <= ? AND EXISTS (SELECT FROM round_allocations x WHERE x.round_id = rd.id)",
}

func selectRounds(db bun.IDB) *bun.SelectQuery {
	return db.NewSelect().Model((*Round)(nil)).ColumnExpr("rd.*").ColumnExpr("o.name AS owner_name").
		ColumnExpr("(SELECT count(*) FROM round_allocations x WHERE x.round_id = rd.id) AS allocated").
		Join("JOIN organisations AS o ON o.id = rd.owner_id")
}

// loadRooms reads the rooms of every round in rows, in one query.
func loadRooms(ctx context.Context, db bun.IDB, rows []Round) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]int64, len(rows))
	for i := range rows {
		ids[i] = rows[i].ID
		rows[i].RoomIDs = []int64{}
	}
	var pairs []struct {
		RoundID int64 `bun:"round_id"`
		RoomID  int64 `bun:"room_id"`
	}
	err := db.NewRaw(`SELECT round_id, room_id FROM round_rooms WHERE round_id = ANY(?) ORDER BY round_id, room_id`,
		pgdialect.Array(ids)).Scan(ctx, &pairs)
	if err != nil {
		return err
	}
	for _, p := range pairs {
		for i := range rows {
			if rows[i].ID == p.RoundID {
				rows[i].RoomIDs = append(rows[i].RoomIDs, p.RoomID)
			}
		}
	}
	return nil
}

// lockRound reads the round with its rooms and locks it until the transaction ends.
func lockRound(ctx context.Context, tx bun.IDB, id int64) (*Round, error) {
	r := new(Round)
	err := tx.NewSelect().Model(r).Where("rd.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	rows := []Round{*r}
	if err := loadRooms(ctx, tx, rows); err != nil {
		return nil, err
	}
	err = tx.NewRaw(`SELECT count(*) FROM round_allocations WHERE round_id = ?`, id).Scan(ctx, &rows[0].Allocated)
	return &rows[0], err
}

// checkOwnerRooms returns field errors unless the owner exists unarchived and every room is
// one of its rooms, not archived.
func checkOwnerRooms(ctx context.Context, tx bun.IDB, owner int64, rooms []int64) error {
	var archived sql.NullBool
	err := tx.NewRaw(`SELECT archived_at IS NOT NULL FROM organisations WHERE id = ?`, owner).Scan(ctx, &archived)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return fault.FieldErrors{{Field: "owner_id", Code: "not_found"}}
	case err != nil:
		return err
	case archived.Bool:
		return fault.FieldErrors{{Field: "owner_id", Code: "archived"}}
	}
	var found []struct {
		ID       int64 `bun:"id"`
		OwnerID  int64 `bun:"owner_id"`
		Archived bool  `bun:"archived"`
	}
	err = tx.NewRaw(`SELECT r.id, v.owner_id, (r.archived_at IS NOT NULL OR v.archived_at IS NOT NULL) AS archived
		FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE r.id = ANY(?)`, pgdialect.Array(rooms)).Scan(ctx, &found)
	if err != nil {
		return err
	}
	byID := make(map[int64]int, len(found))
	for j, f := range found {
		byID[f.ID] = j
	}
	var fe fault.FieldErrors
	for i, id := range rooms {
		j, ok := byID[id]
		field := fmt.Sprintf("room_ids[%d]", i)
		switch {
		case !ok:
			fe = append(fe, fault.FieldError{Field: field, Code: "not_found"})
		case found[j].OwnerID != owner:
			fe = append(fe, fault.FieldError{Field: field, Code: CodeNotOwners})
		case found[j].Archived:
			fe = append(fe, fault.FieldError{Field: field, Code: "archived"})
		}
	}
	if len(fe) > 0 {
		return fe
	}
	return nil
}

func setRooms(ctx context.Context, tx bun.IDB, round int64, rooms []int64) error {
	_, err := tx.NewRaw(`INSERT INTO round_rooms (round_id, room_id) SELECT ?, unnest(?::bigint[])`, round, pgdialect.Array(rooms)).Exec(ctx)
	return err
}
