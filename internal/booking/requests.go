package booking

import (
	"context"
	"fmt"

	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
)

// Request is a request waiting for the actor's decision: a pending booking, or the first
// pending occurrence of a series with how many are pending (a series is decided at once).
type Request struct {
	Booking
	// Occurrences is how many bookings the request holds: 1, or the series' pending ones.
	Occurrences int `bun:"occurrences"`
	// OwnerID is the organisation that owns the room and so decides.
	OwnerID int64 `bun:"owner_id"`
}

// deciderScope is the SQL condition (on venues v and organisations ow, the room's owner)
// for the rooms whose requests the actor decides, with its arguments: the rooms of the
// organisations where the actor may approve bookings (access.ApproveBooking), and for a city
// administrator the rooms of the city. City administrators may decide any request, but the
// requests waiting for them are the city's: an association decides on its own rooms.
func deciderScope(actor access.Actor) (string, []any, bool) {
	var orgs []int64
	for org := range actor.Roles {
		if access.Check(access.Actor{UserID: actor.UserID, Roles: actor.Roles}, access.ApproveBooking, org) == nil {
			orgs = append(orgs, org)
		}
	}
	if len(orgs) == 0 && !actor.CityAdmin {
		return "", nil, false
	}
	return "(v.owner_id = ANY(?::bigint[]) OR (? AND ow.kind = 'city'))", []any{pgdialect.Array(append(orgs, 0)), actor.CityAdmin}, true
}

// requestsQuery selects the requests the actor decides, one row per booking or series,
// earliest first; limit 0 means all.
const requestsQuery = `
SELECT DISTINCT ON (b.starts_at, n.key) b.id, b.room_id, b.organisation_id, b.created_by, b.title, b.purpose,
    b.attendees, b.public, b.starts_at, b.ends_at, b.status, b.status_reason, b.status_by, b.status_at, b.revision,
    b.series_id, b.occurrence, b.original_start, b.created_at, b.updated_at, v.owner_id, n.occurrences
FROM (
    SELECT coalesce(b.series_id, -b.id) AS key, b.room_id, min(b.starts_at) AS first, count(*) AS occurrences
    FROM bookings b
    JOIN rooms r ON r.id = b.room_id
    JOIN venues v ON v.id = r.venue_id
    JOIN organisations ow ON ow.id = v.owner_id
    WHERE b.status = 'pending' AND b.starts_at > ? AND %s
    GROUP BY 1, 2
) n
JOIN bookings b ON b.room_id = n.room_id AND b.starts_at = n.first AND b.status = 'pending'
    AND coalesce(b.series_id, -b.id) = n.key
JOIN rooms r ON r.id = b.room_id
JOIN venues v ON v.id = r.venue_id
ORDER BY b.starts_at, n.key, b.id`

// FindRequests returns the requests that wait for the actor's decision (see deciderScope),
// a series as one request, earliest first, at most limit of them (0: all).
func (s *Service) FindRequests(ctx context.Context, actor access.Actor, limit int) ([]Request, error) {
	cond, args, ok := deciderScope(actor)
	if !ok {
		return nil, nil
	}
	q := fmt.Sprintf(requestsQuery, cond)
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	var out []Request
	if err := s.db.NewRaw(q, append([]any{s.now()}, args...)...).Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("find requests: %w", err)
	}
	return out, nil
}

// CountRequests returns how many requests wait for the actor's decision, a series counted
// once, as FindRequests would list them. It is cheap enough to ask on every page.
func (s *Service) CountRequests(ctx context.Context, actor access.Actor) (int, error) {
	cond, args, ok := deciderScope(actor)
	if !ok {
		return 0, nil
	}
	var n int
	err := s.db.NewRaw(`SELECT count(DISTINCT coalesce(b.series_id, -b.id))
		FROM bookings b
		JOIN rooms r ON r.id = b.room_id
		JOIN venues v ON v.id = r.venue_id
		JOIN organisations ow ON ow.id = v.owner_id
		WHERE b.status = 'pending' AND b.starts_at > ? AND `+cond, append([]any{s.now()}, args...)...).Scan(ctx, &n)
	if err != nil {
		return 0, fmt.Errorf("count requests: %w", err)
	}
	return n, nil
}
