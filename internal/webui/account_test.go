package webui_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
)

func TestAccountPage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u := s.person(t, false, map[string]access.Role{"PRO Norrby": access.RoleBooker})
	b := s.browser(t)
	b.login(u.Email)
	p := b.get("/konto")
	p.status(t, http.StatusOK)
	if got := p.text("#organisations-title + .table-wrap tbody"); !strings.Contains(got, "PRO Norrby") || !strings.Contains(got, "Bokare") {
		t.Errorf("my organisations: %q", got)
	}
	pro := s.orgNamed(t, "PRO Norrby").ID
	if p.doc.Find(fmt.Sprintf(`a[href="/organisationer/%d/medlemmar"]`, pro)).Length() != 1 {
		t.Error("no link to the members of my organisation")
	}
	if v := p.formValues(t, `form[action="/konto/uppgifter"]`); v.Get("name") != u.Name || v.Get("email") != u.Email {
		t.Errorf("profile form not filled in: %v", v)
	}
	if p.doc.Find(`a[href="/konto/export.json"]`).Length() == 0 || p.doc.Find(`a[href="/konto/radera"]`).Length() != 1 {
		t.Error("no links to download or delete my data")
	}
}

func TestAccountProfile(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u := s.person(t, true, nil)
	b := s.browser(t)
	b.login(u.Email)

	t.Run("Invalid", func(t *testing.T) {
		values := fill(b.get("/konto").formValues(t, `form[action="/konto/uppgifter"]`), "email", "inte-en-adress", "name", " ")
		p := b.post("/konto/uppgifter", values)
		p.status(t, http.StatusUnprocessableEntity)
		if p.text("#email-error") == "" || p.text("#name-error") == "" {
			t.Errorf("messages: email %q, name %q", p.text("#email-error"), p.text("#name-error"))
		}
		if got := p.doc.Find(`input[name="email"]`).AttrOr("value", ""); got != "inte-en-adress" {
			t.Errorf("typed address lost: %q", got)
		}
	})

	t.Run("OK", func(t *testing.T) {
		values := fill(b.get("/konto").formValues(t, `form[action="/konto/uppgifter"]`), "name", "Nytt Namn", "phone", "033-12 34 56")
		r := b.post("/konto/uppgifter", values)
		r.status(t, http.StatusSeeOther)
		p := b.get(r.resp.Header.Get("Location"))
		if got := p.text(`.notice[role="status"]`); got != "Dina uppgifter är sparade." {
			t.Errorf("notice %q", got)
		}
		got, err := s.accounts.FindUserByEmail(context.Background(), u.Email)
		if err != nil {
			t.Fatal(err)
		}
		// CityAdmin is not on the form and must survive the change.
		if got.Name != "Nytt Namn" || got.Phone != "033-12 34 56" || !got.CityAdmin {
			t.Errorf("stored %+v", got)
		}
	})
}

