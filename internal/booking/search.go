package booking

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// Field error codes of a weekly pattern.
const (
	CodeTooManyOccurrences = "too_many_occurrences" // weekly.last_day; the most allowed
	CodeNoOccurrences      = "no_occurrences"       // weekly.last_day
)

// WeeklyPattern is the same local time every week: on Weekday (1 Monday … 7 Sunday) from
// StartTime to EndTime (offsets from local midnight; EndTime up to 24h), on every such day
// from FirstDay to LastDay inclusive (dates; clock and location ignored). "Every Tuesday
// 18:00–20:30 from 1 September to 15 December" is {2, 18h, 20h30m, 2026-09-01, 2026-12-15}.
type WeeklyPattern struct {
	Weekday   int           `json:"weekday" form:"weekday"`
	StartTime time.Duration `json:"start_time" form:"start_time"`
	EndTime   time.Duration `json:"end_time" form:"end_time"`
	FirstDay  time.Time     `json:"first_day" form:"first_day"`
	LastDay   time.Time     `json:"last_day" form:"last_day"`
}

// FreeRoomsQuery asks which rooms are free for the whole window [From, To) or, when Weekly
// is set (and From and To are zero), for every occurrence of the weekly pattern. Filter
// selects among the rooms as venue.Service.FindRooms does (capacity_min, facilities,
// accessibility, district, owner_kind, q, venue_id); its Limit and Cursor page through the
// free rooms as they page through FindRooms' rooms (by name, then id). When OrganisationID
// is set, rooms whose rules do not let that organisation book them are left out too.
// With MostWeeks (a weekly pattern only), rooms that are free for at least half of the
// occurrences but not all are returned as well, in FreeRooms.Partly.
type FreeRoomsQuery struct {
	From           time.Time
	To             time.Time
	Weekly         *WeeklyPattern
	OrganisationID int64
	Filter         venue.Filter
	MostWeeks      bool
}

// FreeRooms is the answer to a FreeRoomsQuery: the occurrences asked about, in time order,
// and one page of the free rooms, sorted by name, each with its venue and the venue's owner.
type FreeRooms struct {
	Occurrences []Slot
	Rooms       []venue.Room
	// Next is the cursor of the following page of free rooms; nil on the last page.
	Next *listing.Cursor
	// Partly are, with MostWeeks, the rooms free for most but not all occurrences, among
	// the rooms read for this page, sorted by name.
	Partly []PartlyFree
	// NeedsApproval tells, for each room of Rooms and Partly, whether its owner approves
	// every booking first.
	NeedsApproval map[int64]bool
}

// PartlyFree is a room free for most occurrences of a weekly pattern; Unavailable are the
// occurrences it cannot have (held by a booking, closed, or against its rules), in order.
type PartlyFree struct {
	Room        venue.Room
	Unavailable []Slot
}

// FindFreeRooms returns the live, bookable rooms matching q.Filter that are free for every
// occurrence of q: each occurrence passes the same checks of time and size as a booking
// (opening hours, closures, holidays when closed, notice, horizon, longest booking, capacity
// against Filter.CapacityMin) and no pending or confirmed booking holds the room, or a part
// or whole of it, during any occurrence. The hold test runs in SQL over all occurrences and
// rooms at once; the venue package's room search applies the filter, and is followed page
// by page until a page of free rooms is full. It returns field errors for a bad window,
// pattern, filter or cursor.
func (s *Service) FindFreeRooms(ctx context.Context, q FreeRoomsQuery) (*FreeRooms, error) {
	occ, fe := q.occurrences(s.loc)
	if len(fe) > 0 {
		return nil, fe
	}
	now := s.now()
	out := &FreeRooms{Occurrences: make([]Slot, len(occ)), Rooms: []venue.Room{}, NeedsApproval: map[int64]bool{}}
	for i, o := range occ {
		out.Occurrences[i] = Slot{Start: o.start, End: o.end}
	}
	attendees := max(q.Filter.CapacityMin, 1)
	held, err := heldAtoms(ctx, s.db, occ)
	if err != nil {
		return nil, fmt.Errorf("find free rooms: %w", err)
	}
	venues := venue.NewService(s.db, s.validate, s.now)
	limit := listing.Limit(q.Filter.Limit)
	f := q.Filter
	// Fetch the rooms in pages of the largest size: most may be taken.
	f.IncludeArchived, f.Limit = false, listing.MaxLimit
	for {
		page, err := venues.FindRooms(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("find free rooms: %w", err)
		}
		ids := make([]int64, 0, len(page.Items))
		for _, r := range page.Items {
			if r.Bookable {
				ids = append(ids, r.ID)
			}
		}
		most := q.MostWeeks && q.Weekly != nil && len(occ) > 1
		free, err := s.freeAmong(ctx, s.db, ids, occ, held, attendees, q.OrganisationID, now, most)
		if err != nil {
			return nil, fmt.Errorf("find free rooms: %w", err)
		}
		for _, r := range page.Items {
			f, ok := free[r.ID]
			switch {
			case !ok:
			case len(f.refused) == 0 && len(out.Rooms) <= limit: // one more, to tell whether another page follows
				out.Rooms = append(out.Rooms, r)
				out.NeedsApproval[r.ID] = f.approval
			case len(f.refused) > 0 && len(out.Partly) < limit:
				pf := PartlyFree{Room: r}
				for _, i := range f.refused {
					pf.Unavailable = append(pf.Unavailable, Slot{Start: occ[i].start, End: occ[i].end})
				}
				out.Partly = append(out.Partly, pf)
				out.NeedsApproval[r.ID] = f.approval
			}
		}
		if page.Next == nil || len(out.Rooms) > limit {
			break
		}
		f.Cursor = page.Next.Encode()
	}
	p := listing.Paginate(out.Rooms, limit, func(r venue.Room) (string, int64) { return r.Name, r.ID })
	out.Rooms, out.Next = p.Items, p.Next
	return out, nil
}

