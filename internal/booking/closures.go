package booking

import (
	"context"
	"fmt"
	"time"
)

// FindVenueClosures returns the closures of the whole venue that have not ended, by first
// day; those of single rooms are in each room's FindRules. They are public: no actor is
// needed. An unknown venue has none.
func (s *Service) FindVenueClosures(ctx context.Context, venueID int64) ([]Closure, error) {
	out := []Closure{}
	err := s.db.NewRaw(`SELECT id, venue_id, room_id, first_day, last_day, reason FROM closures
		WHERE venue_id = ? AND last_day >= ?::date ORDER BY first_day, id`,
		venueID, localDate(s.now(), s.loc).Format(time.DateOnly)).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("find closures of venue %d: %w", venueID, err)
	}
	return out, nil
}
