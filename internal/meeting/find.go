package meeting

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

// Filter selects meetings for FindMeetings. Zero fields select all the actor may see; From
// and To select meetings that overlap [From, To).
type Filter struct {
	SeriesID int64
	From, To time.Time
	Limit    int
	Cursor   string
}

// FindMeetingByID returns the meeting, cancelled or not, or ErrNotFound also when its
// series is not public and the actor is neither of the organiser's members nor of an
// invited organisation.
func (s *Service) FindMeetingByID(ctx context.Context, actor access.Actor, id int64) (*Meeting, error) {
	m := new(Meeting)
	q := s.db.NewSelect().Model(m).Where("m.id = ?", id)
	visible(q, actor)
	if err := q.Scan(ctx); err != nil {
		if err = notFound(err, ErrNotFound); err == ErrNotFound {
			return nil, err
		}
		return nil, fmt.Errorf("find meeting %d: %w", id, err)
	}
	return m, nil
}

// FindMeetings returns one page of the meetings the actor may see, by start.
func (s *Service) FindMeetings(ctx context.Context, actor access.Actor, f Filter) (listing.Page[Meeting], error) {
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return listing.Page[Meeting]{}, err
	}
	limit := listing.Limit(f.Limit)
	q := s.db.NewSelect().Model((*Meeting)(nil))
	visible(q, actor)
	if f.SeriesID != 0 {
		q.Where("m.series_id = ?", f.SeriesID)
	}
	if !f.From.IsZero() {
		q.Where("m.ends_at > ?", f.From)
	}
	if !f.To.IsZero() {
		q.Where("m.starts_at < ?", f.To)
	}
	if cur != nil {
		start, err := strconv.ParseInt(cur.Key, 10, 64)
		if err != nil {
			return listing.Page[Meeting]{}, fmt.Errorf("find meetings: cursor: %w", err)
		}
		q.Where("(m.starts_at, m.id) > (?, ?)", time.UnixMicro(start).UTC(), cur.ID)
	}
	var rows []Meeting
	if err := q.OrderExpr("m.starts_at, m.id").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return listing.Page[Meeting]{}, fmt.Errorf("find meetings: %w", err)
	}
	return listing.Paginate(rows, limit, func(m Meeting) (string, int64) {
		return strconv.FormatInt(m.StartsAt.UnixMicro(), 10), m.ID
	}), nil
}

// visible limits q (on meetings m) to what the actor may see, as access.MeetingSight
// decides: meetings of public series, of series whose organiser the actor is a member of
// (access.ViewMeetings), and meetings to which one of the actor's organisations is invited.
func visible(q *bun.SelectQuery, actor access.Actor) {
	all, orgs := access.Scope(actor, access.ViewMeetings)
	if all {
		return
	}
	mine := make([]int64, 0, len(actor.Roles)+1)
	for org := range actor.Roles {
		mine = append(mine, org)
	}
	q.Where(`EXISTS (SELECT 1 FROM meeting_series ms WHERE ms.id = m.series_id AND (ms.public OR ms.organiser_id = ANY(?)))
		OR EXISTS (SELECT 1 FROM meeting_invitations mi WHERE mi.meeting_id = m.id AND mi.organisation_id = ANY(?))`,
		pgdialect.Array(append(orgs, 0)), pgdialect.Array(append(mine, 0)))
}
