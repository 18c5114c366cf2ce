package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// Errors of single sign-on.
var (
	// ErrExternalEmailTaken refuses a first sign-in through a provider whose address belongs
	// to an account that may not be taken over (the provider did not say the address is
	// verified, or linking by address is off).
	ErrExternalEmailTaken = fault.New(fault.Conflict, "sso_email_taken")
	// ErrExternalNoEmail refuses a first sign-in whose identity carries no usable address.
	ErrExternalNoEmail = fault.New(fault.Invalid, "sso_no_email")
)

// identity is a row of the user_identities table: the account a provider's person is.
type identity struct {
	bun.BaseModel `bun:"table:user_identities,alias:i"`

	Issuer      string    `bun:"issuer,pk"`
	Subject     string    `bun:"subject,pk"`
	UserID      int64     `bun:"user_id,notnull"`
	CreatedAt   time.Time `bun:"created_at,notnull"`
	LastLoginAt time.Time `bun:"last_login_at,notnull"`
}

// hasIdentity reports whether the person's account is linked to a single sign-on provider.
func hasIdentity(ctx context.Context, db bun.IDB, userID int64) (bool, error) {
	return db.NewSelect().Model((*identity)(nil)).Where("i.user_id = ?", userID).Exists(ctx)
}

// External is a person as an OpenID provider vouched for them (the ID token verified), with
// what the provider's groups make them here.
type External struct {
	// Issuer and Subject name the person for good; the account is found by them.
	Issuer, Subject string
	Email           string
	// EmailVerified is the provider's email_verified claim.
	EmailVerified bool
	Name          string
	// LinkVerifiedEmail is the operator's policy: a first sign-in may take over the account
	// with the same address when the provider says the address is verified.
	LinkVerifiedEmail bool
	// IDToken is kept with the session, for the provider's logout (id_token_hint).
	IDToken string
	// CityAdmin, when not nil, is whether the groups make the person a city administrator.
	CityAdmin *bool
	// Managed are the organisations whose membership the groups decide, and Roles the role
	// the groups give in each (none: not a member). Other memberships are left alone.
	Managed []int64
	Roles   map[int64]access.Role
}

// LoginExternal signs in a person vouched for by an OpenID provider and starts a session, as
// Login does for a password, returning its token and the person.
//
// The account is the one linked to (Issuer, Subject). At the first sign-in there is none:
// an account with the same address is linked only when ext.LinkVerifiedEmail and
// ext.EmailVerified both hold (audited "user.sso_link"), otherwise ErrExternalEmailTaken;
// with no such account one is made, without a password ("user.create" by the person). The
// name given by the provider is kept up to date. A linked account no longer signs in with a
// password (Login) nor gets reset links (RequestPasswordReset).
//
// At every sign-in the memberships of the organisations in ext.Managed are set to ext.Roles
// ("membership.sso_set", "membership.sso_remove") and, when ext.CityAdmin is set, the city
// administrator role too ("user.sso_city_admin"), except that an organisation's last admin
// and the city's last administrator keep their role (the same rules as by hand). The login
// is audited "login.sso". It returns ErrExternalNoEmail when an account must be made and
// the identity has no valid address.
func (s *Service) LoginExternal(ctx context.Context, ext External, ip string) (string, *User, error) {
	if ext.Issuer == "" || ext.Subject == "" {
		return "", nil, fmt.Errorf("login external: %w", ErrBadCredentials)
	}
	now := s.now()
	token, idHash := newSecret()
	var u *User
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		u, err = s.externalUser(ctx, tx, ext, ip, now)
		if err != nil {
			return err
		}
		actor := access.Actor{UserID: u.ID, IP: ip}
		if err := syncCityAdmin(ctx, tx, actor, u, ext.CityAdmin, now); err != nil {
			return err
		}
		if err := syncMemberships(ctx, tx, actor, u.ID, ext, now); err != nil {
			return err
		}
		sess := &session{IDHash: idHash, UserID: u.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(s.cfg.SessionAbsolute)}
		if ext.IDToken != "" {
			sess.IDToken = &ext.IDToken
		}
		if _, err := tx.NewInsert().Model(sess).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{Action: "login.sso", ObjectType: "user", ObjectID: u.ID})
	})
	if err != nil {
		return "", nil, fmt.Errorf("login external: %w", err)
	}
	return token, u, nil
}