// freeRoom is what freeAmong finds of a room: the occurrences it cannot have (none when it
// is free for all) and whether its owner approves bookings first.
type freeRoom struct {
	refused  []int
	approval bool
}

// freeAmong returns the rooms of ids that pass every slot check for every occurrence, by
// the code that checks a booking, and have none of their atoms held, each with no refused
// occurrences. With most it also returns the rooms that fail at most half of the
// occurrences, with the ones they fail.
func (s *Service) freeAmong(ctx context.Context, db bun.IDB, ids []int64, occ []span, held map[int64]map[int]bool,
	attendees int, org int64, now time.Time, most bool) (map[int64]freeRoom, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rooms, err := loadRooms(ctx, db, ids, localDate(occ[0].start, s.loc))
	if err != nil {
		return nil, err
	}
	var refused map[int64]*RuleError
	if org != 0 {
		// All rooms' rules at once, rather than a query per room.
		if refused, err = refusals(ctx, db, []int64{org}, rooms, localDate(now, s.loc)); err != nil {
			return nil, err
		}
	}
	out := make(map[int64]freeRoom, len(rooms))
rooms:
	for _, r := range rooms {
		if refused[r.ID] != nil {
			continue
		}
		var bad []int
		for i, o := range occ {
			fe := r.checkSlot(o.start, o.end, attendees, now, s.loc)
			if len(fe) == 0 && !slices.ContainsFunc(r.Atoms, func(a int64) bool { return held[a][i] }) {
				continue
			}
			// A room that fails more than half of the occurrences is not offered at all.
			if bad = append(bad, i); !most || 2*len(bad) > len(occ) {
				continue rooms
			}
		}
		out[r.ID] = freeRoom{refused: bad, approval: r.Rules.NeedsApproval}
	}
	return out, nil
}

// heldAtoms returns the atoms that some booking holds during any of the occurrences, each
// with the indexes of the occurrences it is held during, in one query over all occurrences
// and all rooms: one index-only probe per occurrence of the exclusion index, which leads
// with the span (migration 20261206064000_holds_span_first).
func heldAtoms(ctx context.Context, db bun.IDB, occ []span) (map[int64]map[int]bool, error) {
	starts, ends := make([]time.Time, len(occ)), make([]time.Time, len(occ))
	for i, o := range occ {
		starts[i], ends[i] = o.start, o.end
	}
	var held []struct {
		Atom int64 `bun:"atom_room_id"`
		N    int   `bun:"n"`
	}
	err := db.NewRaw(`SELECT DISTINCT h.atom_room_id, o.n FROM unnest(?::timestamptz[], ?::timestamptz[]) WITH ORDINALITY AS o (s, e, n)
		JOIN booking_holds h ON h.span && tstzrange(o.s, o.e, '[)')`,
		pgdialect.Array(starts), pgdialect.Array(ends)).Scan(ctx, &held)
	if err != nil {
		return nil, fmt.Errorf("held rooms: %w", err)
	}
	taken := make(map[int64]map[int]bool, len(held))
	for _, h := range held {
		if taken[h.Atom] == nil {
			taken[h.Atom] = map[int]bool{}
		}
		taken[h.Atom][h.N-1] = true
	}
	return taken, nil
}

// occurrences returns the query's occurrences in time order, or its field errors.
func (q FreeRoomsQuery) occurrences(loc *time.Location) ([]span, fault.FieldErrors) {
	if q.Weekly == nil {
		if fe := checkWindow(q.From, q.To); len(fe) > 0 {
			return nil, fe
		}
		return []span{{q.From.UTC(), q.To.UTC()}}, nil
	}
	return q.Weekly.spans(loc)
}

// spans expands the pattern on the local calendar: each occurrence's start and end are
// placed by WallClock, so 18:00 stays 18:00 across daylight-saving changes.
func (p WeeklyPattern) spans(loc *time.Location) ([]span, fault.FieldErrors) {
	var fe fault.FieldErrors
	add := func(field, code, param string) {
		fe = append(fe, fault.FieldError{Field: "weekly." + field, Code: code, Param: param})
	}
	if p.Weekday < 1 || p.Weekday > 7 {
		add("weekday", "oneof", "1 2 3 4 5 6 7")
	}
	if p.StartTime < 0 || p.StartTime >= 24*time.Hour {
		add("start_time", "invalid", "")
	}
	if p.EndTime <= p.StartTime || p.EndTime > 24*time.Hour {
		add("end_time", CodeEndNotAfterStart, "")
	}
	if p.FirstDay.IsZero() {
		add("first_day", "required", "")
	}
	if p.LastDay.IsZero() {
		add("last_day", "required", "")
	}
	if len(fe) > 0 {
		return nil, fe
	}
	first, last := civil(p.FirstDay), civil(p.LastDay)
	if last.Before(first) {
		add("last_day", CodeLastBeforeFirst, "")
		return nil, fe
	}
	for first.Weekday() != time.Weekday(p.Weekday%7) {
		first = first.AddDate(0, 0, 1)
	}
	var out []span
	for d := first; !d.After(last); d = d.AddDate(0, 0, 7) {
		if len(out) == MaxOccurrences {
			add("last_day", CodeTooManyOccurrences, strconv.Itoa(MaxOccurrences))
			return nil, fe
		}
		out = append(out, span{atClock(d, p.StartTime, loc).UTC(), atClock(d, p.EndTime, loc).UTC()})
	}
	if len(out) == 0 {
		add("last_day", CodeNoOccurrences, "")
		return nil, fe
	}
	return out, nil
}
