package account_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
)

func TestCreateUser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)

	t.Run("OK", func(t *testing.T) {
		in := account.UserInput{Email: " Tova@Example.se ", Name: " Tova ", Phone: "033-35 70 00", CityAdmin: true}
		u, err := e.s.CreateUser(ctx, access.System, in, goodPassword)
		if err != nil {
			t.Fatal(err)
		}
		if u.ID == 0 || u.Email != "Tova@Example.se" || u.Name != "Tova" || !u.CityAdmin || !u.HasPassword() ||
			!u.CreatedAt.Equal(start) || u.PasswordChangedAt == nil {
			t.Fatalf("created %+v", u)
		}
		got, err := e.s.FindUserByEmail(ctx, "tova@EXAMPLE.SE")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(u, got); diff != "" {
			t.Errorf("stored differs (-created +found):\n%s", diff)
		}
		var after string
		if err := e.db.NewRaw("SELECT after::text FROM audit_log WHERE action = 'user.create' AND object_id = ?", u.ID).Scan(ctx, &after); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(after, "argon2") || strings.Contains(after, *u.PasswordHash) {
			t.Errorf("the hash is audited: %s", after)
		}
		// No password yet: the person cannot sign in until they set one.
		inv, err := e.s.CreateUser(ctx, access.System, account.UserInput{Email: "utan@example.se", Name: "Utan"}, "")
		if err != nil || inv.HasPassword() {
			t.Fatalf("without password: %+v, %v", inv, err)
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		e.mustUser(t, "Dubbel@example.se", "Dubbel")
		_, err := e.s.CreateUser(ctx, access.System, account.UserInput{Email: "dubbel@EXAMPLE.se", Name: "Dubbel 2"}, "")
		if fieldCodes(err)["email"] != "duplicate" {
			t.Fatalf("err = %v, want email duplicate", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := e.s.CreateUser(ctx, access.System, account.UserInput{Email: "nej", Name: "", Phone: "x"}, "kort")
		want := map[string]string{"email": "email", "name": "required", "phone": "phone", "password": "password_short"}
		if diff := cmp.Diff(want, fieldCodes(err)); diff != "" {
			t.Errorf("field errors (-want +got):\n%s", diff)
		}
	})
	t.Run("ErrAccess", func(t *testing.T) {
		plain := e.mustUser(t, "vanlig@example.se", "Vanlig")
		me := e.mustActor(t, plain.Email)
		in := account.UserInput{Email: "x@example.se", Name: "X"}
		if _, err := e.s.CreateUser(ctx, me, in, ""); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("a person: %v", err)
		}
		if _, err := e.s.CreateUser(ctx, access.Anonymous(""), in, ""); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous: %v", err)
		}
	})
}

func TestFindUsers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	for _, n := range []string{"Örjan", "Åsa", "Zelda", "Adam", "Ärla", "bengt"} {
		e.mustUser(t, strings.ToLower(n)+"@example.se", n)
	}
	var names []string
	cursor := ""
	for pages := 0; ; pages++ {
		page, err := e.s.FindUsers(ctx, access.System, "", 4, cursor)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range page.Items {
			names = append(names, u.Name)
		}
		if page.Next == nil {
			break
		}
		if pages > 3 {
			t.Fatal("pagination does not end")
		}
		cursor = page.Next.Encode()
	}
	if diff := cmp.Diff([]string{"Adam", "bengt", "Zelda", "Åsa", "Ärla", "Örjan"}, names); diff != "" {
		t.Errorf("names (-want +got):\n%s", diff)
	}
	page, err := e.s.FindUsers(ctx, access.System, "ÅSA@", 0, "")
	if err != nil || len(page.Items) != 1 || page.Items[0].Name != "Åsa" {
		t.Errorf("q: %+v, %v", page.Items, err)
	}
	me := e.mustActor(t, "adam@example.se")
	if _, err := e.s.FindUsers(ctx, me, "", 0, ""); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("a person lists people: %v", err)
	}
}

