package booking

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/listing"
)

// ErrOwnerNotFound: no organisation with that id (the same problem as the organisation
// package's ErrNotFound).
var ErrOwnerNotFound = fault.New(fault.NotFound, "organisation_not_found")

// WithoutRight is a booking in one of an owner's rooms whose organisation the room's rules
// would refuse today, with the refusal that says why.
type WithoutRight struct {
	Booking
	RoomName         string     `bun:"room_name,scanonly"`
	OrganisationName string     `bun:"organisation_name,scanonly"`
	Refusal          *RuleError `bun:"-"`
}

// withoutRightBatch is how many candidate bookings are judged per round trip.
const withoutRightBatch = 500

// FindBookingsWithoutRight returns one page, in order of start, of the pending and confirmed
// bookings in the owner's rooms that have not ended and whose organisation the room's rules
// would refuse if it booked today: a premises-sharing agreement that ended or no longer
// names the organisation or the room, a withdrawn signature of the Compact, a rule the owner
// tightened, a room closed to bookings. Such bookings are never cancelled by themselves;
// the owner decides about each. The list is computed from the rules on every call (by the
// same refusal a new booking gets), so it cannot go stale. Only the owner's admins and city
// administrators may read it (access.ApproveBooking). It returns ErrOwnerNotFound, or a
// field error for a malformed cursor.
func (s *Service) FindBookingsWithoutRight(ctx context.Context, actor access.Actor, owner int64, limit int, cursor string) (listing.Page[WithoutRight], error) {
	if err := access.Check(actor, access.ApproveBooking, owner); err != nil {
		return listing.Page[WithoutRight]{}, err
	}
	cur, err := listing.DecodeCursor(cursor)
	if err != nil {
		return listing.Page[WithoutRight]{}, err
	}
	after, afterID := time.Time{}, int64(0)
	if cur != nil {
		us, err := strconv.ParseInt(cur.Key, 10, 64)
		if err != nil {
			return listing.Page[WithoutRight]{}, fault.FieldErrors{{Field: "cursor", Code: "malformed"}}
		}
		after, afterID = time.UnixMicro(us).UTC(), cur.ID
	}
	rooms, err := s.restrictedRooms(ctx, owner)
	if err != nil {
		return listing.Page[WithoutRight]{}, fmt.Errorf("bookings without right: %w", err)
	}
	limit = listing.Limit(limit)
	now := s.now()
	var out []WithoutRight
	for len(rooms) > 0 && len(out) <= limit {
		batch, err := s.judgeBookings(ctx, owner, rooms, now, after, afterID)
		if err != nil {
			return listing.Page[WithoutRight]{}, fmt.Errorf("bookings without right: %w", err)
		}
		out = append(out, batch.refused...)
		if batch.n < withoutRightBatch {
			break
		}
		after, afterID = batch.last.StartsAt, batch.last.ID
	}
	return listing.Paginate(out, limit, func(w WithoutRight) (string, int64) {
		return strconv.FormatInt(w.StartsAt.UnixMicro(), 10), w.ID
	}), nil
}

// restrictedRooms returns the rules of the owner's rooms whose rules can refuse anyone (a
// rule other than "any", closed to bookings, or archived); only bookings in them can lack a
// right. It returns ErrOwnerNotFound for an organisation that does not exist.
func (s *Service) restrictedRooms(ctx context.Context, owner int64) (map[int64]*room, error) {
	var rows []struct {
		ID     int64
		Exists bool
	}
	err := s.db.NewRaw(`SELECT r.id, true AS exists FROM rooms r JOIN venues v ON v.id = r.venue_id
			LEFT JOIN booking_rules br ON br.room_id = r.id
		WHERE v.owner_id = ?0 AND (coalesce(br.who_may_book, 'any') <> 'any' OR NOT r.bookable
			OR r.archived_at IS NOT NULL OR v.archived_at IS NOT NULL)
		UNION ALL SELECT 0, EXISTS (SELECT 1 FROM organisations WHERE id = ?0)`, owner).Scan(ctx, &rows)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, r := range rows {
		if r.ID == 0 && !r.Exists {
			return nil, ErrOwnerNotFound
		}
		if r.ID != 0 {
			ids = append(ids, r.ID)
		}
	}
	out := map[int64]*room{}
	if len(ids) == 0 {
		return out, nil
	}
	rs, err := loadRoomRules(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		out[r.ID] = r
	}
	return out, nil
}

// bookingColumns are the columns of Booking (the table has more, such as span).
const bookingColumns = `b.id, b.room_id, b.organisation_id, b.created_by, b.title, b.purpose, b.attendees, b.public,
	b.starts_at, b.ends_at, b.status, b.status_reason, b.status_by, b.status_at, b.revision, b.series_id, b.occurrence,
	b.original_start, b.created_at, b.updated_at`

// judged is one batch of candidate bookings: how many were read, the last one, and those
// the rules refuse.
type judged struct {
	n       int
	last    Booking
	refused []WithoutRight
}

// judgeBookings reads the next batch of live, unended bookings of other organisations in
// rooms after (after, afterID) by start, and judges each by the room's rule today.
func (s *Service) judgeBookings(ctx context.Context, owner int64, rooms map[int64]*room, now, after time.Time, afterID int64) (judged, error) {
	ids := make([]int64, 0, len(rooms))
	for id := range rooms {
		ids = append(ids, id)
	}
	var rows []WithoutRight
	q := s.db.NewSelect().Model(&rows).ModelTableExpr("bookings AS b").ColumnExpr(bookingColumns+", r.name AS room_name, o.name AS organisation_name").
		Join("JOIN rooms AS r ON r.id = b.room_id").Join("JOIN organisations AS o ON o.id = b.organisation_id").
		Where("b.room_id = ANY(?)", pgdialect.Array(ids)).Where("b.status IN (?, ?)", StatusPending, StatusConfirmed).
		Where("b.ends_at > ?", now).Where("b.organisation_id <> ?", owner)
	if afterID != 0 {
		q.Where("(b.starts_at, b.id) > (?, ?)", after, afterID)
	}
	if err := q.OrderExpr("b.starts_at, b.id").Limit(withoutRightBatch).Scan(ctx); err != nil {
		return judged{}, err
	}
	out := judged{n: len(rows)}
	if len(rows) == 0 {
		return out, nil
	}
	out.last = rows[len(rows)-1].Booking
	orgSet, roomSet := map[int64]bool{}, map[int64]bool{}
	var orgs []int64
	var batchRooms []*room
	for _, b := range rows {
		if !orgSet[b.OrganisationID] {
			orgSet[b.OrganisationID] = true
			orgs = append(orgs, b.OrganisationID)
		}
		if !roomSet[b.RoomID] {
			roomSet[b.RoomID] = true
			batchRooms = append(batchRooms, rooms[b.RoomID])
		}
	}
	st, err := loadStanding(ctx, s.db, orgs, batchRooms, localDate(now, s.loc))
	if err != nil {
		return judged{}, err
	}
	for _, b := range rows {
		r := rooms[b.RoomID]
		var re *RuleError
		if r.Archived {
			re = &RuleError{Rule: RuleNotBookable}
		} else if err := r.refusal(b.OrganisationID, st); err != nil {
			var ok bool
			if re, ok = err.(*RuleError); !ok {
				return judged{}, err
			}
		}
		if re != nil {
			b.Refusal = re
			out.refused = append(out.refused, b)
		}
	}
	return out, nil
}
