package round

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// AllocateByHand gives a section of a submitted application a weekly time in a room the
// round offers, for the owner's admins, after applications close and before publishing.
// The proposal keeps such allocations as they are. It returns ErrNotFound, access errors,
// ErrNotAllocating, ErrAllocationTaken (the room is allocated then), or field errors (bad
// input, a section not in the round, a room the round does not offer).
func (s *Service) AllocateByHand(ctx context.Context, actor access.Actor, roundID int64, in AllocationInput) (*Allocation, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	st, en, fe := span("", in.Starts, in.Ends)
	if len(fe) > 0 {
		return nil, fe
	}
	var id int64
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		r, err := s.allocatingRound(ctx, tx, actor, roundID)
		if err != nil {
			return err
		}
		var app int64
		err = tx.NewRaw(`SELECT sc.application_id FROM round_sections sc JOIN round_applications ap ON ap.id = sc.application_id
			WHERE sc.id = ? AND ap.round_id = ? AND ap.status = ?`, in.SectionID, roundID, ApplicationSubmitted).Scan(ctx, &app)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			fe = append(fe, fault.FieldError{Field: "section_id", Code: "not_found"})
		case err != nil:
			return err
		}
		if !slices.Contains(r.RoomIDs, in.RoomID) {
			fe = append(fe, fault.FieldError{Field: "room_id", Code: CodeNotOffered})
		}
		if len(fe) > 0 {
			return fe
		}
		now := s.now()
		a := &Allocation{RoundID: roundID, SectionID: in.SectionID, RoomID: in.RoomID, Weekday: in.Weekday, Start: st, End: en,
			Source: SourceHand, Reasons: []Reason{}, CreatedBy: userID(actor), CreatedAt: now}
		_, err = tx.NewInsert().Model(a).ExcludeColumn("series_id", "response", "responded_at", "responded_by").Returning("id").Exec(ctx)
		if database.IsExclusionViolation(err, "round_allocations_no_overlap") {
			return ErrAllocationTaken
		}
		if err != nil {
			return err
		}
		id = a.ID
		return record(ctx, tx, actor, now, "allocation.create", "round_allocation", a.ID, r.OwnerID, nil, a)
	})
	if err != nil {
		return nil, fmt.Errorf("allocate in round %d: %w", roundID, err)
	}
	return s.findAllocation(ctx, s.db, id)
}

// RemoveAllocation takes back an allocation before the round is published, for the owner's
// admins. It returns ErrAllocationNotFound, access errors or ErrNotAllocating.
func (s *Service) RemoveAllocation(ctx context.Context, actor access.Actor, id int64) error {
	if !actor.SignedIn() {
		return access.ErrUnauthenticated
	}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		a, err := s.findAllocation(ctx, tx, id)
		if err != nil {
			return err
		}
		r, err := s.allocatingRound(ctx, tx, actor, a.RoundID)
		if err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model((*Allocation)(nil)).Where("id = ?", id).Exec(ctx); err != nil {
			return err
		}
		return record(ctx, tx, actor, s.now(), "allocation.delete", "round_allocation", id, r.OwnerID, a, nil)
	})
	if err != nil {
		return fmt.Errorf("remove allocation %d: %w", id, err)
	}
	return nil
}

// FindAllocations returns the round's allocations by room, weekday and start, with the
// organisation, section and room named and, once published, the dates that could not be
// booked: all of them for the owner's admins; once the round is published, an applicant's
// admins and bookers see their own. It returns ErrNotFound or access errors (anonymous).
func (s *Service) FindAllocations(ctx context.Context, actor access.Actor, roundID int64) ([]Allocation, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	r, err := s.FindRoundByID(ctx, roundID)
	if err != nil {
		return nil, err
	}
	q := selectAllocations(s.db).Where("al.round_id = ?", roundID)
	if access.Check(actor, access.ManageRounds, r.OwnerID) != nil {
		if r.Stage == stageCollecting {
			return []Allocation{}, nil
		}
		_, orgs := access.Scope(actor, access.Apply)
		q.Where("ap.organisation_id = ANY(?)", pgdialect.Array(append(orgs, 0)))
	}
	out := []Allocation{}
	if err := q.OrderExpr("al.room_id, al.weekday, al.starts, al.id").Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("find allocations of round %d: %w", roundID, err)
	}
	if err := loadRefusals(ctx, s.db, out); err != nil {
		return nil, fmt.Errorf("find allocations of round %d: %w", roundID, err)
	}
	return out, nil
}

