package booking

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/listing"
)

// FindBookings returns one page of the bookings matching f, in order of start. A malformed
// cursor is a field error.
func (s *Service) FindBookings(ctx context.Context, f Filter) (listing.Page[Booking], error) {
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return listing.Page[Booking]{}, err
	}
	limit := listing.Limit(f.Limit)
	q := s.db.NewSelect().Model((*Booking)(nil))
	if f.RoomID != 0 {
		// Typed: the GiST index on (room_id, span) has no operator for bigint = integer.
		q.Where("b.room_id = ?::bigint", f.RoomID)
	}
	if f.OrganisationID != 0 {
		q.Where("b.organisation_id = ?::bigint", f.OrganisationID)
		if f.Viewer != nil {
			seenWhole(q, access.BookingScopeOf(*f.Viewer))
		}
	}
	if len(f.Status) > 0 {
		q.Where("b.status IN (?)", bun.List(f.Status))
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		q.Where("b.span && tstzrange(?, ?, '[)')", nullTime(f.From), nullTime(f.To))
	}
	if cur != nil {
		start, err := strconv.ParseInt(cur.Key, 10, 64)
		if err != nil {
			return listing.Page[Booking]{}, fmt.Errorf("find bookings: cursor: %w", err)
		}
		q.Where("(b.starts_at, b.id) > (?, ?)", time.UnixMicro(start).UTC(), cur.ID)
	}
	var rows []Booking
	if err := q.OrderExpr("b.starts_at, b.id").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return listing.Page[Booking]{}, fmt.Errorf("find bookings: %w", err)
	}
	return listing.Paginate(rows, limit, func(b Booking) (string, int64) {
		return strconv.FormatInt(b.StartsAt.UnixMicro(), 10), b.ID
	}), nil
}

// seenWhole limits q (on bookings b) to the bookings that the scope's viewer sees with
// their organisation: public ones, and the ones access.BookingSight shows in full.
func seenWhole(q *bun.SelectQuery, sc access.BookingScope) {
	if sc.All {
		return
	}
	q.Where(`(b.public OR b.organisation_id = ANY(?::bigint[])
		OR b.room_id IN (SELECT r.id FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE v.owner_id = ANY(?::bigint[])))`,
		pgdialect.Array(append(sc.Orgs, 0)), pgdialect.Array(append(sc.Owners, 0)))
}

// nullTime makes a zero time an unbounded range end.
func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
