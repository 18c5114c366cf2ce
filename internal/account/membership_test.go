package account_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

func TestSetMember(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	orgA, orgB := e.mustOrg(t, "Alingsås Schackklubb"), e.mustOrg(t, "Brämhults IK")
	admin := e.mustUser(t, "admin@example.se", "Öberg Admin")
	booker := e.mustUser(t, "booker@example.se", "Ahl Bokare")
	other := e.mustUser(t, "other@example.se", "Berg Annan")
	e.mustMember(t, orgA, admin.ID, access.RoleAdmin)
	e.mustMember(t, orgA, booker.ID, access.RoleBooker)
	adminA := e.mustActor(t, admin.Email)
	bookerA := e.mustActor(t, booker.Email)

	t.Run("OK", func(t *testing.T) {
		m, err := e.s.SetMember(ctx, adminA, orgA, other.ID, access.RoleBooker)
		if err != nil || m.Role != access.RoleBooker || m.UserID != other.ID || m.OrganisationID != orgA {
			t.Fatalf("set = %+v, %v", m, err)
		}
		if _, err := e.s.SetMember(ctx, adminA, orgA, other.ID, access.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		// Unchanged roles record nothing.
		before := e.auditCount(t, "membership.set")
		if _, err := e.s.SetMember(ctx, adminA, orgA, other.ID, access.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		if e.auditCount(t, "membership.set") != before {
			t.Error("setting an unchanged role was audited")
		}
		var last struct {
			Before, After string
		}
		if err := e.db.NewRaw("SELECT before::text, after::text FROM audit_log WHERE action = 'membership.set' AND organisation_id = ? AND object_id = ? ORDER BY id DESC LIMIT 1", orgA, other.ID).
			Scan(ctx, &last.Before, &last.After); err != nil {
			t.Fatal(err)
		}
		if last.Before != `{"role": "booker"}` || last.After != `{"role": "admin"}` {
			t.Errorf("audited %+v", last)
		}
		members, err := e.s.FindMembers(ctx, bookerA, orgA)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, m := range members {
			names = append(names, m.User.Name+":"+string(m.Role))
		}
		want := []string{"Ahl Bokare:booker", "Berg Annan:admin", "Öberg Admin:admin"}
		if diff := cmp.Diff(want, names); diff != "" {
			t.Errorf("members (-want +got):\n%s", diff)
		}
		mine, err := e.s.FindMemberships(ctx, admin.ID)
		if err != nil || len(mine) != 1 || mine[0].Organisation.Name != "Alingsås Schackklubb" {
			t.Errorf("memberships = %+v, %v", mine, err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		if _, err := e.s.SetMember(ctx, adminA, orgA, other.ID, "owner"); fieldCodes(err)["role"] != "oneof" {
			t.Errorf("role owner: %v", err)
		}
		if _, err := e.s.SetMember(ctx, adminA, orgA, 1<<40, access.RoleBooker); !errors.Is(err, account.ErrUserNotFound) {
			t.Errorf("unknown user: %v", err)
		}
		if _, err := e.s.SetMember(ctx, access.System, 1<<40, other.ID, access.RoleBooker); !errors.Is(err, organisation.ErrNotFound) {
			t.Errorf("unknown organisation: %v", err)
		}
	})
	t.Run("ErrAccess", func(t *testing.T) {
		for _, tc := range []struct {
			name  string
			actor access.Actor
			org   int64
			kind  fault.Kind
		}{
			{"booker of A in A", bookerA, orgA, fault.Forbidden},
			{"admin of A in B", adminA, orgB, fault.Forbidden},
			{"anonymous", access.Anonymous("192.0.2.8"), orgA, fault.Unauthenticated},
		} {
			if _, err := e.s.SetMember(ctx, tc.actor, tc.org, other.ID, access.RoleAdmin); fault.KindOf(err) != tc.kind {
				t.Errorf("%s: SetMember = %v, want %v", tc.name, err, tc.kind)
			}
			if err := e.s.RemoveMember(ctx, tc.actor, tc.org, other.ID); fault.KindOf(err) != tc.kind {
				t.Errorf("%s: RemoveMember = %v, want %v", tc.name, err, tc.kind)
			}
			if _, err := e.s.Invite(ctx, tc.actor, tc.org, "ny@example.se", access.RoleBooker); fault.KindOf(err) != tc.kind {
				t.Errorf("%s: Invite = %v, want %v", tc.name, err, tc.kind)
			}
		}
		if _, err := e.s.FindMembers(ctx, bookerA, orgB); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("booker of A lists B: %v", err)
		}
		if _, err := e.s.FindMembers(ctx, access.Anonymous(""), orgA); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous lists A: %v", err)
		}
	})
}

func TestLastAdmin(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	org := e.mustOrg(t, "Dalsjöfors GoIF")
	a := e.mustUser(t, "a@example.se", "A")
	b := e.mustUser(t, "b@example.se", "B")
	e.mustMember(t, org, a.ID, access.RoleAdmin)
	e.mustMember(t, org, b.ID, access.RoleBooker)
	actorA := e.mustActor(t, a.Email)

	t.Run("ErrLastAdmin", func(t *testing.T) {
		if _, err := e.s.SetMember(ctx, actorA, org, a.ID, access.RoleBooker); !errors.Is(err, account.ErrLastAdmin) || fault.KindOf(err) != fault.Conflict {
			t.Errorf("demote the last admin: %v", err)
		}
		if err := e.s.RemoveMember(ctx, actorA, org, a.ID); !errors.Is(err, account.ErrLastAdmin) {
			t.Errorf("remove the last admin: %v", err)
		}
		if err := e.s.RemoveMember(ctx, access.System, org, a.ID); !errors.Is(err, account.ErrLastAdmin) {
			t.Errorf("the rule holds for the System too: %v", err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		e.mustMember(t, org, b.ID, access.RoleAdmin)
		if _, err := e.s.SetMember(ctx, actorA, org, a.ID, access.RoleBooker); err != nil {
			t.Fatalf("demote with another admin: %v", err)
		}
		// A person may leave; a booker now, A needs no admin role to do so.
		actorA = e.mustActor(t, a.Email)
		if err := e.s.RemoveMember(ctx, actorA, org, a.ID); err != nil {
			t.Fatalf("leave: %v", err)
		}
		if err := e.s.RemoveMember(ctx, actorA, org, a.ID); !errors.Is(err, account.ErrMembershipNotFound) {
			t.Errorf("leave twice: %v", err)
		}
		if e.auditCount(t, "membership.remove") != 1 {
			t.Error("membership.remove not audited")
		}
	})
}

// Two admins demoting each other at once: one wins, the other is told it would leave no
// admin, and the organisation keeps exactly one.
func TestLastAdminConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	org := e.mustOrg(t, "Fristads GoIF")
	var ids [2]int64
	for i, email := range []string{"c@example.se", "d@example.se"} {
		ids[i] = e.mustUser(t, email, email).ID
		e.mustMember(t, org, ids[i], access.RoleAdmin)
	}
	const rounds = 8
	for r := range rounds {
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = e.s.SetMember(ctx, access.System, org, ids[i], access.RoleBooker)
			}()
		}
		wg.Wait()
		lost := 0
		for _, err := range errs {
			switch {
			case errors.Is(err, account.ErrLastAdmin):
				lost++
			case err != nil:
				t.Fatalf("round %d: %v", r, err)
			}
		}
		members, err := e.s.FindMembers(ctx, access.System, org)
		if err != nil {
			t.Fatal(err)
		}
		admins := 0
		for _, m := range members {
			if m.Role == access.RoleAdmin {
				admins++
			}
		}
		if lost != 1 || admins != 1 {
			t.Fatalf("round %d: %d refused, %d admins left; want 1 and 1", r, lost, admins)
		}
		for i := range 2 {
			e.mustMember(t, org, ids[i], access.RoleAdmin)
		}
	}
}
