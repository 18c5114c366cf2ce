package account

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
)

// Export is everything Lokalbanken stores about one person, as it is downloaded (the right
// of access and to data portability). It never holds a password hash or any secret: tokens,
// sessions and links appear by their dates only.
type Export struct {
	ExportedAt  time.Time            `json:"exported_at"`
	User        ExportedUser         `json:"user"`
	Memberships []ExportedMembership `json:"memberships"`
	Tokens      []ExportedToken      `json:"tokens"`
	Sessions    []ExportedSession    `json:"sessions"`
	// Links are invitations to the person's address and password resets for them.
	Links []ExportedLink `json:"links"`
	// LoginFailures is the count of recent failed logins for the address, if any.
	LoginFailures *ExportedLoginFailures `json:"login_failures,omitempty"`
	// Audit lists the audit entries where the person is the actor or the object.
	Audit []ExportedAuditEntry `json:"audit"`
	// MailSettings are the person's choices about the messages they get.
	MailSettings ExportedMailSettings `json:"mail_settings"`
	// Messages lists what the outbox holds for the person, oldest first: which message and
	// when, never its text (a mailed link's secret is in it).
	Messages []ExportedMessage `json:"messages"`
}

// ExportedMailSettings are the person's choices about messages.
type ExportedMailSettings struct {
	Lang            string   `json:"lang"`
	Off             []string `json:"off"`
	OrgBookings     bool     `json:"org_bookings"`
	ReminderMinutes *int     `json:"reminder_minutes"`
}

// ExportedMessage is a message to the person, without its text.
type ExportedMessage struct {
	Kind      string     `json:"kind" bun:"kind"`
	Subject   string     `json:"subject" bun:"subject"`
	To        string     `json:"to" bun:"to_address"`
	CreatedAt time.Time  `json:"created_at" bun:"created_at"`
	SentAt    *time.Time `json:"sent_at" bun:"sent_at"`
}

// ExportedUser is the person's account.
type ExportedUser struct {
	ID                int64      `json:"id"`
	Email             string     `json:"email"`
	Name              string     `json:"name"`
	Phone             string     `json:"phone"`
	CityAdmin         bool       `json:"city_admin"`
	HasPassword       bool       `json:"has_password"`
	CreatedAt         time.Time  `json:"created_at"`
	UpdatedAt         time.Time  `json:"updated_at"`
	PasswordChangedAt *time.Time `json:"password_changed_at"`
}

// ExportedMembership is one of the person's memberships.
type ExportedMembership struct {
	OrganisationID   int64       `json:"organisation_id"`
	OrganisationName string      `json:"organisation_name"`
	Role             access.Role `json:"role"`
	CreatedAt        time.Time   `json:"created_at"`
	UpdatedAt        time.Time   `json:"updated_at"`
}

// ExportedToken is one of the person's API tokens, without its secret.
type ExportedToken struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
}

// ExportedSession is one of the person's sessions, without its id.
type ExportedSession struct {
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"`
}

// ExportedLink is a one-time link for the person, without its token.
type ExportedLink struct {
	Kind           string       `json:"kind"`
	OrganisationID *int64       `json:"organisation_id,omitempty"`
	Role           *access.Role `json:"role,omitempty"`
	CreatedAt      time.Time    `json:"created_at"`
	ExpiresAt      time.Time    `json:"expires_at"`
	UsedAt         *time.Time   `json:"used_at"`
}

// ExportedLoginFailures is the throttling state of the person's address.
type ExportedLoginFailures struct {
	Failures     int        `json:"failures"`
	FirstFailure time.Time  `json:"first_failure"`
	LockedUntil  *time.Time `json:"locked_until"`
}

// ExportedAuditEntry is an audit entry about or by the person. Before and After are given
// for entries about the person's own account, memberships and tokens; for what they did to
// others only the action is, since the states are those others' data. IP is given only where
// the person was the actor.
type ExportedAuditEntry struct {
	At             time.Time       `json:"at"`
	Action         string          `json:"action"`
	ByPerson       bool            `json:"by_person"`
	ObjectType     string          `json:"object_type"`
	ObjectID       *int64          `json:"object_id"`
	OrganisationID *int64          `json:"organisation_id"`
	Before         json.RawMessage `json:"before,omitempty"`
	After          json.RawMessage `json:"after,omitempty"`
	IP             string          `json:"ip,omitempty"`
}

// ExportUser returns everything stored about the person. People may export their own data,
// city administrators anyone's. It returns ErrUserNotFound.
func (s *Service) ExportUser(ctx context.Context, actor access.Actor, id int64) (Export, error) {
	if err := checkSelfOrManager(actor, id); err != nil {
		return Export{}, err
	}
	var x Export
	// One snapshot: a repeatable-read transaction sees every table at the same instant.
	err := s.db.RunInTx(ctx, &snapshot, func(ctx context.Context, tx bun.Tx) error {
		var err error
		x, err = export(ctx, tx, id)
		return err
	})
	if err != nil {
		return Export{}, fmt.Errorf("export user %d: %w", id, err)
	}
	x.ExportedAt = s.now()
	return x, nil
}

