package account

import (
	"context"
	"fmt"
	"slices"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// The kinds of non-essential message a person chooses on the settings page, in the order
// shown (notify.Message.Kind). Essential messages — a reset link, an invitation, the answer
// to one's own request — cannot be turned off and are not listed.
const (
	KindBookingRequest  = "booking.request"  // a request for a room the person decides on
	KindMeeting         = "meeting"          // invitations to meetings, their changes and cancellations
	KindAgreementEnding = "agreement.ending" // an agreement of the person's organisation ends soon
	KindReminder        = "booking.reminder" // before a booking, when ReminderMinutes is set
	// KindBookingCopy is an admin's copy of a decision on a booking others made for the
	// organisation (internal/bookingmail), wanted with MailOrgBookings.
	KindBookingCopy = "booking.copy"
)

// MailKinds lists the kinds a person may turn off on the settings page.
var MailKinds = []string{KindBookingRequest, KindMeeting, KindAgreementEnding}

// ReminderChoices are the lead times, in minutes, a person may choose for reminders.
var ReminderChoices = []int{60, 180, 1440, 2880}

// MailSettingsInput is what a person sends from the settings page: the language of their
// mail, the kinds of MailKinds they want (the others are turned off), whether they also get
// the decisions on bookings others made for their organisations (admins), and how long
// before a booking they are reminded (0: never).
type MailSettingsInput struct {
	Lang            string   `form:"lang" validate:"required,oneof=sv en"`
	Wanted          []string `form:"wanted" validate:"max=20,dive,max=64"`
	OrgBookings     bool     `form:"org_bookings"`
	ReminderMinutes int      `form:"reminder_minutes" validate:"omitempty,oneof=60 180 1440 2880"`
}

// WantsMail reports whether the person wants non-essential messages of kind: not turned off,
// and for reminders a lead time chosen.
func (u *User) WantsMail(kind string) bool {
	if kind == KindReminder && u.ReminderMinutes == nil {
		return false
	}
	return !slices.Contains(u.MailOff, kind)
}

// UpdateMailSettings stores the person's choices about their mail and returns them updated.
// People change their own; city administrators anyone's, for support. Kinds the settings
// page does not list stay as they were. It returns field errors on "lang", "wanted"
// (a kind that cannot be chosen) and "reminder_minutes", and ErrUserNotFound.
func (s *Service) UpdateMailSettings(ctx context.Context, actor access.Actor, userID int64, in MailSettingsInput) (*User, error) {
	if err := checkSelfOrManager(actor, userID); err != nil {
		return nil, err
	}
	if fe := validation.FieldErrors(s.validate.Struct(in)); fe != nil {
		return nil, fe
	}
	for _, k := range in.Wanted {
		if !slices.Contains(MailKinds, k) {
			return nil, fault.FieldErrors{{Field: "wanted", Code: "oneof"}}
		}
	}
	var u *User
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		if u, err = lockUser(ctx, tx, userID); err != nil {
			return err
		}
		off := slices.DeleteFunc(slices.Clone(u.MailOff), func(k string) bool { return slices.Contains(MailKinds, k) })
		for _, k := range MailKinds {
			if !slices.Contains(in.Wanted, k) {
				off = append(off, k)
			}
		}
		u.Lang, u.MailOff, u.MailOrgBookings, u.ReminderMinutes = in.Lang, off, in.OrgBookings, nil
		if in.ReminderMinutes > 0 {
			m := in.ReminderMinutes
			u.ReminderMinutes = &m
		}
		_, err = tx.NewUpdate().Model(u).Column("lang", "mail_off", "mail_org_bookings", "reminder_minutes").WherePK().Exec(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("update mail settings of user %d: %w", userID, err)
	}
	return u, nil
}

// Unsubscribe turns off the person's messages of kind (for reminders: clears the lead time).
// The caller must have proved the right with the unsubscribe link of a message of that kind
// to that person (notify); doing it twice changes nothing. It returns ErrUserNotFound.
func (s *Service) Unsubscribe(ctx context.Context, userID int64, kind string) error {
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		u, err := lockUser(ctx, tx, userID)
		if err != nil {
			return err
		}
		if kind == KindReminder {
			u.ReminderMinutes = nil
		}
		if kind == KindBookingCopy {
			// The copies are a choice of their own on the settings page: turn it off there.
			u.MailOrgBookings = false
			_, err = tx.NewUpdate().Model(u).Column("mail_org_bookings").WherePK().Exec(ctx)
			return err
		}
		if !slices.Contains(u.MailOff, kind) {
			u.MailOff = append(u.MailOff, kind)
		}
		_, err = tx.NewUpdate().Model(u).Column("mail_off", "reminder_minutes").WherePK().Exec(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("unsubscribe user %d: %w", userID, err)
	}
	return nil
}
