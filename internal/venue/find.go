package venue

import (
	"context"
	"fmt"
	"strings"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// FindVenues returns one page of venues matching f, sorted by name, each with its owner and
// its count of live rooms and their largest capacity, and its first photo as Cover.
func (s *Service) FindVenues(ctx context.Context, f Filter) (listing.Page[Venue], error) {
	if err := s.validate.Struct(f); err != nil {
		return listing.Page[Venue]{}, validation.FieldErrors(err)
	}
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return listing.Page[Venue]{}, err
	}
	limit := listing.Limit(f.Limit)
	q := s.db.NewSelect().Model((*Venue)(nil)).Relation("Owner").
		ColumnExpr("v.*").
		ColumnExpr("(SELECT count(*) FROM rooms r WHERE r.venue_id = v.id AND r.archived_at IS NULL) AS room_count").
		ColumnExpr("(SELECT coalesce(max(capacity), 0) FROM rooms r WHERE r.venue_id = v.id AND r.archived_at IS NULL) AS max_capacity")
	venueConditions(q, f)
	// A venue matches on any of its live rooms' names.
	textConditions(q, f.Q, "EXISTS (SELECT 1 FROM rooms r WHERE r.venue_id = v.id AND r.archived_at IS NULL AND r.name ILIKE ?)")
	if f.CapacityMin > 0 || len(f.Facilities) > 0 {
		q.Where("EXISTS (SELECT 1 FROM rooms r WHERE r.venue_id = v.id AND r.archived_at IS NULL AND r.capacity >= ? AND r.facilities @> ?)",
			f.CapacityMin, textArray(f.Facilities))
	}
	if cur != nil {
		q.Where("(v.name, v.id) > (? COLLATE sv, ?)", cur.Key, cur.ID)
	}
	var rows []Venue
	if err := q.OrderExpr("v.name, v.id").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return listing.Page[Venue]{}, fmt.Errorf("find venues: %w", err)
	}
	page := listing.Paginate(rows, limit, func(v Venue) (string, int64) { return v.Name, v.ID })
	ids := make([]int64, len(page.Items))
	for i, v := range page.Items {
		ids[i] = v.ID
	}
	covers, err := s.FindFirstPhotos(ctx, ids)
	if err != nil {
		return listing.Page[Venue]{}, err
	}
	for i := range page.Items {
		if ph, ok := covers[page.Items[i].ID]; ok {
			page.Items[i].Cover = &ph
		}
	}
	return page, nil
}

// venueConditions adds the conditions on the venue and its owner shared by venue and room
// searches. The query must have the venue as "v" and its owner joined as "owner".
func venueConditions(q *bun.SelectQuery, f Filter) {
	if !f.IncludeArchived {
		q.Where("v.archived_at IS NULL")
	}
	if f.OwnerID > 0 {
		q.Where("v.owner_id = ?", f.OwnerID)
	}
	if f.OwnerKind != "" {
		q.Where("owner.kind = ?", f.OwnerKind)
	}
	if f.District != "" {
		q.Where("lower(v.district) = lower(?)", f.District)
	}
	if f.VenueID > 0 {
		q.Where("v.id = ?", f.VenueID)
	}
	for _, a := range f.Accessibility {
		// The name was checked against the fixed list by validation, so it is a safe identifier.
		q.Where("v.? = true", bun.Ident(a))
	}
}

// textConditions requires every word of q to appear in the venue, its owner, or the room
// text given by roomMatch (a condition whose every placeholder stands for the pattern).
func textConditions(q *bun.SelectQuery, text, roomMatch string) {
	const venueMatch = `v.name ILIKE ? OR v.street_address ILIKE ? OR v.town ILIKE ? OR v.district ILIKE ?
		OR v.description ILIKE ? OR owner.name ILIKE ?`
	cond := "(" + venueMatch + " OR " + roomMatch + ")"
	for _, w := range listing.Words(text) {
		args := make([]any, strings.Count(cond, "?"))
		for i := range args {
			args[i] = w
		}
		q.Where(cond, args...)
	}
}

// textArray makes a Go slice a PostgreSQL text[] parameter (never NULL).
func textArray(s []string) any {
	if s == nil {
		s = []string{}
	}
	return pgdialect.Array(s)
}
