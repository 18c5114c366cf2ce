package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// inviteInput is what an invitation is validated as.
type inviteInput struct {
	Email string `json:"email" validate:"required,max=254,email"`
	Role  string `json:"role" validate:"required,oneof=admin booker"`
}

// Invite makes a one-time link that lets the person with the address join the organisation
// with role, valid for Config.InvitationTTL, mails it (with a Mailer set) and returns its
// token (for the link; only its SHA-256 is stored). The organisation's admins and city
// administrators may (access.ManageMembers). It returns field errors on "email" and "role",
// or organisation.ErrNotFound. The audit entry "membership.invite" holds the role, not the
// address: that belongs to someone who has not joined.
func (s *Service) Invite(ctx context.Context, actor access.Actor, orgID int64, email string, role access.Role) (string, error) {
	var token string
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		token, err = s.InviteIn(ctx, tx, actor, orgID, email, role, "")
		return err
	})
	if err != nil {
		return "", fmt.Errorf("invite to organisation %d: %w", orgID, err)
	}
	return token, nil
}

// InviteIn is Invite inside the caller's transaction tx, for a change that invites as a
// part of it (approving a request to join invites its contact person to be admin). Lang is
// the language of the mail for an invitee who has not chosen one ("" for Swedish).
func (s *Service) InviteIn(ctx context.Context, tx bun.IDB, actor access.Actor, orgID int64, email string, role access.Role, lang string) (string, error) {
	if err := access.Check(actor, access.ManageMembers, orgID); err != nil {
		return "", err
	}
	in := inviteInput{Email: strings.TrimSpace(email), Role: string(role)}
	if fe := validation.FieldErrors(s.validate.Struct(in)); fe != nil {
		return "", fe
	}
	token, hash := newSecret()
	now := s.now()
	l := &link{TokenHash: hash, Kind: linkInvitation, OrganisationID: &orgID, Role: &role, Email: &in.Email,
		CreatedBy: personOf(actor), CreatedAt: now, ExpiresAt: now.Add(s.cfg.InvitationTTL)}
	if err := lockOrganisation(ctx, tx, orgID); err != nil {
		return "", err
	}
	if _, err := tx.NewInsert().Model(l).Exec(ctx); err != nil {
		return "", err
	}
	if err := audit.Record(ctx, tx, actor, now, audit.Change{
		Action: "membership.invite", ObjectType: "membership", OrganisationID: orgID, After: roleState{role},
	}); err != nil {
		return "", err
	}
	if s.mail != nil {
		if err := s.mail.Invitation(ctx, tx, InvitationMail{Email: in.Email, OrganisationID: orgID, Role: role,
			Secret: token, ExpiresAt: l.ExpiresAt, InvitedBy: personOf(actor), Lang: lang}); err != nil {
			return "", err
		}
	}
	return token, nil
}

// AcceptInvitation uses the invitation link with the token. When a person with the invited
// address (in any case) exists, they become a member and in and password are ignored; an
// existing admin stays admin. Otherwise the person is created from in, with the invited
// address whatever in.Email says (the link proved that address, not another) and never as a
// city administrator, and password must pass CheckPasswordPolicy. It returns ErrLinkInvalid
// for a link that is unknown, used or expired, and field errors for the new person's input.
// A signed-in actor may accept only an invitation to their own address
// (ErrInvitationForOther): a link opened in someone else's browser must not make an account
// for the invited person under the signed-in person's name.
func (s *Service) AcceptInvitation(ctx context.Context, actor access.Actor, token string, in UserInput, password string) (*User, error) {
	now := s.now()
	l, err := findLink(ctx, s.db, token, linkInvitation, false)
	if err != nil {
		return nil, err
	}
	if !l.usable(now) {
		return nil, ErrLinkInvalid
	}
	invited, err := findUserByEmail(ctx, s.db, *l.Email)
	if actor.UserID != 0 && (err != nil || invited.ID != actor.UserID) {
		if err != nil && !errors.Is(err, ErrUserNotFound) {
			return nil, err
		}
		return nil, ErrInvitationForOther
	}
	// Hash before the transaction, and only for a new person: it is the slow part.
	var hash string
	if errors.Is(err, ErrUserNotFound) {
		in = normaliseUser(in)
		in.Email, in.CityAdmin = *l.Email, false
		if err := s.checkUser(in, &password); err != nil {
			return nil, err
		}
		if hash, err = s.hash(ctx, password); err != nil {
			return nil, fmt.Errorf("accept invitation: %w", err)
		}
	} else if err != nil {
		return nil, err
	}
	var u *User
	err = database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		l, err := findLink(ctx, tx, token, linkInvitation, true)
		if err != nil {
			return err
		}
		if !l.usable(now) {
			return ErrLinkInvalid
		}
		if err := lockOrganisation(ctx, tx, *l.OrganisationID); err != nil {
			return err
		}
		u, err = findUserByEmail(ctx, tx, *l.Email)
		if errors.Is(err, ErrUserNotFound) && hash != "" {
			u = &User{CreatedAt: now, PasswordHash: &hash, PasswordChangedAt: &now}
			applyUser(u, in, now)
			err = insertUser(ctx, tx, access.Actor{}, u)
		}
		if err != nil {
			return err
		}
		if err := s.join(ctx, tx, u.ID, l, now); err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model(l).Set("used_at = ?", now).WherePK().Exec(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("accept invitation: %w", err)
	}
	return u, nil
}

