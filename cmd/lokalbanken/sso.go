package main

import (
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/config"
	"github.com/borasstad/lokalbanken/internal/sso"
)

// ssoProvider is the single sign-on provider of the configuration, or nil when it is off.
// Its redirect URI is the public URL's callback path.
func ssoProvider(cfg config.Config, db *bun.DB) *sso.Provider {
	o := cfg.OIDC
	if !o.Enabled() {
		return nil
	}
	groups := make([]sso.RoleGroup, 0, len(o.RoleGroups))
	for _, r := range o.RoleGroups {
		groups = append(groups, sso.RoleGroup{Group: r.Group, OrganisationID: r.OrganisationID, Role: access.Role(r.Role)})
	}
	return sso.New(db, sso.Config{
		Issuer: o.Issuer, ClientID: o.ClientID, ClientSecret: o.ClientSecret,
		RedirectURL: cfg.BaseURL + sso.CallbackPath, Scopes: o.Scopes, GroupsClaim: o.GroupsClaim,
		CityAdminGroups: o.CityAdminGroups, RoleGroups: groups, LinkVerifiedEmail: o.LinkVerifiedEmail,
	}, nil)
}
