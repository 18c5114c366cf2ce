// Package feedtoken keeps the private calendar feed links of organisations: a member makes
// one for a calendar app, which then reads the organisation's own bookings, with their
// details, at /calendar/private/{secret}.ics. The secret is shown once, when the link is
// made; only its SHA-256 is stored, and never in the audit log. A revoked link stops
// working at once: Resolve reads the database every time.
package feedtoken

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// Prefix starts every feed secret, so that secret scanners (and people) tell a feed link
// from an API token (account.TokenPrefix, "lb_").
const Prefix = "lbf_"

// prefixLength is how much of a secret is kept to tell links apart: "lbf_" and 8 of its 43
// random characters, which leaves 210 bits unknown.
const prefixLength = len(Prefix) + 8

// MaxLive is how many links an organisation may have that are not revoked. Each is a way
// into its bookings; a bound keeps that list short enough to review.
const MaxLive = 20

// Token is a row of the feed_tokens table: a private feed link of an organisation. It never
// holds the secret.
type Token struct {
	bun.BaseModel `bun:"table:feed_tokens,alias:ft"`

	ID             int64  `bun:"id,pk,autoincrement"`
	OrganisationID int64  `bun:"organisation_id,notnull"`
	Name           string `bun:"name,notnull"`
	// Prefix is the secret's first characters, so members can tell links apart.
	Prefix string `bun:"prefix,notnull"`
	// CreatedBy is the person who made the link; nil when made by the System or when that
	// person's account was deleted.
	CreatedBy  *int64     `bun:"created_by"`
	CreatedAt  time.Time  `bun:"created_at,notnull"`
	LastUsedAt *time.Time `bun:"last_used_at"`
	RevokedAt  *time.Time `bun:"revoked_at"`
}

// Revoked reports whether the link has stopped working.
func (t *Token) Revoked() bool { return t.RevokedAt != nil }

// ErrNotFound is the one answer for a link that is unknown, malformed or revoked (Resolve),
// and for an id that names no link (Revoke): it never says which.
var ErrNotFound = fault.New(fault.NotFound, "feed_token_not_found")

// CodeTooMany is the field error code (on "name") when the organisation already has
// MaxLive links; its Param is MaxLive.
const CodeTooMany = "feed_token_limit"
