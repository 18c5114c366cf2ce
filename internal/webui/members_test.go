package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
)

func TestMembersPage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	pro := s.orgNamed(t, "PRO Norrby").ID
	path := fmt.Sprintf("/organisationer/%d/medlemmar", pro)
	admin := s.person(t, false, map[string]access.Role{"PRO Norrby": access.RoleAdmin})
	booker := s.person(t, false, map[string]access.Role{"PRO Norrby": access.RoleBooker})

	t.Run("Admin", func(t *testing.T) {
		b := s.browser(t)
		b.login(admin.Email)
		p := b.get(path)
		p.status(t, http.StatusOK)
		rows := p.text("#members-title + .table-wrap tbody")
		if !strings.Contains(rows, admin.Name) || !strings.Contains(rows, booker.Name) || !strings.Contains(rows, "Bokare") {
			t.Errorf("members: %q", rows)
		}
		if p.doc.Find(`select[name="role"]`).Length() != 3 || p.doc.Find(`form[action$="/ta-bort"]`).Length() != 2 ||
			p.doc.Find(fmt.Sprintf(`form[action="/organisationer/%d/inbjudningar"]`, pro)).Length() != 1 {
			t.Error("an admin does not get the forms to change roles, remove and invite")
		}
	})

	t.Run("Booker", func(t *testing.T) {
		b := s.browser(t)
		b.login(booker.Email)
		p := b.get(path)
		p.status(t, http.StatusOK)
		if p.doc.Find(`select, form[action$="/inbjudningar"], form[action$="/roll"]`).Length() != 0 {
			t.Error("a booker gets forms only admins may use")
		}
		leave := fmt.Sprintf(`form[action="%s/%d/ta-bort"]`, path, booker.ID)
		if p.doc.Find(leave).Length() != 1 {
			t.Error("a booker cannot leave")
		}
		// A booker trying an admin action by hand is refused.
		values := p.formValues(t, leave)
		values.Set("role", "admin")
		b.post(fmt.Sprintf("%s/%d/roll", path, booker.ID), values).status(t, http.StatusForbidden)
		b.post(fmt.Sprintf("/organisationer/%d/inbjudningar", pro), fill(values, "email", "x@test.example")).status(t, http.StatusForbidden)
	})

	t.Run("AdminOfAnother", func(t *testing.T) {
		b := s.adminOf(t, "Röda Korset Borås")
		b.get(path).status(t, http.StatusForbidden)
		values := b.get("/konto").formValues(t, `form[action="/logga-ut"]`)
		values.Set("role", "admin")
		b.post(fmt.Sprintf("%s/%d/roll", path, booker.ID), values).status(t, http.StatusForbidden)
		b.post(fmt.Sprintf("%s/%d/ta-bort", path, booker.ID), values).status(t, http.StatusForbidden)
	})

	t.Run("Anonymous", func(t *testing.T) {
		r := s.browser(t).get(path)
		r.status(t, http.StatusSeeOther)
		if loc := r.resp.Header.Get("Location"); loc != "/logga-in?next="+url.QueryEscape(path) {
			t.Errorf("redirect to %q", loc)
		}
	})
}

func TestMemberRole(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	pro := s.orgNamed(t, "PRO Norrby").ID
	path := fmt.Sprintf("/organisationer/%d/medlemmar", pro)
	admin := s.person(t, false, map[string]access.Role{"PRO Norrby": access.RoleAdmin})
	booker := s.person(t, false, map[string]access.Role{"PRO Norrby": access.RoleBooker})
	b := s.browser(t)
	b.login(admin.Email)
	roleOf := func(id int64) access.Role {
		ms, err := s.accounts.FindMembers(ctx, access.System, pro)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.UserID == id {
				return m.Role
			}
		}
		return ""
	}
	roleForm := func(id int64) (string, url.Values) {
		action := fmt.Sprintf("%s/%d/roll", path, id)
		return action, b.get(path).formValues(t, `form[action="`+action+`"]`)
	}

	t.Run("LastAdmin", func(t *testing.T) {
		action, values := roleForm(admin.ID)
		p := b.post(action, fill(values, "role", "booker"))
		p.status(t, http.StatusConflict)
		if !strings.Contains(p.text("h1"), "behöver en administratör") {
			t.Errorf("h1 %q", p.text("h1"))
		}
		if roleOf(admin.ID) != access.RoleAdmin {
			t.Error("the last admin was demoted")
		}
	})

	t.Run("OK", func(t *testing.T) {
		action, values := roleForm(booker.ID)
		if values.Get("role") != "booker" {
			t.Fatalf("the form does not show the current role: %v", values)
		}
		r := b.post(action, fill(values, "role", "admin"))
		r.status(t, http.StatusSeeOther)
		if got := b.get(r.resp.Header.Get("Location")).text(`.notice[role="status"]`); got != "Rollen är ändrad." {
			t.Errorf("notice %q", got)
		}
		if roleOf(booker.ID) != access.RoleAdmin {
			t.Error("the role was not changed")
		}
	})

	t.Run("UnknownRole", func(t *testing.T) {
		action, values := roleForm(booker.ID)
		b.post(action, fill(values, "role", "owner")).status(t, http.StatusBadRequest)
	})

	t.Run("Remove", func(t *testing.T) {
		action := fmt.Sprintf("%s/%d/ta-bort", path, booker.ID)
		r := b.post(action, b.get(path).formValues(t, `form[action="`+action+`"]`))
		r.status(t, http.StatusSeeOther)
		if roleOf(booker.ID) != "" {
			t.Error("the member was not removed")
		}
	})
}

