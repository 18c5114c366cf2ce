package booking

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// MaxParts is the most parts a room may have: a hall in halves or thirds, a floor of meeting
// rooms with folding walls, with room to spare.
const MaxParts = 50

// Field error codes of SetRoomParts, each on part_ids[i] (besides "not_found", "archived"
// and "max_items" on part_ids).
const (
	CodePartIsWhole       = "part_is_whole"       // the room cannot be a part of itself
	CodePartOtherVenue    = "part_other_venue"    // a part must be in the whole's venue
	CodePartContainsWhole = "part_contains_whole" // the part contains the whole (a cycle)
)

// RoomParts says how a room is made of others: the rooms it consists of and the rooms it is
// a part of, each directly (not their parts' parts), in id order.
type RoomParts struct {
	RoomID int64
	Parts  []int64
	PartOf []int64
}

// FindRoomParts returns the room's parts and the rooms it is a part of. They are public: no
// actor is needed. It returns field errors for an unknown room.
func (s *Service) FindRoomParts(ctx context.Context, roomID int64) (*RoomParts, error) {
	out := &RoomParts{RoomID: roomID, Parts: []int64{}, PartOf: []int64{}}
	var found bool
	err := s.db.NewRaw(`SELECT EXISTS (SELECT 1 FROM rooms WHERE id = ?)`, roomID).Scan(ctx, &found)
	if err != nil {
		return nil, fmt.Errorf("find parts of room %d: %w", roomID, err)
	}
	if !found {
		return nil, errRoomNotFound
	}
	rows, err := s.db.QueryContext(ctx, `SELECT whole_id = ?, CASE WHEN whole_id = ? THEN part_id ELSE whole_id END
		FROM room_parts WHERE whole_id = ? OR part_id = ? ORDER BY 2`, roomID, roomID, roomID, roomID)
	if err != nil {
		return nil, fmt.Errorf("find parts of room %d: %w", roomID, err)
	}
	err = eachRow(rows, func() error {
		var isPart bool
		var id int64
		if err := rows.Scan(&isPart, &id); err != nil {
			return err
		}
		if isPart {
			out.Parts = append(out.Parts, id)
		} else {
			out.PartOf = append(out.PartOf, id)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find parts of room %d: %w", roomID, err)
	}
	return out, nil
}

// SetRoomParts replaces the rooms that the room wholeID consists of: booking the whole then
// blocks its parts and a part blocks the whole. Only the owner's admins may
// (access.UpdateRoom). Parts must be existing rooms of the whole's venue that are not
// archived, not the whole itself and not containing it; at most MaxParts. Bookings that hold
// a room whose atoms change (the whole, the rooms containing it) and have not ended are
// moved onto the new atoms in the same transaction; when any of them can no longer hold its
// time, nothing is stored and a *ConflictError lists the bookings on both sides of every
// clash. The change is audited. It returns the parts in id order, access errors, field
// errors on part_ids[i] (or room_id for an unknown whole), or the *ConflictError.
func (s *Service) SetRoomParts(ctx context.Context, actor access.Actor, wholeID int64, partIDs []int64) ([]int64, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if len(partIDs) > MaxParts {
		return nil, fault.FieldErrors{{Field: "part_ids", Code: "max_items", Param: strconv.Itoa(MaxParts)}}
	}
	parts := slices.Compact(slices.Sorted(slices.Values(partIDs)))
	if parts == nil {
		parts = []int64{}
	}
	now := s.now()
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		return s.setRoomParts(ctx, tx, actor, wholeID, partIDs, parts, now)
	})
	if err != nil {
		return nil, fmt.Errorf("set parts of room %d: %w", wholeID, err)
	}
	return parts, nil
}

