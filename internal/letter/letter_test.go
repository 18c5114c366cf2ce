package letter_test

import (
	"context"
	"mime"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/letter"
	"github.com/borasstad/lokalbanken/internal/mailtest"
	"github.com/borasstad/lokalbanken/internal/notify"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const base = "https://lokalbanken.example"

// now is the clock of the services: the night of the autumn DST change.
var now = time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC)

var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic(err)
	}
	return loc
}()

// env is the services that send the ways-in messages, delivering to a real SMTP server on
// loopback.
type env struct {
	db       *bun.DB
	smtp     *mailtest.Server
	accounts *account.Service
	agree    *agreement.Service
	orgs     *organisation.Service
	letters  *letter.Letters
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db := dbtest.New(t)
	srv := mailtest.Start(t, mailtest.Options{})
	out, err := notify.New(notify.Options{DB: db, BaseURL: base, SMTPURL: srv.URL, From: "lokalbanken@example.org",
		PollInterval: 50 * time.Millisecond, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if err := out.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = out.Stop(ctx)
	})
	v, clock := validation.New(), func() time.Time { return now }
	e := &env{db: db, smtp: srv, accounts: account.NewService(db, v, clock, account.Config{Hash: account.HashParams{Memory: 64, Time: 1, Threads: 1}}),
		agree: agreement.NewService(db, v, clock, stockholm), orgs: organisation.NewService(db, v, clock)}
	l := letter.New(out, stockholm)
	e.letters = l
	e.accounts.SetMailer(l)
	e.agree.SetMail(l, e.accounts)
	return e
}

// mailTo waits for the next message to the address and checks that it has both parts and
// no link that is not absolute.
func (e *env) mailTo(t *testing.T, to string, n int) mailtest.Mail {
	t.Helper()
	var found []mailtest.Mail
	for _, m := range e.smtp.Wait(t, n, 10*time.Second) {
		if len(m.To) == 1 && m.To[0] == to {
			found = append(found, m)
		}
	}
	if len(found) == 0 {
		t.Fatalf("no mail to %s among %d", to, n)
	}
	m := found[len(found)-1]
	if m.Text("text/plain") == "" || !strings.Contains(m.Text("text/html"), "<html") {
		t.Fatalf("mail to %s lacks a part: %+v", to, m.Parts)
	}
	return m
}

// link returns the secret in the mail's link to prefix (plain text and HTML alike).
func link(t *testing.T, m mailtest.Mail, prefix string) string {
	t.Helper()
	re := regexp.MustCompile(regexp.QuoteMeta(base+prefix) + `([A-Za-z0-9_-]{20,})`)
	text, html := re.FindStringSubmatch(m.Text("text/plain")), re.FindStringSubmatch(m.Text("text/html"))
	if text == nil || html == nil || text[1] != html[1] {
		t.Fatalf("no link %s… in both parts:\n%s", base+prefix, m.Text("text/plain"))
	}
	return text[1]
}

