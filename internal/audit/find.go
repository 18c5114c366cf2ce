package audit

import (
	"context"
	"fmt"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Service reads the audit log, and records the events that belong to no transaction (a
// refused request, say). Changes are recorded with Record inside the transaction that makes
// them, not through the Service.
type Service struct {
	db       *bun.DB
	validate *validator.Validate
	now      func() time.Time
}

// NewService returns a Service over db.
func NewService(db *bun.DB, v *validator.Validate, now func() time.Time) *Service {
	return &Service{db: db, validate: v, now: now}
}

// Filter selects entries for FindEntries; zero values select everything. From is inclusive,
// To exclusive.
type Filter struct {
	ActorUserID    int64     `form:"actor_user_id" validate:"gte=0"`
	Action         string    `form:"action" validate:"max=100"`
	ObjectType     string    `form:"object_type" validate:"max=200"`
	ObjectID       int64     `form:"object_id" validate:"gte=0"`
	OrganisationID int64     `form:"organisation_id" validate:"gte=0"`
	From           time.Time `form:"from"`
	To             time.Time `form:"to"`
	Limit          int       `form:"limit" validate:"gte=0,lte=200"`
	Cursor         string    `form:"cursor" validate:"max=500"`
}

// errCursor is the error for a cursor that FindEntries did not make.
var errCursor = fault.FieldErrors{{Field: "cursor", Code: "malformed"}}

// FindEntries returns one page of the entries matching f, newest first. Only city
// administrators read the log (access.ReadAudit): it returns access.ErrUnauthenticated or
// access.ErrForbidden for anyone else, and field errors for an invalid filter or cursor.
func (s *Service) FindEntries(ctx context.Context, actor access.Actor, f Filter) (listing.Page[Entry], error) {
	var none listing.Page[Entry]
	if err := access.Check(actor, access.ReadAudit, 0); err != nil {
		return none, err
	}
	if err := s.validate.Struct(f); err != nil {
		return none, validation.FieldErrors(err)
	}
	cur, err := listing.DecodeCursor(f.Cursor)
	if err != nil {
		return none, err
	}
	q := s.db.NewSelect().Model((*Entry)(nil))
	if f.ActorUserID != 0 {
		q.Where("a.actor_user_id = ?", f.ActorUserID)
	}
	if f.ObjectID != 0 {
		q.Where("a.object_id = ?", f.ObjectID)
	}
	if f.OrganisationID != 0 {
		q.Where("a.organisation_id = ?", f.OrganisationID)
	}
	if f.Action != "" {
		q.Where("a.action = ?", f.Action)
	}
	if f.ObjectType != "" {
		q.Where("a.object_type = ?", f.ObjectType)
	}
	if !f.From.IsZero() {
		q.Where("a.at >= ?", f.From)
	}
	if !f.To.IsZero() {
		q.Where("a.at < ?", f.To)
	}
	if cur != nil {
		at, err := time.Parse(time.RFC3339Nano, cur.Key)
		if err != nil {
			return none, errCursor
		}
		q.Where("(a.at, a.id) < (?, ?)", at, cur.ID)
	}
	limit := listing.Limit(f.Limit)
	var rows []Entry
	if err := q.OrderExpr("a.at DESC, a.id DESC").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return none, fmt.Errorf("find audit entries: %w", err)
	}
	return listing.Paginate(rows, limit, func(e Entry) (string, int64) {
		return e.At.UTC().Format(time.RFC3339Nano), e.ID
	}), nil
}

// Refusal is the request that RecordRefusal records: its method and route pattern
// ("/api/v1/venues/:id", never the path, which may hold personal data) and the id it named.
type Refusal struct {
	Method   string `json:"method"`
	Route    string `json:"route"`
	ObjectID int64  `json:"-"`
}

// RecordRefusal records, on the pool and at once, that actor was refused a request
// (action "access.denied", object type the route pattern). It is not part of a transaction:
// the refused request changed nothing for it to commit with.
func (s *Service) RecordRefusal(ctx context.Context, actor access.Actor, r Refusal) error {
	return Record(ctx, s.db, actor, s.now(), Change{
		Action: ActionDenied, ObjectType: r.Route, ObjectID: r.ObjectID, After: r,
	})
}

// ActionDenied is the action of an entry made by RecordRefusal.
const ActionDenied = "access.denied"
