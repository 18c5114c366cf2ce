package preference

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/credential"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Service keeps people's message settings and unsubscribe links.
type Service struct {
	db       *bun.DB
	validate *validator.Validate
	now      func() time.Time
}

// NewService returns a Service over db.
func NewService(db *bun.DB, v *validator.Validate, now func() time.Time) *Service {
	return &Service{db: db, validate: v, now: now}
}

// checkSelfOrManager lets people read and change their own settings, and city
// administrators (access.ManageUsers) anyone's, for support.
func checkSelfOrManager(actor access.Actor, userID int64) error {
	if actor.UserID != 0 && actor.UserID == userID {
		return nil
	}
	return access.Check(actor, access.ManageUsers, 0)
}

// FindSettings returns the person's settings, the defaults when they have chosen nothing.
// People read their own; city administrators anyone's.
func (s *Service) FindSettings(ctx context.Context, actor access.Actor, userID int64) (Settings, error) {
	if err := checkSelfOrManager(actor, userID); err != nil {
		return Settings{}, err
	}
	m, err := Find(ctx, s.db, []int64{userID})
	if err != nil {
		return Settings{}, err
	}
	return m[userID], nil
}

// UpdateSettings stores the person's choices and returns them. It returns field errors on
// "lang", "reminder_minutes" and "topics" (a topic that does not exist).
func (s *Service) UpdateSettings(ctx context.Context, actor access.Actor, userID int64, in Input) (Settings, error) {
	if err := checkSelfOrManager(actor, userID); err != nil {
		return Settings{}, err
	}
	if fe := validation.FieldErrors(s.validate.Struct(in)); fe != nil {
		return Settings{}, fe
	}
	st := Defaults(userID)
	st.Lang, st.UpdatedAt = in.Lang, s.now()
	if in.ReminderMinutes > 0 {
		m := in.ReminderMinutes
		st.ReminderMinutes = &m
	}
	for _, t := range in.Topics {
		if !slices.Contains(Topics, Topic(t)) {
			return Settings{}, fault.FieldErrors{{Field: "topics", Code: "oneof"}}
		}
	}
	for _, t := range Topics {
		st.Topics[t] = slices.Contains(in.Topics, string(t))
	}
	if err := save(ctx, s.db, &st); err != nil {
		return Settings{}, fmt.Errorf("update settings of user %d: %w", userID, err)
	}
	return st, nil
}

// save writes st over the person's row, or makes it.
func save(ctx context.Context, db bun.IDB, st *Settings) error {
	_, err := db.NewInsert().Model(st).On("CONFLICT (user_id) DO UPDATE").
		Set("lang = EXCLUDED.lang, reminder_minutes = EXCLUDED.reminder_minutes, topics = EXCLUDED.topics, updated_at = EXCLUDED.updated_at").
		Exec(ctx)
	return err
}

// Find returns the settings of the people, the defaults for those who have chosen nothing,
// in one query on db (the pool or the caller's transaction). It is what the senders of
// messages ask before choosing recipients, language and topic.
func Find(ctx context.Context, db bun.IDB, userIDs []int64) (map[int64]Settings, error) {
	out := make(map[int64]Settings, len(userIDs))
	for _, id := range userIDs {
		out[id] = Defaults(id)
	}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []Settings
	if err := db.NewSelect().Model(&rows).Where("ps.user_id = ANY(?)", pgdialect.Array(userIDs)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("find settings: %w", err)
	}
	for _, r := range rows {
		if r.Topics == nil {
			r.Topics = map[Topic]bool{}
		}
		out[r.UserID] = r
	}
	return out, nil
}

// NewUnsubscribeLink makes the secret of an unsubscribe link for the person and topic, in
// db (the transaction that decides the message), and returns it; only its hash is kept.
// The link's page is UnsubscribePath(secret). It returns ErrUnknownTopic.
func NewUnsubscribeLink(ctx context.Context, db bun.IDB, userID int64, topic Topic, now time.Time) (string, error) {
	if !Known(topic) {
		return "", ErrUnknownTopic
	}
	secret, hash := credential.New()
	_, err := db.NewInsert().Model(&unsubscribeToken{TokenHash: hash, UserID: userID, Topic: topic, CreatedAt: now}).Exec(ctx)
	if err != nil {
		return "", fmt.Errorf("new unsubscribe link: %w", err)
	}
	return secret, nil
}

// FindUnsubscribe returns the topic of the unsubscribe link with the secret, for the page
// that asks to confirm. It returns ErrLinkInvalid for an unknown or expired link.
func (s *Service) FindUnsubscribe(ctx context.Context, secret string) (Topic, error) {
	t, err := s.findToken(ctx, s.db, secret)
	if err != nil {
		return "", err
	}
	return t.Topic, nil
}

// Unsubscribe turns off the topic of the link with the secret for its person (for
// reminders: clears the lead time) and returns the topic. Anyone holding the link may:
// it came in the person's mail. Using it again changes nothing. It returns ErrLinkInvalid.
func (s *Service) Unsubscribe(ctx context.Context, secret string) (Topic, error) {
	var topic Topic
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		t, err := s.findToken(ctx, tx, secret)
		if err != nil {
			return err
		}
		topic = t.Topic
		m, err := Find(ctx, tx, []int64{t.UserID})
		if err != nil {
			return err
		}
		st := m[t.UserID]
		if t.Topic == TopicReminders {
			st.ReminderMinutes = nil
		} else {
			st.Topics[t.Topic] = false
		}
		st.UpdatedAt = s.now()
		return save(ctx, tx, &st)
	})
	if err != nil {
		return "", fmt.Errorf("unsubscribe: %w", err)
	}
	return topic, nil
}

func (s *Service) findToken(ctx context.Context, db bun.IDB, secret string) (*unsubscribeToken, error) {
	t := new(unsubscribeToken)
	err := db.NewSelect().Model(t).Where("ut.token_hash = ?", credential.Hash(secret)).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrLinkInvalid
	}
	if err != nil {
		return nil, fmt.Errorf("find unsubscribe link: %w", err)
	}
	if !s.now().Before(t.CreatedAt.Add(UnsubscribeTTL)) {
		return nil, ErrLinkInvalid
	}
	return t, nil
}

// Purge forgets the unsubscribe links older than UnsubscribeTTL and returns how many.
func (s *Service) Purge(ctx context.Context) (int64, error) {
	res, err := s.db.NewDelete().Model((*unsubscribeToken)(nil)).Where("created_at < ?", s.now().Add(-UnsubscribeTTL)).Exec(ctx)
	if err != nil {
		return 0, fmt.Errorf("purge unsubscribe links: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
