package config

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// OIDC is single sign-on with an OpenID Connect provider (the city's staff accounts). It is
// off while Issuer is empty. The redirect URI to register at the provider is
// BaseURL + "/logga-in/sso/retur" (sso.CallbackPath).
type OIDC struct {
	// Issuer is the provider's issuer URL; its discovery document is read from
	// Issuer + "/.well-known/openid-configuration".
	Issuer string
	// ClientID and ClientSecret are the client's credentials at the provider.
	ClientID, ClientSecret string
	// Name is what the login button calls the provider's accounts ("Borås Stads konto");
	// empty uses the catalogue's default.
	Name string
	// Scopes are asked for besides "openid"; default "profile email".
	Scopes []string
	// GroupsClaim names the ID token claim that lists the person's groups; default "groups".
	GroupsClaim string
	// CityAdminGroups are the groups whose members are city administrators. Empty: signing in
	// never changes who is a city administrator.
	CityAdminGroups []string
	// RoleGroups map a group to a role in an organisation.
	RoleGroups []RoleGroup
	// LinkVerifiedEmail lets a first sign-in take over an existing account with the same
	// address, but only when the provider says the address is verified (email_verified).
	// Off: such a sign-in is refused, and a city administrator must resolve it.
	LinkVerifiedEmail bool
}

// RoleGroup is one line of the group mapping: members of Group get Role ("admin" or
// "booker") in organisation OrganisationID.
type RoleGroup struct {
	Group          string
	OrganisationID int64
	Role           string
}

// Enabled reports whether single sign-on is configured.
func (o OIDC) Enabled() bool { return o.Issuer != "" }

// parseOIDC reads the LOKALBANKEN_OIDC_* variables. The client secret may come from a file
// (LOKALBANKEN_OIDC_CLIENT_SECRET_FILE, see secret), as from a secret mount.
func parseOIDC(getenv func(string) string) (OIDC, error) {
	o := OIDC{
		Issuer:      strings.TrimRight(strings.TrimSpace(getenv("LOKALBANKEN_OIDC_ISSUER")), "/"),
		ClientID:    strings.TrimSpace(getenv("LOKALBANKEN_OIDC_CLIENT_ID")),
		Name:        strings.TrimSpace(getenv("LOKALBANKEN_OIDC_NAME")),
		GroupsClaim: strings.TrimSpace(getenv("LOKALBANKEN_OIDC_GROUPS_CLAIM")),
		Scopes:      strings.Fields(strings.ReplaceAll(getenv("LOKALBANKEN_OIDC_SCOPES"), ",", " ")),
	}
	var errs []error
	if err := secret(getenv, &o.ClientSecret, "LOKALBANKEN_OIDC_CLIENT_SECRET"); err != nil {
		errs = append(errs, err)
	}
	if o.GroupsClaim == "" {
		o.GroupsClaim = "groups"
	}
	if len(o.Scopes) == 0 {
		o.Scopes = []string{"profile", "email"}
	}
	for _, g := range strings.Split(getenv("LOKALBANKEN_OIDC_CITY_ADMIN_GROUPS"), ",") {
		if g = strings.TrimSpace(g); g != "" {
			o.CityAdminGroups = append(o.CityAdminGroups, g)
		}
	}
	// group=ORGANISATION_ID:ROLE, comma-separated.
	for _, item := range strings.Split(getenv("LOKALBANKEN_OIDC_ROLE_GROUPS"), ",") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		group, target, ok1 := strings.Cut(item, "=")
		org, role, ok2 := strings.Cut(target, ":")
		id, err := strconv.ParseInt(strings.TrimSpace(org), 10, 64)
		if !ok1 || !ok2 || err != nil || id <= 0 || strings.TrimSpace(group) == "" {
			errs = append(errs, fmt.Errorf("LOKALBANKEN_OIDC_ROLE_GROUPS: %q: must be group=ORGANISATION_ID:admin|booker", item))
			continue
		}
		o.RoleGroups = append(o.RoleGroups, RoleGroup{Group: strings.TrimSpace(group), OrganisationID: id, Role: strings.TrimSpace(role)})
	}
	if v := getenv("LOKALBANKEN_OIDC_LINK_VERIFIED_EMAIL"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("LOKALBANKEN_OIDC_LINK_VERIFIED_EMAIL: %q: must be true or false", v))
		}
		o.LinkVerifiedEmail = b
	}
	return o, errors.Join(errs...)
}

// validate lists the problems of a configured provider; an unconfigured one has none,
// unless some of its settings are set without the issuer.
func (o OIDC) validate() error {
	if !o.Enabled() {
		if o.ClientID != "" || o.ClientSecret != "" || len(o.RoleGroups) > 0 || len(o.CityAdminGroups) > 0 {
			return errors.New("single sign-on: LOKALBANKEN_OIDC_ISSUER must be set with the other LOKALBANKEN_OIDC_ settings")
		}
		return nil
	}
	var errs []error
	u, err := url.Parse(o.Issuer)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http"):
		errs = append(errs, fmt.Errorf("OIDC issuer %q: must be an absolute https URL", o.Issuer))
	case u.Scheme == "http" && !loopback(u.Hostname()):
		errs = append(errs, fmt.Errorf("OIDC issuer %q: must be https (http only on a loopback address, for tests)", o.Issuer))
	}
	if o.ClientID == "" {
		errs = append(errs, errors.New("OIDC client id: must be set with LOKALBANKEN_OIDC_ISSUER"))
	}
	if o.ClientSecret == "" {
		errs = append(errs, errors.New("OIDC client secret: must be set with LOKALBANKEN_OIDC_ISSUER (or LOKALBANKEN_OIDC_CLIENT_SECRET_FILE)"))
	}
	for _, r := range o.RoleGroups {
		if r.Role != "admin" && r.Role != "booker" {
			errs = append(errs, fmt.Errorf("OIDC role group %q: role %q must be admin or booker", r.Group, r.Role))
		}
	}
	return errors.Join(errs...)
}

func loopback(host string) bool {
	return host == "localhost" || strings.HasPrefix(host, "127.") || host == "::1"
}