func TestAccountPassword(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u := s.person(t, false, nil)
	b := s.browser(t)
	b.login(u.Email)
	other := s.browser(t)
	other.login(u.Email)
	form := func() url.Values { return b.get("/konto").formValues(t, `form[action="/konto/losenord"]`) }

	t.Run("WrongCurrent", func(t *testing.T) {
		p := b.post("/konto/losenord", fill(form(), "current_password", "inte rätt lösenord", "password", "ett helt nytt lösenord"))
		p.status(t, http.StatusUnprocessableEntity)
		if p.text("#current_password-error") == "" {
			t.Error("no message at the current password")
		}
		p.doc.Find(`input[type="password"]`).Each(func(_ int, in *goquery.Selection) {
			if in.AttrOr("value", "") != "" {
				t.Errorf("password %s written back into the page", in.AttrOr("name", ""))
			}
		})
	})

	t.Run("TooShort", func(t *testing.T) {
		values := form()
		values.Del("revoke_tokens")
		p := b.post("/konto/losenord", fill(values, "current_password", testPassword, "password", "kort"))
		p.status(t, http.StatusUnprocessableEntity)
		if p.doc.Find(`input[name="revoke_tokens"][checked]`).Length() != 0 {
			t.Error("the token box was ticked again")
		}
		if p.text("#password-error") == "" {
			t.Error("no message at the new password")
		}
	})

	t.Run("OK", func(t *testing.T) {
		// The box that revokes API tokens is there and ticked; API tokens survived a
		// password change before issue 12.
		secret, _, err := s.accounts.CreateTokenForUser(context.Background(), u.ID, "Skript")
		if err != nil {
			t.Fatal(err)
		}
		values := form()
		if values.Get("revoke_tokens") != "yes" {
			t.Fatalf("token box not ticked: %v", values)
		}
		r := b.post("/konto/losenord", fill(values, "current_password", testPassword, "password", "ett helt nytt lösenord"))
		r.status(t, http.StatusSeeOther)
		if _, err := s.accounts.ActorForToken(context.Background(), secret, ""); !errors.Is(err, account.ErrBadToken) {
			t.Errorf("API token works after the password change: %v", err)
		}
		// Still signed in here; signed out in the other browser.
		b.get("/konto").status(t, http.StatusOK)
		other.get("/konto").status(t, http.StatusSeeOther)
		if _, _, err := s.accounts.Login(context.Background(), u.Email, "ett helt nytt lösenord", "192.0.2.1"); err != nil {
			t.Errorf("login with the new password: %v", err)
		}
	})
}

func TestTokens(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.signedIn(t, false, nil)
	api := func(secret string) int {
		req, _ := http.NewRequest(http.MethodGet, s.url+"/api/v1/organisations", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}

	t.Run("Invalid", func(t *testing.T) {
		values := fill(b.get("/konto").formValues(t, `form[action="/konto/nycklar"]`), "token_name", "", "expires_at", "nästa år")
		p := b.post("/konto/nycklar", values)
		p.status(t, http.StatusUnprocessableEntity)
		if p.text("#token_name-error") == "" || p.text("#expires_at-error") == "" {
			t.Errorf("messages: name %q, expiry %q", p.text("#token_name-error"), p.text("#expires_at-error"))
		}
		if p.doc.Find(`.error-summary a[href="#token_name"]`).Length() != 1 {
			t.Error("the summary does not link to the token's name")
		}
	})

	var secret string
	t.Run("Create", func(t *testing.T) {
		values := fill(b.get("/konto").formValues(t, `form[action="/konto/nycklar"]`), "token_name", "Export", "expires_at", "2026-12-31")
		p := b.post("/konto/nycklar", values)
		p.status(t, http.StatusOK)
		checkPage(t, p, "sv")
		secret = p.text(".secret__value code")
		if !strings.HasPrefix(secret, "lb_") || len(secret) < 40 {
			t.Fatalf("secret shown: %q", secret)
		}
		if cc := p.resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q on the page with the secret", cc)
		}
		if got := api(secret); got != http.StatusOK {
			t.Errorf("the API answers %d to the new token", got)
		}
		list := b.get("/konto")
		row := list.text("#tokens-title + .prose + .table-wrap tbody tr")
		if !strings.Contains(row, "Export") || !strings.Contains(row, secret[:11]) || strings.Contains(list.doc.Text(), secret) ||
			!strings.Contains(row, "2027-01-01 00:00") || !strings.Contains(row, "Gäller") {
			t.Errorf("token row %q (the secret must not be shown again)", row)
		}
	})

	t.Run("Revoke", func(t *testing.T) {
		list := b.get("/konto")
		form := list.doc.Find(`form[action^="/konto/nycklar/"]`)
		if form.Length() != 1 {
			t.Fatalf("%d revoke forms", form.Length())
		}
		action := form.AttrOr("action", "")
		r := b.post(action, list.formValues(t, `form[action="`+action+`"]`))
		r.status(t, http.StatusSeeOther)
		if got := b.get("/konto").text("#tokens-title + .prose + .table-wrap tbody tr"); !strings.Contains(got, "Återkallad") {
			t.Errorf("token row after revoking: %q", got)
		}
		if got := api(secret); got != http.StatusUnauthorized {
			t.Errorf("the API answers %d to a revoked token", got)
		}
		// Someone else's token, or one that does not exist, is not found.
		other := s.signedIn(t, false, nil)
		other.post(action, other.get("/konto").formValues(t, `form[action="/konto/uppgifter"]`)).status(t, http.StatusNotFound)
	})
}