func TestInvitation(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	pro := s.orgNamed(t, "PRO Norrby").ID
	admin := s.adminOf(t, "PRO Norrby")
	invite := func(t *testing.T, email, role string) string {
		t.Helper()
		members := admin.get(fmt.Sprintf("/organisationer/%d/medlemmar", pro))
		values := fill(members.formValues(t, fmt.Sprintf(`form[action="/organisationer/%d/inbjudningar"]`, pro)), "email", email, "role", role)
		p := admin.post(fmt.Sprintf("/organisationer/%d/inbjudningar", pro), values)
		p.status(t, http.StatusOK)
		checkPage(t, p, "sv")
		if lead := p.text("main .lead"); !strings.Contains(lead, "skickar ingen e-post") {
			t.Errorf("without a mail server the page must say to pass the link on: %q", lead)
		}
		if msgs := s.outbox(t, email); len(msgs) != 1 || !strings.Contains(msgs[0].TextBody, "PRO Norrby") {
			t.Errorf("the invitation is not in the outbox, naming the organisation: %+v", msgs)
		}
		link := p.text(".secret__value code")
		path, ok := strings.CutPrefix(link, "http://example.test/inbjudan/")
		if !ok || len(path) < 40 {
			t.Fatalf("invitation link %q", link)
		}
		return "/inbjudan/" + path
	}

	t.Run("BadAddress", func(t *testing.T) {
		members := admin.get(fmt.Sprintf("/organisationer/%d/medlemmar", pro))
		values := fill(members.formValues(t, fmt.Sprintf(`form[action="/organisationer/%d/inbjudningar"]`, pro)), "email", "inte en adress")
		p := admin.post(fmt.Sprintf("/organisationer/%d/inbjudningar", pro), values)
		p.status(t, http.StatusUnprocessableEntity)
		if p.text("#email-error") == "" || p.doc.Find(`input[name="email"]`).AttrOr("value", "") != "inte en adress" {
			t.Error("the bad address is not pointed out and kept")
		}
	})

	t.Run("NewPerson", func(t *testing.T) {
		path := invite(t, "ny.medlem@test.example", "booker")
		b := s.browser(t)
		form := b.get(path)
		form.status(t, http.StatusOK)
		values := form.formValues(t, "main form")
		short := b.post(path, fill(values, "name", "Ny Medlem", "password", "kort"))
		short.status(t, http.StatusUnprocessableEntity)
		if short.text("#password-error") == "" || short.doc.Find(`input[name="name"]`).AttrOr("value", "") != "Ny Medlem" {
			t.Error("a short password is not pointed out, or the name is lost")
		}
		p := b.post(path, fill(values, "name", "Ny Medlem", "password", testPassword))
		p.status(t, http.StatusOK)
		checkPage(t, p, "sv")
		if p.text("h1") != "Välkommen till Lokalbanken" {
			t.Errorf("h1 %q", p.text("h1"))
		}
		b.login("ny.medlem@test.example")
		if got := b.get("/konto").text("#organisations-title + .table-wrap tbody"); !strings.Contains(got, "PRO Norrby") || !strings.Contains(got, "Bokare") {
			t.Errorf("my organisations: %q", got)
		}
		// Used once.
		again := s.browser(t)
		p = again.post(path, fill(again.get(path).formValues(t, "main form"), "name", "Någon", "password", testPassword))
		p.status(t, http.StatusNotFound)
		if !strings.Contains(p.text("h1"), "Länken gäller inte") {
			t.Errorf("h1 %q", p.text("h1"))
		}
	})

	t.Run("SignedIn", func(t *testing.T) {
		u := s.person(t, false, nil)
		path := invite(t, u.Email, "admin")
		b := s.browser(t)
		b.login(u.Email)
		p := b.get(path)
		p.status(t, http.StatusOK)
		if p.doc.Find(`main input[name="password"]`).Length() != 0 {
			t.Error("a signed-in person is asked for a password")
		}
		r := b.post(path, p.formValues(t, "main form"))
		r.status(t, http.StatusSeeOther)
		if loc := r.resp.Header.Get("Location"); loc != "/konto?klart=inbjudan" {
			t.Errorf("redirect to %q", loc)
		}
		ms, err := s.accounts.FindMemberships(ctx, u.ID)
		if err != nil || len(ms) != 1 || ms[0].OrganisationID != pro || ms[0].Role != access.RoleAdmin {
			t.Errorf("memberships %+v %v", ms, err)
		}
	})

	t.Run("UnknownLink", func(t *testing.T) {
		b := s.browser(t)
		p := b.post("/inbjudan/finns-inte", fill(b.get("/inbjudan/finns-inte").formValues(t, "main form"), "name", "X", "password", testPassword))
		p.status(t, http.StatusNotFound)
		if _, err := s.accounts.FindUserByEmail(ctx, "x@test.example"); err == nil {
			t.Error("a user was made from an unknown link")
		}
	})
}

func TestPasswordReset(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u := s.person(t, false, nil)
	token, err := s.accounts.CreatePasswordReset(context.Background(), access.System, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	path := "/losenord/" + token
	b := s.browser(t)
	form := b.get(path).formValues(t, "main form")
	b.post(path, fill(form, "password", "password")).status(t, http.StatusUnprocessableEntity)
	p := b.post(path, fill(form, "password", "ett annat långt lösenord"))
	p.status(t, http.StatusOK)
	if p.doc.Find(`a[href="/logga-in"]`).Length() == 0 {
		t.Error("no way on to the login page")
	}
	if _, _, err := s.accounts.Login(context.Background(), u.Email, "ett annat långt lösenord", "192.0.2.1"); err != nil {
		t.Errorf("login with the new password: %v", err)
	}
	b.post(path, fill(form, "password", "ännu ett långt lösenord")).status(t, http.StatusNotFound)
}