// setRoomParts is SetRoomParts inside its transaction; input holds the ids as sent (for
// naming field errors), parts the same sorted without duplicates.
//
// Locking, in this order, so that no booking can slip between reading the atoms and
// committing:
//  1. The venue, FOR NO KEY UPDATE: parts are rooms of one venue, so this serialises every
//     change of parts in the venue and the graph read below stays as read (no two changes
//     can make a cycle together). It does not block new rooms or closures (their foreign
//     keys take KEY SHARE, which NO KEY UPDATE lets through).
//  2. The whole and every room containing it, FOR UPDATE, outermost first: these are the
//     rooms whose atoms may change. A new booking of any of them takes KEY SHARE on its room
//     through the foreign key of bookings.room_id, which FOR UPDATE blocks. So a booking
//     inserted before us is waited for and then seen and rebuilt below; one inserted after
//     us waits for our commit, and if it read the old atoms before waiting, the deferred
//     trigger bookings_holds_match finds its holds on the wrong atoms at its commit and
//     raises 40001, and database.InTx runs it again with the new atoms. Outermost first is
//     the order a booking takes them in too (its room, then the atoms, which are inner), so
//     the two do not deadlock.
//  3. The new parts, FOR SHARE, so that none is archived while it becomes a part. Bookings
//     of a part are not blocked: where they clash with a rebuilt hold, the exclusion
//     constraint decides, waiting for whichever inserted first.
//  4. The bookings to rebuild, FOR UPDATE in id order, so that a concurrent cancellation,
//     decision or move of one waits for us (or we for it, and then see its new status)
//     instead of releasing holds we are about to re-place.
func (s *Service) setRoomParts(ctx context.Context, tx bun.Tx, actor access.Actor, wholeID int64, input, parts []int64, now time.Time) error {
	owner, venueID, err := lockVenueOfRoom(ctx, tx, wholeID)
	if err != nil {
		return err
	}
	if err := access.Check(actor, access.UpdateRoom, owner); err != nil {
		return err
	}
	affected, err := lockWholeAndContaining(ctx, tx, wholeID)
	if err != nil {
		return err
	}
	fe, err := checkParts(ctx, tx, wholeID, venueID, input, affected)
	if err != nil {
		return err
	}
	if len(fe) > 0 {
		return fe
	}
	before, err := roomAtoms(ctx, tx, affected)
	if err != nil {
		return err
	}
	old, err := replaceParts(ctx, tx, wholeID, parts)
	if err != nil {
		return err
	}
	after, err := roomAtoms(ctx, tx, affected)
	if err != nil {
		return err
	}
	rebuilt, err := rebuildHolds(ctx, tx, changedRooms(before, after), now, owner)
	if err != nil {
		return err
	}
	return audit.Record(ctx, tx, actor, now, audit.Change{Action: "room_parts.update", ObjectType: "room",
		ObjectID: wholeID, OrganisationID: owner, Before: map[string]any{"part_ids": old},
		After: map[string]any{"part_ids": parts, "rebuilt_bookings": rebuilt}})
}

func partField(i int) string { return "part_ids[" + strconv.Itoa(i) + "]" }

// lockVenueOfRoom locks the venue of the room (see setRoomParts) and returns its owner and id.
func lockVenueOfRoom(ctx context.Context, tx bun.IDB, roomID int64) (owner, venueID int64, err error) {
	err = tx.NewRaw(`SELECT v.owner_id, v.id FROM venues v WHERE v.id = (SELECT venue_id FROM rooms WHERE id = ?) FOR NO KEY UPDATE`, roomID).
		Scan(ctx, &owner, &venueID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, errRoomNotFound
	}
	return owner, venueID, err
}

// lockWholeAndContaining locks the room and every room that contains it, however deep,
// FOR UPDATE, outermost first, and returns their ids (see setRoomParts). The depth bound
// only stops a cycle written by hand before cycles were refused.
func lockWholeAndContaining(ctx context.Context, tx bun.IDB, wholeID int64) ([]int64, error) {
	var ids []int64
	err := tx.NewRaw(`WITH RECURSIVE up (id, depth) AS (
			SELECT ?::bigint, 0
			UNION
			SELECT p.whole_id, u.depth + 1 FROM room_parts p JOIN up u ON p.part_id = u.id WHERE u.depth < 64
		)
		SELECT r.id FROM rooms r JOIN (SELECT id, max(depth) AS depth FROM up GROUP BY id) u ON u.id = r.id
		ORDER BY u.depth DESC, r.id FOR UPDATE OF r`, wholeID).Scan(ctx, &ids)
	if err != nil {
		return nil, fmt.Errorf("lock rooms containing %d: %w", wholeID, err)
	}
	return ids, nil
}

// checkParts locks the parts FOR SHARE and returns a field error for each that is the whole,
// unknown, in another venue, archived (unless it is a part already) or among containing (the
// rooms containing the whole).
func checkParts(ctx context.Context, tx bun.IDB, wholeID, venueID int64, input, containing []int64) (fault.FieldErrors, error) {
	type part struct {
		ID       int64
		VenueID  int64
		Archived bool
		Current  bool
	}
	var found []part
	// A part archived since it became one may stay: the owner can send the list it read.
	err := tx.NewRaw(`SELECT r.id, r.venue_id, (r.archived_at IS NOT NULL OR v.archived_at IS NOT NULL) AS archived,
			EXISTS (SELECT 1 FROM room_parts p WHERE p.whole_id = ? AND p.part_id = r.id) AS current
		FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE r.id = ANY(?) ORDER BY r.id FOR SHARE OF r`,
		wholeID, pgdialect.Array(input)).Scan(ctx, &found)
	if err != nil {
		return nil, fmt.Errorf("check parts: %w", err)
	}
	byID := make(map[int64]part, len(found))
	for _, p := range found {
		byID[p.ID] = p
	}
	var fe fault.FieldErrors
	for i, id := range input {
		p, ok := byID[id]
		code := ""
		switch {
		case id == wholeID:
			code = CodePartIsWhole
		case !ok:
			code = "not_found"
		case p.VenueID != venueID:
			code = CodePartOtherVenue
		case p.Archived && !p.Current:
			code = "archived"
		case slices.Contains(containing, id):
			code = CodePartContainsWhole
		}
		if code != "" {
			fe = append(fe, fault.FieldError{Field: partField(i), Code: code, Param: strconv.FormatInt(id, 10)})
		}
	}
	return fe, nil
}

