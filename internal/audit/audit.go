// Package audit keeps the record of every change and every sign-in event: who, what, when,
// before and after, and from which address. Changes are recorded in the same transaction as
// the change itself, so the log never misses a change that happened nor records one that did
// not.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
)

// Entry is a row of the audit log.
type Entry struct {
	bun.BaseModel `bun:"table:audit_log,alias:a"`

	ID             int64           `bun:"id,pk,autoincrement"`
	At             time.Time       `bun:"at,notnull"`
	ActorUserID    *int64          `bun:"actor_user_id"`
	Action         string          `bun:"action,notnull"`
	ObjectType     string          `bun:"object_type,notnull"`
	ObjectID       *int64          `bun:"object_id"`
	OrganisationID *int64          `bun:"organisation_id"`
	Before         json.RawMessage `bun:"before,type:jsonb,nullzero"`
	After          json.RawMessage `bun:"after,type:jsonb,nullzero"`
	IP             string          `bun:"ip,notnull"`
}

// Change describes one change for Record. Before and After are the object's state (nil for
// a creation or a deletion); they are stored as JSON and must hold no secrets.
type Change struct {
	Action         string // e.g. "venue.update", "login.failed"
	ObjectType     string
	ObjectID       int64
	OrganisationID int64
	Before, After  any
}

// Record writes the change made by actor at now, on db: pass the transaction that makes the
// change so both commit or neither does.
func Record(ctx context.Context, db bun.IDB, actor access.Actor, now time.Time, c Change) error {
	e, err := NewEntry(actor, now, c)
	if err != nil {
		return err
	}
	if _, err := db.NewInsert().Model(e).Exec(ctx); err != nil {
		return fmt.Errorf("record %s: %w", c.Action, err)
	}
	return nil
}

// NewEntry is the entry Record would write, for a caller that writes it within a statement
// of its own (it must still commit with the change).
func NewEntry(actor access.Actor, now time.Time, c Change) (*Entry, error) {
	if !known(c.Action) {
		return nil, fmt.Errorf("audit: action %q is not listed in audit.Actions (name it there and in ui.audit.action.*)", c.Action)
	}
	e := &Entry{At: now, Action: c.Action, ObjectType: c.ObjectType, IP: actor.IP}
	if actor.UserID != 0 {
		e.ActorUserID = &actor.UserID
	}
	if c.ObjectID != 0 {
		e.ObjectID = &c.ObjectID
	}
	if c.OrganisationID != 0 {
		e.OrganisationID = &c.OrganisationID
	}
	var err error
	if e.Before, err = marshal(c.Before); err != nil {
		return nil, err
	}
	if e.After, err = marshal(c.After); err != nil {
		return nil, err
	}
	return e, nil
}

func marshal(v any) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	b, err := encodeState(v)
	if err != nil {
		return nil, fmt.Errorf("audit: encode state: %w", err)
	}
	return b, nil
}
