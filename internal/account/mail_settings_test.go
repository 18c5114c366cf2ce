package account_test

import (
	"context"
	"errors"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
)

func TestMailSettings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	u := e.mustUser(t, "installningar@test.example", "Inställd")
	me := access.Actor{UserID: u.ID}

	t.Run("Defaults", func(t *testing.T) {
		if u.Lang != "sv" || u.ReminderMinutes != nil || u.MailOrgBookings || !u.WantsMail(account.KindMeeting) || u.WantsMail(account.KindReminder) {
			t.Errorf("a new person: lang %q, reminder %v, org bookings %v, off %v", u.Lang, u.ReminderMinutes, u.MailOrgBookings, u.MailOff)
		}
	})
	t.Run("OK", func(t *testing.T) {
		got, err := e.s.UpdateMailSettings(ctx, me, u.ID, account.MailSettingsInput{Lang: "en", Wanted: []string{account.KindBookingRequest},
			OrgBookings: true, ReminderMinutes: 1440})
		if err != nil {
			t.Fatal(err)
		}
		again, err := e.s.FindUserByID(ctx, me, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []*account.User{got, again} {
			if x.Lang != "en" || !x.MailOrgBookings || x.ReminderMinutes == nil || *x.ReminderMinutes != 1440 ||
				!x.WantsMail(account.KindBookingRequest) || x.WantsMail(account.KindMeeting) || x.WantsMail(account.KindAgreementEnding) ||
				!x.WantsMail(account.KindReminder) {
				t.Errorf("after update: lang %q, reminder %v, org bookings %v, off %v", x.Lang, x.ReminderMinutes, x.MailOrgBookings, x.MailOff)
			}
		}
	})
	t.Run("Unsubscribe", func(t *testing.T) {
		for range 2 {
			if err := e.s.Unsubscribe(ctx, u.ID, account.KindReminder); err != nil {
				t.Fatal(err)
			}
		}
		x, err := e.s.FindUserByID(ctx, me, u.ID)
		if err != nil || x.ReminderMinutes != nil || x.WantsMail(account.KindReminder) || len(x.MailOff) != 3 {
			t.Errorf("after unsubscribing reminders twice: %v %v %v", x.ReminderMinutes, x.MailOff, err)
		}
	})
	t.Run("UnsubscribeCopies", func(t *testing.T) {
		if err := e.s.Unsubscribe(ctx, u.ID, account.KindBookingCopy); err != nil {
			t.Fatal(err)
		}
		x, err := e.s.FindUserByID(ctx, me, u.ID)
		if err != nil || x.MailOrgBookings || len(x.MailOff) != 3 {
			t.Errorf("after unsubscribing copies: org bookings %v, off %v, %v", x.MailOrgBookings, x.MailOff, err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		for _, in := range []account.MailSettingsInput{{Lang: "de"}, {Lang: "sv", ReminderMinutes: 5}, {Lang: "sv", Wanted: []string{"password.reset"}}} {
			if codes := fieldCodes(func() error { _, err := e.s.UpdateMailSettings(ctx, me, u.ID, in); return err }()); len(codes) == 0 {
				t.Errorf("%+v: no field errors", in)
			}
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		other := e.mustUser(t, "annan@test.example", "Annan")
		if _, err := e.s.UpdateMailSettings(ctx, access.Actor{UserID: other.ID}, u.ID, account.MailSettingsInput{Lang: "sv"}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("someone else: %v", err)
		}
	})
}
