package account_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
)

func TestInvitation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	org := e.mustOrg(t, "Gånghesters SK")
	admin := e.mustUser(t, "jan@example.se", "Jan")
	e.mustMember(t, org, admin.ID, access.RoleAdmin)
	actor := e.mustActor(t, admin.Email)

	t.Run("NewPerson", func(t *testing.T) {
		tok, err := e.s.Invite(ctx, actor, org, " Kim@Example.se ", access.RoleBooker)
		if err != nil {
			t.Fatal(err)
		}
		// The link proved the invited address: another one, or a city-admin flag, is ignored.
		in := account.UserInput{Email: "annan@example.se", Name: " Kim Lund ", CityAdmin: true}
		u, err := e.s.AcceptInvitation(ctx, access.Actor{}, tok, in, goodPassword)
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != "Kim@Example.se" || u.Name != "Kim Lund" || u.CityAdmin || !u.HasPassword() {
			t.Fatalf("created %+v", u)
		}
		a := e.mustActor(t, "kim@example.se")
		if a.RoleIn(org) != access.RoleBooker {
			t.Errorf("roles = %v", a.Roles)
		}
		if _, err := e.s.AcceptInvitation(ctx, access.Actor{}, tok, in, goodPassword); !errors.Is(err, account.ErrLinkInvalid) {
			t.Errorf("second use: %v, want ErrLinkInvalid", err)
		}
		// The invitation's audit entry holds the role, not the address.
		var after string
		if err := e.db.NewRaw("SELECT after::text FROM audit_log WHERE action = 'membership.invite'").Scan(ctx, &after); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.ToLower(after), "kim") || !strings.Contains(after, "booker") {
			t.Errorf("membership.invite after = %s", after)
		}
	})
	t.Run("ErrInvitationForOther", func(t *testing.T) {
		// Jan is signed in and opens a link meant for someone else: neither an existing
		// person nor a new one may be joined through Jan's browser.
		mo := e.mustUser(t, "mo@example.se", "Mo")
		for _, email := range []string{mo.Email, "ny@example.se"} {
			tok, err := e.s.Invite(ctx, actor, org, email, access.RoleBooker)
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.s.AcceptInvitation(ctx, actor, tok, account.UserInput{Name: "Jan"}, goodPassword)
			if !errors.Is(err, account.ErrInvitationForOther) {
				t.Fatalf("%s: err = %v, want ErrInvitationForOther", email, err)
			}
			// The link is still good for the person it was meant for.
			if _, err := e.s.AcceptInvitation(ctx, access.Actor{}, tok, account.UserInput{Name: "Ny"}, goodPassword); err != nil {
				t.Fatalf("%s: the invited person could not accept: %v", email, err)
			}
		}
	})
	t.Run("ExistingPerson", func(t *testing.T) {
		lo := e.mustUser(t, "lo@example.se", "Lo")
		tok, err := e.s.Invite(ctx, actor, org, "LO@example.se", access.RoleAdmin)
		if err != nil {
			t.Fatal(err)
		}
		// Nothing of the input is used, not even a bad password.
		u, err := e.s.AcceptInvitation(ctx, access.Actor{}, tok, account.UserInput{}, "")
		if err != nil || u.ID != lo.ID || u.Name != "Lo" {
			t.Fatalf("accept = %+v, %v", u, err)
		}
		if _, _, err := e.s.Login(ctx, lo.Email, goodPassword, ""); err != nil {
			t.Errorf("the password changed: %v", err)
		}
		if a := e.mustActor(t, lo.Email); a.RoleIn(org) != access.RoleAdmin {
			t.Errorf("roles = %v", a.Roles)
		}
		// An admin invited again as a booker stays admin.
		tok, err = e.s.Invite(ctx, actor, org, lo.Email, access.RoleBooker)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.AcceptInvitation(ctx, access.Actor{}, tok, account.UserInput{}, ""); err != nil {
			t.Fatal(err)
		}
		if a := e.mustActor(t, lo.Email); a.RoleIn(org) != access.RoleAdmin {
			t.Errorf("demoted by an invitation: %v", a.Roles)
		}
	})
	t.Run("ErrLinkInvalid", func(t *testing.T) {
		tok, err := e.s.Invite(ctx, actor, org, "max@example.se", access.RoleBooker)
		if err != nil {
			t.Fatal(err)
		}
		in := account.UserInput{Name: "Max"}
		e.clock.Advance(e.cfg.InvitationTTL)
		if _, err := e.s.AcceptInvitation(ctx, access.Actor{}, tok, in, goodPassword); !errors.Is(err, account.ErrLinkInvalid) || fault.KindOf(err) != fault.NotFound {
			t.Errorf("expired: %v", err)
		}
		if _, err := e.s.AcceptInvitation(ctx, access.Actor{}, "nonsense", in, goodPassword); !errors.Is(err, account.ErrLinkInvalid) {
			t.Errorf("unknown: %v", err)
		}
		// A reset token is no invitation.
		reset, err := e.s.CreatePasswordReset(ctx, access.System, admin.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.AcceptInvitation(ctx, access.Actor{}, reset, in, goodPassword); !errors.Is(err, account.ErrLinkInvalid) {
			t.Errorf("reset token: %v", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		if _, err := e.s.Invite(ctx, actor, org, "inte en adress", "owner"); len(fieldCodes(err)) != 2 {
			t.Errorf("invite: %v, want email and role errors", err)
		}
		tok, err := e.s.Invite(ctx, actor, org, "nils@example.se", access.RoleBooker)
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.s.AcceptInvitation(ctx, access.Actor{}, tok, account.UserInput{Name: " "}, "password123")
		if got := fieldCodes(err); got["name"] != "required" || got["password"] != "password_common" {
			t.Fatalf("accept: %v", err)
		}
		// The failed attempt did not use the link.
		if _, err := e.s.AcceptInvitation(ctx, access.Actor{}, tok, account.UserInput{Name: "Nils"}, goodPassword); err != nil {
			t.Fatalf("accept after a correction: %v", err)
		}
	})
}

func TestPasswordReset(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	u := e.mustUser(t, "olle@example.se", "Olle")
	const next = "en helt ny fras"

	t.Run("OK", func(t *testing.T) {
		session := e.mustLogin(t, u.Email)
		me, _, err := e.s.ActorForSession(ctx, session, "")
		if err != nil {
			t.Fatal(err)
		}
		tok, err := e.s.CreatePasswordReset(ctx, me, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.s.ResetPassword(ctx, tok, next, false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.s.ActorForSession(ctx, session, ""); !errors.Is(err, account.ErrSessionExpired) {
			t.Errorf("session survived the reset: %v", err)
		}
		if _, _, err := e.s.Login(ctx, u.Email, goodPassword, ""); !errors.Is(err, account.ErrBadCredentials) {
			t.Errorf("old password: %v", err)
		}
		if _, _, err := e.s.Login(ctx, u.Email, next, ""); err != nil {
			t.Errorf("new password: %v", err)
		}
		if err := e.s.ResetPassword(ctx, tok, "ännu en ny fras", false); !errors.Is(err, account.ErrLinkInvalid) {
			t.Errorf("second use: %v", err)
		}
		if e.auditCount(t, "user.password_reset") != 1 {
			t.Error("reset not audited")
		}
	})
	t.Run("OKRevokeTokens", func(t *testing.T) {
		q := e.mustUser(t, "quentin@example.se", "Quentin")
		me := e.mustActor(t, q.Email)
		kept, _, err := e.s.CreateToken(ctx, me, "Behålls", nil)
		if err != nil {
			t.Fatal(err)
		}
		tok, _ := e.s.CreatePasswordReset(ctx, access.System, q.ID)
		if err := e.s.ResetPassword(ctx, tok, next, false); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.ActorForToken(ctx, kept, ""); err != nil {
			t.Errorf("token revoked without being asked: %v", err)
		}
		tok, _ = e.s.CreatePasswordReset(ctx, access.System, q.ID)
		if err := e.s.ResetPassword(ctx, tok, "en annan ny fras", true); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.ActorForToken(ctx, kept, ""); !errors.Is(err, account.ErrBadToken) {
			t.Errorf("token works after the reset: %v", err)
		}
	})
	t.Run("UnlocksThrottledAddress", func(t *testing.T) {
		p := e.mustUser(t, "pia@example.se", "Pia")
		for range e.cfg.MaxFailures {
			_, _, _ = e.s.Login(ctx, p.Email, "fel lösenord igen", "")
		}
		tok, err := e.s.CreatePasswordReset(ctx, access.System, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.s.ResetPassword(ctx, tok, next, false); err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.s.Login(ctx, p.Email, next, ""); err != nil {
			t.Errorf("login after reset: %v", err)
		}
	})
	t.Run("Boundary", func(t *testing.T) {
		// A link lasts exactly its TTL.
		tok, err := e.s.CreatePasswordReset(ctx, access.System, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(e.cfg.ResetTTL - time.Second)
		if err := e.s.ResetPassword(ctx, tok, "en fras till", false); err != nil {
			t.Fatalf("a second before expiry: %v", err)
		}
	})
	t.Run("ErrLinkInvalid", func(t *testing.T) {
		old, err := e.s.CreatePasswordReset(ctx, access.System, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := e.s.CreatePasswordReset(ctx, access.System, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.s.ResetPassword(ctx, old, next, false); !errors.Is(err, account.ErrLinkInvalid) {
			t.Errorf("superseded link: %v", err)
		}
		e.clock.Advance(e.cfg.ResetTTL)
		if err := e.s.ResetPassword(ctx, tok, next, false); !errors.Is(err, account.ErrLinkInvalid) {
			t.Errorf("expired link: %v", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		tok, err := e.s.CreatePasswordReset(ctx, access.System, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.s.ResetPassword(ctx, tok, "kort", false); fieldCodes(err)["password"] != "password_short" {
			t.Errorf("short password: %v", err)
		}
		if err := e.s.ResetPassword(ctx, tok, "en tredje fras", false); err != nil {
			t.Errorf("the refused attempt used the link: %v", err)
		}
	})
	t.Run("ErrAccess", func(t *testing.T) {
		other := e.mustUser(t, "rut@example.se", "Rut")
		me := e.mustActor(t, other.Email)
		if _, err := e.s.CreatePasswordReset(ctx, me, u.ID); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("for another: %v", err)
		}
		if _, err := e.s.CreatePasswordReset(ctx, access.Anonymous(""), u.ID); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous: %v", err)
		}
		if _, err := e.s.CreatePasswordReset(ctx, access.System, 1<<40); !errors.Is(err, account.ErrUserNotFound) {
			t.Errorf("unknown user: %v", err)
		}
	})
}