// externalUser returns the account of the identity, linking or making it at the first
// sign-in, and brings its name up to date.
func (s *Service) externalUser(ctx context.Context, tx bun.Tx, ext External, ip string, now time.Time) (*User, error) {
	id := new(identity)
	err := tx.NewSelect().Model(id).Where("i.issuer = ? AND i.subject = ?", ext.Issuer, ext.Subject).For("UPDATE").Scan(ctx)
	switch {
	case err == nil:
		u, err := findUser(ctx, tx, id.UserID)
		if err != nil {
			return nil, err
		}
		if _, err := tx.NewUpdate().Model(id).Set("last_login_at = ?", now).WherePK().Exec(ctx); err != nil {
			return nil, err
		}
		return u, renameExternal(ctx, tx, u, ext.Name, now)
	case !errors.Is(err, sql.ErrNoRows):
		return nil, err
	}

	email := strings.TrimSpace(ext.Email)
	if email == "" || len(email) > 254 || s.validate.Var(email, "email") != nil {
		return nil, ErrExternalNoEmail
	}
	u, err := findUserByEmail(ctx, tx, email)
	switch {
	case err == nil:
		if !ext.LinkVerifiedEmail || !ext.EmailVerified {
			return nil, ErrExternalEmailTaken
		}
		if err := audit.Record(ctx, tx, access.Actor{UserID: u.ID, IP: ip}, now, audit.Change{
			Action: "user.sso_link", ObjectType: "user", ObjectID: u.ID,
		}); err != nil {
			return nil, err
		}
		if err := renameExternal(ctx, tx, u, ext.Name, now); err != nil {
			return nil, err
		}
	case errors.Is(err, ErrUserNotFound):
		u = &User{Email: email, Name: externalName(ext.Name, email), CreatedAt: now, UpdatedAt: now}
		if err := insertUser(ctx, tx, access.Anonymous(ip), u); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	_, err = tx.NewInsert().Model(&identity{Issuer: ext.Issuer, Subject: ext.Subject, UserID: u.ID, CreatedAt: now, LastLoginAt: now}).Exec(ctx)
	return u, err
}

// externalName is the provider's name for the person, cut to what the users table holds,
// or the address's local part when the provider gave none.
func externalName(name, email string) string {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		name, _, _ = strings.Cut(email, "@")
	}
	for utf8.RuneCountInString(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}

// renameExternal takes the provider's name for the person when it has changed.
func renameExternal(ctx context.Context, tx bun.Tx, u *User, name string, now time.Time) error {
	if name = strings.Join(strings.Fields(name), " "); name == "" {
		return nil
	}
	if name = externalName(name, u.Email); name == u.Name {
		return nil
	}
	before := stateOf(u)
	u.Name, u.UpdatedAt = name, now
	if _, err := tx.NewUpdate().Model(u).Column("name", "updated_at").WherePK().Exec(ctx); err != nil {
		return err
	}
	return audit.Record(ctx, tx, access.Actor{UserID: u.ID}, now, audit.Change{
		Action: "user.update", ObjectType: "user", ObjectID: u.ID, Before: before, After: stateOf(u),
	})
}

// syncCityAdmin gives or takes the city administrator role as the groups say, keeping it
// for the city's last administrator.
func syncCityAdmin(ctx context.Context, tx bun.Tx, actor access.Actor, u *User, want *bool, now time.Time) error {
	if want == nil || *want == u.CityAdmin {
		return nil
	}
	if !*want {
		err := checkNotLastCityAdmin(ctx, tx, u.ID)
		if errors.Is(err, ErrLastCityAdmin) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	before := stateOf(u)
	u.CityAdmin, u.UpdatedAt = *want, now
	if _, err := tx.NewUpdate().Model(u).Column("city_admin", "updated_at").WherePK().Exec(ctx); err != nil {
		return err
	}
	return audit.Record(ctx, tx, actor, now, audit.Change{
		Action: "user.sso_city_admin", ObjectType: "user", ObjectID: u.ID, Before: before, After: stateOf(u),
	})
}

// syncMemberships sets the person's role in each managed organisation to what the groups
// give, in the order of the organisations' ids (so that two sign-ins lock alike). An
// organisation that no longer exists is passed over; its last admin keeps the role.
func syncMemberships(ctx context.Context, tx bun.Tx, actor access.Actor, userID int64, ext External, now time.Time) error {
	orgs := slices.Clone(ext.Managed)
	slices.Sort(orgs)
	for _, orgID := range slices.Compact(orgs) {
		err := lockOrganisation(ctx, tx, orgID)
		if errors.Is(err, organisation.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if role, ok := ext.Roles[orgID]; ok && validRole(role) {
			_, err := setRole(ctx, tx, actor, "membership.sso_set", orgID, userID, role, now)
			if err != nil && !errors.Is(err, ErrLastAdmin) {
				return err
			}
			continue
		}
		m, err := findMembership(ctx, tx, orgID, userID)
		if errors.Is(err, ErrMembershipNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if m.Role == access.RoleAdmin {
			err := checkNotLastAdmin(ctx, tx, orgID, userID)
			if errors.Is(err, ErrLastAdmin) {
				continue
			}
			if err != nil {
				return err
			}
		}
		if _, err := tx.NewDelete().Model(m).WherePK().Exec(ctx); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, actor, now, audit.Change{
			Action: "membership.sso_remove", ObjectType: "membership", ObjectID: userID, OrganisationID: orgID,
			Before: roleState{m.Role},
		}); err != nil {
			return err
		}
	}
	return nil
}

// EndSession ends the session with the token, as Logout does, and returns the ID token it
// was made with by single sign-on ("" for a password login or an unknown session), for the
// provider's logout.
func (s *Service) EndSession(ctx context.Context, sessionToken string) (string, error) {
	var idToken sql.NullString
	err := s.db.NewDelete().Model((*session)(nil)).Where("id_hash = ?", hashSecret(sessionToken)).
		Returning("id_token").Scan(ctx, &idToken)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("end session: %w", err)
	}
	return idToken.String, nil
}
