// Package sso signs the city's staff in with an OpenID Connect provider: the authorization
// code flow with PKCE (S256), state and nonce, the ID token verified by go-oidc (signature
// against the provider's published keys, issuer, audience, expiry), and the provider's
// groups mapped to roles here.
//
// A sign-in under way lives in PostgreSQL (oidc_logins), not in the process, so the browser
// may come back to any instance. It is bound to the browser that started it by a secret
// cookie of which only the SHA-256 is stored, expires after LoginTTL, and is deleted on the
// first callback whatever its outcome: a callback replayed, or one from another browser, or
// one whose state was never made here, finds nothing.
package sso

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/uptrace/bun"
	"golang.org/x/oauth2"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/credential"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/ratelimit"
)

// CallbackPath is this site's path to which the provider sends the browser back: the
// redirect URI registered at the provider is the public URL followed by it.
const CallbackPath = "/logga-in/sso/retur"

// LoginTTL is how long a person has at the provider before the sign-in started here expires.
const LoginTTL = 10 * time.Minute

// Errors of Finish. Each wraps fault.Unauthenticated, except ErrUnavailable.
var (
	// ErrState: the callback's state is missing, unknown, used already, expired, or was
	// started in another browser.
	ErrState = fault.New(fault.Unauthenticated, "sso_state")
	// ErrRefused: the provider refused the code (used, expired, PKCE verifier wrong) or
	// answered with an error, or the ID token did not verify (signature, issuer, audience,
	// expiry, nonce).
	ErrRefused = fault.New(fault.Unauthenticated, "sso_refused")
	// ErrUnavailable: the provider could not be reached or its discovery document read.
	ErrUnavailable = fault.New(fault.Unavailable, "sso_unavailable")
)

// RoleGroup gives members of Group the Role in organisation OrganisationID.
type RoleGroup struct {
	Group          string
	OrganisationID int64
	Role           access.Role
}

// Config is the provider and what its groups mean here.
type Config struct {
	Issuer, ClientID, ClientSecret string
	// RedirectURL is this site's callback, registered at the provider.
	RedirectURL string
	// Scopes are asked for besides "openid".
	Scopes []string
	// GroupsClaim is the ID token claim listing the person's groups.
	GroupsClaim     string
	CityAdminGroups []string
	RoleGroups      []RoleGroup
	// LinkVerifiedEmail: see account.External.
	LinkVerifiedEmail bool
	// HTTPClient talks to the provider; nil means one with a 10 s timeout.
	HTTPClient *http.Client
}

// Provider is one configured OpenID provider. Its discovery document is read at the first
// sign-in (and again after a failure), so the service starts while the provider is down.
type Provider struct {
	db     *bun.DB
	cfg    Config
	now    func() time.Time
	client *http.Client

	// starts limits the sign-ins started (StartRate, StartRateOverall): each one is a row.
	starts *ratelimit.Limiter

	mu   sync.Mutex
	disc *discovered
}

// The limits on sign-ins started. Staff behind the city's address translation share one
// client address, so the limit per address is generous; together they bound the rows of
// sign-ins under way (at most about 30 000 within LoginTTL).
var (
	StartRate        = ratelimit.Rate{Burst: 60, Every: time.Second}
	StartRateOverall = ratelimit.Rate{Burst: 300, Every: 20 * time.Millisecond}
)

type discovered struct {
	oauth      oauth2.Config
	verifier   *oidc.IDTokenVerifier
	endSession string
}

// New returns the provider of cfg over db, with the clock now (nil: time.Now).
func New(db *bun.DB, cfg Config, now func() time.Time) *Provider {
	if now == nil {
		now = time.Now
	}
	client := cfg.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	return &Provider{db: db, cfg: cfg, now: now, client: client, starts: ratelimit.New(StartRate, StartRateOverall, now)}
}

// LimitStarts replaces the limits on sign-ins started, forgetting what was counted. Call it
// before use.
func (p *Provider) LimitStarts(perAddress, overall ratelimit.Rate) {
	p.starts = ratelimit.New(perAddress, overall, p.now)
}

