package notify_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/mailtest"
	"github.com/borasstad/lokalbanken/internal/notify"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

const base = "https://lokalbanken.example"

// newService returns a notify.Service on db; with a mail server it delivers there, started,
// and stops at the end of the test.
func newService(tb testing.TB, db *bun.DB, srv *mailtest.Server) *notify.Service {
	tb.Helper()
	opts := notify.Options{DB: db, BaseURL: base, From: "lokalbanken@example.org", PollInterval: 50 * time.Millisecond}
	if srv != nil {
		opts.SMTPURL, opts.TLSConfig = srv.URL, srv.ClientTLS
	}
	s, err := notify.New(opts)
	if err != nil {
		tb.Fatal(err)
	}
	if srv != nil {
		if err := s.Start(context.Background()); err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := s.Stop(ctx); err != nil {
				tb.Error(err)
			}
		})
	}
	return s
}

func message(key, to string) notify.Message {
	return notify.Message{
		Kind: "booking.request", Key: key, To: to, Lang: i18n.SV,
		Subject:    "Ny bokningsförfrågan: Stora salen",
		Paragraphs: []string{"Friluftsfrämjandet vill boka Stora salen & <köket>."},
		Facts:      []notify.Fact{{Label: "Rum", Value: "Stora salen"}, {Label: "Tid", Value: "tis 3 mars 18:00–20:00"}},
		Action:     &notify.Link{Label: "Besluta om förfrågan", Path: "/bokningar/7"},
	}
}

type row struct {
	ID       int64
	To       string `bun:"to_address"`
	Sent     bool
	Attempts int
	Error    string `bun:"last_error"`
}

func rows(tb testing.TB, db bun.IDB) []row {
	tb.Helper()
	var rs []row
	err := db.NewRaw("SELECT id, to_address, sent_at IS NOT NULL AS sent, attempts, last_error FROM messages ORDER BY id").Scan(context.Background(), &rs)
	if err != nil {
		tb.Fatal(err)
	}
	return rs
}

func count(tb testing.TB, db bun.IDB, query string) int {
	tb.Helper()
	var n int
	if err := db.NewRaw(query).Scan(context.Background(), &n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// The idempotency: the same key to the same address (whatever its case) is stored once; the
// same key to another address, or another key, is a message of its own.
func TestEnqueueOncePerKeyAndRecipient(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, nil)
	ctx := context.Background()
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return s.Enqueue(ctx, tx, message("booking:7:request", "anna@example.org"), message("booking:7:request", "ANNA@example.org"))
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []notify.Message{message("booking:7:request", "anna@example.org"), message("booking:7:request", "bo@example.org"), message("booking:8:request", "anna@example.org")} {
		if err := s.Enqueue(ctx, db, m); err != nil {
			t.Fatal(err)
		}
	}
	got := rows(t, db)
	if len(got) != 3 {
		t.Fatalf("%d messages stored, want 3: %+v", len(got), got)
	}
	if n := count(t, db, "SELECT count(*) FROM river_job"); n != 0 {
		t.Errorf("%d delivery jobs without SMTP, want 0", n)
	}
}

// A message belongs to its change: when the change rolls back, so does the message.
func TestEnqueueRollsBackWithTheChange(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, mailtest.Start(t, mailtest.Options{}))
	ctx := context.Background()
	err := db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := s.Enqueue(ctx, tx, message("booking:7:request", "anna@example.org")); err != nil {
			return err
		}
		return fmt.Errorf("the change failed")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if n := count(t, db, "SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM river_job)"); n != 0 {
		t.Errorf("%d messages and jobs after rollback, want 0", n)
	}
}

