package account_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// mustCityAdmin creates a city administrator, as the System.
func (e *env) mustCityAdmin(t *testing.T, email string) *account.User {
	t.Helper()
	u, err := e.s.CreateUser(context.Background(), access.System, account.UserInput{Email: email, Name: email, CityAdmin: true}, goodPassword)
	if err != nil {
		t.Fatalf("create city administrator %s: %v", email, err)
	}
	return u
}

func (e *env) cityAdmins(t *testing.T) int {
	t.Helper()
	n, err := e.db.NewSelect().Table("users").Where("city_admin").Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// The only city administrator could delete themself (204) before issue 12.
func TestLastCityAdmin(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	a := e.mustCityAdmin(t, "stad-a@example.se")
	actorA := e.mustActor(t, a.Email)
	demote := account.UserInput{Email: a.Email, Name: a.Name}

	t.Run("ErrLastCityAdmin", func(t *testing.T) {
		if err := e.s.DeleteUser(ctx, actorA, a.ID); !errors.Is(err, account.ErrLastCityAdmin) || fault.KindOf(err) != fault.Conflict {
			t.Errorf("the only city administrator deletes themself: %v", err)
		}
		if err := e.s.DeleteUser(ctx, access.System, a.ID); !errors.Is(err, account.ErrLastCityAdmin) {
			t.Errorf("the System deletes the only city administrator: %v", err)
		}
		if _, err := e.s.UpdateUser(ctx, actorA, a.ID, demote); !errors.Is(err, account.ErrLastCityAdmin) {
			t.Errorf("the only city administrator demotes themself: %v", err)
		}
		if e.cityAdmins(t) != 1 {
			t.Fatal("the city lost its administrator")
		}
	})
	t.Run("Database", func(t *testing.T) {
		// The database holds the rule whatever the services do.
		for _, q := range []string{"UPDATE users SET city_admin = false", "DELETE FROM users"} {
			if _, err := e.db.ExecContext(ctx, q); err == nil {
				t.Errorf("%s: no error", q)
			}
		}
		if e.cityAdmins(t) != 1 {
			t.Fatal("the city lost its administrator")
		}
	})
	t.Run("OK", func(t *testing.T) {
		b := e.mustCityAdmin(t, "stad-b@example.se")
		if _, err := e.s.UpdateUser(ctx, actorA, a.ID, demote); err != nil {
			t.Fatalf("demote with another city administrator: %v", err)
		}
		if err := e.s.DeleteUser(ctx, access.System, b.ID); !errors.Is(err, account.ErrLastCityAdmin) {
			t.Errorf("delete the one left: %v", err)
		}
		if err := e.s.DeleteUser(ctx, access.System, a.ID); err != nil {
			t.Errorf("delete a former city administrator: %v", err)
		}
	})
}

// Two city administrators deleting or demoting themselves at once: each sees the other
// still there, so only the database's deferred check keeps one of them.
func TestLastCityAdminConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	const rounds = 8
	for r := range rounds {
		var users [2]*account.User
		for i := range users {
			users[i] = e.mustCityAdmin(t, "stad-"+string(rune('a'+2*r+i))+"@example.se")
		}
		// The previous round's survivor steps aside, so exactly these two remain.
		if _, err := e.db.ExecContext(ctx, "UPDATE users SET city_admin = false WHERE city_admin AND id NOT IN (?, ?)", users[0].ID, users[1].ID); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, u := range users {
			wg.Go(func() {
				if r%2 == 0 {
					errs[i] = e.s.DeleteUser(ctx, access.System, u.ID)
				} else {
					_, errs[i] = e.s.UpdateUser(ctx, access.System, u.ID, account.UserInput{Email: u.Email, Name: u.Name})
				}
			})
		}
		wg.Wait()
		lost := 0
		for _, err := range errs {
			switch {
			case errors.Is(err, account.ErrLastCityAdmin):
				lost++
			case err != nil:
				t.Fatalf("round %d: %v", r, err)
			}
		}
		if n := e.cityAdmins(t); lost != 1 || n != 1 {
			t.Fatalf("round %d: %d refused, %d city administrators left; want 1 and 1", r, lost, n)
		}
	}
}

// The database refuses to leave an organisation without an admin, except when the person
// is erased.
func TestLastAdminDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	org := e.mustOrg(t, "Sandareds IF")
	a := e.mustUser(t, "sandared-a@example.se", "A")
	e.mustMember(t, org, a.ID, access.RoleAdmin)
	for _, q := range []string{"UPDATE memberships SET role = 'booker'", "DELETE FROM memberships"} {
		if _, err := e.db.ExecContext(ctx, q); err == nil {
			t.Errorf("%s: no error", q)
		}
	}
	if err := e.s.DeleteUser(ctx, access.System, a.ID); err != nil {
		t.Errorf("erase the organisation's only admin: %v", err)
	}
}
