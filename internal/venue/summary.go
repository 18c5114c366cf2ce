package venue

import (
	"context"
	"fmt"
)

// Summary is the register at a glance: live venues and rooms, and the districts they are in.
type Summary struct {
	Venues, Rooms int
	// Districts in Swedish order, each spelled as most recently written, case ignored.
	Districts []string
}

// Summarise counts the live venues and rooms and lists their districts, in two queries
// whatever the size of the register.
func (s *Service) Summarise(ctx context.Context) (Summary, error) {
	var sum Summary
	err := s.db.NewRaw(`SELECT
		(SELECT count(*) FROM venues WHERE archived_at IS NULL),
		(SELECT count(*) FROM rooms r JOIN venues v ON v.id = r.venue_id
		  WHERE r.archived_at IS NULL AND v.archived_at IS NULL)`).Scan(ctx, &sum.Venues, &sum.Rooms)
	if err != nil {
		return Summary{}, fmt.Errorf("summarise venues: %w", err)
	}
	err = s.db.NewRaw(`SELECT d FROM (
		  SELECT DISTINCT ON (lower(district)) btrim(district) AS d
		  FROM venues WHERE archived_at IS NULL AND btrim(district) <> ''
		  ORDER BY lower(district), updated_at DESC, id DESC) t
		ORDER BY d COLLATE sv`).Scan(ctx, &sum.Districts)
	if err != nil {
		return Summary{}, fmt.Errorf("list districts: %w", err)
	}
	return sum, nil
}
