package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
)

// A one-off booking is the request that comes most often and in crowds (a new term opens), so
// it takes the fewest round trips that keep it correct. The room it books (rules, hours,
// closures, parts) is read once and kept (roomCache) with the settings generation it was
// read at; the write is a single statement that inserts the booking, its holds and its audit
// entry, unless the generation has moved on or the organisation is gone or archived (then
// it inserts nothing, and the room is read again), and fails as a whole when any hold is
// taken. So a booking of a room booked before is one round trip, and of any other room two;
// no transaction is held open between them. A room whose rules ask about the organisation's
// standing (signatories, partners) is read every time, with that standing.
//
// One race needs the transactional path: the holds are those of the parts the room had when
// it was read, and an owner's change of parts may commit before the write. Such a booking is
// refused at commit (bookings_holds_match, 40001), and is then booked by the transactional
// path, whose holds are read by a statement begun after any wait for the change.

// errHoldsShort is the SQLSTATE booking_holds_all raises: some of the time is taken.
const errHoldsShort = "LB409"

// errClashGone: the write found the time taken but the clash was gone before it could be
// named (cancelled meanwhile); try again.
var errClashGone = errors.New("clash gone")

// errStale: the write found the settings generation moved on, or the organisation gone or
// archived, since the room was read; read again.
var errStale = errors.New("settings changed since the room was read")

// createFast books b once as above. It returns the errors of CreateBooking, a retryable
// database error when the transactional path must take over, errStale or errClashGone.
func (s *Service) createFast(ctx context.Context, actor access.Actor, b *Booking, now time.Time, cached bool) error {
	r, gen, hit, err := s.roomForBooking(ctx, b.RoomID, now, b.OrganisationID, cached)
	if err != nil {
		return err
	}
	fe := r.checkSlot(b.StartsAt, b.EndsAt, b.Attendees, now, s.loc)
	if hit && (len(fe) > 0 || r.Archived || r.refusal(b.OrganisationID, standing{}) != nil) {
		// Only the write confirms a cached room: a refusal is said from a fresh read.
		return errStale
	}
	if len(fe) > 0 {
		return fe
	}
	b.Status = StatusConfirmed
	if r.Rules.NeedsApproval && b.OrganisationID != r.OwnerID {
		b.Status = StatusPending
	}
	// The id is the insert's; the write puts it into the entry.
	entry, err := audit.NewEntry(actor, now, audit.Change{Action: "booking.create", ObjectType: "booking",
		OrganisationID: b.OrganisationID, After: b})
	if err != nil {
		return err
	}
	err = s.writeBooking(ctx, b, r.Atoms, gen, entry, s.announce && b.Status == StatusPending)
	if errors.Is(err, errStale) {
		s.rooms.forget(b.RoomID)
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != errHoldsShort {
		return err
	}
	clashes, err := findClashes(ctx, s.db, b)
	if err != nil {
		return err
	}
	if len(clashes) == 0 {
		return errClashGone
	}
	return &ConflictError{Clashes: clashes, Start: b.StartsAt}
}

// roomForBooking returns the room with the settings generation it was read at: from the
// cache (hit) when cached and the organisation's standing does not matter, else read, with
// the errors of readForBooking, and kept.
func (s *Service) roomForBooking(ctx context.Context, roomID int64, now time.Time, org int64, cached bool) (r *room, gen int64, hit bool, err error) {
	day := localDate(now, s.loc)
	if r, gen, ok := s.rooms.get(roomID, day); ok && cached && !r.needsStanding(org) {
		return r, gen, true, nil
	}
	r, gen, err = s.readForBooking(ctx, s.db, roomID, org, now)
	if err != nil {
		return nil, 0, false, err
	}
	s.rooms.put(r, gen, day)
	return r, gen, false, nil
}

// readForBooking reads the room, the organisation and the settings generation on db in one
// query (plus one for the rules of signatories or partners): field errors for an unknown or
// archived room or organisation, a *RuleError when the rules keep the organisation out.
func (s *Service) readForBooking(ctx context.Context, db bun.IDB, roomID, org int64, now time.Time) (*room, int64, error) {
	r, gen, err := s.readRoomFor(ctx, db, roomID, org, now)
	if err != nil {
		return nil, 0, err
	}
	if err := r.mayBook(ctx, db, org, localDate(now, s.loc)); err != nil {
		return nil, 0, err
	}
	return r, gen, nil
}

// readRoomFor is readForBooking without the room's rule of who may book.
func (s *Service) readRoomFor(ctx context.Context, db bun.IDB, roomID, org int64, now time.Time) (*room, int64, error) {
	row := raw(db).QueryRowContext(ctx, readForBookingSQL, pgx.QueryExecModeCacheStatement,
		localDate(now, s.loc).Format(time.DateOnly), org, roomID)
	var orgArchived sql.NullBool
	var gen int64
	r, err := scanRoom(row, &orgArchived, &gen)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, 0, errRoomNotFound
	case err != nil:
		return nil, 0, fmt.Errorf("load room: %w", err)
	case !orgArchived.Valid:
		return nil, 0, errOrgNotFound
	case orgArchived.Bool:
		return nil, 0, errOrgArchived
	case r.Archived:
		return nil, 0, errRoomArchived
	}
	return r, gen, nil
}