func TestEnqueueRefusesIncompleteMessages(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	s := newService(t, db, nil)
	for name, m := range map[string]notify.Message{
		"no key":       {Kind: "x", To: "a@example.org", Subject: "s"},
		"no kind":      {Key: "k", To: "a@example.org", Subject: "s"},
		"no subject":   {Kind: "x", Key: "k", To: "a@example.org"},
		"bad address":  {Kind: "x", Key: "k", To: "not an address", Subject: "s"},
		"display name": {Kind: "x", Key: "k", To: "Anna <a@example.org>", Subject: "s"},
	} {
		if err := s.Enqueue(context.Background(), db, m); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// Delivery over each kind of connection the SMTP URL can name: the message arrives once,
// with both parts, absolute links, its Message-ID and, as it is not essential, an unsubscribe
// link in the body and the header.
func TestDeliver(t *testing.T) {
	t.Parallel()
	for _, opts := range []mailtest.Options{
		{TLS: mailtest.Plain},
		{TLS: mailtest.StartTLS, Username: "lokalbanken", Password: "hemligt"},
		{TLS: mailtest.Implicit, Username: "lokalbanken", Password: "hemligt"},
	} {
		t.Run(opts.TLS, func(t *testing.T) {
			t.Parallel()
			db := dbtest.New(t)
			srv := mailtest.Start(t, opts)
			s := newService(t, db, srv)
			m := message("booking:7:request", "anna@example.org")
			m.Attachments = []notify.Attachment{{Name: "bokning.ics", ContentType: "text/calendar", Data: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")}}
			if err := s.Enqueue(context.Background(), db, m); err != nil {
				t.Fatal(err)
			}
			mails := srv.Wait(t, 1, 20*time.Second)
			got := mails[0]
			if len(got.To) != 1 || got.To[0] != "anna@example.org" || got.From != "lokalbanken@example.org" {
				t.Errorf("envelope %s -> %v", got.From, got.To)
			}
			if subj := got.Header.Get("Subject"); subj == "" {
				t.Error("no subject")
			}
			text, html := got.Text("text/plain"), got.Text("text/html")
			for _, want := range []string{"Friluftsfrämjandet vill boka Stora salen & <köket>.", "Rum: Stora salen", base + "/bokningar/7", base + "/avregistrera/"} {
				if !strings.Contains(text, want) {
					t.Errorf("text part lacks %q:\n%s", want, text)
				}
			}
			for _, want := range []string{`<html lang="sv">`, "Stora salen &amp; &lt;köket&gt;.", `<th scope="row"`, `href="` + base + `/bokningar/7"`, base + "/avregistrera/"} {
				if !strings.Contains(html, want) {
					t.Errorf("HTML part lacks %q:\n%s", want, html)
				}
			}
			if lu := got.Header.Get("List-Unsubscribe"); !strings.HasPrefix(lu, "<"+base+"/avregistrera/") {
				t.Errorf("List-Unsubscribe = %q", lu)
			}
			rs := rows(t, db)
			if want := fmt.Sprintf("<message-%d@lokalbanken.example>", rs[0].ID); got.Header.Get("Message-Id") != want {
				t.Errorf("Message-ID = %q, want %q", got.Header.Get("Message-Id"), want)
			}
			if att := got.Attachments(); len(att) != 1 || att[0].Filename != "bokning.ics" || !strings.HasPrefix(string(att[0].Body), "BEGIN:VCALENDAR") {
				t.Errorf("attachments %+v", att)
			}
			waitFor(t, func() bool { r := rows(t, db); return r[0].Sent && r[0].Attempts == 1 })
		})
	}
}

// An essential message has no way to unsubscribe.
func TestEssentialHasNoUnsubscribe(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	srv := mailtest.Start(t, mailtest.Options{})
	s := newService(t, db, srv)
	m := message("booking:7:approved", "anna@example.org")
	m.Essential, m.Lang = true, i18n.EN
	if err := s.Enqueue(context.Background(), db, m); err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(t, 1, 20*time.Second)[0]
	if got.Header.Get("List-Unsubscribe") != "" || strings.Contains(got.Text("text/plain"), "avregistrera") {
		t.Error("an essential message carries an unsubscribe link")
	}
	if !strings.Contains(got.Text("text/html"), `<html lang="en">`) || !strings.Contains(got.Text("text/plain"), "This message is from Lokalbanken") {
		t.Error("not in English")
	}
}

// A temporary refusal is retried (River's backoff: one second after the first attempt) and
// the message then arrives once.
func TestDeliverRetriesTemporaryFailure(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	srv := mailtest.Start(t, mailtest.Options{})
	srv.Refuse(&smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"})
	s := newService(t, db, srv)
	if err := s.Enqueue(context.Background(), db, message("k", "anna@example.org")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return rows(t, db)[0].Attempts == 1 })
	if r := rows(t, db)[0]; r.Sent || !strings.Contains(r.Error, "451") {
		t.Errorf("after a refusal: %+v", r)
	}
	srv.Refuse(nil)
	srv.Wait(t, 1, 20*time.Second)
	waitFor(t, func() bool { return rows(t, db)[0].Sent })
	time.Sleep(300 * time.Millisecond)
	if n := len(srv.Mails()); n != 1 {
		t.Errorf("%d deliveries, want 1", n)
	}
	if r := rows(t, db)[0]; r.Attempts != 2 || r.Error != "" {
		t.Errorf("after delivery: %+v", r)
	}
}

// A permanent refusal (no such mailbox) is not retried.
func TestDeliverGivesUpOnPermanentFailure(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	srv := mailtest.Start(t, mailtest.Options{})
	srv.Refuse(&smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"})
	s := newService(t, db, srv)
	if err := s.Enqueue(context.Background(), db, message("k", "nobody@example.org")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool {
		return count(t, db, "SELECT count(*) FROM river_job WHERE state = 'cancelled'") == 1
	})
	if r := rows(t, db)[0]; r.Sent || r.Attempts != 1 || !strings.Contains(r.Error, "550") {
		t.Errorf("after a permanent refusal: %+v", r)
	}
}

// Two instances of the service on one database deliver every message exactly once.
func TestTwoInstancesDeliverEachOnce(t *testing.T) {
	t.Parallel()
	db := dbtest.New(t)
	srv := mailtest.Start(t, mailtest.Options{})
	a, b := newService(t, db, srv), newService(t, db, srv)
	const n = 200
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := a
			if i%2 == 1 {
				s = b
			}
			if err := s.Enqueue(context.Background(), db, message(fmt.Sprintf("k%d", i), "anna@example.org")); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	srv.Wait(t, n, 60*time.Second)
	waitFor(t, func() bool { return count(t, db, "SELECT count(*) FROM messages WHERE sent_at IS NOT NULL") == n })
	time.Sleep(300 * time.Millisecond)
	seen := map[string]int{}
	for _, m := range srv.Mails() {
		seen[m.Header.Get("Message-Id")]++
	}
	if len(seen) != n || len(srv.Mails()) != n {
		t.Errorf("%d deliveries of %d distinct messages, want %d of %d", len(srv.Mails()), len(seen), n, n)
	}
}

func waitFor(tb testing.TB, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatal("condition not met within 20 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