func TestPasswordResetMail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	u, err := e.accounts.CreateUser(ctx, access.System, account.UserInput{Email: "glomsk@test.example", Name: "Glömsk"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.accounts.RequestPasswordReset(ctx, "glomsk@test.example", "192.0.2.1", "en"); err != nil {
		t.Fatal(err)
	}
	if err := e.accounts.RequestPasswordReset(ctx, "ingen@test.example", "192.0.2.1", "sv"); err != nil {
		t.Fatal(err)
	}
	m := e.mailTo(t, u.Email, 1)
	if got := subject(m); !strings.Contains(got, "new password") {
		t.Errorf("subject %q, want the English one (the request was made in English)", got)
	}
	if m.Header.Get("List-Unsubscribe") != "" {
		t.Error("a reset link carries List-Unsubscribe: it is essential")
	}
	secret := link(t, m, "/losenord/")
	if err := e.accounts.ResetPassword(ctx, secret, "ett långt nytt lösenord", true); err != nil {
		t.Fatalf("the mailed link does not reset: %v", err)
	}
	time.Sleep(200 * time.Millisecond)
	if n := len(e.smtp.Mails()); n != 1 {
		t.Errorf("%d mails, want 1: nothing for an address without an account", n)
	}
}

func TestInvitationMail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	o, err := e.orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: "Sjöbo Kammarkör"})
	if err != nil {
		t.Fatal(err)
	}
	admin, err := e.accounts.CreateUser(ctx, access.System, account.UserInput{Email: "ordf@test.example", Name: "Olle Ordförande"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.accounts.SetMember(ctx, access.System, o.ID, admin.ID, access.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	actor := access.Actor{UserID: admin.ID, Roles: map[int64]access.Role{o.ID: access.RoleAdmin}}
	if _, err := e.accounts.Invite(ctx, actor, o.ID, "ny@test.example", access.RoleBooker); err != nil {
		t.Fatal(err)
	}
	m := e.mailTo(t, "ny@test.example", 1)
	text := m.Text("text/plain")
	for _, want := range []string{"Sjöbo Kammarkör", "Olle Ordförande", "bokare"} {
		if !strings.Contains(text, want) {
			t.Errorf("the invitation does not name %q:\n%s", want, text)
		}
	}
	u, err := e.accounts.AcceptInvitation(ctx, access.Anonymous(""), link(t, m, "/inbjudan/"), account.UserInput{Name: "Ny Bokare"}, "ett långt nytt lösenord")
	if err != nil {
		t.Fatalf("the mailed link does not join: %v", err)
	}
	if ms, err := e.accounts.FindMemberships(ctx, u.ID); err != nil || len(ms) != 1 || ms[0].Role != access.RoleBooker {
		t.Errorf("memberships %+v %v", ms, err)
	}
}

// TestJoinMails: the applicant hears that the request came and how it was decided; on
// approval the contact person is invited to be the new organisation's admin, and the
// invitation makes them that.
func TestJoinMails(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	in := agreement.JoinInput{OrganisationName: "Sjöbo Kammarkör", OrgNumber: "802492-0004", ContactName: "Karin Kontakt",
		ContactEmail: "karin@test.example", SignerName: "Sara Ordförande", SignerRole: "ordförande", Lang: "en"}
	jr, secret, err := e.agree.RequestToJoin(ctx, access.Anonymous("192.0.2.1"), in)
	if err != nil {
		t.Fatal(err)
	}
	received := e.mailTo(t, "karin@test.example", 1)
	if got := link(t, received, "/overenskommelsen/anslut/"); got != secret {
		t.Errorf("status link %q, want the request's %q", got, secret)
	}
	if !strings.Contains(subject(received), "received") {
		t.Errorf("receipt subject %q, want English", subject(received))
	}
	if _, err := e.agree.ApproveJoinRequest(ctx, access.System, jr.ID, agreement.ApproveInput{}); err != nil {
		t.Fatal(err)
	}
	mails := e.smtp.Wait(t, 3, 10*time.Second)
	var subjects []string
	var invitation *mailtest.Mail
	for i, m := range mails {
		subjects = append(subjects, subject(m))
		if strings.Contains(m.Text("text/plain"), base+"/inbjudan/") {
			invitation = &mails[i]
		}
	}
	if invitation == nil {
		t.Fatalf("no invitation among %q", subjects)
	}
	if !strings.Contains(invitation.Text("text/plain"), "administrator") {
		t.Errorf("the invitation is not to be admin (in English):\n%s", invitation.Text("text/plain"))
	}
	u, err := e.accounts.AcceptInvitation(ctx, access.Anonymous(""), link(t, *invitation, "/inbjudan/"), account.UserInput{Name: "Karin Kontakt"}, "ett långt nytt lösenord")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := e.accounts.FindMemberships(ctx, u.ID)
	if err != nil || len(ms) != 1 || ms[0].Role != access.RoleAdmin || ms[0].Organisation == nil || ms[0].Organisation.Name != "Sjöbo Kammarkör" {
		t.Errorf("memberships %+v %v", ms, err)
	}

	// A rejection says why; an organisation that has admins gets no invitation.
	in.OrgNumber, in.ContactEmail = "802492-0012", "nej@test.example"
	jr2, _, err := e.agree.RequestToJoin(ctx, access.Anonymous("192.0.2.1"), in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.agree.RejectJoinRequest(ctx, access.System, jr2.ID, agreement.RejectInput{Reason: "Inte en förening i Borås"}); err != nil {
		t.Fatal(err)
	}
	rejected := false
	for _, m := range e.smtp.Wait(t, 5, 10*time.Second) {
		if strings.Contains(subject(m), "not approved") {
			rejected = true
			if !strings.Contains(m.Text("text/plain"), "Inte en förening i Borås") {
				t.Errorf("the rejection does not give the reason:\n%s", m.Text("text/plain"))
			}
		}
	}
	if !rejected {
		t.Error("no rejection")
	}
}

// subject is the mail's subject, decoded.
func subject(m mailtest.Mail) string {
	s, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		return m.Header.Get("Subject")
	}
	return s
}

// TestAgreementEnding: the admins of an agreement's parties are told once that it ends
// within 30 days, however often the check runs; an admin who turned it off is not; an
// agreement that ends later is not told of yet.
func TestAgreementEnding(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	admin := func(org int64, email string, off bool) {
		u, err := e.accounts.CreateUser(ctx, access.System, account.UserInput{Email: email, Name: email}, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.accounts.SetMember(ctx, access.System, org, u.ID, access.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		if off {
			if err := e.accounts.Unsubscribe(ctx, u.ID, account.KindAgreementEnding); err != nil {
				t.Fatal(err)
			}
		}
	}
	a, _ := e.orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: "Förening A"})
	b, _ := e.orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: "Förening B"})
	admin(a.ID, "a@test.example", false)
	admin(b.ID, "b@test.example", false)
	admin(b.ID, "b-av@test.example", true)
	for title, ends := range map[string]string{"Samverkan": "2026-11-20", "Senare": "2026-12-31"} {
		if _, err := e.agree.CreateAgreement(ctx, access.System, agreement.Input{Kind: "other", Title: title, Status: "active",
			ValidFrom: "2026-01-01", ValidTo: ends, Parties: []agreement.PartyInput{{OrganisationID: a.ID, Role: "party"}, {OrganisationID: b.ID, Role: "party"}}}); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		if _, err := e.agree.RemindEnding(ctx, e.letters); err != nil {
			t.Fatal(err)
		}
	}
	mails := e.smtp.Wait(t, 2, 10*time.Second)
	time.Sleep(300 * time.Millisecond)
	mails = e.smtp.Mails()
	var to []string
	for _, m := range mails {
		to = append(to, m.To[0])
		if !strings.Contains(subject(m), "Samverkan") || m.Header.Get("List-Unsubscribe") == "" {
			t.Errorf("mail to %s: %q, List-Unsubscribe %q", m.To[0], subject(m), m.Header.Get("List-Unsubscribe"))
		}
	}
	if len(mails) != 2 {
		t.Errorf("mails to %v, want one each to a@ and b@", to)
	}
}