func TestUpdateUser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	u := e.mustUser(t, "ulla@example.se", "Ulla")
	other := e.mustUser(t, "vera@example.se", "Vera")
	me := e.mustActor(t, u.Email)

	t.Run("OK", func(t *testing.T) {
		e.clock.Advance(time.Hour)
		got, err := e.s.UpdateUser(ctx, me, u.ID, account.UserInput{Email: "ulla.ny@example.se", Name: "Ulla Ny", Phone: "0701234567"})
		if err != nil || got.Name != "Ulla Ny" || got.Email != "ulla.ny@example.se" || !got.UpdatedAt.Equal(e.clock.Now()) {
			t.Fatalf("update = %+v, %v", got, err)
		}
		if _, _, err := e.s.Login(ctx, "ulla.ny@example.se", goodPassword, ""); err != nil {
			t.Errorf("the password did not survive: %v", err)
		}
		// City administrators may make someone one.
		if got, err := e.s.UpdateUser(ctx, access.System, other.ID, account.UserInput{Email: other.Email, Name: other.Name, CityAdmin: true}); err != nil || !got.CityAdmin {
			t.Fatalf("promote = %+v, %v", got, err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		if _, err := e.s.UpdateUser(ctx, me, u.ID, account.UserInput{Email: "ulla.ny@example.se", Name: "Ulla", CityAdmin: true}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("self-promotion: %v", err)
		}
		if _, err := e.s.UpdateUser(ctx, me, other.ID, account.UserInput{Email: other.Email, Name: "Hackad", CityAdmin: true}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("changing another: %v", err)
		}
		if _, err := e.s.FindUserByID(ctx, me, other.ID); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("reading another: %v", err)
		}
		if got, err := e.s.FindUserByID(ctx, me, u.ID); err != nil || got.ID != u.ID {
			t.Errorf("reading oneself: %+v, %v", got, err)
		}
	})
	t.Run("ErrDuplicate", func(t *testing.T) {
		if _, err := e.s.UpdateUser(ctx, me, u.ID, account.UserInput{Email: "VERA@example.se", Name: "Ulla"}); fieldCodes(err)["email"] != "duplicate" {
			t.Errorf("taken address: %v", err)
		}
	})
	t.Run("ErrUserNotFound", func(t *testing.T) {
		if _, err := e.s.UpdateUser(ctx, access.System, 1<<40, account.UserInput{Email: "x@example.se", Name: "X"}); !errors.Is(err, account.ErrUserNotFound) {
			t.Errorf("update: %v", err)
		}
		if _, err := e.s.FindUserByID(ctx, access.System, 1<<40); !errors.Is(err, account.ErrUserNotFound) {
			t.Errorf("find: %v", err)
		}
	})
}

