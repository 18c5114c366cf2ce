// Package letter writes the messages of the ways into Lokalbanken — a password reset link,
// an invitation to an organisation, a request to join the Compact received and decided, an
// agreement about to end — in the recipient's language, and puts them into the outbox
// (internal/notify) inside the transaction of the change that causes them. It implements
// account.Mailer and agreement.JoinMailer; the services call it, never the pages.
package letter

import (
	"context"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/credential"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/notify"
)

// Kinds of the messages written here (notify.Message.Kind). All but KindAgreementEnding are
// essential: they answer something the recipient or the city did for them.
const (
	KindPasswordReset   = "account.password_reset"
	KindInvitation      = "membership.invitation"
	KindJoinReceived    = "join_request.received"
	KindJoinDecided     = "join_request.decided"
	KindAgreementEnding = account.KindAgreementEnding
)

// Letters writes the messages and queues them in out.
type Letters struct {
	out *notify.Service
	loc *time.Location
}

// New returns Letters that queue in out and show times in loc (Europe/Stockholm).
func New(out *notify.Service, loc *time.Location) *Letters {
	return &Letters{out: out, loc: loc}
}

// lang reads a language tag, Swedish for anything else.
func lang(tag string) i18n.Lang {
	if l, ok := i18n.FromTag(tag); ok {
		return l
	}
	return i18n.Default
}

// keyOf names a one-time link in a message key without giving away its secret: the first
// bytes of the hash that is stored anyway.
func keyOf(secret string) string { return hex.EncodeToString(credential.Hash(secret)[:12]) }

// when formats an instant for a message, in local time.
func (l *Letters) when(t time.Time) string { return t.In(l.loc).Format("2006-01-02 15:04") }

// PasswordReset queues the reset link to the person, in the language the request was made
// in (they are reading it now), else theirs.
func (l *Letters) PasswordReset(ctx context.Context, tx bun.IDB, u *account.User, secret, requestLang string) error {
	lg := lang(u.Lang)
	if requestLang != "" {
		lg = lang(requestLang)
	}
	return l.out.Enqueue(ctx, tx, notify.Message{
		Kind: KindPasswordReset, Key: "password_reset:" + keyOf(secret), UserID: u.ID, To: u.Email, Lang: lg, Essential: true,
		Subject: i18n.T(lg, "mail.password_reset.subject"),
		Paragraphs: []string{i18n.T(lg, "mail.password_reset.greeting", u.Name), i18n.T(lg, "mail.password_reset.text"),
			i18n.T(lg, "mail.password_reset.not_you")},
		Action: &notify.Link{Label: i18n.T(lg, "mail.password_reset.action"), Path: "/losenord/" + secret},
	})
}

// Invitation queues the invitation to the invitee, naming the organisation and who invited:
// in the invitee's language when they have an account, else inv.Lang.
func (l *Letters) Invitation(ctx context.Context, tx bun.IDB, inv account.InvitationMail) error {
	var org string
	if err := tx.NewRaw("SELECT name FROM organisations WHERE id = ?", inv.OrganisationID).Scan(ctx, &org); err != nil {
		return fmt.Errorf("invitation mail: organisation: %w", err)
	}
	lg := lang(inv.Lang)
	var invitee struct {
		ID   int64  `bun:"id"`
		Lang string `bun:"lang"`
	}
	err := tx.NewRaw("SELECT id, lang FROM users WHERE lower(email) = lower(?)", inv.Email).Scan(ctx, &invitee)
	if err == nil {
		lg = lang(invitee.Lang)
	}
	by := i18n.T(lg, "mail.invitation.by_city")
	if inv.InvitedBy != nil {
		var name string
		if err := tx.NewRaw("SELECT name FROM users WHERE id = ?", *inv.InvitedBy).Scan(ctx, &name); err == nil {
			by = name
		}
	}
	role := i18n.T(lg, "mail.invitation.role."+string(inv.Role))
	return l.out.Enqueue(ctx, tx, notify.Message{
		Kind: KindInvitation, Key: "invitation:" + keyOf(inv.Secret), UserID: invitee.ID, To: inv.Email, Lang: lg, Essential: true,
		Subject:    i18n.T(lg, "mail.invitation.subject", org),
		Paragraphs: []string{i18n.T(lg, "mail.invitation.text", by, org, role), i18n.T(lg, "mail.invitation.expires", l.when(inv.ExpiresAt))},
		Facts:      []notify.Fact{{Label: i18n.T(lg, "mail.fact.organisation"), Value: org}, {Label: i18n.T(lg, "mail.fact.role"), Value: role}},
		Action:     &notify.Link{Label: i18n.T(lg, "mail.invitation.action"), Path: "/inbjudan/" + inv.Secret},
	})
}

