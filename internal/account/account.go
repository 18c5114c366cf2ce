// Package account holds the people who use Lokalbanken and how they prove who they are: users,
// their memberships of organisations, sign-in sessions, personal API tokens, one-time links
// (invitations and password resets) and the throttling of failed logins.
//
// Secrets never leave this package in readable form except once, when they are made: a
// session token from Login, an API token from CreateToken, a link token from Invite or
// CreatePasswordReset — and the links that are mailed (a reset asked for on the "forgot
// password" form, an invitation), which go to the Mailer in the message that carries them:
// the outbox keeps that message (notify.Retention) while the link itself lives an hour
// (resets) or a week (invitations) and works once. Only their SHA-256 is stored here, and
// passwords only as argon2id hashes. None of them is ever logged or written to the audit log.
package account

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// User is a row of the users table: a person who can sign in.
type User struct {
	bun.BaseModel `bun:"table:users,alias:u"`

	ID    int64  `bun:"id,pk,autoincrement"`
	Email string `bun:"email,notnull"`
	Name  string `bun:"name,notnull"`
	Phone string `bun:"phone,notnull"`
	// PasswordHash is the argon2id hash in PHC form, nil until the person sets a password.
	// The json tag is a safety net: no encoding of a User may ever carry it.
	PasswordHash      *string    `bun:"password_hash" json:"-"`
	CityAdmin         bool       `bun:"city_admin,notnull"`
	CreatedAt         time.Time  `bun:"created_at,notnull"`
	UpdatedAt         time.Time  `bun:"updated_at,notnull"`
	PasswordChangedAt *time.Time `bun:"password_changed_at"`
	// Lang is the language of the person's e-mail ("sv" or "en"); empty is stored as Swedish.
	Lang string `bun:"lang,nullzero,notnull,default:'sv'"`
	// MailOrgBookings: an organisation admin who also wants the decisions on bookings that
	// others made for the organisation.
	MailOrgBookings bool `bun:"mail_org_bookings,notnull"`
	// MailOff lists the kinds of non-essential message the person does not want.
	MailOff []string `bun:"mail_off,array,nullzero,notnull,default:'{}'"`
	// ReminderMinutes is how long before a booking the person is reminded of it; nil: never.
	ReminderMinutes *int `bun:"reminder_minutes"`
}

// HasPassword reports whether the person has set a password and so can sign in with one.
func (u *User) HasPassword() bool { return u.PasswordHash != nil }

// UserInput is what a client sends to create or change a user, from the API, a form or the
// command line alike; the service validates it.
type UserInput struct {
	Email string `json:"email" form:"email" validate:"required,max=254,email"`
	Name  string `json:"name" form:"name" validate:"required,notblank,max=200"`
	Phone string `json:"phone" form:"phone" validate:"omitempty,phone"`
	// CityAdmin is honoured only when a city administrator creates or changes the user.
	CityAdmin bool `json:"city_admin" form:"city_admin"`
}

// Membership is a row of the memberships table: a person's role in an organisation.
type Membership struct {
	bun.BaseModel `bun:"table:memberships,alias:m"`

	UserID         int64       `bun:"user_id,pk"`
	OrganisationID int64       `bun:"organisation_id,pk"`
	Role           access.Role `bun:"role,notnull"`
	CreatedAt      time.Time   `bun:"created_at,notnull"`
	UpdatedAt      time.Time   `bun:"updated_at,notnull"`

	User         *User                      `bun:"rel:belongs-to,join:user_id=id"`
	Organisation *organisation.Organisation `bun:"rel:belongs-to,join:organisation_id=id"`
}

// Token is a row of the api_tokens table: a personal API token. It never holds the secret,
// which is shown once, when the token is created.
type Token struct {
	bun.BaseModel `bun:"table:api_tokens,alias:t"`

	ID     int64  `bun:"id,pk,autoincrement"`
	UserID int64  `bun:"user_id,notnull"`
	Name   string `bun:"name,notnull"`
	// Prefix is the secret's first characters, so a person can tell tokens apart.
	Prefix     string     `bun:"prefix,notnull"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
	ExpiresAt  *time.Time `bun:"expires_at"`
	LastUsedAt *time.Time `bun:"last_used_at"`
	RevokedAt  *time.Time `bun:"revoked_at"`
}

// Usable reports whether the token still lets its holder in at now.
func (t *Token) Usable(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt == nil || now.Before(*t.ExpiresAt))
}

// session is a row of the sessions table; its id is known only to the browser holding it.
type session struct {
	bun.BaseModel `bun:"table:sessions,alias:s"`

	IDHash     []byte    `bun:"id_hash,pk"`
	UserID     int64     `bun:"user_id,notnull"`
	CreatedAt  time.Time `bun:"created_at,notnull"`
	LastSeenAt time.Time `bun:"last_seen_at,notnull"`
	ExpiresAt  time.Time `bun:"expires_at,notnull"`
	// IDToken is the ID token of a session made by single sign-on, nil for a password login.
	IDToken *string `bun:"id_token"`
}

// The kinds of one-time link.
const (
	linkInvitation    = "invitation"
	linkPasswordReset = "password_reset"
)

// link is a row of the one_time_links table.
type link struct {
	bun.BaseModel `bun:"table:one_time_links,alias:l"`

	TokenHash      []byte       `bun:"token_hash,pk"`
	Kind           string       `bun:"kind,notnull"`
	UserID         *int64       `bun:"user_id"`
	OrganisationID *int64       `bun:"organisation_id"`
	Role           *access.Role `bun:"role"`
	Email          *string      `bun:"email"`
	CreatedBy      *int64       `bun:"created_by"`
	CreatedAt      time.Time    `bun:"created_at,notnull"`
	ExpiresAt      time.Time    `bun:"expires_at,notnull"`
	UsedAt         *time.Time   `bun:"used_at"`
}

// usable reports whether the link may still be used at now.
func (l *link) usable(now time.Time) bool { return l.UsedAt == nil && now.Before(l.ExpiresAt) }

// failure is a row of the login_failures table.
type failure struct {
	bun.BaseModel `bun:"table:login_failures,alias:f"`

	Key          string     `bun:"key,pk"`
	Failures     int        `bun:"failures,notnull"`
	FirstFailure time.Time  `bun:"first_failure,notnull"`
	LockedUntil  *time.Time `bun:"locked_until"`
}