// pending is a row of oidc_logins: a sign-in under way.
type pending struct {
	bun.BaseModel `bun:"table:oidc_logins,alias:ol"`

	StateHash   []byte    `bun:"state_hash,pk"`
	BrowserHash []byte    `bun:"browser_hash,notnull"`
	Nonce       string    `bun:"nonce,notnull"`
	Verifier    string    `bun:"verifier,notnull"`
	Next        string    `bun:"next,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
	ExpiresAt   time.Time `bun:"expires_at,notnull"`
}

func (p *Provider) discover(ctx context.Context) (*discovered, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.disc != nil {
		return p.disc, nil
	}
	// Keys are fetched later, outside any request: a background context with our client.
	bg := oidc.ClientContext(context.Background(), p.client)
	dctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, p.client), 15*time.Second)
	defer cancel()
	prov, err := oidc.NewProvider(dctx, p.cfg.Issuer)
	if err != nil {
		return nil, fault.Wrap(ErrUnavailable, fmt.Errorf("discover %s: %w", p.cfg.Issuer, err))
	}
	var extra struct {
		EndSession string `json:"end_session_endpoint"`
	}
	_ = prov.Claims(&extra) // the document parsed once already; a missing field is "none"
	p.disc = &discovered{
		oauth: oauth2.Config{
			ClientID: p.cfg.ClientID, ClientSecret: p.cfg.ClientSecret, RedirectURL: p.cfg.RedirectURL,
			Endpoint: prov.Endpoint(), Scopes: append([]string{oidc.ScopeOpenID}, p.cfg.Scopes...),
		},
		verifier:   prov.VerifierContext(bg, &oidc.Config{ClientID: p.cfg.ClientID, Now: p.now}),
		endSession: extra.EndSession,
	}
	return p.disc, nil
}

// Begin starts a sign-in from client address ip that returns to next (a path on this site,
// checked by the caller) and returns the provider's URL to send the browser to and the
// secret for the browser's cookie, without which the callback is refused. It returns a
// *ratelimit.LimitedError when ip or everyone together starts too many, and ErrUnavailable
// when the provider cannot be reached.
func (p *Provider) Begin(ctx context.Context, next, ip string) (redirect, browser string, err error) {
	if err := p.starts.Allow(ip); err != nil {
		return "", "", err
	}
	d, err := p.discover(ctx)
	if err != nil {
		return "", "", err
	}
	state, stateHash := credential.New()
	browser, browserHash := credential.New()
	nonce, _ := credential.New()
	verifier := oauth2.GenerateVerifier()
	now := p.now()
	// Sign-ins abandoned at the provider go with the next one started.
	if _, err := p.db.NewDelete().Model((*pending)(nil)).Where("expires_at <= ?", now).Exec(ctx); err != nil {
		return "", "", fmt.Errorf("begin sign-in: %w", err)
	}
	row := &pending{StateHash: stateHash, BrowserHash: browserHash, Nonce: nonce, Verifier: verifier, Next: next,
		CreatedAt: now, ExpiresAt: now.Add(LoginTTL)}
	if _, err := p.db.NewInsert().Model(row).Exec(ctx); err != nil {
		return "", "", fmt.Errorf("begin sign-in: %w", err)
	}
	return d.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), browser, nil
}

// Identity is who the provider says signed in, from the verified ID token.
type Identity struct {
	Issuer, Subject string
	Email           string
	EmailVerified   bool
	Name            string
	Groups          []string
	// IDToken is the token itself, for the provider's logout.
	IDToken string
	// Next is where the sign-in was to go afterwards.
	Next string
}

// Finish completes the sign-in the provider sent the browser back from, with the state and
// code of the callback and the browser's cookie secret. The sign-in is used up whatever
// happens. It returns ErrState, ErrRefused or ErrUnavailable.
func (p *Provider) Finish(ctx context.Context, state, code, browser string) (*Identity, error) {
	if state == "" || browser == "" {
		return nil, ErrState
	}
	row := new(pending)
	err := p.db.NewDelete().Model(row).Where("state_hash = ?", credential.Hash(state)).Returning("*").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrState
	}
	if err != nil {
		return nil, fmt.Errorf("finish sign-in: %w", err)
	}
	if subtle.ConstantTimeCompare(row.BrowserHash, credential.Hash(browser)) != 1 || !p.now().Before(row.ExpiresAt) {
		return nil, ErrState
	}
	if code == "" {
		return nil, fault.Wrap(ErrRefused, errors.New("no code"))
	}
	d, err := p.discover(ctx)
	if err != nil {
		return nil, err
	}
	tok, err := d.oauth.Exchange(oidc.ClientContext(ctx, p.client), code, oauth2.VerifierOption(row.Verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			return nil, fault.Wrap(ErrRefused, fmt.Errorf("exchange code: %w", err))
		}
		return nil, fault.Wrap(ErrUnavailable, fmt.Errorf("exchange code: %w", err))
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, fault.Wrap(ErrRefused, errors.New("no id_token in the token response"))
	}
	idt, err := d.verifier.Verify(ctx, raw)
	if err != nil {
		return nil, fault.Wrap(ErrRefused, fmt.Errorf("verify id token: %w", err))
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(row.Nonce)) != 1 {
		return nil, fault.Wrap(ErrRefused, errors.New("id token nonce does not match"))
	}
	claims := map[string]any{}
	if err := idt.Claims(&claims); err != nil {
		return nil, fault.Wrap(ErrRefused, fmt.Errorf("read id token claims: %w", err))
	}
	// With several audiences the token must have been issued to us (OpenID Connect Core 3.1.3.7).
	if azp, _ := claims["azp"].(string); len(idt.Audience) > 1 && azp != p.cfg.ClientID {
		return nil, fault.Wrap(ErrRefused, fmt.Errorf("id token azp %q is not this client", azp))
	}
	id := &Identity{Issuer: idt.Issuer, Subject: idt.Subject, IDToken: raw, Next: row.Next,
		Email: str(claims["email"]), EmailVerified: verified(claims["email_verified"]),
		Name: str(claims["name"]), Groups: strs(claims[p.cfg.GroupsClaim])}
	if id.Name == "" {
		id.Name = strings.TrimSpace(str(claims["given_name"]) + " " + str(claims["family_name"]))
	}
	if id.Email == "" {
		// Microsoft Entra ID sends no email claim for people without a mailbox; their user
		// principal name is an address. It is never taken as verified.
		if u := str(claims["preferred_username"]); strings.Contains(u, "@") {
			id.Email, id.EmailVerified = u, false
		}
	}
	return id, nil
}

// Grants is what a person's groups make them here.
type Grants struct {
	// CityAdmin is nil when no city administrator group is configured: the groups then
	// decide nothing about it.
	CityAdmin *bool
	// Managed lists every organisation the mapping names; Roles the role given in each
	// (the stronger when several groups give one), absent for none.
	Managed []int64
	Roles   map[int64]access.Role
}

// Grants maps groups to roles.
func (p *Provider) Grants(groups []string) Grants {
	g := Grants{Roles: map[int64]access.Role{}}
	if len(p.cfg.CityAdminGroups) > 0 {
		admin := slices.ContainsFunc(groups, func(s string) bool { return slices.Contains(p.cfg.CityAdminGroups, s) })
		g.CityAdmin = &admin
	}
	for _, r := range p.cfg.RoleGroups {
		if !slices.Contains(g.Managed, r.OrganisationID) {
			g.Managed = append(g.Managed, r.OrganisationID)
		}
		if !slices.Contains(groups, r.Group) {
			continue
		}
		if cur, ok := g.Roles[r.OrganisationID]; !ok || cur == access.RoleBooker {
			g.Roles[r.OrganisationID] = r.Role
		}
	}
	return g
}

// LinkVerifiedEmail reports the operator's policy for linking by address (Config).
func (p *Provider) LinkVerifiedEmail() bool { return p.cfg.LinkVerifiedEmail }

// LogoutURL returns where to send the browser to end the person's session at the provider
// too (RP-initiated logout), coming back to back; "" when the provider publishes no
// end_session_endpoint or cannot be reached (the session here is ended either way).
func (p *Provider) LogoutURL(ctx context.Context, idToken, back string) string {
	d, err := p.discover(ctx)
	if err != nil || d.endSession == "" {
		return ""
	}
	u, err := url.Parse(d.endSession)
	if err != nil {
		return ""
	}
	q := u.Query()
	q.Set("client_id", p.cfg.ClientID)
	q.Set("post_logout_redirect_uri", back)
	if idToken != "" {
		q.Set("id_token_hint", idToken)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func str(v any) string {
	s, _ := v.(string)
	return strings.TrimSpace(s)
}

// verified reads email_verified, which some providers send as the string "true".
func verified(v any) bool {
	switch b := v.(type) {
	case bool:
		return b
	case string:
		return b == "true"
	}
	return false
}

// strs reads a claim that lists strings, or holds one.
func strs(v any) []string {
	switch l := v.(type) {
	case string:
		return []string{l}
	case []any:
		out := make([]string, 0, len(l))
		for _, x := range l {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
