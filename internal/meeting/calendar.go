package meeting

import (
	"context"
	"fmt"
	"time"

	"github.com/borasstad/lokalbanken/internal/venue"
)

// Entry is a meeting as the public meeting calendar shows it: with its series, organiser,
// and for a meeting in a room the room, its venue's address and accessibility facts.
type Entry struct {
	Meeting `bun:",extend"`

	SeriesName    string  `bun:"series_name,scanonly"`
	SeriesKind    Kind    `bun:"series_kind,scanonly"`
	OrganiserID   int64   `bun:"organiser_id,scanonly"`
	OrganiserName string  `bun:"organiser_name,scanonly"`
	VenueID       *int64  `bun:"venue_id,scanonly"`
	RoomName      *string `bun:"room_name,scanonly"`
	VenueName     *string `bun:"venue_name,scanonly"`
	StreetAddress *string `bun:"street_address,scanonly"`
	PostalCode    *string `bun:"postal_code,scanonly"`
	Town          *string `bun:"town,scanonly"`
	// Accessibility is the venue's; all false for a meeting not in a room.
	venue.Accessibility
}

// CalendarFilter selects the public calendar's meetings: the upcoming ones (those not yet
// ended at Now), or with Past those that have ended, latest first; of one series when
// SeriesID is set.
type CalendarFilter struct {
	SeriesID int64
	Now      time.Time
	Past     bool
	Limit    int
}

// FindCalendar returns the meetings of public series that f selects, cancelled ones too
// (shown as cancelled), at most f.Limit (50 when 0). It reads no person.
func (s *Service) FindCalendar(ctx context.Context, f CalendarFilter) ([]Entry, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	when, order := "m.ends_at > ?", "m.starts_at, m.id"
	if f.Past {
		when, order = "m.ends_at <= ?", "m.starts_at DESC, m.id DESC"
	}
	q := s.db.NewSelect().TableExpr("meetings AS m").ColumnExpr("m.*").
		ColumnExpr("ms.name AS series_name, ms.kind AS series_kind, ms.organiser_id, o.name AS organiser_name").
		ColumnExpr("v.id AS venue_id, r.name AS room_name, v.name AS venue_name, v.street_address, v.postal_code, v.town").
		ColumnExpr(`coalesce(v.step_free_entrance, false) AS step_free_entrance, coalesce(v.accessible_toilet, false) AS accessible_toilet,
			coalesce(v.hearing_loop, false) AS hearing_loop, coalesce(v.lift, false) AS lift,
			coalesce(v.accessible_parking, false) AS accessible_parking, coalesce(v.accessibility_note, '') AS accessibility_note`).
		Join("JOIN meeting_series AS ms ON ms.id = m.series_id AND ms.public").
		Join("JOIN organisations AS o ON o.id = ms.organiser_id").
		Join("LEFT JOIN rooms AS r ON r.id = m.room_id").
		Join("LEFT JOIN venues AS v ON v.id = r.venue_id").
		Where(when, f.Now).OrderExpr(order).Limit(int64(limit))
	if f.SeriesID != 0 {
		q.Where("m.series_id = ?", f.SeriesID)
	}
	var out []Entry
	if err := q.Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("find calendar: %w", err)
	}
	return out, nil
}