func TestExport(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u := s.person(t, false, map[string]access.Role{"PRO Norrby": access.RoleAdmin})
	b := s.browser(t)
	b.login(u.Email)
	secret := b.post("/konto/nycklar", fill(b.get("/konto").formValues(t, `form[action="/konto/nycklar"]`), "token_name", "Skript")).text(".secret__value code")

	req, _ := http.NewRequest(http.MethodGet, s.url+"/konto/export.json", nil)
	resp, err := b.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") {
		t.Fatalf("export: %d %v", resp.StatusCode, resp.Header)
	}
	var x struct {
		User struct {
			Email string `json:"email"`
		} `json:"user"`
		Memberships []struct {
			OrganisationName string `json:"organisation_name"`
		} `json:"memberships"`
		Tokens []struct {
			Name string `json:"name"`
		} `json:"tokens"`
	}
	if err := json.Unmarshal(body, &x); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if x.User.Email != u.Email || len(x.Memberships) != 1 || x.Memberships[0].OrganisationName != "PRO Norrby" ||
		len(x.Tokens) != 1 || x.Tokens[0].Name != "Skript" {
		t.Errorf("export %s", body)
	}
	for _, s := range []string{secret, b.cookie("lb_session").Value, testPassword, "argon2", "password_hash", "token_hash", "id_hash"} {
		if strings.Contains(string(body), s) {
			t.Errorf("the export contains a secret: %q", s)
		}
	}
}

func TestDeleteAccount(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u := s.person(t, false, map[string]access.Role{"PRO Norrby": access.RoleBooker})
	b := s.browser(t)
	b.login(u.Email)
	confirm := b.get("/konto/radera")
	confirm.status(t, http.StatusOK)
	if !strings.Contains(confirm.text(".lead"), u.Email) {
		t.Errorf("confirmation does not name the account: %q", confirm.text(".lead"))
	}
	p := b.post("/konto/radera", confirm.formValues(t, `main form[action="/konto/radera"]`))
	p.status(t, http.StatusOK)
	checkPage(t, p, "sv")
	if p.text("h1") != "Ditt konto är raderat" || p.doc.Find(`form[action="/logga-ut"]`).Length() != 0 {
		t.Errorf("after deleting: h1 %q, logout button shown: %v", p.text("h1"), p.doc.Find(`form[action="/logga-ut"]`).Length() > 0)
	}
	if c := setCookie(p.resp, "lb_session"); c == nil || c.MaxAge >= 0 {
		t.Errorf("session cookie not cleared: %+v", c)
	}
	if _, err := s.accounts.FindUserByEmail(context.Background(), u.Email); !errors.Is(err, account.ErrUserNotFound) {
		t.Errorf("the user is still there: %v", err)
	}
	b.get("/konto").status(t, http.StatusSeeOther)
}

