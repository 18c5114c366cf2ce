package booking

import (
	"context"
	"fmt"
)

// FindSeriesBookings returns every booking of the series, whatever its status, in order of
// start: the occurrences, at most MaxOccurrences, so one answer without pages. An unknown
// series has none; it is not an error, as a caller asks only of a booking it holds.
func (s *Service) FindSeriesBookings(ctx context.Context, seriesID int64) ([]Booking, error) {
	var out []Booking
	err := s.db.NewSelect().Model(&out).Where("b.series_id = ?", seriesID).OrderExpr("b.starts_at, b.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("find bookings of series %d: %w", seriesID, err)
	}
	return out, nil
}
