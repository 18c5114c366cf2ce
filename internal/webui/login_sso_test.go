package webui_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/ratelimit"
	"github.com/borasstad/lokalbanken/internal/sso"
)

// idp is a real OpenID provider (mockoidc) on a loopback port, with two additions made in
// front of it: its discovery document names an end_session_endpoint (served by ended), and
// its token endpoint can be made to tamper with the ID token it returns.
type idp struct {
	*mockoidc.MockOIDC
	mu     sync.Mutex
	tamper bool
	// logouts are the queries the end_session_endpoint received.
	logouts []url.Values
	ended   *httptest.Server
}

func startIDP(t *testing.T) *idp {
	t.Helper()
	m, err := mockoidc.NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &idp{MockOIDC: m}
	p.ended = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.logouts = append(p.logouts, r.URL.Query())
		p.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(p.ended.Close)
	if err := m.AddMiddleware(p.rewrite); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Start(ln, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	return p
}

// rewrite adds end_session_endpoint to the discovery document and, while tamper is set,
// changes the subject inside the ID token of a token response, keeping its signature.
func (p *idp) rewrite(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		tamper := p.tamper
		p.mu.Unlock()
		if r.URL.Path != mockoidc.DiscoveryEndpoint && (r.URL.Path != mockoidc.TokenEndpoint || !tamper) {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		body := map[string]any{}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != http.StatusOK {
			w.WriteHeader(rec.Code)
			_, _ = w.Write(rec.Body.Bytes())
			return
		}
		if r.URL.Path == mockoidc.DiscoveryEndpoint {
			body["end_session_endpoint"] = p.ended.URL + "/logout"
		} else if tok, ok := body["id_token"].(string); ok {
			parts := strings.Split(tok, ".")
			claims := map[string]any{}
			payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
			_ = json.Unmarshal(payload, &claims)
			claims["sub"] = "someone-else"
			payload, _ = json.Marshal(claims)
			parts[1] = base64.RawURLEncoding.EncodeToString(payload)
			body["id_token"] = strings.Join(parts, ".")
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	})
}

func (p *idp) setTamper(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tamper = on
}

// staff is a person at the provider. tweak, when set, changes the ID token's claims before
// they are signed (another audience, another nonce).
type staff struct {
	sub, email, name string
	// username is preferred_username.
	username string
	verified bool
	groups   []string
	tweak    func(*mockoidc.IDTokenClaims)
}

type staffClaims struct {
	*mockoidc.IDTokenClaims
	Email         string   `json:"email,omitempty"`
	EmailVerified bool     `json:"email_verified"`
	Name          string   `json:"name,omitempty"`
	Username      string   `json:"preferred_username,omitempty"`
	Groups        []string `json:"groups,omitempty"`
}

func (s *staff) ID() string { return s.sub }

func (s *staff) Userinfo([]string) ([]byte, error) {
	return json.Marshal(map[string]any{"sub": s.sub, "email": s.email, "name": s.name})
}

func (s *staff) Claims(_ []string, c *mockoidc.IDTokenClaims) (jwt.Claims, error) {
	if s.tweak != nil {
		s.tweak(c)
	}
	return &staffClaims{IDTokenClaims: c, Email: s.email, EmailVerified: s.verified, Name: s.name, Username: s.username, Groups: s.groups}, nil
}

// ssoSite is a site whose login page offers single sign-on with the provider, mapping the
// provider's groups: "lb-admin" to city administrator, "fritid-admin" and "fritid-bokare" to
// admin and booker of Fritids- och folkhälsoförvaltningen, "kultur" to booker of
// Kulturförvaltningen.
// tune, when given, changes the provider before use.
func ssoSite(t *testing.T, p *idp, linkVerified bool, tune ...func(*sso.Provider)) *site {
	t.Helper()
	return newSiteFull(t, "", account.Config{Hash: account.HashParams{Memory: 64, Time: 1, Threads: 1}}, func(s *site) *sso.Provider {
		fritid, kultur := s.orgNamed(t, "Fritids- och folkhälsoförvaltningen").ID, s.orgNamed(t, "Kulturförvaltningen").ID
		provider := sso.New(s.db, sso.Config{
			Issuer: p.Issuer(), ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: s.url + sso.CallbackPath,
			Scopes: []string{"profile", "email", "groups"}, GroupsClaim: "groups",
			CityAdminGroups: []string{"lb-admin"},
			RoleGroups: []sso.RoleGroup{
				{Group: "fritid-admin", OrganisationID: fritid, Role: access.RoleAdmin},
				{Group: "fritid-bokare", OrganisationID: fritid, Role: access.RoleBooker},
				{Group: "kultur", OrganisationID: kultur, Role: access.RoleBooker},
			},
			LinkVerifiedEmail: linkVerified,
		}, nil)
		for _, f := range tune {
			f(provider)
		}
		return provider
	})
}

// toProvider follows the login page's SSO button (from the login page at path) and
// follows the browser to the provider, which answers at once with the person queued; it
// returns the callback URL the provider sends the browser back to, not yet visited.
func (b *browser) toProvider(path string, p *idp, who *staff) *url.URL {
	b.t.Helper()
	href, ok := b.get(path).doc.Find(`main a[href^="/logga-in/sso"]`).Attr("href")
	if !ok {
		b.t.Fatalf("%s offers no single sign-on", path)
	}
	start := b.get(href)
	start.status(b.t, http.StatusSeeOther)
	auth := start.resp.Header.Get("Location")
	if !strings.HasPrefix(auth, p.AuthorizationEndpoint()+"?") {
		b.t.Fatalf("sign-in sent the browser to %q, not the provider", auth)
	}
	q, _ := url.Parse(auth)
	if q.Query().Get("code_challenge_method") != "S256" || q.Query().Get("code_challenge") == "" || q.Query().Get("nonce") == "" {
		b.t.Errorf("the authorization request lacks PKCE S256 or a nonce: %s", q.RawQuery)
	}
	p.QueueUser(who)
	back := b.getURL(auth)
	back.status(b.t, http.StatusFound)
	cb, err := url.Parse(back.resp.Header.Get("Location"))
	if err != nil || cb.Path != sso.CallbackPath {
		b.t.Fatalf("the provider sent the browser to %q", back.resp.Header.Get("Location"))
	}
	return cb
}

// getURL visits an absolute URL.
func (b *browser) getURL(u string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

// refused checks that the callback answered status with the login page and started no session.
func refused(t *testing.T, p page, status int, title string) {
	t.Helper()
	p.status(t, status)
	if c := setCookie(p.resp, "lb_session"); c != nil && c.Value != "" {
		t.Error("a refused sign-in set a session cookie")
	}
	if got := p.text(".error-summary, [role=alert]"); !strings.Contains(got, title) {
		t.Errorf("the page says %q, want %q", got, title)
	}
}

func auditActions(t *testing.T, s *site, userID int64) []string {
	t.Helper()
	var actions []string
	err := s.db.NewSelect().Table("audit_log").Column("action").
		Where("(object_type = 'user' OR object_type = 'membership') AND object_id = ?", userID).
		OrderExpr("id").Scan(context.Background(), &actions)
	if err != nil {
		t.Fatal(err)
	}
	return actions
}

func TestSingleSignOn(t *testing.T) {
	t.Parallel()
	p := startIDP(t)
	s := ssoSite(t, p, false)
	fritid, kultur, pro := s.orgNamed(t, "Fritids- och folkhälsoförvaltningen").ID, s.orgNamed(t, "Kulturförvaltningen").ID, s.orgNamed(t, "PRO Norrby").ID
	// Another city administrator, so that the groups may take the role from Anna.
	s.person(t, true, nil)
	anna := &staff{sub: "anna-0001", email: "anna.andersson@boras.example", name: "Anna Andersson", verified: true,
		groups: []string{"lb-admin", "fritid-admin", "unrelated"}}

	var annaID int64
	t.Run("OK", func(t *testing.T) {
		b := s.browser(t)
		cb := b.toProvider("/logga-in", p, anna)
		r := b.getURL(cb.String())
		r.status(t, http.StatusSeeOther)
		if loc := r.resp.Header.Get("Location"); loc != "/att-gora" {
			t.Errorf("signed in to %q, want /att-gora", loc)
		}
		if c := setCookie(r.resp, "lb_session"); c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
			t.Fatalf("session cookie %+v", c)
		}
		if c := b.cookie("lb_sso"); c != nil {
			t.Error("the sign-in cookie outlived the callback")
		}
		page := b.get("/konto")
		page.status(t, http.StatusOK)
		if got := page.text(".site-header__who"); !strings.Contains(got, "Anna Andersson") {
			t.Errorf("header says %q", got)
		}
		u, err := s.accounts.FindUserByEmail(context.Background(), anna.email)
		if err != nil {
			t.Fatal(err)
		}
		annaID = u.ID
		if !u.CityAdmin || u.HasPassword() {
			t.Errorf("city admin %t, password %t; want a city administrator without a password", u.CityAdmin, u.HasPassword())
		}
		roles := memberRoles(t, s, u.ID)
		if roles[fritid] != access.RoleAdmin || len(roles) != 1 {
			t.Errorf("roles %v, want admin of %d only", roles, fritid)
		}
		// The city administrator's pages are open to her.
		b.get("/admin/anvandare").status(t, http.StatusOK)
		want := []string{"user.create", "user.sso_city_admin", "membership.sso_set", "login.sso"}
		if got := auditActions(t, s, u.ID); !slices.Equal(got, want) {
			t.Errorf("audit %v, want %v", got, want)
		}
	})
	if annaID == 0 {
		t.FailNow()
	}

	t.Run("RolesFollowGroups", func(t *testing.T) {
		// A membership the groups do not manage is left alone.
		if _, err := s.accounts.SetMember(context.Background(), access.System, pro, annaID, access.RoleBooker); err != nil {
			t.Fatal(err)
		}
		// Another admin of Fritid, so that Anna is not its last.
		other := s.person(t, false, nil)
		if _, err := s.accounts.SetMember(context.Background(), access.System, fritid, other.ID, access.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		moved := *anna
		moved.groups, moved.name = []string{"kultur"}, "Anna Berg"
		b := s.browser(t)
		b.getURL(b.toProvider("/logga-in", p, &moved).String()).status(t, http.StatusSeeOther)
		u, err := s.accounts.FindUserByEmail(context.Background(), anna.email)
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != annaID || u.CityAdmin || u.Name != "Anna Berg" {
			t.Errorf("user %d city admin %t name %q; want the same account, no longer city administrator, renamed", u.ID, u.CityAdmin, u.Name)
		}
		roles := memberRoles(t, s, u.ID)
		if len(roles) != 2 || roles[kultur] != access.RoleBooker || roles[pro] != access.RoleBooker {
			t.Errorf("roles %v, want booker of %d and (untouched) of %d", roles, kultur, pro)
		}
		got := auditActions(t, s, u.ID)
		for _, a := range []string{"membership.sso_remove", "user.update"} {
			if !slices.Contains(got, a) {
				t.Errorf("audit %v lacks %s", got, a)
			}
		}
		b.get("/admin/anvandare").status(t, http.StatusForbidden)
	})

	t.Run("Next", func(t *testing.T) {
		b := s.browser(t)
		r := b.getURL(b.toProvider("/logga-in?next=%2Fkonto", p, anna).String())
		r.status(t, http.StatusSeeOther)
		if loc := r.resp.Header.Get("Location"); loc != "/konto" {
			t.Errorf("signed in to %q, want /konto", loc)
		}
	})

	t.Run("Logout", func(t *testing.T) {
		b := s.browser(t)
		b.getURL(b.toProvider("/logga-in", p, anna).String()).status(t, http.StatusSeeOther)
		out := b.post("/logga-ut", b.get("/konto").formValues(t, `form[action="/logga-ut"]`))
		out.status(t, http.StatusSeeOther)
		loc, err := url.Parse(out.resp.Header.Get("Location"))
		if err != nil || loc.Scheme+"://"+loc.Host+loc.Path != p.ended.URL+"/logout" {
			t.Fatalf("logout went to %q, want the provider's end_session_endpoint", out.resp.Header.Get("Location"))
		}
		q := loc.Query()
		if q.Get("id_token_hint") == "" || q.Get("client_id") != p.ClientID || q.Get("post_logout_redirect_uri") != s.url+"/" {
			t.Errorf("end session query %v", q)
		}
		b.get("/konto").status(t, http.StatusSeeOther)
		// A password login's logout stays here.
		pw := s.browser(t)
		pw.login(s.person(t, false, nil).Email)
		out = pw.post("/logga-ut", pw.get("/konto").formValues(t, `form[action="/logga-ut"]`))
		if loc := out.resp.Header.Get("Location"); loc != "/" {
			t.Errorf("password logout went to %q", loc)
		}
	})

	// Refusals. Each leaves the browser signed out and the sign-in used up.
	t.Run("ExpiredToken", func(t *testing.T) {
		b := s.browser(t)
		cb := b.toProvider("/logga-in", p, anna)
		p.FastForward(-time.Hour) // the token is issued an hour ago: it expired 50 minutes ago
		r := b.getURL(cb.String())
		p.FastForward(time.Hour)
		refused(t, r, http.StatusUnauthorized, "Inloggningen godtogs inte")
		if !strings.Contains(s.log.String(), "token is expired") {
			t.Error("the log does not say the token had expired")
		}
	})

	t.Run("TamperedToken", func(t *testing.T) {
		b := s.browser(t)
		cb := b.toProvider("/logga-in", p, anna)
		p.setTamper(true)
		r := b.getURL(cb.String())
		p.setTamper(false)
		refused(t, r, http.StatusUnauthorized, "Inloggningen godtogs inte")
		if !strings.Contains(s.log.String(), "failed to verify signature") {
			t.Error("the log does not say the signature failed")
		}
	})

	t.Run("WrongAudience", func(t *testing.T) {
		other := *anna
		other.tweak = func(c *mockoidc.IDTokenClaims) { c.Audience = jwt.ClaimStrings{"another-client"} }
		b := s.browser(t)
		refused(t, b.getURL(b.toProvider("/logga-in", p, &other).String()), http.StatusUnauthorized, "Inloggningen godtogs inte")
		if !strings.Contains(s.log.String(), "expected audience") {
			t.Error("the log does not say the audience was wrong")
		}
	})

	t.Run("WrongNonce", func(t *testing.T) {
		other := *anna
		other.tweak = func(c *mockoidc.IDTokenClaims) { c.Nonce = "a-nonce-from-another-sign-in" }
		b := s.browser(t)
		refused(t, b.getURL(b.toProvider("/logga-in", p, &other).String()), http.StatusUnauthorized, "Inloggningen godtogs inte")
		if !strings.Contains(s.log.String(), "nonce does not match") {
			t.Error("the log does not say the nonce was wrong")
		}
	})

	t.Run("ReplayedCallback", func(t *testing.T) {
		b := s.browser(t)
		cb := b.toProvider("/logga-in", p, anna)
		binding := b.cookie("lb_sso")
		b.getURL(cb.String()).status(t, http.StatusSeeOther)
		// The same callback again, with the sign-in cookie put back, in a fresh browser.
		again := s.browser(t)
		again.client.Jar.SetCookies(cb, []*http.Cookie{{Name: "lb_sso", Value: binding.Value, Path: "/"}})
		refused(t, again.getURL(cb.String()), http.StatusBadRequest, "Inloggningen kunde inte slutföras")
	})

	t.Run("CodeReusedWithNewState", func(t *testing.T) {
		b := s.browser(t)
		first := b.toProvider("/logga-in", p, anna)
		b.getURL(first.String()).status(t, http.StatusSeeOther)
		b = s.browser(t)
		second := b.toProvider("/logga-in", p, anna)
		q := second.Query()
		q.Set("code", first.Query().Get("code"))
		second.RawQuery = q.Encode()
		refused(t, b.getURL(second.String()), http.StatusUnauthorized, "Inloggningen godtogs inte")
	})

	t.Run("PKCEVerifierMismatch", func(t *testing.T) {
		// Code A is never used; presented with sign-in B's state, the token request carries B's
		// verifier, which does not match A's challenge.
		b := s.browser(t)
		a := b.toProvider("/logga-in", p, anna)
		bb := b.toProvider("/logga-in", p, anna)
		q := bb.Query()
		q.Set("code", a.Query().Get("code"))
		bb.RawQuery = q.Encode()
		refused(t, b.getURL(bb.String()), http.StatusUnauthorized, "Inloggningen godtogs inte")
		if !strings.Contains(s.log.String(), "Code challenge did not match") {
			t.Error("the provider did not refuse the verifier")
		}
	})

	t.Run("MissingState", func(t *testing.T) {
		b := s.browser(t)
		cb := b.toProvider("/logga-in", p, anna)
		q := cb.Query()
		q.Del("state")
		cb.RawQuery = q.Encode()
		refused(t, b.getURL(cb.String()), http.StatusBadRequest, "Inloggningen kunde inte slutföras")
	})

	t.Run("UnknownState", func(t *testing.T) {
		b := s.browser(t)
		cb := b.toProvider("/logga-in", p, anna)
		q := cb.Query()
		q.Set("state", "bm90IGEgc3RhdGUgbWFkZSBoZXJl")
		cb.RawQuery = q.Encode()
		refused(t, b.getURL(cb.String()), http.StatusBadRequest, "Inloggningen kunde inte slutföras")
	})

	t.Run("StateOfAnotherBrowser", func(t *testing.T) {
		// A callback started in the victim's browser does not sign in the attacker's, and the
		// other way round (login CSRF).
		attacker, victim := s.browser(t), s.browser(t)
		cb := attacker.toProvider("/logga-in", p, anna)
		victim.toProvider("/logga-in", p, anna)
		refused(t, victim.getURL(cb.String()), http.StatusBadRequest, "Inloggningen kunde inte slutföras")
		// Used up: not even the browser that started it can finish it now.
		refused(t, attacker.getURL(cb.String()), http.StatusBadRequest, "Inloggningen kunde inte slutföras")
	})

	t.Run("ProviderError", func(t *testing.T) {
		b := s.browser(t)
		cb := b.toProvider("/logga-in", p, anna)
		q := cb.Query()
		q.Del("code")
		q.Set("error", "access_denied")
		cb.RawQuery = q.Encode()
		refused(t, b.getURL(cb.String()), http.StatusUnauthorized, "Inloggningen godtogs inte")
	})

	t.Run("NoEmailClaim", func(t *testing.T) {
		// As Microsoft Entra ID for someone without a mailbox: the user principal name is
		// the address; without either there is no account to make.
		upn := &staff{sub: "upn-1", username: "bertil.berg@boras.example", name: "Bertil Berg"}
		b := s.browser(t)
		b.getURL(b.toProvider("/logga-in", p, upn).String()).status(t, http.StatusSeeOther)
		if _, err := s.accounts.FindUserByEmail(context.Background(), upn.username); err != nil {
			t.Errorf("no account with the user principal name: %v", err)
		}
		none := &staff{sub: "none-1", name: "Utan Adress"}
		b = s.browser(t)
		refused(t, b.getURL(b.toProvider("/logga-in", p, none).String()), http.StatusUnprocessableEntity, "ingen e-postadress")
	})

	t.Run("EmailTaken", func(t *testing.T) {
		local := s.person(t, false, nil)
		same := &staff{sub: "local-" + local.Email, email: strings.ToUpper(local.Email), name: "Samma", verified: true, groups: []string{"lb-admin"}}
		b := s.browser(t)
		refused(t, b.getURL(b.toProvider("/logga-in", p, same).String()), http.StatusConflict, "Det finns redan ett konto")
		u, err := s.accounts.FindUserByEmail(context.Background(), local.Email)
		if err != nil || u.CityAdmin || u.Name != local.Name {
			t.Errorf("the local account changed: %+v, %v", u, err)
		}
	})
}

func TestSingleSignOnLinksVerifiedEmail(t *testing.T) {
	t.Parallel()
	p := startIDP(t)
	s := ssoSite(t, p, true)
	local := s.person(t, false, nil)

	unverified := &staff{sub: "u-1", email: local.Email, name: "Overifierad"}
	b := s.browser(t)
	refused(t, b.getURL(b.toProvider("/logga-in", p, unverified).String()), http.StatusConflict, "Det finns redan ett konto")

	verified := &staff{sub: "v-1", email: local.Email, name: local.Name, verified: true, groups: []string{"kultur"}}
	b = s.browser(t)
	b.getURL(b.toProvider("/logga-in", p, verified).String()).status(t, http.StatusSeeOther)
	if got := auditActions(t, s, local.ID); !slices.Contains(got, "user.sso_link") {
		t.Errorf("audit %v lacks user.sso_link", got)
	}
	// Linked, the account signs in only through the provider: the password is refused with
	// the usual answer, and "forgot password" makes no link.
	pw := s.browser(t)
	pw.post("/logga-in", fill(pw.get("/logga-in").formValues(t, `main form[action="/logga-in"]`), "email", local.Email, "password", testPassword)).
		status(t, http.StatusUnprocessableEntity)
	pw.post("/glomt-losenord", fill(pw.get("/glomt-losenord").formValues(t, `main form`), "email", local.Email)).status(t, http.StatusOK)
	if n, err := s.db.NewSelect().Table("one_time_links").Where("user_id = ?", local.ID).Count(context.Background()); err != nil || n != 0 {
		t.Errorf("%d reset links (%v) for a linked account", n, err)
	}
	// Later sign-ins find the account by subject, whatever the address says.
	verified.email = "nytt.namn@boras.example"
	b = s.browser(t)
	b.getURL(b.toProvider("/logga-in", p, verified).String()).status(t, http.StatusSeeOther)
	if got := b.get("/konto").text(".site-header__who"); !strings.Contains(got, local.Name) {
		t.Errorf("signed in as %q, want %q", got, local.Name)
	}
}

func TestSingleSignOnButton(t *testing.T) {
	t.Parallel()
	t.Run("Off", func(t *testing.T) {
		t.Parallel()
		s := newSite(t)
		b := s.browser(t)
		page := b.get("/logga-in")
		if page.doc.Find(`a[href^="/logga-in/sso"]`).Length() != 0 {
			t.Error("the login page offers single sign-on that is not configured")
		}
		b.get("/logga-in/sso").status(t, http.StatusNotFound)
		b.get("/logga-in/sso/retur?state=x&code=y").status(t, http.StatusNotFound)
	})
	t.Run("On", func(t *testing.T) {
		t.Parallel()
		p := startIDP(t)
		s := ssoSite(t, p, false)
		b := s.browser(t)
		for _, c := range []struct{ path, want string }{
			{"/logga-in", "Logga in med Borås Stads konto"},
			{"/logga-in?lang=en", "Sign in with City of Borås account"},
		} {
			path, want := c.path, c.want
			page := b.get(path)
			if page.resp.StatusCode == http.StatusSeeOther {
				page = b.get(page.resp.Header.Get("Location"))
			}
			if got := page.text(`main a[href^="/logga-in/sso"]`); got != want {
				t.Errorf("%s: button %q, want %q", path, got, want)
			}
			// The password form is still there, for associations.
			if page.doc.Find(`form[action="/logga-in"] input[name="password"]`).Length() != 1 {
				t.Errorf("%s: no password form", path)
			}
		}
	})
}

// TestSingleSignOnStartLimit: starting sign-ins is limited per client address (each is a
// row until it is used or expires); over the limit the login page says so with 429 and
// Retry-After, and nothing is stored.
func TestSingleSignOnStartLimit(t *testing.T) {
	t.Parallel()
	p := startIDP(t)
	s := ssoSite(t, p, false, func(pr *sso.Provider) {
		pr.LimitStarts(ratelimit.Rate{Burst: 2, Every: time.Hour}, ratelimit.Rate{Burst: 1000, Every: time.Millisecond})
	})
	b := s.browser(t)
	for range 2 {
		b.get("/logga-in/sso").status(t, http.StatusSeeOther)
	}
	over := b.get("/logga-in/sso")
	over.status(t, http.StatusTooManyRequests)
	if over.resp.Header.Get("Retry-After") == "" || !strings.Contains(over.text(".error-summary"), "För många förfrågningar") {
		t.Errorf("Retry-After %q, page %q", over.resp.Header.Get("Retry-After"), over.text(".error-summary"))
	}
	if n, err := s.db.NewSelect().Table("oidc_logins").Count(context.Background()); err != nil || n != 2 {
		t.Errorf("%d sign-ins stored (%v), want 2", n, err)
	}
}

// memberRoles returns the person's roles by organisation.
func memberRoles(t *testing.T, s *site, userID int64) map[int64]access.Role {
	t.Helper()
	ms, err := s.accounts.FindMemberships(context.Background(), userID)
	if err != nil {
		t.Fatal(err)
	}
	roles := map[int64]access.Role{}
	for _, m := range ms {
		roles[m.OrganisationID] = m.Role
	}
	return roles
}