// replaceParts stores parts as the room's parts and returns the ones it had.
func replaceParts(ctx context.Context, tx bun.IDB, wholeID int64, parts []int64) ([]int64, error) {
	old := []int64{}
	err := tx.NewRaw(`WITH d AS (DELETE FROM room_parts WHERE whole_id = ? RETURNING part_id) SELECT part_id FROM d ORDER BY 1`, wholeID).
		Scan(ctx, &old)
	if err != nil {
		return nil, fmt.Errorf("delete parts: %w", err)
	}
	_, err = tx.NewRaw(`INSERT INTO room_parts (whole_id, part_id) SELECT ?, p FROM unnest(?::bigint[]) AS p`,
		wholeID, pgdialect.Array(parts)).Exec(ctx)
	if err != nil {
		return nil, fmt.Errorf("insert parts: %w", err)
	}
	return old, nil
}

// roomAtoms returns the atoms of each room, in id order, as room_atoms() sees them now.
func roomAtoms(ctx context.Context, tx bun.IDB, rooms []int64) (map[int64][]int64, error) {
	var rows []struct {
		Room int64
		Atom int64
	}
	err := tx.NewRaw(`SELECT r.id AS room, a AS atom FROM unnest(?::bigint[]) AS r (id), room_atoms(r.id) AS a ORDER BY 1, 2`,
		pgdialect.Array(rooms)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load room atoms: %w", err)
	}
	out := make(map[int64][]int64, len(rooms))
	for _, r := range rows {
		out[r.Room] = append(out[r.Room], r.Atom)
	}
	return out, nil
}

// changedRooms returns the rooms whose atoms differ between before and after, in id order.
func changedRooms(before, after map[int64][]int64) []int64 {
	var out []int64
	for id, atoms := range after {
		if !slices.Equal(atoms, before[id]) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// rebuildHolds moves the holds of every booking of rooms that holds its room and has not
// ended at now onto the room's atoms, and returns their ids. It releases them all before it
// places any, as they were placed (holdRoom: ON CONFLICT DO NOTHING, in atom order); bookings of
// rooms among each other never clash, since they shared atoms before and still do. A
// booking that cannot hold every atom makes it return a *ConflictError listing it and the
// bookings in its way; Own marks those of owner.
func rebuildHolds(ctx context.Context, tx bun.IDB, rooms []int64, now time.Time, owner int64) ([]int64, error) {
	ids := []int64{}
	if len(rooms) == 0 {
		return ids, nil
	}
	var bookings []Booking
	err := tx.NewSelect().Model(&bookings).
		Where("b.room_id = ANY(?) AND b.status IN (?, ?) AND b.span && tstzrange(?, NULL)",
			pgdialect.Array(rooms), StatusPending, StatusConfirmed, now).
		OrderExpr("b.id").For("UPDATE").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock bookings to rebuild: %w", err)
	}
	for _, b := range bookings {
		if err := release(ctx, tx, b.ID); err != nil {
			return nil, err
		}
		ids = append(ids, b.ID)
	}
	var clashes []Clash
	for i := range bookings {
		b := &bookings[i]
		held, want, err := holdRoom(ctx, tx, b.ID)
		if err != nil {
			return nil, err
		}
		if held == want {
			continue
		}
		in, err := holders(ctx, tx, b)
		if err != nil {
			return nil, err
		}
		clashes = append(clashes, clashOf(b, owner))
		for i := range in {
			clashes = append(clashes, clashOf(&in[i], owner))
		}
	}
	if len(clashes) > 0 {
		return nil, &ConflictError{Clashes: uniqueClashes(clashes)}
	}
	return ids, nil
}

// uniqueClashes returns clashes without repeats, in time order.
func uniqueClashes(clashes []Clash) []Clash {
	slices.SortFunc(clashes, func(a, b Clash) int {
		if c := a.StartsAt.Compare(b.StartsAt); c != 0 {
			return c
		}
		return cmp.Compare(a.BookingID, b.BookingID)
	})
	return slices.CompactFunc(clashes, func(a, b Clash) bool { return a.BookingID == b.BookingID })
}
