package notify

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"

	"github.com/riverqueue/river"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/i18n"
)

// deliverArgs is the River job that delivers one message.
type deliverArgs struct {
	MessageID int64 `json:"message_id"`
}

// Kind names the job in River's table.
func (deliverArgs) Kind() string { return "notify_deliver" }

// ErrInvalidMessage is returned by Enqueue for a message without a kind, key, subject or
// readable address: a mistake of the caller, never of the person.
var ErrInvalidMessage = errors.New("notify: invalid message")

// Enqueue stores msgs in db, which should be the transaction of the change that causes them:
// they commit or roll back with it. A message whose Key and To were already enqueued is
// skipped, so a change replayed or retried sends nothing twice. When SMTP is configured, each
// new message gets a delivery job in the same transaction. Given a pool rather than a
// transaction, Enqueue opens one of its own.
func (s *Service) Enqueue(ctx context.Context, db bun.IDB, msgs ...Message) error {
	if len(msgs) == 0 {
		return nil
	}
	tx, ok := db.(bun.Tx)
	if !ok {
		pool, isPool := db.(*bun.DB)
		if !isPool {
			return fmt.Errorf("enqueue messages: need a *bun.DB or a bun.Tx, got %T", db)
		}
		return pool.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			return s.Enqueue(ctx, tx, msgs...)
		})
	}
	msgs, err := unwanted(ctx, tx, slices.Clone(msgs))
	if err != nil || len(msgs) == 0 {
		return err
	}
	now := s.now()
	rows := make([]Record, 0, len(msgs))
	for _, m := range msgs {
		r, err := s.record(m)
		if err != nil {
			return err
		}
		r.CreatedAt = now
		rows = append(rows, r)
	}
	var ids []int64
	err = tx.NewInsert().Model(&rows).
		ExcludeColumn("id", "sent_at", "attempts", "last_error").
		On("CONFLICT (dedupe_key, lower(to_address)) DO NOTHING").
		Returning("id").Scan(ctx, &ids)
	if err != nil {
		return fmt.Errorf("enqueue messages: %w", err)
	}
	if s.mailer == nil || len(ids) == 0 {
		return nil
	}
	jobs := make([]river.InsertManyParams, len(ids))
	for i, id := range ids {
		jobs[i] = river.InsertManyParams{Args: deliverArgs{MessageID: id}, InsertOpts: &river.InsertOpts{Queue: queue}}
	}
	if _, err := s.river.InsertManyFastTx(ctx, tx.Tx, jobs); err != nil {
		return fmt.Errorf("enqueue delivery jobs: %w", err)
	}
	return nil
}

// record checks m and renders it into the row Enqueue stores.
func (s *Service) record(m Message) (Record, error) {
	addr, err := mail.ParseAddress(m.To)
	switch {
	case err != nil || addr.Name != "":
		return Record{}, fmt.Errorf("%w: address %q", ErrInvalidMessage, m.To)
	case m.Kind == "" || m.Key == "" || strings.TrimSpace(m.Subject) == "":
		return Record{}, fmt.Errorf("%w: kind, key and subject are required (kind %q, key %q)", ErrInvalidMessage, m.Kind, m.Key)
	}
	lang := m.Lang
	if lang != i18n.SV && lang != i18n.EN {
		lang = i18n.Default
	}
	r := Record{
		Kind:        m.Kind,
		DedupeKey:   m.Key,
		UserID:      m.UserID,
		ToAddress:   addr.Address,
		Lang:        string(lang),
		Subject:     m.Subject,
		Attachments: m.Attachments,
		Essential:   m.Essential,
	}
	if r.Attachments == nil {
		r.Attachments = []Attachment{}
	}
	if !m.Essential {
		r.UnsubscribeToken = newToken()
	}
	m.Lang = lang
	r.TextBody, r.HTMLBody, err = s.render(m, r.UnsubscribeToken)
	if err != nil {
		return Record{}, err
	}
	return r, nil
}

// newToken returns 32 random bytes, URL-safe: the secret of an unsubscribe link.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// UnsubscribePath is the page that turns off, without login, the kind of message that
// carried token.
func UnsubscribePath(token string) string { return "/avregistrera/" + token }
