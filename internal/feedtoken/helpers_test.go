package feedtoken_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// The actors of the access tests, in a fixed order.
const (
	anon = iota
	bookerA
	adminA
	adminB
	city
	actors
)

var actorNames = [actors]string{"anonymous", "booker of A", "admin of A", "admin of B", "city administrator"}

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

// env is the service on a fresh database with two associations, A and B, and a real person
// for each actor (the links record who made them).
type env struct {
	s        *feedtoken.Service
	db       *bun.DB
	clock    *clock
	orgs     *organisation.Service
	accounts *account.Service
	a, b     int64
	actors   [actors]access.Actor
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db := dbtest.New(t)
	v := validation.New()
	c := &clock{now: time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)}
	e := &env{s: feedtoken.NewService(db, v, c.Now), db: db, clock: c, orgs: organisation.NewService(db, v, c.Now)}
	e.a, e.b = e.org(t, "Förening A"), e.org(t, "Förening B")
	accounts := account.NewService(db, v, c.Now, account.Config{Hash: account.HashParams{Memory: 64, Time: 1, Threads: 1}})
	e.accounts = accounts
	person := func(n int, cityAdmin bool) int64 {
		u, err := accounts.CreateUser(context.Background(), access.System, account.UserInput{
			Email: fmt.Sprintf("person%d@example.se", n), Name: fmt.Sprintf("Person %d", n), CityAdmin: cityAdmin}, "")
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	e.actors[anon] = access.Anonymous("192.0.2.1")
	e.actors[bookerA] = access.Actor{UserID: person(1, false), Roles: map[int64]access.Role{e.a: access.RoleBooker}, IP: "192.0.2.2"}
	e.actors[adminA] = access.Actor{UserID: person(2, false), Roles: map[int64]access.Role{e.a: access.RoleAdmin}, IP: "192.0.2.3"}
	e.actors[adminB] = access.Actor{UserID: person(3, false), Roles: map[int64]access.Role{e.b: access.RoleAdmin}, IP: "192.0.2.4"}
	e.actors[city] = access.Actor{UserID: person(4, true), CityAdmin: true, IP: "192.0.2.5"}
	return e
}

func (e *env) org(t *testing.T, name string) int64 {
	t.Helper()
	o, err := e.orgs.CreateOrganisation(context.Background(), access.System, organisation.Input{Kind: "association", Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

// mustCreate makes a link of org as actor, stopping the test on error.
func (e *env) mustCreate(t *testing.T, actor access.Actor, org int64, name string) (string, *feedtoken.Token) {
	t.Helper()
	secret, tok, err := e.s.Create(context.Background(), actor, org, name)
	if err != nil {
		t.Fatalf("create %q for %d: %v", name, org, err)
	}
	return secret, tok
}

// mustResolve checks that the secret opens org's feed.
func (e *env) mustResolve(t *testing.T, secret string, org int64) {
	t.Helper()
	got, err := e.s.Resolve(context.Background(), secret)
	if err != nil || got != org {
		t.Fatalf("Resolve = %d, %v; want %d", got, err, org)
	}
}

// notFound checks that the secret opens nothing, with ErrNotFound and no organisation.
func (e *env) notFound(t *testing.T, secret string) {
	t.Helper()
	got, err := e.s.Resolve(context.Background(), secret)
	if !errors.Is(err, feedtoken.ErrNotFound) || got != 0 {
		t.Fatalf("Resolve(%q) = %d, %v; want 0, ErrNotFound", secret, got, err)
	}
}
