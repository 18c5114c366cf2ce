package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/config"
)

func TestOIDC(t *testing.T) {
	t.Parallel()
	t.Run("Off", func(t *testing.T) {
		c, err := parse(nil)
		if err != nil || c.OIDC.Enabled() {
			t.Fatalf("enabled %t, err %v; want off without settings", c.OIDC.Enabled(), err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		secret := filepath.Join(t.TempDir(), "secret")
		if err := os.WriteFile(secret, []byte("s3cret\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := parse(map[string]string{
			"LOKALBANKEN_OIDC_ISSUER":              "https://login.example.org/tenant/v2.0/",
			"LOKALBANKEN_OIDC_CLIENT_ID":           "lokalbanken",
			"LOKALBANKEN_OIDC_CLIENT_SECRET_FILE":  secret,
			"LOKALBANKEN_OIDC_NAME":                "Intranätet",
			"LOKALBANKEN_OIDC_CITY_ADMIN_GROUPS":   "lb-admin, lb-drift",
			"LOKALBANKEN_OIDC_ROLE_GROUPS":         "fritid-admin=3:admin, kultur=4:booker",
			"LOKALBANKEN_OIDC_LINK_VERIFIED_EMAIL": "true",
		})
		if err != nil {
			t.Fatal(err)
		}
		want := config.OIDC{
			Issuer: "https://login.example.org/tenant/v2.0", ClientID: "lokalbanken", ClientSecret: "s3cret", Name: "Intranätet",
			Scopes: []string{"profile", "email"}, GroupsClaim: "groups", CityAdminGroups: []string{"lb-admin", "lb-drift"},
			RoleGroups:        []config.RoleGroup{{Group: "fritid-admin", OrganisationID: 3, Role: "admin"}, {Group: "kultur", OrganisationID: 4, Role: "booker"}},
			LinkVerifiedEmail: true,
		}
		if diff := cmp.Diff(want, c.OIDC); diff != "" {
			t.Errorf("OIDC (-want +got):\n%s", diff)
		}
		if strings.Contains(c.String(), "s3cret") {
			t.Error("the startup line shows the client secret")
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		for name, c := range map[string]struct {
			env  map[string]string
			want string
		}{
			"no issuer":    {map[string]string{"LOKALBANKEN_OIDC_CLIENT_ID": "x"}, "LOKALBANKEN_OIDC_ISSUER must be set"},
			"http issuer":  {map[string]string{"LOKALBANKEN_OIDC_ISSUER": "http://login.example.org", "LOKALBANKEN_OIDC_CLIENT_ID": "x", "LOKALBANKEN_OIDC_CLIENT_SECRET": "y"}, "must be https"},
			"no client":    {map[string]string{"LOKALBANKEN_OIDC_ISSUER": "https://login.example.org"}, "client id"},
			"no secret":    {map[string]string{"LOKALBANKEN_OIDC_ISSUER": "https://login.example.org", "LOKALBANKEN_OIDC_CLIENT_ID": "x"}, "client secret"},
			"bad mapping":  {map[string]string{"LOKALBANKEN_OIDC_ROLE_GROUPS": "fritid:admin"}, "group=ORGANISATION_ID:admin|booker"},
			"bad role":     {map[string]string{"LOKALBANKEN_OIDC_ISSUER": "https://login.example.org", "LOKALBANKEN_OIDC_CLIENT_ID": "x", "LOKALBANKEN_OIDC_CLIENT_SECRET": "y", "LOKALBANKEN_OIDC_ROLE_GROUPS": "g=1:owner"}, "must be admin or booker"},
			"bad link":     {map[string]string{"LOKALBANKEN_OIDC_LINK_VERIFIED_EMAIL": "kanske"}, "must be true or false"},
			"missing file": {map[string]string{"LOKALBANKEN_OIDC_CLIENT_SECRET_FILE": "/nonexistent/secret"}, "LOKALBANKEN_OIDC_CLIENT_SECRET_FILE"},
		} {
			if _, err := parse(c.env); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: error %v, want one saying %q", name, err, c.want)
			}
		}
	})
}
