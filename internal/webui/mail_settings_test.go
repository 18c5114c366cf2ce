package webui_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/notify"
)

// unsubscribeToken queues a meeting message to a new person and returns its unsubscribe
// link's token.
func (w *world) unsubscribeToken() string {
	w.t.Helper()
	u := w.outsider()
	return w.site.mailKind(w.t, u.ID, u.Email, "meeting")
}

// mailKind queues a non-essential message of kind to the person and returns the token of
// its unsubscribe link, or "" when it was not queued.
func (s *site) mailKind(t *testing.T, userID int64, email, kind string) string {
	t.Helper()
	ctx := context.Background()
	key := fmt.Sprintf("test:%d", s.people.Add(1))
	err := s.messages.Enqueue(ctx, s.db, notify.Message{Kind: kind, Key: key, UserID: userID, To: email, Lang: i18n.SV,
		Subject: "Möte", Paragraphs: []string{"Välkomna"}})
	if err != nil {
		t.Fatal(err)
	}
	var tokens []string
	if err := s.db.NewRaw("SELECT unsubscribe_token FROM messages WHERE dedupe_key = ?", key).Scan(ctx, &tokens); err != nil {
		t.Fatal(err)
	}
	if len(tokens) == 0 {
		return "" // not queued: the person turned the kind off
	}
	return tokens[0]
}

// TestMailSettings: a person chooses what they get, sees what was sent to them, and the
// link in a message turns its kind off without login; a kind turned off is not sent again.
func TestMailSettings(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	u := s.person(t, false, nil)
	b := s.browser(t)
	b.login(u.Email)

	page := b.get("/konto/installningar")
	page.status(t, http.StatusOK)
	values := page.formValues(t, `form[action="/konto/installningar"]`)
	if values.Get("lang") != "sv" || values.Get("reminder_minutes") != "0" || len(values["wanted"]) != 3 || values.Get("org_bookings") != "" {
		t.Errorf("the defaults: %v", values)
	}
	values.Set("lang", "en")
	values["wanted"] = []string{"booking.request"}
	values.Set("reminder_minutes", "1440")
	values.Set("org_bookings", "yes")
	saved := b.post("/konto/installningar", values)
	saved.status(t, http.StatusSeeOther)
	got, err := s.accounts.FindUserByID(ctx, access.System, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Lang != "en" || !got.MailOrgBookings || got.ReminderMinutes == nil || *got.ReminderMinutes != 1440 ||
		!slices.Equal(got.MailOff, []string{"meeting", "agreement.ending"}) {
		t.Errorf("stored: lang %q, org %v, reminder %v, off %v", got.Lang, got.MailOrgBookings, got.ReminderMinutes, got.MailOff)
	}
	bad := b.post("/konto/installningar", fill(values, "reminder_minutes", "7"))
	bad.status(t, http.StatusUnprocessableEntity)
	if bad.doc.Find(`#reminder_minutes[aria-invalid="true"]`).Length() != 1 {
		t.Errorf("the bad lead time is not marked: %s", bad.text(".error-summary"))
	}

	// The log shows what was sent; the link in it works without login, once asked.
	token := s.mailKind(t, u.ID, u.Email, "booking.request")
	if log := b.get("/konto/installningar").text(`section[aria-labelledby="log-title"]`); !strings.Contains(log, "Möte") {
		t.Errorf("the log: %q", log)
	}
	raw := b.getRaw("/konto/export.json")
	var x struct {
		MailSettings struct {
			Lang string   `json:"lang"`
			Off  []string `json:"off"`
		} `json:"mail_settings"`
		Messages []struct {
			Kind    string `json:"kind"`
			Subject string `json:"subject"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(raw, &x); err != nil {
		t.Fatal(err)
	}
	if x.MailSettings.Lang != "en" || len(x.Messages) != 1 || x.Messages[0].Kind != "booking.request" || strings.Contains(string(raw), token) {
		t.Errorf("the export: settings %+v, messages %+v (a secret in it: %v)", x.MailSettings, x.Messages, strings.Contains(string(raw), token))
	}
	stranger := s.browser(t)
	confirm := stranger.get("/avregistrera/" + token)
	confirm.status(t, http.StatusOK)
	if !strings.Contains(confirm.text("main"), "förfrågningar om lokaler") {
		t.Errorf("the page does not say what stops: %q", confirm.text("main"))
	}
	if got, _ := s.accounts.FindUserByID(ctx, access.System, u.ID); slices.Contains(got.MailOff, "booking.request") {
		t.Fatal("opening the link unsubscribed: mail scanners would")
	}
	stranger.post("/avregistrera/"+token, confirm.formValues(t, "main form")).status(t, http.StatusOK)
	if got, _ := s.accounts.FindUserByID(ctx, access.System, u.ID); !slices.Contains(got.MailOff, "booking.request") {
		t.Errorf("not unsubscribed: %v", got.MailOff)
	}
	if again := s.mailKind(t, u.ID, u.Email, "booking.request"); again != "" {
		t.Error("a kind turned off was queued again")
	}
	stranger.get("/avregistrera/okand-lank").status(t, http.StatusNotFound)
}

// getRaw returns the body of a GET that must answer 200.
func (b *browser) getRaw(path string) []byte {
	b.t.Helper()
	resp, err := b.client.Get(b.site.url + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.t.Fatalf("GET %s: %d %v", path, resp.StatusCode, err)
	}
	return body
}

// TestPersonMessages: city administrators read a person's log from the user list, for
// support; nobody else can.
func TestPersonMessages(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	u := s.person(t, false, nil)
	s.mailKind(t, u.ID, u.Email, "meeting")
	city := s.cityAdmin(t)
	list := city.get("/admin/anvandare?q=" + u.Email)
	href, _ := list.doc.Find(fmt.Sprintf(`a[href="/admin/anvandare/%d/meddelanden"]`, u.ID)).Attr("href")
	if href == "" {
		t.Fatalf("no link to the person's messages on the user list")
	}
	p := city.get(href)
	p.status(t, http.StatusOK)
	if got := p.text(`section[aria-labelledby="log-title"]`); !strings.Contains(got, "Möte") || !strings.Contains(got, u.Email) {
		t.Errorf("the log: %q", got)
	}
	other := s.signedIn(t, false, nil)
	other.get(href).status(t, http.StatusForbidden)
}
