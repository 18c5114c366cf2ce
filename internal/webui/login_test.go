package webui_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

func TestLogin(t *testing.T) {
	t.Parallel()
	s := newSite(t)

	t.Run("OK", func(t *testing.T) {
		u := s.person(t, false, nil)
		b := s.browser(t)
		form := b.get("/logga-in")
		form.status(t, http.StatusOK)
		before := b.cookie("csrf").Value
		values := fill(form.formValues(t, "main form"), "email", strings.ToUpper(u.Email), "password", testPassword)
		r := b.post("/logga-in", values)
		r.status(t, http.StatusSeeOther)
		if loc := r.resp.Header.Get("Location"); loc != "/att-gora" {
			t.Errorf("redirect to %q, want /att-gora", loc)
		}
		session := setCookie(r.resp, "lb_session")
		if session == nil || session.Value == "" || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode ||
			session.Path != "/" || session.Secure {
			t.Fatalf("session cookie %+v, want HttpOnly, SameSite=Lax, Path=/, not Secure over http", session)
		}
		if after := b.cookie("csrf"); after == nil || after.Value == before {
			t.Error("the CSRF token was not renewed at login")
		}
		p := b.get("/konto")
		p.status(t, http.StatusOK)
		if got := p.text(".site-header__who"); !strings.Contains(got, u.Name) {
			t.Errorf("header says %q, want the name %q", got, u.Name)
		}
		if p.doc.Find(`form[action="/logga-ut"]`).Length() != 1 || p.doc.Find(`a[href^="/logga-in"]`).Length() != 0 {
			t.Error("a signed-in page shows no logout button, or a login link")
		}
		if cc := p.resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q on a signed-in page", cc)
		}
		// Signing in again, even in the same browser, gives a new session.
		again := b.post("/logga-in", fill(b.get("/konto").formValues(t, `form[action="/logga-ut"]`), "email", u.Email, "password", testPassword))
		again.status(t, http.StatusSeeOther)
		if s2 := setCookie(again.resp, "lb_session"); s2 == nil || s2.Value == session.Value {
			t.Error("the session was not rotated at the second login")
		}
		// The first session ended with it.
		old := s.browser(t)
		old.client.Jar.SetCookies(r.resp.Request.URL, []*http.Cookie{{Name: "lb_session", Value: session.Value, Path: "/"}})
		old.get("/konto").status(t, http.StatusSeeOther)
	})

	t.Run("SecureCookie", func(t *testing.T) {
		s := newSiteAt(t, "https://lokalbanken.example")
		u := s.person(t, false, nil)
		b := s.browser(t)
		r := b.post("/logga-in", fill(b.get("/logga-in").formValues(t, "main form"), "email", u.Email, "password", testPassword))
		r.status(t, http.StatusSeeOther)
		if c := setCookie(r.resp, "lb_session"); c == nil || !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
			t.Errorf("session cookie %+v, want Secure, HttpOnly, SameSite=Lax", c)
		}
	})

	t.Run("SameAnswerForUnknownAndWrong", func(t *testing.T) {
		u := s.person(t, false, nil)
		var answers []string
		for _, email := range []string{u.Email, "ingen@test.example"} {
			b := s.browser(t)
			p := b.post("/logga-in", fill(b.get("/logga-in").formValues(t, "main form"), "email", email, "password", "fel lösenord här"))
			p.status(t, http.StatusUnprocessableEntity)
			if setCookie(p.resp, "lb_session") != nil {
				t.Error("a failed login set a session cookie")
			}
			if got := p.doc.Find(`input[name="email"]`).AttrOr("value", ""); got != email {
				t.Errorf("the address typed is not kept: %q", got)
			}
			if got := p.doc.Find(`input[name="password"]`).AttrOr("value", ""); got != "" {
				t.Errorf("the password is written back into the page: %q", got)
			}
			answers = append(answers, p.text(".error-summary"))
		}
		if answers[0] != answers[1] || !strings.Contains(answers[0], "Fel e-postadress eller lösenord") {
			t.Errorf("answers differ or are wrong: %q", answers)
		}
	})

	t.Run("Throttled", func(t *testing.T) {
		u := s.person(t, false, nil)
		b := s.browser(t)
		values := b.get("/logga-in").formValues(t, "main form")
		for i := range 5 {
			p := b.post("/logga-in", fill(values, "email", u.Email, "password", "fel lösenord "+strconv.Itoa(i)))
			p.status(t, http.StatusUnprocessableEntity)
		}
		// Locked now: even the right password is refused, with how long to wait.
		p := b.post("/logga-in", fill(values, "email", u.Email, "password", testPassword))
		p.status(t, http.StatusTooManyRequests)
		secs, err := strconv.Atoi(p.resp.Header.Get("Retry-After"))
		if err != nil || secs <= 0 || secs > 15*60 {
			t.Errorf("Retry-After %q", p.resp.Header.Get("Retry-After"))
		}
		if got := p.text(".error-summary"); !strings.Contains(got, "För många misslyckade inloggningar") || !strings.Contains(got, "15 minuter") {
			t.Errorf("throttled page says %q", got)
		}
		if setCookie(p.resp, "lb_session") != nil {
			t.Error("a throttled login set a session cookie")
		}
	})

	t.Run("Next", func(t *testing.T) {
		u := s.person(t, false, nil)
		tests := []struct{ next, want string }{
			{"/lokaler/ny", "/lokaler/ny"},
			{"/lokaler?district=Norrby", "/lokaler?district=Norrby"},
			{"//evil.example/", "/att-gora"},
			{"/\\evil.example/", "/att-gora"},
			{"https://evil.example/", "/att-gora"},
			{"javascript:alert(1)", "/att-gora"},
			{"evil.example", "/att-gora"},
			{"/\t/evil.example", "/att-gora"},
		}
		for _, tc := range tests {
			b := s.browser(t)
			if strings.ContainsRune(tc.next, '\t') {
				// A control character in any parameter is refused before the page looks at it
				// (checkText): no form, no redirect.
				b.get("/logga-in?next="+url.QueryEscape(tc.next)).status(t, http.StatusUnprocessableEntity)
				values := b.get("/logga-in").formValues(t, "main form")
				values.Set("next", tc.next)
				b.post("/logga-in", fill(values, "email", u.Email, "password", testPassword)).status(t, http.StatusUnprocessableEntity)
				continue
			}
			form := b.get("/logga-in?next=" + url.QueryEscape(tc.next))
			form.status(t, http.StatusOK)
			values := form.formValues(t, "main form")
			if tc.want == "/konto" && values.Get("next") != "" {
				t.Errorf("next %q is carried in the form", tc.next)
			}
			// Posted directly too: the form's hidden field is the visitor's to change.
			values.Set("next", tc.next)
			r := b.post("/logga-in", fill(values, "email", u.Email, "password", testPassword))
			r.status(t, http.StatusSeeOther)
			if loc := r.resp.Header.Get("Location"); loc != tc.want {
				t.Errorf("next %q: redirect to %q, want %q", tc.next, loc, tc.want)
			}
		}
	})

	t.Run("AnonymousIsSentToLogin", func(t *testing.T) {
		b := s.browser(t)
		for path, want := range map[string]string{
			"/konto":               "/logga-in?next=%2Fkonto",
			"/konto/export.json":   "/logga-in?next=%2Fkonto%2Fexport.json",
			"/admin/anvandare?q=a": "/logga-in?next=%2Fadmin%2Fanvandare%3Fq%3Da",
		} {
			r := b.get(path)
			r.status(t, http.StatusSeeOther)
			if loc := r.resp.Header.Get("Location"); loc != want {
				t.Errorf("%s: redirect to %q, want %q", path, loc, want)
			}
		}
		// The login link of every page brings the visitor back.
		if href := b.get("/lokaler").doc.Find(`.site-nav a[href^="/logga-in"]`).AttrOr("href", ""); href != "/logga-in?next=%2Flokaler" {
			t.Errorf("login link %q", href)
		}
	})

	t.Run("SignedInVisitorGoesOn", func(t *testing.T) {
		b := s.signedIn(t, false, nil)
		r := b.get("/logga-in?next=/lokaler")
		r.status(t, http.StatusSeeOther)
		if loc := r.resp.Header.Get("Location"); loc != "/lokaler" {
			t.Errorf("redirect to %q", loc)
		}
	})

	t.Run("UnknownSession", func(t *testing.T) {
		b := s.browser(t)
		u, _ := url.Parse(s.url)
		b.client.Jar.SetCookies(u, []*http.Cookie{{Name: "lb_session", Value: "not-a-session", Path: "/"}})
		p := b.get("/lokaler")
		p.status(t, http.StatusOK)
		if c := setCookie(p.resp, "lb_session"); c == nil || c.MaxAge >= 0 {
			t.Errorf("the unknown session's cookie is not cleared: %+v", c)
		}
		if p.doc.Find(`form[action="/logga-ut"]`).Length() != 0 {
			t.Error("an unknown session is shown as signed in")
		}
	})

	t.Run("CSRF", func(t *testing.T) {
		u := s.person(t, false, nil)
		b := s.browser(t)
		values := fill(b.get("/logga-in").formValues(t, "main form"), "email", u.Email, "password", testPassword)
		values.Del("csrf")
		p := b.post("/logga-in", values)
		p.status(t, http.StatusForbidden)
		if setCookie(p.resp, "lb_session") != nil {
			t.Error("a login without CSRF token set a session cookie")
		}
	})
}

