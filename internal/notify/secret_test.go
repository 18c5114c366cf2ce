package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/credential"
	"github.com/borasstad/lokalbanken/internal/dbtest"
	"github.com/borasstad/lokalbanken/internal/mailtest"
	"github.com/borasstad/lokalbanken/internal/notify"
)

// A reset link's secret reaches the person, and then nobody else: the kept copy of a sent
// message has lost it, and while mail is sent the outbox shows none, sent or waiting.
// Without SMTP (trying the service) the outbox is the only way to the link, so it shows it.
func TestKeptMessagesHoldNoSecrets(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	reset := func(key string) (notify.Message, string) {
		secret, _ := credential.New()
		m := message(key, "anna@example.org")
		m.Action = &notify.Link{Label: "Välj ett nytt lösenord", Path: "/losenord/" + secret}
		return m, secret
	}
	stored := func(t *testing.T, db bun.IDB, key string) string {
		var body string
		if err := db.NewRaw("SELECT text_body || html_body FROM messages WHERE dedupe_key = ?", key).Scan(ctx, &body); err != nil {
			t.Fatal(err)
		}
		return body
	}
	shown := func(t *testing.T, s *notify.Service) string {
		page, err := s.FindMessages(ctx, access.System, 10, "")
		if err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		for _, r := range page.Items {
			all.WriteString(r.TextBody + r.HTMLBody)
		}
		return all.String()
	}

	t.Run("Sent", func(t *testing.T) {
		t.Parallel()
		db := dbtest.New(t)
		srv := mailtest.Start(t, mailtest.Options{TLS: mailtest.Plain})
		s := newService(t, db, srv)
		m, secret := reset("reset:1")
		if err := s.Enqueue(ctx, db, m); err != nil {
			t.Fatal(err)
		}
		got := srv.Wait(t, 1, 20*time.Second)[0]
		if !strings.Contains(got.Text("text/plain"), base+"/losenord/"+secret) || !strings.Contains(got.Text("text/html"), base+"/losenord/"+secret) {
			t.Fatalf("the person did not get the link:\n%s", got.Text("text/plain"))
		}
		waitFor(t, func() bool { return rows(t, db)[0].Sent })
		if body := stored(t, db, "reset:1"); strings.Contains(body, secret) || !strings.Contains(body, "/losenord/…") {
			t.Errorf("the kept copy holds the secret or lost the link: %s", body)
		}
		if strings.Contains(shown(t, s), secret) {
			t.Error("the outbox shows the secret")
		}
	})
	t.Run("Waiting", func(t *testing.T) {
		t.Parallel()
		db := dbtest.New(t)
		srv := mailtest.Start(t, mailtest.Options{TLS: mailtest.Plain})
		// Sending, but not started: the message waits with its secret.
		s, err := notify.New(notify.Options{DB: db, BaseURL: base, From: "lokalbanken@example.org", SMTPURL: srv.URL})
		if err != nil {
			t.Fatal(err)
		}
		m, secret := reset("reset:2")
		if err := s.Enqueue(ctx, db, m); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stored(t, db, "reset:2"), secret) {
			t.Fatal("the waiting message lost its secret before it was sent")
		}
		if got := shown(t, s); strings.Contains(got, secret) || !strings.Contains(got, "/losenord/…") {
			t.Errorf("the outbox shows a waiting message's secret: %s", got)
		}
	})
	t.Run("NotSending", func(t *testing.T) {
		t.Parallel()
		db := dbtest.New(t)
		s := newService(t, db, nil)
		m, secret := reset("reset:3")
		if err := s.Enqueue(ctx, db, m); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(shown(t, s), secret) {
			t.Error("without SMTP the outbox does not show the link, the only way to it")
		}
	})
}

func TestRedact(t *testing.T) {
	secret, _ := credential.New()
	for in, want := range map[string]string{
		"https://x.example/losenord/" + secret:             "https://x.example/losenord/…",
		`<a href="https://x.example/svar/` + secret + `">`: `<a href="https://x.example/svar/…">`,
		"/bokningar/7":          "/bokningar/7",
		"/avtal/" + secret[:42]: "/avtal/" + secret[:42],
	} {
		if got := notify.Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
