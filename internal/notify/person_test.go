package notify_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/notify"
)

// person inserts a user with the kinds turned off and returns their id.
func person(t *testing.T, db *bun.DB, email string, off ...string) int64 {
	t.Helper()
	var id int64
	err := db.NewRaw(`INSERT INTO users (email, name, created_at, updated_at, mail_off) VALUES (?, 'Person', now(), now(), ?) RETURNING id`,
		email, pgdialect.Array(append([]string{}, off...))).Scan(context.Background(), &id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestEnqueueRespectsChoices: a non-essential message of a kind its recipient turned off
// is not queued; an essential one, and one of another kind, are.
func TestEnqueueRespectsChoices(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, nil)
	ctx := context.Background()
	anna := person(t, db, "anna@example.org", "booking.request")
	bo := person(t, db, "bo@example.org")
	off := message("booking:7:request", "anna@example.org")
	off.UserID = anna
	essential := message("booking:7:decided", "anna@example.org")
	essential.UserID, essential.Kind, essential.Essential = anna, "booking.decision", true
	other := message("booking:7:request", "bo@example.org")
	other.UserID = bo
	if err := s.Enqueue(ctx, db, off, essential, other); err != nil {
		t.Fatal(err)
	}
	got := rows(t, db)
	if len(got) != 2 || got[0].To != "anna@example.org" || got[1].To != "bo@example.org" {
		t.Errorf("stored %+v, want Anna's essential message and Bo's request", got)
	}
}

// TestPersonMessages: a person reads their own log, a city administrator anyone's, others
// nobody's; an unsubscribe link names its person and kind; old messages are purged.
func TestPersonMessages(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	clock := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)
	s, err := notify.New(notify.Options{DB: db, BaseURL: base, Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	anna := person(t, db, "anna@example.org")
	m := message("booking:7:request", "anna@example.org")
	m.UserID = anna
	if err := s.Enqueue(ctx, db, m, message("booking:8:request", "bo@example.org")); err != nil {
		t.Fatal(err)
	}
	if rs, err := s.FindPersonMessages(ctx, access.Actor{UserID: anna}, anna, 50); err != nil || len(rs) != 1 || rs[0].Subject != m.Subject {
		t.Errorf("own log: %d %v", len(rs), err)
	}
	if rs, err := s.FindPersonMessages(ctx, access.Actor{UserID: 1, CityAdmin: true}, anna, 50); err != nil || len(rs) != 1 {
		t.Errorf("city administrator: %d %v", len(rs), err)
	}
	if _, err := s.FindPersonMessages(ctx, access.Actor{UserID: anna + 1}, anna, 50); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("someone else: %v", err)
	}
	var token string
	if err := db.NewRaw("SELECT unsubscribe_token FROM messages WHERE user_id = ?", anna).Scan(ctx, &token); err != nil {
		t.Fatal(err)
	}
	if u, err := s.FindUnsubscription(ctx, token); err != nil || u.UserID != anna || u.Kind != "booking.request" {
		t.Errorf("unsubscription %+v %v", u, err)
	}
	if _, err := s.FindUnsubscription(ctx, "okand"); !errors.Is(err, notify.ErrUnsubscribeInvalid) {
		t.Errorf("unknown token: %v", err)
	}
	clock = clock.Add(notify.Retention + time.Second)
	if n, err := s.Purge(ctx); err != nil || n != 2 {
		t.Errorf("purged %d %v, want 2", n, err)
	}
}