// The city's only administrator could delete their account from /konto/radera before
// issue 12; now the page says why not, and nothing changes.
func TestDeleteLastCityAdmin(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u := s.person(t, true, nil)
	if _, err := s.db.ExecContext(context.Background(), "UPDATE users SET city_admin = false WHERE city_admin AND id <> ?", u.ID); err != nil {
		t.Fatal(err)
	}
	b := s.browser(t)
	b.login(u.Email)
	p := b.post("/konto/radera", b.get("/konto/radera").formValues(t, `main form[action="/konto/radera"]`))
	p.status(t, http.StatusConflict)
	checkPage(t, p, "sv")
	if got := p.text("h1"); got != "Staden behöver en administratör" {
		t.Errorf("h1 %q", got)
	}
	if _, err := s.accounts.FindUserByEmail(context.Background(), u.Email); err != nil {
		t.Errorf("the city's last administrator was deleted: %v", err)
	}
	b.get("/konto").status(t, http.StatusOK)
}

// TestTextStaysText stores markup and SQL in text fields and checks that they come back as
// the same text, shown as text: nothing is run, nothing is lost.
func TestTextStaysText(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	const script, sql = "<script>alert(1)</script>", "'; DROP TABLE users;--"
	b := s.adminOf(t, "PRO Norrby")
	pro := s.orgNamed(t, "PRO Norrby").ID

	r := b.post("/konto/uppgifter", fill(b.get("/konto").formValues(t, `form[action="/konto/uppgifter"]`), "name", script+" "+sql))
	r.status(t, http.StatusSeeOther)
	p := b.post("/konto/nycklar", fill(b.get("/konto").formValues(t, `form[action="/konto/nycklar"]`), "token_name", sql+script))
	p.status(t, http.StatusOK)
	v := validVenueForm(t, b, pro)
	v = fill(v, "name", script, "description", sql, "contact_name", script+sql)
	r = b.post("/lokaler/ny", v)
	r.status(t, http.StatusSeeOther)

	account := b.get("/konto")
	if got := account.text(".site-header__who"); !strings.Contains(got, script+" "+sql) {
		t.Errorf("header %q", got)
	}
	if got := account.text("#tokens-title + .prose + .table-wrap tbody th"); got != sql+script {
		t.Errorf("token name %q", got)
	}
	venue := b.get(r.resp.Header.Get("Location"))
	if venue.text("h1") != script || !strings.Contains(venue.text("#about-title + .prose"), sql) {
		t.Errorf("venue page: h1 %q, about %q", venue.text("h1"), venue.text("#about-title + .prose"))
	}
	members := b.get(fmt.Sprintf("/organisationer/%d/medlemmar", pro))
	for _, p := range []page{account, venue, members} {
		if n := p.doc.Find("script").Length(); n > 0 {
			t.Errorf("%s: %d script elements: markup from a field was not escaped", p.resp.Request.URL.Path, n)
		}
	}
	if !strings.Contains(members.text("#members-title + .table-wrap tbody"), script) {
		t.Error("the name is not shown as text on the members page")
	}
	// The users table is still there: the person can still sign in.
	again := s.browser(t)
	users, err := s.accounts.FindMembers(context.Background(), access.System, pro)
	if err != nil || len(users) != 1 {
		t.Fatalf("members: %v %v", users, err)
	}
	again.login(users[0].User.Email)
}

// The reset form offers to revoke the person's API tokens, ticked; they survived a reset
// before issue 12.
func TestResetPasswordRevokesTokens(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := newSite(t)
	u := s.person(t, false, nil)
	secret, _, err := s.accounts.CreateTokenForUser(ctx, u.ID, "Skript")
	if err != nil {
		t.Fatal(err)
	}
	token, err := s.accounts.CreatePasswordReset(ctx, access.System, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	b := s.browser(t)
	link := "/losenord/" + token
	values := b.get(link).formValues(t, "main form")
	if values.Get("revoke_tokens") != "yes" {
		t.Fatalf("token box not ticked: %v", values)
	}
	b.post(link, fill(values, "password", "ett helt nytt lösenord")).status(t, http.StatusOK)
	if _, err := s.accounts.ActorForToken(ctx, secret, ""); !errors.Is(err, account.ErrBadToken) {
		t.Errorf("API token works after the reset: %v", err)
	}
}
