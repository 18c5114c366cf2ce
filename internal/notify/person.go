package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// Retention is how long the outbox keeps a message: half a year, long enough for support to
// answer "did I get told?" and for a late unsubscribe link, short enough not to hoard what
// people were told. Purge forgets older ones; their unsubscribe links stop working.
const Retention = 183 * 24 * time.Hour

// ErrUnsubscribeInvalid: the unsubscribe link names no message kept for a person with an
// account (unknown, or older than Retention).
var ErrUnsubscribeInvalid = fault.New(fault.NotFound, "unsubscribe_link_invalid")

// FindPersonMessages returns the messages to the person, newest first, at most limit (at
// most 200): their log of what was sent and when. People read their own; city
// administrators anyone's, for support (access.ReadMessages).
func (s *Service) FindPersonMessages(ctx context.Context, actor access.Actor, userID int64, limit int) ([]Record, error) {
	if actor.UserID == 0 || actor.UserID != userID {
		if err := access.Check(actor, access.ReadMessages, 0); err != nil {
			return nil, err
		}
	}
	var rows []Record
	err := s.db.NewSelect().Model(&rows).Where("user_id = ?", userID).OrderExpr("id DESC").Limit(int64(min(max(limit, 1), 200))).Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("find messages of user %d: %w", userID, err)
	}
	return s.redacted(rows), nil
}

// Unsubscription is what an unsubscribe link turns off: the person's messages of Kind.
type Unsubscription struct {
	UserID int64
	Kind   string
}

// FindUnsubscription returns the person and kind of the message whose unsubscribe link has
// the token. It returns ErrUnsubscribeInvalid.
func (s *Service) FindUnsubscription(ctx context.Context, token string) (Unsubscription, error) {
	var r Record
	err := s.db.NewSelect().Model(&r).Column("user_id", "kind").
		Where("unsubscribe_token = ? AND user_id IS NOT NULL", token).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return Unsubscription{}, ErrUnsubscribeInvalid
	}
	if err != nil {
		return Unsubscription{}, fmt.Errorf("find unsubscription: %w", err)
	}
	return Unsubscription{UserID: r.UserID, Kind: r.Kind}, nil
}

// Purge forgets the messages older than Retention and returns how many.
func (s *Service) Purge(ctx context.Context) (int64, error) {
	res, err := s.db.NewDelete().Model((*Record)(nil)).Where("created_at < ?", s.now().Add(-Retention)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("purge messages: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}

// unwanted drops from msgs the non-essential ones whose recipient turned their kind off
// (users.mail_off), reading the recipients' choices in tx.
func unwanted(ctx context.Context, tx bun.IDB, msgs []Message) ([]Message, error) {
	var ids []int64
	for _, m := range msgs {
		if !m.Essential && m.UserID != 0 {
			ids = append(ids, m.UserID)
		}
	}
	if len(ids) == 0 {
		return msgs, nil
	}
	var rows []struct {
		ID      int64    `bun:"id"`
		MailOff []string `bun:"mail_off,array"`
	}
	if err := tx.NewRaw("SELECT id, mail_off FROM users WHERE id = ANY(?) AND cardinality(mail_off) > 0", pgdialect.Array(ids)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("read recipients' choices: %w", err)
	}
	if len(rows) == 0 {
		return msgs, nil
	}
	off := map[int64][]string{}
	for _, r := range rows {
		off[r.ID] = r.MailOff
	}
	return slices.DeleteFunc(msgs, func(m Message) bool {
		return !m.Essential && slices.Contains(off[m.UserID], m.Kind)
	}), nil
}
