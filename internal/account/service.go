package account

import (
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/credential"
	"github.com/borasstad/lokalbanken/internal/ratelimit"
)

// Config sets the lifetimes and limits of the service.
type Config struct {
	// SessionIdle ends a session not used for this long; SessionAbsolute ends it this long
	// after login however much it is used.
	SessionIdle, SessionAbsolute time.Duration
	// InvitationTTL and ResetTTL are how long one-time links stay valid.
	InvitationTTL, ResetTTL time.Duration
	// MaxFailures failed logins for one address within FailureWindow lock that address for
	// Lockout; MaxFailuresPerIP does the same for one client address, across every address
	// it tries.
	MaxFailures      int
	MaxFailuresPerIP int
	FailureWindow    time.Duration
	Lockout          time.Duration
	// Hash is the cost of new password hashes. The zero value means DefaultHashParams; only
	// tests should set anything else.
	Hash HashParams
	// MaxHashes is how many argon2 computations (password checks and new hashes) may run at
	// once; zero means as many as fit in 128 MiB at Hash's memory cost (two in production,
	// at most four). HashWait is how long one waits for a free slot before the request is
	// refused as busy; zero means DefaultHashWait.
	MaxHashes int
	HashWait  time.Duration
}

// DefaultConfig returns the production settings: sessions end after 2 hours idle or 24 hours
// in all (a working day, then sign in again), invitations last 7 days and reset links 1 hour,
// 5 failed logins for an address (20 from one client address) within 15 minutes lock it
// for 15 minutes, and a password check waits at most DefaultHashWait for an argon2 slot.
func DefaultConfig() Config {
	return Config{
		SessionIdle:      2 * time.Hour,
		SessionAbsolute:  24 * time.Hour,
		InvitationTTL:    7 * 24 * time.Hour,
		ResetTTL:         time.Hour,
		MaxFailures:      5,
		MaxFailuresPerIP: 20,
		FailureWindow:    15 * time.Minute,
		Lockout:          15 * time.Minute,
		Hash:             DefaultHashParams(),
		HashWait:         DefaultHashWait,
	}
}

// touchEvery is how stale last_seen_at / last_used_at may get: writing them on every request
// would turn every read into a write.
const touchEvery = time.Minute

// Service keeps people, their memberships and their credentials.
type Service struct {
	db       *bun.DB
	validate *validator.Validate
	now      func() time.Time
	cfg      Config
	hashes   *hashGate
	// forgot limits "forgot password" requests (ForgotRate, ForgotRateOverall).
	forgot *ratelimit.Limiter
	mail   Mailer
	// onThrottled is told of each login refused by throttling (OnThrottled); may be nil.
	onThrottled func(busy bool)
}

// NewService returns a Service over db. Zero fields of cfg take their DefaultConfig value.
func NewService(db *bun.DB, v *validator.Validate, now func() time.Time, cfg Config) *Service {
	d := DefaultConfig()
	for _, f := range []struct{ got, def *time.Duration }{
		{&cfg.SessionIdle, &d.SessionIdle}, {&cfg.SessionAbsolute, &d.SessionAbsolute},
		{&cfg.InvitationTTL, &d.InvitationTTL}, {&cfg.ResetTTL, &d.ResetTTL},
		{&cfg.FailureWindow, &d.FailureWindow}, {&cfg.Lockout, &d.Lockout}, {&cfg.HashWait, &d.HashWait},
	} {
		if *f.got <= 0 {
			*f.got = *f.def
		}
	}
	if cfg.MaxFailures <= 0 {
		cfg.MaxFailures = d.MaxFailures
	}
	if cfg.MaxFailuresPerIP <= 0 {
		cfg.MaxFailuresPerIP = d.MaxFailuresPerIP
	}
	if cfg.Hash == (HashParams{}) {
		cfg.Hash = d.Hash
	}
	if cfg.MaxHashes <= 0 {
		cfg.MaxHashes = hashesFor(cfg.Hash)
	}
	return &Service{db: db, validate: v, now: now, cfg: cfg, hashes: newHashGate(cfg.MaxHashes, cfg.HashWait),
		forgot: ratelimit.New(ForgotRate, ForgotRateOverall, now)}
}

// isSelf reports whether actor is the person userID. People may read, change, export and
// delete their own account and leave an organisation; that is the one decision this package
// makes without access.Check, because "self" is a relation to a person, not a role in an
// organisation that access could know about.
func isSelf(actor access.Actor, userID int64) bool {
	return actor.UserID != 0 && actor.UserID == userID
}

// checkSelfOrManager returns nil when actor is the person userID or may manage users (city
// administrators, access.ManageUsers), and the access error otherwise.
func checkSelfOrManager(actor access.Actor, userID int64) error {
	if isSelf(actor, userID) {
		return nil
	}
	return access.Check(actor, access.ManageUsers, 0)
}

// checkPerson returns nil when actor is a signed-in person: access.ErrUnauthenticated for an
// anonymous actor, access.ErrForbidden for the System, which has no account of its own.
func checkPerson(actor access.Actor) error {
	if !actor.SignedIn() {
		return access.ErrUnauthenticated
	}
	if actor.UserID == 0 {
		return access.ErrForbidden
	}
	return nil
}

// newSecret returns 32 random bytes in unpadded base64url (43 characters) and their SHA-256,
// the only form in which a secret is stored (see package credential).
func newSecret() (secret string, hash []byte) { return credential.New() }

// hashSecret returns the SHA-256 of a secret as presented by a client.
func hashSecret(secret string) []byte { return credential.Hash(secret) }
