package meeting

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// SeriesFilter selects series for FindSeries; zero fields select all the actor may see.
type SeriesFilter struct {
	Kind   string `validate:"omitempty,oneof=samrad dialogue fro stormote network other" json:"kind"`
	Limit  int
	Cursor string
}

// CreateSeries stores a new series. City administrators may, and the organiser's admins
// as organise.go says (the Compact's own meetings by the city's departments). It returns
// access errors or field errors (bad input, an unknown or archived organiser or invitee).
func (s *Service) CreateSeries(ctx context.Context, actor access.Actor, in SeriesInput) (*Series, error) {
	if err := mayOrganiseAny(actor); err != nil {
		return nil, err
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	now := s.now()
	se := &Series{Revision: 1, CreatedAt: now}
	applySeries(se, in, now)
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := mayOrganise(ctx, tx, actor, se.Kind, se.OrganiserID); err != nil {
			return err
		}
		if err := checkOrganisations(ctx, tx, in); err != nil {
			return err
		}
		if _, err := tx.NewInsert().Model(se).Returning("id").Exec(ctx); err != nil {
			return err
		}
		if err := setInvitees(ctx, tx, se); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "meeting_series.create", "meeting_series", se.ID, se.OrganiserID, nil, seriesState(se))
	})
	if err != nil {
		return nil, fmt.Errorf("create meeting series: %w", err)
	}
	return s.FindSeriesByID(ctx, actor, se.ID)
}

// UpdateSeries replaces the series' fields and default invitees with in; meetings already
// made keep their invitations. Those who may organise the series as it is and as it will be
// may (organise.go). It returns ErrSeriesNotFound, access errors or field errors.
func (s *Service) UpdateSeries(ctx context.Context, actor access.Actor, id int64, in SeriesInput) (*Series, error) {
	if err := mayOrganiseAny(actor); err != nil {
		return nil, err
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	now := s.now()
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		se, err := lockSeries(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := mayChangeSeries(ctx, tx, actor, se); err != nil {
			return err
		}
		if err := mayOrganise(ctx, tx, actor, Kind(in.Kind), in.OrganiserID); err != nil {
			return err
		}
		if err := checkOrganisations(ctx, tx, in); err != nil {
			return err
		}
		prev := *se
		before := seriesState(&prev)
		applySeries(se, in, now)
		if audit.Unchanged(&prev, se, "revision", "updated_at") && sameIDs(prev.Invitees, se.Invitees) {
			return nil // an identical PUT: no new revision, no audit entry
		}
		se.Revision++
		if _, err := tx.NewUpdate().Model(se).WherePK().ExcludeColumn("id", "created_at").Exec(ctx); err != nil {
			return err
		}
		if err := setInvitees(ctx, tx, se); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "meeting_series.update", "meeting_series", se.ID, se.OrganiserID, before, seriesState(se))
	})
	if err != nil {
		return nil, fmt.Errorf("update meeting series %d: %w", id, err)
	}
	return s.FindSeriesByID(ctx, actor, id)
}

// DeleteSeries deletes a series that has no meetings (ErrSeriesInUse otherwise: cancel its
// meetings instead, they stay visible). Those who may organise it may (organise.go). It
// returns ErrSeriesNotFound or access errors.
func (s *Service) DeleteSeries(ctx context.Context, actor access.Actor, id int64) error {
	if err := mayOrganiseAny(actor); err != nil {
		return err
	}
	now := s.now()
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		se, err := lockSeries(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := mayChangeSeries(ctx, tx, actor, se); err != nil {
			return err
		}
		var used bool
		if err := tx.NewRaw(`SELECT EXISTS (SELECT 1 FROM meetings WHERE series_id = ?)`, id).Scan(ctx, &used); err != nil {
			return err
		}
		if used {
			return ErrSeriesInUse
		}
		if _, err := tx.NewDelete().Model(se).WherePK().Exec(ctx); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "meeting_series.delete", "meeting_series", se.ID, se.OrganiserID, seriesState(se), nil)
	})
	if err != nil {
		return fmt.Errorf("delete meeting series %d: %w", id, err)
	}
	return nil
}

// FindSeriesByID returns the series with its default invitees, or ErrSeriesNotFound also
// when it is not public and the actor may not see it (access.ViewMeetings of the organiser).
func (s *Service) FindSeriesByID(ctx context.Context, actor access.Actor, id int64) (*Series, error) {
	se := new(Series)
	err := selectSeries(s.db).Where("ms.id = ?", id).Scan(ctx, se)
	if errors.Is(err, sql.ErrNoRows) || err == nil && !maySeeSeries(actor, se) {
		return nil, ErrSeriesNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find meeting series %d: %w", id, err)
	}
	if err := loadInvitees(ctx, s.db, se); err != nil {
		return nil, err
	}
	return se, nil
}

