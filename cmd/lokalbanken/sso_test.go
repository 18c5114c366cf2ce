package main

import (
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"

	"github.com/borasstad/lokalbanken/internal/config"
	"github.com/borasstad/lokalbanken/internal/sso"
)

// TestSingleSignOnWiring starts the service configured for single sign-on with a provider
// (mockoidc) on a loopback port and signs in through it: the configuration reaches the login
// page, the redirect URI is the public URL's callback, and the provider's groups make the
// person a city administrator.
func TestSingleSignOnWiring(t *testing.T) {
	t.Parallel()
	m, err := mockoidc.NewServer(nil)
	if err != nil {
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
	base := startAppWith(t, func(c *config.Config) {
		c.OIDC = config.OIDC{Issuer: m.Issuer(), ClientID: m.ClientID, ClientSecret: m.ClientSecret, Name: "Intranätet",
			Scopes: []string{"profile", "email", "groups"}, GroupsClaim: "groups", CityAdminGroups: []string{"engineering"}}
	})
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(u string) *http.Response {
		t.Helper()
		resp, err := client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	page, err := client.Get(base + "/logga-in")
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if !strings.Contains(string(html), "Logga in med Intranätet") {
		t.Fatal("the login page offers no single sign-on")
	}
	start := get(base + "/logga-in/sso")
	auth, _ := url.Parse(start.Header.Get("Location"))
	if start.StatusCode != http.StatusSeeOther || auth.Query().Get("redirect_uri") != "http://127.0.0.1"+sso.CallbackPath {
		t.Fatalf("start: %d to %q", start.StatusCode, start.Header.Get("Location"))
	}
	back, _ := url.Parse(get(auth.String()).Header.Get("Location"))
	// The public URL is http://127.0.0.1, the service listens on another port.
	done := get(base + back.Path + "?" + back.RawQuery)
	if done.StatusCode != http.StatusSeeOther || done.Header.Get("Location") != "/att-gora" {
		t.Fatalf("callback: %d to %q", done.StatusCode, done.Header.Get("Location"))
	}
	if r := get(base + "/admin/anvandare"); r.StatusCode != http.StatusOK {
		t.Errorf("the provider's city administrator group gave no city administrator: %d", r.StatusCode)
	}
}
