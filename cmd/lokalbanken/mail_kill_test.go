package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/borasstad/lokalbanken/internal/mailtest"
)

// TestMailSurvivesKill: kill -9 of serve between the commit of a change and the delivery of
// its message loses nothing and sends nothing twice. Requests for the demo's room that needs
// approval each tell its approver (the city administrator). The mail server first refuses
// for a while (451): the service is killed once right after the requests commit (their
// messages not yet composed, or being composed), and once after every delivery was tried
// and refused (the messages waiting for a retry). After the last restart, with the server
// accepting, each message arrives exactly once.
func TestMailSurvivesKill(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t, mailtest.Options{})
	srv.Refuse(&smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"})
	dataDir := filepath.Join(t.TempDir(), "data")
	env := []string{"LOKALBANKEN_SMTP_URL=" + srv.URL, "LOKALBANKEN_MAIL_FROM=lokalbanken@example.org"}
	start := func() *process {
		p, _ := startBinaryWith(t, dataDir, env, "--mail-poll", "100ms")
		return p
	}

	p := start()
	token := strings.TrimSpace(cli(t, dataDir, "", "token", "create", "--email", "bo@example.org"))
	org := firstID(t, p, "/api/v1/organisations?q="+url.QueryEscape("PRO Norrby"))
	venue := firstID(t, p, "/api/v1/venues?q="+url.QueryEscape("Norrby träffpunkt"))
	room := roomNamed(t, p, venue, "Stora salen")
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		t.Fatal(err)
	}
	day := time.Now().In(loc).AddDate(0, 0, 60)
	request := func(n int) {
		t.Helper()
		s := time.Date(day.Year(), day.Month(), day.Day()+n, 10, 0, 0, 0, loc)
		body := fmt.Sprintf(`{"room_id":%d,"organisation_id":%d,"title":"Begäran %d","attendees":10,"starts_at":%q,"ends_at":%q}`,
			room, org, n, s.Format(time.RFC3339), s.Add(time.Hour).Format(time.RFC3339))
		if st := p.post(t, "/api/v1/bookings", body, token); st != http.StatusAccepted {
			t.Fatalf("request %d: status %d, want 202 (pending)", n, st)
		}
	}
	const n = 6
	for i := range n / 2 {
		request(i)
	}
	p.stop(t, syscall.SIGKILL) // right after the commits

	p = start()
	for i := n / 2; i < n; i++ {
		request(i)
	}
	srv.WaitRefused(t, n, 60*time.Second)
	p.stop(t, syscall.SIGKILL) // every message tried once, waiting for a retry

	srv.Refuse(nil)
	p = start()
	requests := func() []mailtest.Mail {
		// The demo data's own messages (a join request received) are not this test's.
		var out []mailtest.Mail
		for _, m := range srv.Mails() {
			if strings.HasPrefix(m.Subject(), "Bokningsförfrågan: Begäran") {
				out = append(out, m)
			}
		}
		return out
	}
	deadline := time.Now().Add(60 * time.Second)
	for len(requests()) < n && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(3 * time.Second) // room for a duplicate to show
	mails := requests()
	seen := map[string]int{}
	ids := map[string]int{}
	for _, m := range mails {
		seen[m.Subject()]++
		ids[m.Header.Get("Message-Id")]++
		if len(m.To) != 1 || m.To[0] != "admin@example.org" {
			t.Errorf("%q went to %v, want the city administrator", m.Subject(), m.To)
		}
	}
	for i := range n {
		if subj := fmt.Sprintf("Bokningsförfrågan: Begäran %d", i); seen[subj] != 1 {
			t.Errorf("%q arrived %d times, want once", subj, seen[subj])
		}
	}
	if len(mails) != n || len(ids) != n {
		t.Errorf("%d mails with %d distinct Message-IDs, want %d of each: %v", len(mails), len(ids), n, seen)
	}
	p.stop(t, syscall.SIGTERM)
}

// firstID returns the id of the first item of a list.
func firstID(t *testing.T, p *process, path string) int64 {
	t.Helper()
	var list struct {
		Items []struct{ ID int64 } `json:"items"`
	}
	if st, body := p.get(t, path); st != 200 || json.Unmarshal([]byte(body), &list) != nil || len(list.Items) == 0 {
		t.Fatalf("GET %s: %d %s", path, st, body)
	}
	return list.Items[0].ID
}

// roomNamed returns the id of the venue's room with the name.
func roomNamed(t *testing.T, p *process, venue int64, name string) int64 {
	t.Helper()
	var list struct {
		Items []struct {
			ID   int64
			Name string
		} `json:"items"`
	}
	path := fmt.Sprintf("/api/v1/venues/%d/rooms", venue)
	if st, body := p.get(t, path); st != 200 || json.Unmarshal([]byte(body), &list) != nil {
		t.Fatalf("GET %s: %d %s", path, st, body)
	}
	for _, r := range list.Items {
		if r.Name == name {
			return r.ID
		}
	}
	t.Fatalf("no room %q in venue %d", name, venue)
	return 0
}