// TestBookingReminder: a person with a lead time is reminded once of a booking they made
// that starts within it, not of one that starts later, and not at all without a lead time.
func TestBookingReminder(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	clock := time.Date(2026, 10, 26, 9, 0, 0, 0, stockholm)
	v := validation.New()
	venues := venue.NewService(e.db, v, func() time.Time { return clock })
	bookings := booking.NewService(e.db, v, func() time.Time { return clock }, stockholm)
	o, err := e.orgs.CreateOrganisation(ctx, access.System, organisation.Input{Kind: "association", Name: "Förening A"})
	if err != nil {
		t.Fatal(err)
	}
	ve, err := venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: o.ID, Name: "Lokal", StreetAddress: "Storgatan 1", PostalCode: "50335", Town: "Borås"})
	if err != nil {
		t.Fatal(err)
	}
	room, err := venues.CreateRoom(ctx, access.System, ve.ID, venue.RoomInput{Name: "Salen", Capacity: 10})
	if err != nil {
		t.Fatal(err)
	}
	person := func(email string, minutes int) access.Actor {
		u, err := e.accounts.CreateUser(ctx, access.System, account.UserInput{Email: email, Name: "Bokare"}, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.accounts.SetMember(ctx, access.System, o.ID, u.ID, access.RoleBooker); err != nil {
			t.Fatal(err)
		}
		if minutes > 0 {
			if _, err := e.accounts.UpdateMailSettings(ctx, access.System, u.ID, account.MailSettingsInput{Lang: "sv",
				Wanted: account.MailKinds, ReminderMinutes: minutes}); err != nil {
				t.Fatal(err)
			}
		}
		return access.Actor{UserID: u.ID, Roles: map[int64]access.Role{o.ID: access.RoleBooker}}
	}
	book := func(actor access.Actor, title string, hour int) {
		start := time.Date(2026, 10, 26, hour, 0, 0, 0, stockholm)
		if _, err := bookings.CreateBooking(ctx, actor, booking.Input{RoomID: room.ID, OrganisationID: o.ID, Title: title, Attendees: 4,
			StartsAt: start, EndsAt: start.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	reminded, silent := person("pamind@test.example", 180), person("tyst@test.example", 0)
	book(reminded, "Snart", 11)
	book(reminded, "Senare", 14)
	book(silent, "Tyst", 10)
	for range 2 {
		if _, err := bookings.RemindDue(ctx, e.letters); err != nil {
			t.Fatal(err)
		}
	}
	e.smtp.Wait(t, 1, 10*time.Second)
	time.Sleep(300 * time.Millisecond)
	mails := e.smtp.Mails()
	if len(mails) != 1 || mails[0].To[0] != "pamind@test.example" || !strings.Contains(subject(mails[0]), "Snart") ||
		mails[0].Header.Get("List-Unsubscribe") == "" {
		for _, m := range mails {
			t.Logf("mail to %v: %q", m.To, subject(m))
		}
		t.Fatalf("%d mails, want one reminder of Snart to pamind@ with List-Unsubscribe", len(mails))
	}
	if !strings.Contains(mails[0].Text("text/plain"), "2026-10-26 11:00–12:00") {
		t.Errorf("the reminder does not give the local time:\n%s", mails[0].Text("text/plain"))
	}
}
