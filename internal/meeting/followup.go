package meeting

import (
	"context"
	"fmt"
	"time"
)

// FROTarget is how many FRÖ meetings the Compact's action plan asks for each year.
const FROTarget = 4

// SeriesFigures are one public series' figures for the follow-up: the meetings held in the
// year and the year before, and how many invited organisations took part in them.
type SeriesFigures struct {
	SeriesID         int64  `bun:"series_id"`
	Name             string `bun:"name"`
	Kind             Kind   `bun:"kind"`
	HeldThisYear     int    `bun:"held_this_year"`
	HeldLastYear     int    `bun:"held_last_year"`
	TookPartThisYear int    `bun:"took_part_this_year"`
	TookPartLastYear int    `bun:"took_part_last_year"`
}

// FollowUp is the follow-up the Compact reports to its annual general meeting.
type FollowUp struct {
	Year   int // the year of "this year"; the figures of Year-1 are "last year"
	Series []SeriesFigures
	// FROHeld is the FRÖ meetings held in Year, against FROTarget.
	FROHeld, FROTarget int
	// TookPart and TookPartBefore are the invited organisations that took part in any
	// public meeting held in Year and in Year-1.
	TookPart, TookPartBefore int
}

// heldIn is the condition of a meeting m held in the local calendar year that follows it
// (arguments: ?0 now, ?1 the zone): planned (not
// cancelled) and ended by now. An organisation took part when it was invited and answered
// that it would come: attendance itself is not recorded.
const heldIn = `m.status = 'planned' AND m.ends_at <= ?0 AND extract(year FROM m.starts_at AT TIME ZONE ?1) = `

// FindFollowUp returns the follow-up figures of the local calendar year of now and the
// year before, over the public series.
func (s *Service) FindFollowUp(ctx context.Context, now time.Time) (*FollowUp, error) {
	year := now.In(s.loc).Year()
	out := &FollowUp{Year: year, FROTarget: FROTarget}
	args := []any{now, s.loc.String(), year, year - 1}
	q := `SELECT ms.id AS series_id, ms.name, ms.kind,
		(SELECT count(*) FROM meetings m WHERE m.series_id = ms.id AND ` + heldIn + `?2) AS held_this_year,
		(SELECT count(*) FROM meetings m WHERE m.series_id = ms.id AND ` + heldIn + `?3) AS held_last_year,
		(SELECT count(DISTINCT mi.organisation_id) FROM meeting_invitations mi JOIN meetings m ON m.id = mi.meeting_id
			WHERE mi.attending AND m.series_id = ms.id AND ` + heldIn + `?2) AS took_part_this_year,
		(SELECT count(DISTINCT mi.organisation_id) FROM meeting_invitations mi JOIN meetings m ON m.id = mi.meeting_id
			WHERE mi.attending AND m.series_id = ms.id AND ` + heldIn + `?3) AS took_part_last_year
		FROM meeting_series ms WHERE ms.public ORDER BY ms.name, ms.id`
	if err := s.db.NewRaw(q, args...).Scan(ctx, &out.Series); err != nil {
		return nil, fmt.Errorf("follow-up by series: %w", err)
	}
	for i := range out.Series {
		if f := &out.Series[i]; f.Kind == KindFRO {
			out.FROHeld += f.HeldThisYear
		}
	}
	total := `SELECT count(DISTINCT mi.organisation_id) FROM meeting_invitations mi JOIN meetings m ON m.id = mi.meeting_id
		JOIN meeting_series ms ON ms.id = m.series_id AND ms.public WHERE mi.attending AND ` + heldIn
	if err := s.db.NewRaw(total+`?2`, args...).Scan(ctx, &out.TookPart); err != nil {
		return nil, fmt.Errorf("follow-up: organisations: %w", err)
	}
	if err := s.db.NewRaw(total+`?3`, args...).Scan(ctx, &out.TookPartBefore); err != nil {
		return nil, fmt.Errorf("follow-up: organisations: %w", err)
	}
	return out, nil
}