func TestChangePassword(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	u := e.mustUser(t, "walter@example.se", "Walter")
	here, there := e.mustLogin(t, u.Email), e.mustLogin(t, u.Email)
	me, _, err := e.s.ActorForSession(ctx, here, "192.0.2.11")
	if err != nil {
		t.Fatal(err)
	}
	const next = "ett nytt långt lösen"

	t.Run("ErrWrongPassword", func(t *testing.T) {
		err := e.s.ChangePassword(ctx, me, "fel lösenord igen", next, account.PasswordOptions{KeepSession: here})
		if fieldCodes(err)["current_password"] != "wrong_password" {
			t.Fatalf("err = %v", err)
		}
		if err := e.s.ChangePassword(ctx, me, goodPassword, "sommar2024", account.PasswordOptions{KeepSession: here}); fieldCodes(err)["password"] != "password_common" {
			t.Fatalf("common next: %v", err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		kept, _, err := e.s.CreateToken(ctx, me, "Skript", nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.s.ChangePassword(ctx, me, goodPassword, next, account.PasswordOptions{KeepSession: here}); err != nil {
			t.Fatal(err)
		}
		// Without RevokeTokens the tokens keep working.
		if _, err := e.s.ActorForToken(ctx, kept, ""); err != nil {
			t.Errorf("token revoked without being asked: %v", err)
		}
		if _, _, err := e.s.ActorForSession(ctx, here, ""); err != nil {
			t.Errorf("the session the change came from ended: %v", err)
		}
		if _, _, err := e.s.ActorForSession(ctx, there, ""); !errors.Is(err, account.ErrSessionExpired) {
			t.Errorf("another session survived: %v", err)
		}
		if _, _, err := e.s.Login(ctx, u.Email, next, ""); err != nil {
			t.Errorf("new password: %v", err)
		}
		if e.auditCount(t, "user.password_change") != 1 {
			t.Error("not audited")
		}
	})
	t.Run("OKRevokeTokens", func(t *testing.T) {
		// Before issue 12 API tokens survived every password change.
		tok, _, err := e.s.CreateToken(ctx, me, "Kalender", nil)
		if err != nil {
			t.Fatal(err)
		}
		revoked := e.auditCount(t, "token.revoke")
		if err := e.s.ChangePassword(ctx, me, next, goodPassword, account.PasswordOptions{KeepSession: here, RevokeTokens: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.ActorForToken(ctx, tok, ""); !errors.Is(err, account.ErrBadToken) {
			t.Errorf("token works after the password change: %v", err)
		}
		// Both tokens made so far are revoked, each audited.
		if got := e.auditCount(t, "token.revoke") - revoked; got != 2 {
			t.Errorf("%d revocations audited, want 2", got)
		}
		if _, _, err := e.s.ActorForSession(ctx, here, ""); err != nil {
			t.Errorf("the session the change came from ended: %v", err)
		}
		if err := e.s.ChangePassword(ctx, me, goodPassword, next, account.PasswordOptions{KeepSession: here}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Throttled", func(t *testing.T) {
		// A stolen session cannot be used to guess the password.
		for range e.cfg.MaxFailures {
			_ = e.s.ChangePassword(ctx, me, "fel lösenord igen", "ännu ett långt lösen", account.PasswordOptions{KeepSession: here})
		}
		var te *account.ThrottledError
		if err := e.s.ChangePassword(ctx, me, next, "ännu ett långt lösen", account.PasswordOptions{KeepSession: here}); !errors.As(err, &te) {
			t.Fatalf("err = %v, want a ThrottledError", err)
		}
	})
	t.Run("ErrAccess", func(t *testing.T) {
		if err := e.s.ChangePassword(ctx, access.Anonymous(""), goodPassword, next, account.PasswordOptions{}); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous: %v", err)
		}
		if err := e.s.ChangePassword(ctx, access.System, goodPassword, next, account.PasswordOptions{}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("system: %v", err)
		}
	})
}

func TestDeleteUser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	org := e.mustOrg(t, "Viskafors IF")
	p := e.mustUser(t, "Yvonne@example.se", "Yvonne Ek")
	q := e.mustUser(t, "zack@example.se", "Zack")
	e.mustMember(t, org, p.ID, access.RoleAdmin)
	me := e.mustActor(t, p.Email)
	if _, err := e.s.SetMember(ctx, me, org, q.ID, access.RoleBooker); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.UpdateUser(ctx, me, p.ID, account.UserInput{Email: p.Email, Name: "Yvonne Ek-Lund"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.s.CreateToken(ctx, me, "Mitt", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.Invite(ctx, access.System, org, "yvonne@EXAMPLE.se", access.RoleBooker); err != nil {
		t.Fatal(err)
	}
	orgRows := func() int {
		n, err := e.db.NewSelect().Table("audit_log").Where("organisation_id = ?", org).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	before := orgRows()

	t.Run("ErrForbidden", func(t *testing.T) {
		other := e.mustActor(t, q.Email)
		if err := e.s.DeleteUser(ctx, other, p.ID); !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("another person: %v", err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		if err := e.s.DeleteUser(ctx, me, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.FindUserByEmail(ctx, p.Email); !errors.Is(err, account.ErrUserNotFound) {
			t.Fatalf("still there: %v", err)
		}
		if got := orgRows(); got != before {
			t.Errorf("organisation's audit rows: %d, want %d", got, before)
		}
		var left struct{ actor, personal, ips, tables int }
		if err := e.db.NewRaw(`SELECT
			(SELECT count(*) FROM audit_log WHERE actor_user_id = ?),
			(SELECT count(*) FROM audit_log WHERE concat(before::text, after::text) ILIKE '%yvonne%'),
			(SELECT count(*) FROM audit_log WHERE actor_user_id IS NULL AND ip NOT IN ('', 'local') AND action <> 'user.delete'),
			(SELECT count(*) FROM memberships WHERE user_id = ?) + (SELECT count(*) FROM sessions WHERE user_id = ?) +
			(SELECT count(*) FROM api_tokens WHERE user_id = ?) + (SELECT count(*) FROM one_time_links WHERE email ILIKE 'yvonne%')`,
			p.ID, p.ID, p.ID, p.ID).Scan(ctx, &left.actor, &left.personal, &left.ips, &left.tables); err != nil {
			t.Fatal(err)
		}
		// What Yvonne did is kept without her and without her client address.
		if left.actor != 0 || left.personal != 0 || left.ips != 0 || left.tables != 0 {
			t.Errorf("left behind: %+v", left)
		}
		var deleted struct {
			Actor  *int64
			Object int64
		}
		if err := e.db.NewRaw("SELECT actor_user_id, object_id FROM audit_log WHERE action = 'user.delete'").Scan(ctx, &deleted.Actor, &deleted.Object); err != nil {
			t.Fatal(err)
		}
		if deleted.Actor != nil || deleted.Object != p.ID {
			t.Errorf("user.delete entry: %+v", deleted)
		}
	})
	t.Run("ErrUserNotFound", func(t *testing.T) {
		if err := e.s.DeleteUser(ctx, access.System, p.ID); !errors.Is(err, account.ErrUserNotFound) {
			t.Fatalf("again: %v", err)
		}
	})
}

func TestExportUser(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	org := e.mustOrg(t, "Sandareds BK")
	u := e.mustUser(t, "ake@example.se", "Åke")
	other := e.mustUser(t, "bea@example.se", "Bea")
	e.mustMember(t, org, u.ID, access.RoleAdmin)
	session := e.mustLogin(t, u.Email)
	me, _, err := e.s.ActorForSession(ctx, session, "192.0.2.12")
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := e.s.CreateToken(ctx, me, "Export", nil)
	if err != nil {
		t.Fatal(err)
	}
	// What Åke did to Bea is listed, without Bea's data.
	if _, err := e.s.SetMember(ctx, me, org, other.ID, access.RoleBooker); err != nil {
		t.Fatal(err)
	}
	reset, err := e.s.CreatePasswordReset(ctx, me, u.ID)
	if err != nil {
		t.Fatal(err)
	}

	x, err := e.s.ExportUser(ctx, me, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if x.User.Email != u.Email || !x.User.HasPassword || len(x.Memberships) != 1 || x.Memberships[0].OrganisationName != "Sandareds BK" ||
		len(x.Tokens) != 1 || x.Tokens[0].Name != "Export" || len(x.Sessions) != 1 || len(x.Links) != 1 {
		t.Fatalf("export = %+v", x)
	}
	actions := map[string]bool{}
	for _, a := range x.Audit {
		actions[a.Action] = true
	}
	for _, want := range []string{"user.create", "membership.set", "login.success", "token.create", "password_reset.create"} {
		if !actions[want] {
			t.Errorf("audit lacks %s: %+v", want, x.Audit)
		}
	}
	b, err := json.Marshal(x)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, secretPart := range []string{"hash", "argon2", secret, secret[3:], session, reset, "bea@example.se"} {
		if strings.Contains(strings.ToLower(doc), strings.ToLower(secretPart)) {
			t.Errorf("the export contains %q", secretPart)
		}
	}

	t.Run("ErrForbidden", func(t *testing.T) {
		if _, err := e.s.ExportUser(ctx, e.mustActor(t, other.Email), u.ID); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("another person: %v", err)
		}
	})
}