// raw is the database/sql handle under db, for a statement sent with parameters rather than
// formatted by bun.
func raw(db bun.IDB) interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
} {
	switch d := db.(type) {
	case bun.Tx:
		return d.Tx
	case *bun.DB:
		return d.DB
	case bun.Conn:
		return d.Conn
	}
	panic(fmt.Sprintf("booking: no database/sql handle under %T", db))
}

// readForBookingSQL is a room's query (roomColumns) with the organisation's state and the
// settings generation; with parameters, so that it is planned once per connection.
var readForBookingSQL = `SELECT ` + strings.Replace(roomColumns, "?::date", "$1::date", 1) + `,
		(SELECT o.archived_at IS NOT NULL FROM organisations o WHERE o.id = $2),
		(SELECT g.n FROM booking_settings_generation g)` + roomFrom + `WHERE r.id = $3`

// writeBooking inserts b, its holds on the atoms, the audit entry and, when announce, the
// request in booking_changes (see Announce) in one statement and
// sets b.ID. It inserts nothing and returns errStale unless the settings generation is
// still gen and the organisation exists unarchived; booking_holds_all fails it (SQLSTATE
// LB409) when any hold is taken. The statement is written out with parameters, not
// formatted by bun, so that PostgreSQL parses and plans it once per connection (pgx caches
// it) rather than on every booking.
func (s *Service) writeBooking(ctx context.Context, b *Booking, atoms []int64, gen int64, entry *audit.Entry, announce bool) error {
	err := s.db.DB.QueryRowContext(ctx, writeBookingSQL, pgx.QueryExecModeCacheStatement, atoms, gen,
		b.RoomID, b.OrganisationID, b.CreatedBy, b.Title, b.Purpose, b.Attendees, b.Public,
		b.StartsAt, b.EndsAt, string(b.Status), b.CreatedAt,
		entry.At, entry.ActorUserID, entry.Action, entry.ObjectType, string(entry.After), entry.IP, announce).Scan(&b.ID, &b.FeeOre, &b.FeeUnit, &b.FeeRateOre, &b.FeeDescription, new(any))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return errStale
	case err != nil:
		return fmt.Errorf("insert booking: %w", err)
	}
	return nil
}

const writeBookingSQL = `WITH nb AS (
		INSERT INTO bookings (room_id, organisation_id, created_by, title, purpose, attendees, public,
			starts_at, ends_at, status, revision, created_at, updated_at)
		SELECT $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13
		WHERE (SELECT g.n FROM booking_settings_generation g) = $2
			AND EXISTS (SELECT FROM organisations o WHERE o.id = $4 AND o.archived_at IS NULL)
		RETURNING id, room_id, span, fee_ore, fee_unit, fee_rate_ore, fee_description),
	nh AS (INSERT INTO booking_holds (booking_id, atom_room_id, span)
		SELECT nb.id, atom, nb.span FROM nb, unnest($1::bigint[]) AS atom ORDER BY atom
		ON CONFLICT DO NOTHING RETURNING 1),
	au AS (INSERT INTO audit_log (at, actor_user_id, action, object_type, object_id, organisation_id, after, ip)
		SELECT $14, $15, $16, $17, nb.id, $4, $18::jsonb || jsonb_build_object('id', nb.id, 'fee_ore', nb.fee_ore,
			'fee_unit', nb.fee_unit, 'fee_rate_ore', nb.fee_rate_ore, 'fee_description', nb.fee_description), $19 FROM nb),
	ch AS (INSERT INTO booking_changes (kind, booking_id, actor_user_id, created_at)
		SELECT 'requested', nb.id, $15, $13 FROM nb WHERE $20::boolean)
	SELECT nb.id, nb.fee_ore, nb.fee_unit, nb.fee_rate_ore, nb.fee_description, booking_holds_all((SELECT count(*) FROM nh), cardinality($1::bigint[])) FROM nb`

// createBooking books once: by createFast, retried (reading the room afresh) while the
// settings move on or a clash vanishes before it can be named, and by the transactional path when the fast one lost a race with a change of the
// room's parts (or any other serialization failure).
func (s *Service) createBooking(ctx context.Context, actor access.Actor, b *Booking, now time.Time) error {
	for attempt := 0; attempt < 3; attempt++ {
		b.ID = 0
		err := s.createFast(ctx, actor, b, now, attempt == 0)
		switch {
		case errors.Is(err, errClashGone), errors.Is(err, errStale):
			continue
		case database.IsRetryable(err):
			return s.createInTx(ctx, actor, b, now)
		default:
			return err
		}
	}
	return s.createInTx(ctx, actor, b, now)
}
