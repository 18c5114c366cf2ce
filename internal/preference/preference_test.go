package preference_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/preference"
	"github.com/borasstad/lokalbanken/internal/validation"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type env struct {
	s   *preference.Service
	db  *bun.DB
	now time.Time
}

func newEnv(t *testing.T) (*env, *account.User) {
	t.Helper()
	db := dbtest.New(t)
	e := &env{db: db, now: time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)}
	v := validation.New()
	e.s = preference.NewService(db, v, func() time.Time { return e.now })
	accounts := account.NewService(db, v, func() time.Time { return e.now }, account.Config{Hash: account.HashParams{Memory: 64, Time: 1, Threads: 1}})
	u, err := accounts.CreateUser(context.Background(), access.System, account.UserInput{Email: "p@test.example", Name: "Person"}, "")
	if err != nil {
		t.Fatal(err)
	}
	return e, u
}

func TestSettings(t *testing.T) {
	t.Parallel()
	e, u := newEnv(t)
	ctx := context.Background()
	me := access.Actor{UserID: u.ID}

	t.Run("Defaults", func(t *testing.T) {
		st, err := e.s.FindSettings(ctx, me, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if st.Lang != "sv" || st.ReminderMinutes != nil || !st.Wants(preference.TopicMeetings) ||
			st.Wants(preference.TopicOrganisationBookings) || st.Wants(preference.TopicReminders) {
			t.Errorf("defaults: %+v", st)
		}
	})
	t.Run("OK", func(t *testing.T) {
		_, err := e.s.UpdateSettings(ctx, me, u.ID, preference.Input{Lang: "en", ReminderMinutes: 1440,
			Topics: []string{"organisation_bookings", "agreements"}})
		if err != nil {
			t.Fatal(err)
		}
		m, err := preference.Find(ctx, e.db, []int64{u.ID, u.ID + 1000})
		if err != nil {
			t.Fatal(err)
		}
		st := m[u.ID]
		if st.Lang != "en" || st.ReminderMinutes == nil || *st.ReminderMinutes != 1440 || st.Wants(preference.TopicMeetings) ||
			!st.Wants(preference.TopicOrganisationBookings) || !st.Wants(preference.TopicReminders) || st.Wants(preference.TopicBookingRequests) {
			t.Errorf("after update: %+v", st)
		}
		if other := m[u.ID+1000]; other.Lang != "sv" || !other.Wants(preference.TopicMeetings) {
			t.Errorf("someone without settings: %+v", other)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, in := range []preference.Input{
			{Lang: "de"}, {Lang: "sv", ReminderMinutes: 7}, {Lang: "sv", Topics: []string{"spam"}},
		} {
			_, err := e.s.UpdateSettings(ctx, me, u.ID, in)
			if fault.Fields(err) == nil {
				t.Errorf("%+v: %v, want field errors", in, err)
			}
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		if _, err := e.s.FindSettings(ctx, access.Actor{UserID: u.ID + 1}, u.ID); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("someone else reads: %v", err)
		}
		if _, err := e.s.UpdateSettings(ctx, access.Anonymous("x"), u.ID, preference.Input{Lang: "sv"}); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous changes: %v", err)
		}
	})
}

func TestUnsubscribe(t *testing.T) {
	t.Parallel()
	e, u := newEnv(t)
	ctx := context.Background()
	secret, err := preference.NewUnsubscribeLink(ctx, e.db, u.ID, preference.TopicMeetings, e.now)
	if err != nil {
		t.Fatal(err)
	}
	var stored int
	if err := e.db.NewRaw("SELECT count(*) FROM unsubscribe_tokens WHERE token_hash = ?", []byte(secret)).Scan(ctx, &stored); err != nil || stored != 0 {
		t.Fatalf("the secret is stored as it is (%d rows, %v)", stored, err)
	}
	if topic, err := e.s.FindUnsubscribe(ctx, secret); err != nil || topic != preference.TopicMeetings {
		t.Fatalf("find: %q %v", topic, err)
	}
	for range 2 { // a second use changes nothing
		if topic, err := e.s.Unsubscribe(ctx, secret); err != nil || topic != preference.TopicMeetings {
			t.Fatalf("unsubscribe: %q %v", topic, err)
		}
	}
	m, err := preference.Find(ctx, e.db, []int64{u.ID})
	if err != nil || m[u.ID].Wants(preference.TopicMeetings) || !m[u.ID].Wants(preference.TopicAgreements) {
		t.Errorf("after unsubscribing: %+v %v", m[u.ID], err)
	}
	if _, err := e.s.Unsubscribe(ctx, "okand"); !errors.Is(err, preference.ErrLinkInvalid) {
		t.Errorf("unknown link: %v", err)
	}
	if _, err := preference.NewUnsubscribeLink(ctx, e.db, u.ID, "spam", e.now); !errors.Is(err, preference.ErrUnknownTopic) {
		t.Errorf("unknown topic: %v", err)
	}
	e.now = e.now.Add(preference.UnsubscribeTTL)
	if _, err := e.s.Unsubscribe(ctx, secret); !errors.Is(err, preference.ErrLinkInvalid) {
		t.Errorf("expired link: %v", err)
	}
	if n, err := e.s.Purge(ctx); err != nil || n != 0 {
		t.Errorf("purge at the limit: %d %v", n, err)
	}
	e.now = e.now.Add(time.Second)
	if n, err := e.s.Purge(ctx); err != nil || n != 1 {
		t.Errorf("purge: %d %v", n, err)
	}
}