// JoinReceived queues to the applicant's contact the receipt of the request, with the link
// to follow it.
func (l *Letters) JoinReceived(ctx context.Context, tx bun.IDB, jr *agreement.JoinRequest, secret string) error {
	lg := lang(jr.Lang)
	return l.out.Enqueue(ctx, tx, notify.Message{
		Kind: KindJoinReceived, Key: fmt.Sprintf("join_request:%d:received", jr.ID), To: jr.ContactEmail, Lang: lg, Essential: true,
		Subject:    i18n.T(lg, "mail.join_received.subject", jr.OrganisationName),
		Paragraphs: []string{i18n.T(lg, "mail.join_received.greeting", jr.ContactName), i18n.T(lg, "mail.join_received.text", jr.OrganisationName)},
		Facts: []notify.Fact{{Label: i18n.T(lg, "mail.fact.organisation"), Value: jr.OrganisationName},
			{Label: i18n.T(lg, "mail.fact.org_number"), Value: jr.OrgNumber}},
		Action: &notify.Link{Label: i18n.T(lg, "mail.join_received.action"), Path: agreement.JoinStatusPath(secret)},
	})
}

// JoinDecided queues to the applicant's contact the decision: approved (an invitation to
// be the organisation's admin follows, when it has none), or rejected with the reason.
func (l *Letters) JoinDecided(ctx context.Context, tx bun.IDB, jr *agreement.JoinRequest) error {
	lg := lang(jr.Lang)
	m := notify.Message{
		Kind: KindJoinDecided, Key: fmt.Sprintf("join_request:%d:decided", jr.ID), To: jr.ContactEmail, Lang: lg, Essential: true,
		Facts: []notify.Fact{{Label: i18n.T(lg, "mail.fact.organisation"), Value: jr.OrganisationName}},
	}
	greeting := i18n.T(lg, "mail.join_received.greeting", jr.ContactName)
	if jr.Status == agreement.JoinApproved {
		m.Subject = i18n.T(lg, "mail.join_approved.subject", jr.OrganisationName)
		m.Paragraphs = []string{greeting, i18n.T(lg, "mail.join_approved.text", jr.OrganisationName)}
		m.Action = &notify.Link{Label: i18n.T(lg, "mail.join_approved.action"), Path: "/overenskommelsen"}
	} else {
		m.Subject = i18n.T(lg, "mail.join_rejected.subject", jr.OrganisationName)
		m.Paragraphs = []string{greeting, i18n.T(lg, "mail.join_rejected.text", jr.OrganisationName)}
		m.Facts = append(m.Facts, notify.Fact{Label: i18n.T(lg, "mail.fact.reason"), Value: jr.RejectionReason})
	}
	return l.out.Enqueue(ctx, tx, m)
}

// AgreementEnding queues to a party's admin that the agreement ends soon: once per
// agreement, end date and person (the key), whichever party they are admin of.
func (l *Letters) AgreementEnding(ctx context.Context, tx bun.IDB, e agreement.Ending) error {
	lg := lang(e.Lang)
	ends := e.ValidTo.Format(time.DateOnly)
	return l.out.Enqueue(ctx, tx, notify.Message{
		Kind: KindAgreementEnding, Key: fmt.Sprintf("agreement:%d:ends:%s", e.AgreementID, ends), UserID: e.UserID, To: e.Email, Lang: lg,
		Subject:    i18n.T(lg, "mail.agreement_ending.subject", e.Title, ends),
		Paragraphs: []string{i18n.T(lg, "mail.password_reset.greeting", e.Name), i18n.T(lg, "mail.agreement_ending.text", e.Title, e.OrganisationName, ends)},
		Facts:      []notify.Fact{{Label: i18n.T(lg, "mail.fact.agreement"), Value: e.Title}, {Label: i18n.T(lg, "mail.fact.ends"), Value: ends}},
		Action:     &notify.Link{Label: i18n.T(lg, "mail.agreement_ending.action"), Path: fmt.Sprintf("/avtal/%d", e.AgreementID)},
	})
}

// BookingReminder queues to the person who made the booking that it starts soon: once per
// booking, start and person (the key), of the non-essential kind booking.reminder.
func (l *Letters) BookingReminder(ctx context.Context, tx bun.IDB, r booking.Reminder) error {
	lg := lang(r.Lang)
	return l.out.Enqueue(ctx, tx, notify.Message{
		Kind: account.KindReminder, Key: fmt.Sprintf("booking:%d:reminder:%d", r.BookingID, r.StartsAt.Unix()), UserID: r.UserID, To: r.Email, Lang: lg,
		Subject:    i18n.T(lg, "mail.reminder.subject", r.Title, l.when(r.StartsAt)),
		Paragraphs: []string{i18n.T(lg, "mail.password_reset.greeting", r.Name), i18n.T(lg, "mail.reminder.text", r.Title)},
		Facts: []notify.Fact{{Label: i18n.T(lg, "mail.fact.when"), Value: l.when(r.StartsAt) + "–" + r.EndsAt.In(l.loc).Format("15:04")},
			{Label: i18n.T(lg, "mail.fact.where"), Value: r.RoomName + ", " + r.VenueName}},
		Action: &notify.Link{Label: i18n.T(lg, "mail.reminder.action"), Path: fmt.Sprintf("/bokningar/%d", r.BookingID)},
	})
}
