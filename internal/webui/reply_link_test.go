package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// replyLink makes a fresh meeting of B's to which A is invited and the secret of its reply
// link for A's admin, as an invitation mail would carry.
func (w *world) replyLink() (*meeting.Meeting, string) {
	w.t.Helper()
	m := w.invitedMeeting(w.b.ID, w.a.ID)
	secret, err := meeting.NewReplyLink(context.Background(), w.db, m.ID, w.people[adminA].ID, testNow)
	if err != nil {
		w.t.Fatal(err)
	}
	return m, secret
}

// TestReplyLink: the link in an invitation mail opens, without a login, a page with the
// meeting and a reply form per organisation its person answers for; opening it answers
// nothing; a wrong answer is named on the page and stores nothing; an answer is stored as
// the organisation's reply and shown; an unknown link is a 404 that says what to do.
func TestReplyLink(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	m, secret := w.replyLink()
	path := "/svar/" + secret
	stranger := w.browser(t)
	replied := func() *meeting.Invitation {
		invs, err := w.meetings.FindInvitations(context.Background(), access.System, m.ID)
		if err != nil || len(invs) != 1 {
			t.Fatalf("%+v %v", invs, err)
		}
		return &invs[0]
	}

	p := stranger.get(path)
	p.status(t, http.StatusOK)
	if h1 := p.text("h1"); !strings.Contains(h1, m.Title) {
		t.Errorf("heading %q", h1)
	}
	if got := p.text("main section h2"); got != "Svara för Förening A" {
		t.Errorf("organisations answered for: %q", got)
	}
	forms := p.doc.Find(fmt.Sprintf(`form[action=%q]`, path))
	if forms.Length() != 2 {
		t.Fatalf("%d reply forms, want 2 (coming, not coming)", forms.Length())
	}
	if replied().RepliedAt != nil {
		t.Fatal("opening the link answered: mail scanners would")
	}

	values := p.formValues(t, `main form:has(input[name="participants"])`)
	bad := stranger.post(path, fill(values, "participants", "0"))
	bad.status(t, http.StatusUnprocessableEntity)
	if bad.doc.Find(`#participants[aria-invalid="true"]`).Length() != 1 || !strings.Contains(bad.text(".error-summary"), "deltagare") {
		t.Errorf("the failed form's field is not named: %q", bad.text(".error-summary"))
	}
	if replied().RepliedAt != nil {
		t.Fatal("a refused answer was stored")
	}
	done := stranger.post(path, fill(values, "participants", "7"))
	done.status(t, http.StatusSeeOther)
	if inv := replied(); inv.Participants == nil || *inv.Participants != 7 || !*inv.Attending {
		t.Fatalf("reply not stored: %+v", inv)
	}
	after := stranger.get(path + "?klart=svar")
	if !strings.Contains(after.text(`[role="status"]`), "Svaret är sparat") || !strings.Contains(after.text("main section"), "7") {
		t.Errorf("after answering: %q / %q", after.text(`[role="status"]`), after.text("main section"))
	}
	no := stranger.post(path, after.formValues(t, `main form:not(:has(input[name="participants"]))`))
	no.status(t, http.StatusSeeOther)
	if inv := replied(); *inv.Attending {
		t.Fatalf("not coming not stored: %+v", inv)
	}

	gone := stranger.get("/svar/" + "okand-lank")
	gone.status(t, http.StatusNotFound)
	if !strings.Contains(gone.text("main"), "Att göra") {
		t.Errorf("the 404 does not say what to do: %q", gone.text("main"))
	}
}