// FindSeries returns one page of the series the actor may see, by name.
func (s *Service) FindSeries(ctx context.Context, actor access.Actor, f SeriesFilter) (listing.Page[Series], error) {
	if err := s.validate.Struct(f); err != nil {
		return listing.Page[Series]{}, validation.FieldErrors(err)
	}
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return listing.Page[Series]{}, err
	}
	limit := listing.Limit(f.Limit)
	q := selectSeries(s.db)
	if all, orgs := access.Scope(actor, access.ViewMeetings); !all {
		q.Where("ms.public OR ms.organiser_id = ANY(?)", pgdialect.Array(append(orgs, 0)))
	}
	if f.Kind != "" {
		q.Where("ms.kind = ?", f.Kind)
	}
	if cur != nil {
		q.Where("(ms.name, ms.id) > (?, ?)", cur.Key, cur.ID)
	}
	var rows []Series
	if err := q.OrderExpr("ms.name, ms.id").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return listing.Page[Series]{}, fmt.Errorf("find meeting series: %w", err)
	}
	for i := range rows {
		if err := loadInvitees(ctx, s.db, &rows[i]); err != nil {
			return listing.Page[Series]{}, err
		}
	}
	return listing.Paginate(rows, limit, func(se Series) (string, int64) { return se.Name, se.ID }), nil
}

func selectSeries(db bun.IDB) *bun.SelectQuery {
	return db.NewSelect().Model((*Series)(nil)).ColumnExpr("ms.*").ColumnExpr("o.name AS organiser_name").
		Join("JOIN organisations AS o ON o.id = ms.organiser_id")
}

// maySeeSeries asks the visibility policy (access.MeetingSight) about the series as a
// whole: a public series is anyone's; another, its organiser's members' (and the city's).
// An organisation invited to one meeting sees that meeting (visible), not the series.
func maySeeSeries(actor access.Actor, se *Series) bool {
	return access.MeetingSight(actor, access.MeetingFacts{Organiser: se.OrganiserID, Public: se.Public}) != access.SeeNothing
}

func lockSeries(ctx context.Context, tx bun.IDB, id int64) (*Series, error) {
	se := new(Series)
	err := tx.NewSelect().Model(se).Where("ms.id = ?", id).For("UPDATE").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrSeriesNotFound
	}
	if err != nil {
		return nil, err
	}
	return se, loadInvitees(ctx, tx, se)
}

func applySeries(se *Series, in SeriesInput, now time.Time) {
	se.Kind, se.Name, se.OrganiserID = Kind(in.Kind), strings.TrimSpace(in.Name), in.OrganiserID
	se.Description, se.Public = strings.TrimSpace(in.Description), in.Public
	se.InviteSignatories, se.Invitees = in.InviteSignatories, append([]int64{}, in.Invitees...)
	if in.InviteSignatories {
		se.Invitees = []int64{}
	}
	se.UpdatedAt = now
}

// sameIDs reports whether a and b hold the same ids, in any order.
func sameIDs(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// seriesState is what the audit log keeps of a series: its row and default invitees.
func seriesState(se *Series) map[string]any {
	return map[string]any{"series": se, "invitees": se.Invitees}
}

// checkOrganisations refuses an organiser or invitee that does not exist or is archived.
func checkOrganisations(ctx context.Context, db bun.IDB, in SeriesInput) error {
	ids := append([]int64{in.OrganiserID}, in.Invitees...)
	var live []int64
	err := db.NewRaw(`SELECT id FROM organisations WHERE id = ANY(?) AND archived_at IS NULL`, pgdialect.Array(ids)).Scan(ctx, &live)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if !slices.Contains(live, in.OrganiserID) {
		return errOrganiserNotFound
	}
	for _, id := range in.Invitees {
		if !slices.Contains(live, id) {
			return errInviteeNotFound
		}
	}
	return nil
}

// setInvitees replaces the stored default invitees of se with se.Invitees.
func setInvitees(ctx context.Context, tx bun.IDB, se *Series) error {
	if _, err := tx.NewRaw(`DELETE FROM meeting_series_invitees WHERE series_id = ?`, se.ID).Exec(ctx); err != nil {
		return err
	}
	if len(se.Invitees) == 0 {
		return nil
	}
	_, err := tx.NewRaw(`INSERT INTO meeting_series_invitees (series_id, organisation_id) SELECT ?, unnest(?::bigint[])`,
		se.ID, pgdialect.Array(se.Invitees)).Exec(ctx)
	return err
}

func loadInvitees(ctx context.Context, db bun.IDB, se *Series) error {
	se.Invitees = []int64{}
	err := db.NewRaw(`SELECT organisation_id FROM meeting_series_invitees WHERE series_id = ? ORDER BY 1`, se.ID).Scan(ctx, &se.Invitees)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read invitees of series %d: %w", se.ID, err)
	}
	return nil
}