func TestLogout(t *testing.T) {
	t.Parallel()
	s := newSite(t)

	t.Run("OK", func(t *testing.T) {
		b := s.signedIn(t, false, nil)
		session := b.cookie("lb_session").Value
		form := b.get("/konto").formValues(t, `form[action="/logga-ut"]`)
		r := b.post("/logga-ut", form)
		r.status(t, http.StatusSeeOther)
		if loc := r.resp.Header.Get("Location"); loc != "/" {
			t.Errorf("redirect to %q", loc)
		}
		if c := setCookie(r.resp, "lb_session"); c == nil || c.MaxAge >= 0 {
			t.Errorf("session cookie not cleared: %+v", c)
		}
		b.get("/konto").status(t, http.StatusSeeOther)
		// The session is gone on the server too: its token no longer signs anyone in.
		u, _ := url.Parse(s.url)
		b.client.Jar.SetCookies(u, []*http.Cookie{{Name: "lb_session", Value: session, Path: "/"}})
		b.get("/konto").status(t, http.StatusSeeOther)
	})

	t.Run("CSRF", func(t *testing.T) {
		b := s.signedIn(t, false, nil)
		form := b.get("/konto").formValues(t, `form[action="/logga-ut"]`)
		form.Del("csrf")
		b.post("/logga-ut", form).status(t, http.StatusForbidden)
		b.get("/konto").status(t, http.StatusOK) // still signed in
	})

	t.Run("GetIsNotLogout", func(t *testing.T) {
		b := s.signedIn(t, false, nil)
		if r := b.get("/logga-ut"); r.resp.StatusCode == http.StatusSeeOther || r.resp.StatusCode == http.StatusOK {
			t.Errorf("GET /logga-ut answered %d", r.resp.StatusCode)
		}
		b.get("/konto").status(t, http.StatusOK)
	})
}

// setCookie returns the cookie of that name the response sets, or nil.
func setCookie(resp *http.Response, name string) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}