// FindAllocationByID returns one allocation, for the owner's admins and, once published,
// the applicant's admins and bookers. It returns ErrAllocationNotFound or access errors.
func (s *Service) FindAllocationByID(ctx context.Context, actor access.Actor, id int64) (*Allocation, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	a, err := s.findAllocation(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	r, err := s.FindRoundByID(ctx, a.RoundID)
	if err != nil {
		return nil, err
	}
	if access.Check(actor, access.ManageRounds, r.OwnerID) == nil {
		return a, nil
	}
	if err := access.Check(actor, access.Apply, a.OrganisationID); err != nil {
		return nil, err
	}
	if r.Stage == stageCollecting {
		return nil, ErrAllocationNotFound // not the applicant's to see before publishing
	}
	return a, nil
}

// allocatingRound locks the round for a change of its allocations by the owner's admins:
// applications must be closed and the round not yet published.
func (s *Service) allocatingRound(ctx context.Context, tx bun.IDB, actor access.Actor, id int64) (*Round, error) {
	r, err := lockRound(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := access.Check(actor, access.ManageRounds, r.OwnerID); err != nil {
		return nil, err
	}
	switch r.StatusAt(s.now()) {
	case StatusAllocating, StatusAllocated:
		return r, nil
	case StatusPublished, StatusClosed:
		return nil, ErrAlreadyPublished
	}
	return nil, ErrNotAllocating
}

func (s *Service) findAllocation(ctx context.Context, db bun.IDB, id int64) (*Allocation, error) {
	out := []Allocation{}
	if err := selectAllocations(db).Where("al.id = ?", id).Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("find allocation %d: %w", id, err)
	}
	if len(out) == 0 {
		return nil, ErrAllocationNotFound
	}
	if err := loadRefusals(ctx, db, out); err != nil {
		return nil, fmt.Errorf("find allocation %d: %w", id, err)
	}
	return &out[0], nil
}

func selectAllocations(db bun.IDB) *bun.SelectQuery {
	return db.NewSelect().Model((*Allocation)(nil)).ColumnExpr("al.*").
		ColumnExpr("ap.id AS application_id, ap.organisation_id, o.name AS organisation_name, r.name AS room_name, sc.purpose").
		Join("JOIN round_sections AS sc ON sc.id = al.section_id").
		Join("JOIN round_applications AS ap ON ap.id = sc.application_id").
		Join("JOIN organisations AS o ON o.id = ap.organisation_id").
		Join("JOIN rooms AS r ON r.id = al.room_id")
}

// loadRefusals reads the refused dates of every allocation in out.
func loadRefusals(ctx context.Context, db bun.IDB, out []Allocation) error {
	if len(out) == 0 {
		return nil
	}
	ids := make([]int64, len(out))
	at := make(map[int64]int, len(out))
	for i := range out {
		ids[i], at[out[i].ID] = out[i].ID, i
		out[i].Refusals = []Refusal{}
	}
	var rows []Refusal
	if err := db.NewSelect().Model(&rows).Where("rf.allocation_id = ANY(?)", pgdialect.Array(ids)).
		OrderExpr("rf.allocation_id, rf.starts_at").Scan(ctx); err != nil {
		return err
	}
	for _, r := range rows {
		i := at[r.AllocationID]
		out[i].Refusals = append(out[i].Refusals, r)
	}
	return nil
}

// FindAllocationsToAnswer returns the allocations of published rounds that wait for an
// answer from the organisations the actor is an admin or booker of (not every organisation
// for a city administrator: this is what waits for the person), by round and start. It
// returns access errors (anonymous).
func (s *Service) FindAllocationsToAnswer(ctx context.Context, actor access.Actor) ([]Allocation, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	orgs := []int64{0}
	for org, role := range actor.Roles {
		if role == access.RoleAdmin || role == access.RoleBooker {
			orgs = append(orgs, org)
		}
	}
	out := []Allocation{}
	err := selectAllocations(s.db).Join("JOIN rounds AS rd ON rd.id = al.round_id").
		Where("rd.stage = ? AND al.response = ? AND ap.organisation_id = ANY(?)", stagePublished, ResponsePending, pgdialect.Array(orgs)).
		OrderExpr("al.round_id, al.weekday, al.starts, al.id").Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("find allocations to answer: %w", err)
	}
	if err := loadRefusals(ctx, s.db, out); err != nil {
		return nil, fmt.Errorf("find allocations to answer: %w", err)
	}
	return out, nil
}
