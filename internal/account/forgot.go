package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/ratelimit"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Mailer puts the mail that the account's events cause into the outbox, inside the
// transaction that makes the change, so that a link is mailed exactly when it is made
// (internal/letter implements it). Lang is the language of the page the request came from,
// for a person who has not chosen one.
type Mailer interface {
	PasswordReset(ctx context.Context, tx bun.IDB, u *User, secret, lang string) error
	Invitation(ctx context.Context, tx bun.IDB, inv InvitationMail) error
}

// InvitationMail is an invitation to mail: to Email, to join the organisation in Role, by
// the person InvitedBy (nil: the city, on approving a request to join).
type InvitationMail struct {
	Email          string
	OrganisationID int64
	Role           access.Role
	Secret         string
	ExpiresAt      time.Time
	InvitedBy      *int64
	Lang           string
}

// SetMailer makes the service mail reset links and invitations. Without one, RequestPasswordReset
// makes links nobody receives and Invite's link is only returned; call it before use.
func (s *Service) SetMailer(m Mailer) { s.mail = m }

// The limits on "forgot password" requests, which anyone may send: a client address may ask
// 5 times at once and then once every 5 minutes, everyone together 60 times at once and then
// once a second. Each address also gets at most one link per ResendAfter.
var (
	ForgotRate        = ratelimit.Rate{Burst: 5, Every: 5 * time.Minute}
	ForgotRateOverall = ratelimit.Rate{Burst: 60, Every: time.Second}
)

// ResendAfter is how long after a reset link is mailed no new one is made for the same
// address: asking again sends nothing, so the form cannot be used to flood someone's inbox.
const ResendAfter = 5 * time.Minute

// LimitForgot replaces the limits on "forgot password" requests (ForgotRate and
// ForgotRateOverall by default), forgetting what was counted. Call it before use.
func (s *Service) LimitForgot(perAddress, overall ratelimit.Rate) {
	s.forgot = ratelimit.New(perAddress, overall, s.now)
}

// forgotInput is what the "forgot password" form is validated as.
type forgotInput struct {
	Email string `json:"email" validate:"required,max=254,email"`
}

// RequestPasswordReset mails a reset link, valid for Config.ResetTTL, to the person with
// the address (in any case), if there is one and it is not linked to single sign-on; lang is the language of the request. The
// answer is the same whether the address has an account or not, and when it had a link
// mailed within ResendAfter (then nothing is sent again): nil. It returns field errors on
// "email" for a malformed address, and a *ratelimit.LimitedError when the client address ip
// or everyone together asks too often. The link is made and its mail queued in one
// transaction, and earlier unused reset links of the person stop working.
func (s *Service) RequestPasswordReset(ctx context.Context, email, ip, lang string) error {
	in := forgotInput{Email: strings.TrimSpace(email)}
	if fe := validation.FieldErrors(s.validate.Struct(in)); fe != nil {
		return fe
	}
	if err := s.forgot.Allow(ip); err != nil {
		return err
	}
	now := s.now()
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		u, err := findUserByEmail(ctx, tx, in.Email)
		if errors.Is(err, ErrUserNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if u, err = lockUser(ctx, tx, u.ID); err != nil {
			return err
		}
		// A password would not let an account linked to single sign-on in (Login).
		if linked, err := hasIdentity(ctx, tx, u.ID); err != nil || linked {
			return err
		}
		recent, err := tx.NewSelect().Model((*link)(nil)).
			Where("l.kind = ? AND l.user_id = ? AND l.used_at IS NULL AND l.created_at > ?", linkPasswordReset, u.ID, now.Add(-ResendAfter)).
			Exists(ctx)
		if err != nil || recent {
			return err
		}
		secret, err := s.newReset(ctx, tx, access.Anonymous(ip), u.ID, now)
		if err != nil {
			return err
		}
		if s.mail == nil {
			return nil
		}
		return s.mail.PasswordReset(ctx, tx, u, secret, lang)
	})
	if err != nil {
		return fmt.Errorf("request password reset: %w", err)
	}
	return nil
}

// newReset replaces the person's unused reset links with a new one, audited, and returns
// its secret. The person's row must be locked.
func (s *Service) newReset(ctx context.Context, tx bun.IDB, actor access.Actor, userID int64, now time.Time) (string, error) {
	token, hash := newSecret()
	l := &link{TokenHash: hash, Kind: linkPasswordReset, UserID: &userID, CreatedBy: personOf(actor),
		CreatedAt: now, ExpiresAt: now.Add(s.cfg.ResetTTL)}
	if _, err := tx.NewDelete().Model((*link)(nil)).
		Where("kind = ? AND user_id = ? AND used_at IS NULL", linkPasswordReset, userID).Exec(ctx); err != nil {
		return "", err
	}
	if _, err := tx.NewInsert().Model(l).Exec(ctx); err != nil {
		return "", err
	}
	return token, audit.Record(ctx, tx, actor, now, audit.Change{Action: "password_reset.create", ObjectType: "user", ObjectID: userID})
}
