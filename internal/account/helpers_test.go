package account_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// The night of the spring DST change, as elsewhere; the service works in UTC instants.
var start = time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)

// goodPassword passes the policy; every test person has it unless a test says otherwise.
const goodPassword = "korrekt häst batteri"

// clock is a settable clock for the service.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// env is a service on a fresh database with its own clock.
type env struct {
	s     *account.Service
	db    *bun.DB
	clock *clock
	cfg   account.Config
}

// cheap keeps argon2 fast in tests; production uses account.DefaultHashParams.
var cheap = account.HashParams{Memory: 64, Time: 1, Threads: 1}

func newEnv(t *testing.T) *env {
	t.Helper()
	cfg := account.DefaultConfig()
	cfg.Hash = cheap
	db := dbtest.New(t)
	c := &clock{now: start}
	return &env{s: account.NewService(db, validation.New(), c.Now, cfg), db: db, clock: c, cfg: cfg}
}

// mustUser creates a person with goodPassword, as the System.
func (e *env) mustUser(t *testing.T, email, name string) *account.User {
	t.Helper()
	u, err := e.s.CreateUser(context.Background(), access.System, account.UserInput{Email: email, Name: name}, goodPassword)
	if err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

// mustOrg stores an organisation directly: its own service is not under test here.
func (e *env) mustOrg(t *testing.T, name string) int64 {
	t.Helper()
	o := &organisation.Organisation{Kind: organisation.KindAssociation, Name: name, Revision: 1, CreatedAt: start, UpdatedAt: start}
	if _, err := e.db.NewInsert().Model(o).Returning("id").Exec(context.Background()); err != nil {
		t.Fatalf("create organisation %s: %v", name, err)
	}
	return o.ID
}

// mustMember gives the person role in the organisation, as the System.
func (e *env) mustMember(t *testing.T, org, user int64, role access.Role) {
	t.Helper()
	if _, err := e.s.SetMember(context.Background(), access.System, org, user, role); err != nil {
		t.Fatalf("set member %d of %d: %v", user, org, err)
	}
}

// mustLogin signs the person in with goodPassword and returns the session token.
func (e *env) mustLogin(t *testing.T, email string) string {
	t.Helper()
	tok, _, err := e.s.Login(context.Background(), email, goodPassword, "192.0.2.1")
	if err != nil {
		t.Fatalf("login %s: %v", email, err)
	}
	return tok
}

// mustActor signs the person in and returns the actor their session gives, roles and all.
func (e *env) mustActor(t *testing.T, email string) access.Actor {
	t.Helper()
	a, _, err := e.s.ActorForSession(context.Background(), e.mustLogin(t, email), "192.0.2.1")
	if err != nil {
		t.Fatalf("actor for %s: %v", email, err)
	}
	return a
}

// auditCount counts audit entries with the action.
func (e *env) auditCount(t *testing.T, action string) int {
	t.Helper()
	n, err := e.db.NewSelect().Table("audit_log").Where("action = ?", action).Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func fieldCodes(err error) map[string]string {
	out := map[string]string{}
	for _, f := range fault.Fields(err) {
		out[f.Field] = f.Code
	}
	return out
}

// empty reports whether a jsonb column holds nothing: SQL NULL or JSON null.
func empty(b []byte) bool { return len(b) == 0 || string(b) == "null" }