// snapshot runs an export's reads in one repeatable-read transaction.
var snapshot = sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}

func export(ctx context.Context, tx bun.Tx, id int64) (Export, error) {
	u, err := findUser(ctx, tx, id)
	if err != nil {
		return Export{}, err
	}
	x := Export{
		User: ExportedUser{ID: u.ID, Email: u.Email, Name: u.Name, Phone: u.Phone, CityAdmin: u.CityAdmin,
			HasPassword: u.HasPassword(), CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt, PasswordChangedAt: u.PasswordChangedAt},
		Memberships: []ExportedMembership{}, Tokens: []ExportedToken{}, Sessions: []ExportedSession{},
		Links: []ExportedLink{}, Audit: []ExportedAuditEntry{},
		MailSettings: ExportedMailSettings{Lang: u.Lang, Off: append([]string{}, u.MailOff...), OrgBookings: u.MailOrgBookings,
			ReminderMinutes: u.ReminderMinutes},
		Messages: []ExportedMessage{},
	}
	if err := tx.NewRaw("SELECT kind, subject, to_address, created_at, sent_at FROM messages WHERE user_id = ? ORDER BY id", id).
		Scan(ctx, &x.Messages); err != nil {
		return x, err
	}
	ms, err := membershipsOf(ctx, tx, id)
	if err != nil {
		return x, err
	}
	for _, m := range ms {
		x.Memberships = append(x.Memberships, ExportedMembership{OrganisationID: m.OrganisationID,
			OrganisationName: m.Organisation.Name, Role: m.Role, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt})
	}
	ts, err := tokensOf(ctx, tx, id)
	if err != nil {
		return x, err
	}
	for _, t := range ts {
		x.Tokens = append(x.Tokens, ExportedToken{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt,
			ExpiresAt: t.ExpiresAt, LastUsedAt: t.LastUsedAt, RevokedAt: t.RevokedAt})
	}
	var ss []session
	if err := tx.NewSelect().Model(&ss).Where("s.user_id = ?", id).Order("s.created_at").Scan(ctx); err != nil {
		return x, err
	}
	for _, ses := range ss {
		x.Sessions = append(x.Sessions, ExportedSession{CreatedAt: ses.CreatedAt, LastSeenAt: ses.LastSeenAt, ExpiresAt: ses.ExpiresAt})
	}
	var ls []link
	if err := tx.NewSelect().Model(&ls).
		Where("l.user_id = ? OR (l.kind = ? AND lower(l.email) = lower(?))", id, linkInvitation, u.Email).
		Order("l.created_at").Scan(ctx); err != nil {
		return x, err
	}
	for _, l := range ls {
		x.Links = append(x.Links, ExportedLink{Kind: l.Kind, OrganisationID: l.OrganisationID, Role: l.Role,
			CreatedAt: l.CreatedAt, ExpiresAt: l.ExpiresAt, UsedAt: l.UsedAt})
	}
	var fs []failure
	if err := tx.NewSelect().Model(&fs).Where("f.key = ?", emailKey(u.Email)).Scan(ctx); err != nil {
		return x, err
	}
	for _, f := range fs {
		x.LoginFailures = &ExportedLoginFailures{Failures: f.Failures, FirstFailure: f.FirstFailure, LockedUntil: f.LockedUntil}
	}
	x.Audit, err = auditOf(ctx, tx, id, ts)
	return x, err
}

// auditOf returns the audit entries by or about the person, oldest first.
func auditOf(ctx context.Context, tx bun.Tx, id int64, tokens []Token) ([]ExportedAuditEntry, error) {
	ownToken := map[int64]bool{}
	tokenIDs := []int64{0} // never an id; keeps IN () valid
	for _, t := range tokens {
		ownToken[t.ID] = true
		tokenIDs = append(tokenIDs, t.ID)
	}
	var es []audit.Entry
	err := tx.NewSelect().Model(&es).
		Where("a.actor_user_id = ?", id).
		WhereOr("a.object_type IN ('user', 'membership') AND a.object_id = ?", id).
		WhereOr("a.object_type = 'token' AND a.object_id IN (?)", bun.List(tokenIDs)).
		OrderExpr("a.at, a.id").Scan(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ExportedAuditEntry, 0, len(es))
	for _, e := range es {
		byPerson := e.ActorUserID != nil && *e.ActorUserID == id
		about := false
		if e.ObjectID != nil {
			switch e.ObjectType {
			case "user", "membership":
				about = *e.ObjectID == id
			case "token":
				about = ownToken[*e.ObjectID]
			}
		}
		x := ExportedAuditEntry{At: e.At, Action: e.Action, ByPerson: byPerson, ObjectType: e.ObjectType,
			ObjectID: e.ObjectID, OrganisationID: e.OrganisationID}
		if about {
			x.Before, x.After = e.Before, e.After
		}
		if byPerson {
			x.IP = e.IP
		}
		out = append(out, x)
	}
	return out, nil
}
