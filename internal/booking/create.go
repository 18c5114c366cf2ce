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
// it takes the fewest round trips that keep it correct: one read (room, rules, hours,
// closures, the organisation, and the next booking id) and one write, a single statement
// that inserts the booking, its holds and its audit entry and fails as a whole when any hold
// is taken. No transaction is held open between them: nothing read is locked today either
// (the transactional path reads in READ COMMITTED too), and the write stands alone.
//
// One race needs the transactional path: the write's holds read the room's parts from the
// statement's snapshot, taken before its insert may wait for an owner's change of parts to
// commit. Such a booking is refused at commit (bookings_holds_match, 40001), and is then
// booked by the transactional path, whose holds are read by a statement begun after the wait.

// errHoldsShort is the SQLSTATE booking_holds_all raises: some of the time is taken.
const errHoldsShort = "LB409"

// errClashGone: the write found the time taken but the clash was gone before it could be
// named (cancelled meanwhile); try again.
var errClashGone = errors.New("clash gone")

// createFast books b once by the two round trips above. It returns the errors of
// CreateBooking, a retryable database error when the transactional path must take over, or
// errClashGone.
func (s *Service) createFast(ctx context.Context, actor access.Actor, b *Booking, now time.Time) error {
	r, id, err := s.readForBooking(ctx, s.db, b.RoomID, b.OrganisationID, now, true)
	if err != nil {
		return err
	}
	if fe := r.checkSlot(b.StartsAt, b.EndsAt, b.Attendees, now, s.loc); len(fe) > 0 {
		return fe
	}
	b.ID, b.Status = id, StatusConfirmed
	if r.Rules.NeedsApproval && b.OrganisationID != r.OwnerID {
		b.Status = StatusPending
	}
	entry, err := audit.NewEntry(actor, now, audit.Change{Action: "booking.create", ObjectType: "booking",
		ObjectID: b.ID, OrganisationID: b.OrganisationID, After: b})
	if err != nil {
		return err
	}
	err = s.writeBooking(ctx, b, r.Atoms, entry)
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

// readForBooking reads the room and the organisation on db in one query (plus one for the
// rules of signatories or partners), with the next booking id when takeID: field errors for an
// unknown or archived room or organisation, a *RuleError when the rules keep the
// organisation out.
func (s *Service) readForBooking(ctx context.Context, db bun.IDB, roomID, org int64, now time.Time, takeID bool) (*room, int64, error) {
	row := raw(db).QueryRowContext(ctx, readForBookingSQL, pgx.QueryExecModeCacheStatement,
		localDate(now, s.loc).Format(time.DateOnly), org, roomID, takeID)
	var orgArchived sql.NullBool
	var id sql.NullInt64
	r, err := scanRoom(row, &orgArchived, &id)
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
	if err := r.mayBook(ctx, db, org); err != nil {
		return nil, 0, err
	}
	return r, id.Int64, nil
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

// readForBookingSQL is a room's query (roomColumns) with the organisation's state and, when
// $4, the next booking id; with parameters, so that it is planned once per connection. The
// sequence is named, not looked up with pg_get_serial_sequence, which would search the
// catalogue on every booking; bookings_id_seq is the one its identity column was given.
var readForBookingSQL = `SELECT ` + strings.Replace(roomColumns, "?::date", "$1::date", 1) + `,
		(SELECT o.archived_at IS NOT NULL FROM organisations o WHERE o.id = $2),
		CASE WHEN $4 THEN nextval('bookings_id_seq') END` + roomFrom + `WHERE r.id = $3`

// writeBooking inserts b, its holds on every atom of its room and the audit entry in one
// statement, which booking_holds_all fails (SQLSTATE LB409) when any hold is taken. The
// statement is written out with parameters, not formatted by bun, so that PostgreSQL parses
// and plans it once per connection (pgx caches it) rather than on every booking.
func (s *Service) writeBooking(ctx context.Context, b *Booking, atoms []int64, entry *audit.Entry) error {
	_, err := s.db.DB.ExecContext(ctx, writeBookingSQL, pgx.QueryExecModeCacheStatement, atoms,
		b.ID, b.RoomID, b.OrganisationID, b.CreatedBy, b.Title, b.Purpose, b.Attendees, b.Public,
		b.StartsAt, b.EndsAt, string(b.Status), b.CreatedAt,
		entry.At, entry.ActorUserID, entry.Action, entry.ObjectType, entry.ObjectID, entry.OrganisationID,
		string(entry.After), entry.IP)
	if err != nil {
		return fmt.Errorf("insert booking: %w", err)
	}
	return nil
}

const writeBookingSQL = `WITH nb AS (
		INSERT INTO bookings (id, room_id, organisation_id, created_by, title, purpose, attendees, public,
			starts_at, ends_at, status, revision, created_at, updated_at)
		VALUES ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13)
		RETURNING id, room_id, span),
	na AS (SELECT atom FROM unnest($1::bigint[]) AS atom),
	nh AS (INSERT INTO booking_holds (booking_id, atom_room_id, span)
		SELECT nb.id, na.atom, nb.span FROM nb, na ORDER BY na.atom
		ON CONFLICT DO NOTHING RETURNING 1),
	au AS (INSERT INTO audit_log (at, actor_user_id, action, object_type, object_id, organisation_id, after, ip)
		VALUES ($14, $15, $16, $17, $18, $19, $20::jsonb, $21))
	SELECT booking_holds_all((SELECT count(*) FROM nh), cardinality($1::bigint[])) FROM nb`

// createBooking books once: by createFast, retried while a clash vanishes before it can be
// named, and by the transactional path when the fast one lost a race with a change of the
// room's parts (or any other serialization failure).
func (s *Service) createBooking(ctx context.Context, actor access.Actor, b *Booking, now time.Time) error {
	for attempt := 0; attempt < 3; attempt++ {
		b.ID = 0
		err := s.createFast(ctx, actor, b, now)
		switch {
		case errors.Is(err, errClashGone):
			continue
		case database.IsRetryable(err):
			return s.createInTx(ctx, actor, b, now)
		default:
			return err
		}
	}
	return s.createInTx(ctx, actor, b, now)
}
