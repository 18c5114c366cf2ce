package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/config"
	"github.com/borasstad/lokalbanken/internal/demo"
	"github.com/borasstad/lokalbanken/internal/mailtest"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// TestOperatorNumbers starts the real App with the operator's listener, an SMTP server and
// the demo data, does what people do over real HTTP — books (confirmed, pending, a clash, a
// room whose rules refuse), reads a feed twice (200, then 304), asks for a password reset
// while the SMTP server refuses and again when it accepts, fails to log in until throttled —
// and scrapes /metrics after each step: every number the issue names moves by exactly what
// was done, and the gauges read from the database agree with SQL.
func TestOperatorNumbers(t *testing.T) {
	t.Parallel()
	smtpSrv := mailtest.Start(t, mailtest.Options{})
	cfg := config.Defaults()
	cfg.Addr = "127.0.0.1:0"
	cfg.MetricsAddr = "127.0.0.1:0"
	cfg.DatabaseURL = ""
	cfg.DataDir = filepath.Join(t.TempDir(), "data")
	cfg.Demo = "yes"
	cfg.BaseURL = "http://127.0.0.1"
	cfg.SMTPURL, cfg.MailFrom, cfg.MailPoll = smtpSrv.URL, "lokalbanken@example.org", 100*time.Millisecond
	var logs syncBuffer
	app := NewApp(cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	if err := app.Start(context.Background()); err != nil {
		app.Close()
		t.Fatalf("start: %v\n%s", err, logs.String())
	}
	t.Cleanup(func() {
		app.Close()
		if t.Failed() {
			t.Logf("service log:\n%.20000s", logs.String())
		}
	})
	base := strings.Replace(app.URL(), "//localhost:", "//127.0.0.1:", 1)
	op := app.OperatorURL()
	ctx := context.Background()
	db := app.store.db
	accounts := account.NewService(db, validation.New(), time.Now, account.DefaultConfig())
	token := func(email string) string {
		var id int64
		if err := db.NewRaw("SELECT id FROM users WHERE email = ?", email).Scan(ctx, &id); err != nil {
			t.Fatal(err)
		}
		tok, _, err := accounts.CreateTokenForUser(ctx, id, "metrics test")
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	bo, karin := token("bo@example.org"), token("karin@example.org")
	roomID := func(name string) int64 {
		var id int64
		if err := db.NewRaw("SELECT id FROM rooms WHERE name = ?", name).Scan(ctx, &id); err != nil {
			t.Fatalf("room %s: %v", name, err)
		}
		return id
	}
	var pro int64
	if err := db.NewRaw("SELECT id FROM organisations WHERE name = 'PRO Norrby'").Scan(ctx, &pro); err != nil {
		t.Fatal(err)
	}
	proRoom := roomID(demo.SharedRoom) // PRO Norrby's own, for its partners only

	book := func(tok string, room, org int64, day int) int {
		t.Helper()
		start := time.Now().In(time.UTC).Truncate(24*time.Hour).AddDate(0, 0, day).Add(9 * time.Hour) // 10:00 or 11:00 in Stockholm
		body := fmt.Sprintf(`{"room_id":%d,"organisation_id":%d,"title":"Mätning","attendees":5,"starts_at":%q,"ends_at":%q}`,
			room, org, start.Format(time.RFC3339), start.Add(time.Hour).Format(time.RFC3339))
		req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/bookings", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode >= 500 {
			t.Fatalf("book: %d %s", res.StatusCode, b)
		}
		return res.StatusCode
	}

	before := scrape(t, op)
	if v := before.value(t, "lokalbanken_build_info"); v != 1 {
		t.Errorf("build info %v, want 1", v)
	}

	// Bookings: PRO Norrby in its own room (confirmed), the same time again (a clash), in a
	// room whose owner approves every request (pending), and the Kulturförvaltningen in PRO
	// Norrby's room for partners only (refused by the rule).
	if st := book(bo, proRoom, pro, 30); st != http.StatusCreated {
		t.Fatalf("own room: %d, want 201", st)
	}
	if st := book(bo, proRoom, pro, 30); st != http.StatusConflict {
		t.Fatalf("the same time again: %d, want 409", st)
	}
	if st := book(bo, roomID(demo.ApprovalRoom), pro, 31); st != http.StatusAccepted {
		t.Fatalf("the approval room: %d, want 202", st)
	}
	var kultur int64
	if err := db.NewRaw("SELECT id FROM organisations WHERE name = 'Kulturförvaltningen'").Scan(ctx, &kultur); err != nil {
		t.Fatal(err)
	}
	if st := book(karin, roomID(demo.SharedRoom), kultur, 32); st != http.StatusForbidden {
		t.Fatalf("the partners' room: %d, want 403", st)
	}

	// A feed read twice: the second time with the first's validator.
	feedURL := fmt.Sprintf("%s/calendar/rooms/%d.ics", base, proRoom)
	res, err := http.Get(feedURL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	req, _ := http.NewRequest(http.MethodGet, feedURL, nil)
	req.Header.Set("If-None-Match", res.Header.Get("ETag"))
	res2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res2.Body.Close()
	if res.StatusCode != 200 || res2.StatusCode != 304 {
		t.Fatalf("feed: %d then %d, want 200 then 304", res.StatusCode, res2.StatusCode)
	}

	after := scrape(t, op)
	delta := func(name string, labels ...string) float64 {
		return after.value(t, name, labels...) - before.value(t, name, labels...)
	}
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"lokalbanken_bookings_made_total", []string{"status", "confirmed"}, 1},
		{"lokalbanken_bookings_made_total", []string{"status", "pending"}, 1},
		{"lokalbanken_bookings_refused_total", []string{"reason", "conflict"}, 1},
		{"lokalbanken_bookings_refused_total", []string{"reason", "partners"}, 1},
		{"lokalbanken_booking_conflicts_total", nil, 1},
		{"lokalbanken_approvals_waiting", nil, 1},
		{"lokalbanken_feed_responses_total", []string{"route", "/calendar/rooms/:file", "status", "200"}, 1},
		{"lokalbanken_feed_responses_total", []string{"route", "/calendar/rooms/:file", "status", "304"}, 1},
	} {
		if got := delta(c.name, c.labels...); got != c.want {
			t.Errorf("%s%v moved by %v, want %v", c.name, c.labels, got, c.want)
		}
	}
	var pending int64
	if err := db.NewRaw("SELECT count(*) FROM bookings WHERE status = 'pending' AND starts_at > now()").Scan(ctx, &pending); err != nil {
		t.Fatal(err)
	}
	if got := after.value(t, "lokalbanken_approvals_waiting"); got != float64(pending) {
		t.Errorf("approvals waiting %v, SQL counts %d", got, pending)
	}

	// Messages: a reset link asked for while the SMTP server refuses for now waits; once it
	// accepts, the message is sent and waits no more.
	smtpSrv.Refuse(&smtp.SMTPError{Code: 451, Message: "try later"})
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	postPage(t, c, base+"/glomt-losenord", formOf(t, fetchPage(t, c, base+"/glomt-losenord"), "main form", "email", "anna@example.org"))
	smtpSrv.WaitRefused(t, 1, 30*time.Second)
	unsent := func() float64 {
		var n int64
		if err := db.NewRaw("SELECT count(*) FROM messages WHERE sent_at IS NULL").Scan(ctx, &n); err != nil {
			t.Fatal(err)
		}
		return float64(n)
	}
	waiting := scrape(t, op)
	if got, want := waiting.value(t, "lokalbanken_messages_waiting"), unsent(); got < 1 || got != want {
		t.Errorf("messages waiting while the server refuses: %v, SQL counts %v", got, want)
	}
	smtpSrv.Refuse(nil)
	smtpSrv.Wait(t, 1, 60*time.Second)
	// Every message this SMTP server accepted came from this service (the reset link, and a
	// request mail of the pending booking that may go out meanwhile): the counter reaches
	// their number once each delivery has committed.
	var sent *metrics
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		sent = scrape(t, op)
		got, want := sent.value(t, "lokalbanken_messages_sent_total"), float64(len(smtpSrv.Mails()))
		if got == want {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("messages sent %v, the SMTP server accepted %v", got, want)
		}
	}
	if got, want := sent.value(t, "lokalbanken_messages_waiting"), unsent(); got != want {
		t.Errorf("messages waiting after delivery: %v, SQL counts %v", got, want)
	}

	// Logins: wrong passwords until the address is locked.
	throttledAt := 0
	for i := 1; i <= 10 && throttledAt == 0; i++ {
		form := formOf(t, fetchPage(t, c, base+"/logga-in"), "main form", "email", "karin@example.org", "password", "fel lösenord")
		res, err := c.PostForm(base+"/logga-in", form)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusTooManyRequests {
			throttledAt = i
		}
	}
	if throttledAt == 0 {
		t.Fatal("ten wrong passwords were never throttled")
	}
	last := scrape(t, op)
	if got := last.value(t, "lokalbanken_logins_throttled_total", "cause", "locked") - before.value(t, "lokalbanken_logins_throttled_total", "cause", "locked"); got != 1 {
		t.Errorf("logins throttled moved by %v, want 1 (the try that answered 429)", got)
	}
}

// metrics is one scrape, parsed by Prometheus's own text parser.
type metrics map[string]*dto.MetricFamily

func scrape(t *testing.T, op string) *metrics {
	t.Helper()
	res, err := http.Get(op + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: %d", res.StatusCode)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(res.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	m := metrics(mfs)
	return &m
}

// value is the sample of name whose labels include the given name/value pairs; 0 when
// there is no such sample (a labelled counter has none until it is first counted).
func (m *metrics) value(t *testing.T, name string, labels ...string) float64 {
	t.Helper()
	mf := (*m)[name]
	for _, s := range mf.GetMetric() {
		if !hasLabels(s, labels) {
			continue
		}
		switch {
		case s.Counter != nil:
			return s.Counter.GetValue()
		case s.Gauge != nil:
			return s.Gauge.GetValue()
		}
	}
	return 0
}

func hasLabels(s *dto.Metric, labels []string) bool {
	for i := 0; i+1 < len(labels); i += 2 {
		found := false
		for _, l := range s.GetLabel() {
			if l.GetName() == labels[i] && l.GetValue() == labels[i+1] {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}
