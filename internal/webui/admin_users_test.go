package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
)

func TestAdminUsers(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()

	t.Run("ForbiddenToOthers", func(t *testing.T) {
		for name, b := range map[string]*browser{
			"admin of an organisation": s.adminOf(t, "PRO Norrby"),
			"booker":                   s.signedIn(t, false, map[string]access.Role{"PRO Norrby": access.RoleBooker}),
			"no organisation":          s.signedIn(t, false, nil),
		} {
			csrf := b.get("/konto").formValues(t, `form[action="/logga-ut"]`)
			for _, path := range []string{"/admin/anvandare", "/admin/anvandare/ny"} {
				if p := b.get(path); p.resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s: GET %s: %d, want 403", name, path, p.resp.StatusCode)
				}
			}
			victim := s.person(t, false, nil)
			for _, path := range []string{"/admin/anvandare/ny", fmt.Sprintf("/admin/anvandare/%d/stadsadministrator", victim.ID),
				fmt.Sprintf("/admin/anvandare/%d/losenordslank", victim.ID)} {
				p := b.post(path, fill(csrf, "email", "ny@test.example", "name", "Ny", "city_admin", "yes"))
				if p.resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s: POST %s: %d, want 403", name, path, p.resp.StatusCode)
				}
			}
			if p := b.get("/"); p.doc.Find(`a[href="/admin/anvandare"]`).Length() != 0 {
				t.Errorf("%s: the menu links to the user administration", name)
			}
		}
		if _, err := s.accounts.FindUserByEmail(ctx, "ny@test.example"); err == nil {
			t.Error("a user was created by someone who may not")
		}
		s.browser(t).get("/admin/anvandare").status(t, http.StatusSeeOther)
	})

	t.Run("List", func(t *testing.T) {
		u := s.person(t, false, nil)
		b := s.cityAdmin(t)
		p := b.get("/admin/anvandare?q=" + strings.TrimSuffix(u.Email, "@test.example"))
		p.status(t, http.StatusOK)
		if rows := p.doc.Find("#users-title + .table-wrap tbody tr"); rows.Length() != 1 || !strings.Contains(rows.Text(), u.Email) {
			t.Errorf("search for %s: %q", u.Email, rows.Text())
		}
		if p.doc.Find(`.site-nav a[href="/admin/anvandare"][aria-current="page"]`).Length() != 1 {
			t.Error("the menu does not mark the user administration")
		}
	})

	t.Run("CreateUser", func(t *testing.T) {
		b := s.cityAdmin(t)
		form := b.get("/admin/anvandare/ny").formValues(t, "main form")
		bad := b.post("/admin/anvandare/ny", fill(form, "name", "Ny Person", "email", "fel"))
		bad.status(t, http.StatusUnprocessableEntity)
		if bad.text("#email-error") == "" {
			t.Error("no message at the address")
		}
		p := b.post("/admin/anvandare/ny", fill(form, "name", "Ny Person", "email", "ny.person@test.example"))
		p.status(t, http.StatusOK)
		link, ok := strings.CutPrefix(p.text(".secret__value code"), "http://example.test")
		if !ok || !strings.HasPrefix(link, "/losenord/") {
			t.Fatalf("link %q", p.text(".secret__value code"))
		}
		u, err := s.accounts.FindUserByEmail(ctx, "ny.person@test.example")
		if err != nil || u.HasPassword() || u.CityAdmin {
			t.Fatalf("stored %+v %v", u, err)
		}
		// The person follows the link and chooses a password.
		other := s.browser(t)
		other.post(link, fill(other.get(link).formValues(t, "main form"), "password", testPassword)).status(t, http.StatusOK)
		other.login("ny.person@test.example")
	})

	t.Run("CityAdmin", func(t *testing.T) {
		u := s.person(t, false, nil)
		b := s.cityAdmin(t)
		action := fmt.Sprintf("/admin/anvandare/%d/stadsadministrator", u.ID)
		list := b.get("/admin/anvandare?q=" + strings.TrimSuffix(u.Email, "@test.example"))
		r := b.post(action, list.formValues(t, `form[action="`+action+`"]`))
		r.status(t, http.StatusSeeOther)
		got, err := s.accounts.FindUserByEmail(ctx, u.Email)
		if err != nil || !got.CityAdmin || got.Name != u.Name || got.Email != u.Email {
			t.Fatalf("after making city admin: %+v %v", got, err)
		}
		list = b.get("/admin/anvandare?q=" + strings.TrimSuffix(u.Email, "@test.example"))
		if v := list.formValues(t, `form[action="`+action+`"]`); v.Get("city_admin") != "no" {
			t.Errorf("the form offers city_admin=%q", v.Get("city_admin"))
		}
		b.post(action, list.formValues(t, `form[action="`+action+`"]`)).status(t, http.StatusSeeOther)
		if got, _ := s.accounts.FindUserByEmail(ctx, u.Email); got.CityAdmin {
			t.Error("the city admin right was not taken away")
		}
	})

	t.Run("ResetLink", func(t *testing.T) {
		u := s.person(t, false, nil)
		b := s.cityAdmin(t)
		action := fmt.Sprintf("/admin/anvandare/%d/losenordslank", u.ID)
		list := b.get("/admin/anvandare?q=" + strings.TrimSuffix(u.Email, "@test.example"))
		p := b.post(action, list.formValues(t, `form[action="`+action+`"]`))
		p.status(t, http.StatusOK)
		if !strings.HasPrefix(p.text(".secret__value code"), "http://example.test/losenord/") {
			t.Errorf("link %q", p.text(".secret__value code"))
		}
	})
}