// join gives the person the invitation's role, recorded as "membership.accept" by the
// person; an admin invited as booker stays admin.
func (s *Service) join(ctx context.Context, tx bun.Tx, userID int64, l *link, now time.Time) error {
	m, err := findMembership(ctx, tx, *l.OrganisationID, userID)
	if err != nil && !errors.Is(err, ErrMembershipNotFound) {
		return err
	}
	if m != nil && m.Role == access.RoleAdmin {
		return nil
	}
	_, err = setRole(ctx, tx, access.Actor{UserID: userID}, "membership.accept", *l.OrganisationID, userID, *l.Role, now)
	return err
}

// CreatePasswordReset makes a one-time link that lets the person set a new password, valid
// for Config.ResetTTL, and returns its token; earlier unused reset links of the person stop
// working. People may ask for their own, city administrators for anyone's (who copies the
// link to the person). It returns ErrUserNotFound.
func (s *Service) CreatePasswordReset(ctx context.Context, actor access.Actor, userID int64) (string, error) {
	if err := checkSelfOrManager(actor, userID); err != nil {
		return "", err
	}
	now := s.now()
	var token string
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		if _, err := lockUser(ctx, tx, userID); err != nil {
			return err
		}
		var err error
		token, err = s.newReset(ctx, tx, actor, userID, now)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("create password reset for user %d: %w", userID, err)
	}
	return token, nil
}

// ResetPassword uses the reset link with the token to set the person's password, ends all
// their sessions, with revokeTokens revokes their API tokens too, and clears the failed
// logins counted against their address. It returns
// ErrLinkInvalid for a link that is unknown, used or expired, and the policy's field errors
// on "password". It is audited as "user.password_reset", by the person.
func (s *Service) ResetPassword(ctx context.Context, token, password string, revokeTokens bool) error {
	now := s.now()
	l, err := findLink(ctx, s.db, token, linkPasswordReset, false)
	if err != nil {
		return err
	}
	if !l.usable(now) {
		return ErrLinkInvalid
	}
	if err := CheckPasswordPolicy(password); err != nil {
		return err
	}
	hash, err := s.hash(ctx, password)
	if err != nil {
		return fmt.Errorf("reset password: %w", err)
	}
	err = database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		l, err := findLink(ctx, tx, token, linkPasswordReset, true)
		if err != nil {
			return err
		}
		if !l.usable(now) {
			return ErrLinkInvalid
		}
		u, err := lockUser(ctx, tx, *l.UserID)
		if err != nil {
			return err
		}
		if err := setPassword(ctx, tx, u.ID, hash, now); err != nil {
			return err
		}
		if _, err := tx.NewUpdate().Model(l).Set("used_at = ?", now).WherePK().Exec(ctx); err != nil {
			return err
		}
		if err := endSessions(ctx, tx, u.ID, ""); err != nil {
			return err
		}
		if revokeTokens {
			if err := revokeAllTokens(ctx, tx, access.Actor{UserID: u.ID}, u.ID, now); err != nil {
				return err
			}
		}
		if err := clearFailures(ctx, tx, emailKey(u.Email)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, access.Actor{UserID: u.ID}, now, audit.Change{
			Action: "user.password_reset", ObjectType: "user", ObjectID: u.ID,
		})
	})
	if err != nil {
		return fmt.Errorf("reset password: %w", err)
	}
	return nil
}

// findLink returns the link of kind with the token, locked for update when lock is set, or
// ErrLinkInvalid.
func findLink(ctx context.Context, db bun.IDB, token, kind string, lock bool) (*link, error) {
	l := new(link)
	q := db.NewSelect().Model(l).Where("l.token_hash = ? AND l.kind = ?", hashSecret(token), kind)
	if lock {
		q.For("UPDATE")
	}
	err := q.Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrLinkInvalid
	}
	if err != nil {
		return nil, fmt.Errorf("find link: %w", err)
	}
	return l, nil
}

// personOf returns the actor's user id, or nil for the System or an anonymous actor.
func personOf(actor access.Actor) *int64 {
	if actor.UserID == 0 {
		return nil
	}
	id := actor.UserID
	return &id
}

// WaitingInvitation is an invitation to the person's address that is neither used nor
// expired. Its link is in the mail it came in: only that proves the address.
type WaitingInvitation struct {
	OrganisationID   int64       `bun:"organisation_id"`
	OrganisationName string      `bun:"organisation_name"`
	Role             access.Role `bun:"role"`
	ExpiresAt        time.Time   `bun:"expires_at"`
}

// FindWaitingInvitations returns the invitations waiting for the signed-in actor's
// address, to organisations they are not yet a member of, soonest to expire first.
func (s *Service) FindWaitingInvitations(ctx context.Context, actor access.Actor) ([]WaitingInvitation, error) {
	if err := checkPerson(actor); err != nil {
		return nil, err
	}
	var out []WaitingInvitation
	err := s.db.NewRaw(`SELECT DISTINCT ON (l.expires_at, l.organisation_id) l.organisation_id, o.name AS organisation_name, l.role, l.expires_at
		FROM one_time_links l
		JOIN users u ON lower(l.email) = lower(u.email)
		JOIN organisations o ON o.id = l.organisation_id
		WHERE u.id = ? AND l.kind = ? AND l.used_at IS NULL AND l.expires_at > ?
		AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organisation_id = l.organisation_id)
		ORDER BY l.expires_at, l.organisation_id`, actor.UserID, linkInvitation, s.now()).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("find waiting invitations: %w", err)
	}
	return out, nil
}
