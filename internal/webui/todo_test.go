package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// invitedMeeting makes a meeting a week ahead in a fresh series organised by org, with
// invited invited.
func (w *world) invitedMeeting(org, invited int64) *meeting.Meeting {
	w.t.Helper()
	m := w.publicMeeting(org)
	if _, err := w.meetings.SetInvitations(context.Background(), access.System, m.ID, meeting.InvitationsInput{OrganisationIDs: []int64{invited}}); err != nil {
		w.t.Fatal(err)
	}
	return m
}

// TestTodo: login lands on the to-do page; the owner's admin sees the request to decide
// (also as a count in the menu), a series once; the invited organisation's booker answers
// a meeting invitation there; an invitation to the person's address is listed; bookers
// see their organisation's next bookings and no count.
func TestTodo(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	ctx := context.Background()
	request := w.book(w.b.ID, w.approvalA.ID, true)
	w.seriesOf(w.b.ID, w.approvalA.ID, 5)
	mine := w.book(w.a.ID, w.roomA.ID, false)
	m := w.invitedMeeting(w.b.ID, w.a.ID)
	if _, err := w.accounts.Invite(ctx, access.System, w.b.ID, w.people[bookerA].Email, access.RoleBooker); err != nil {
		t.Fatal(err)
	}

	t.Run("LoginLandsHere", func(t *testing.T) {
		b := w.browser(t)
		r := b.login(w.people[adminA].Email)
		if loc := r.resp.Header.Get("Location"); loc != "/att-gora" {
			t.Errorf("login went to %q", loc)
		}
	})
	t.Run("Requests", func(t *testing.T) {
		p := w.browsers[adminA].get("/att-gora")
		p.status(t, http.StatusOK)
		if got := p.text(`.site-nav a[href="/att-gora"]`); got != "Att göra 2 (2 beslut väntar)" {
			t.Errorf("menu: %q", got)
		}
		section := p.text(`section[aria-labelledby="todo-requests"]`)
		if !strings.Contains(section, request.Title) || !strings.Contains(section, "5 tillfällen") {
			t.Errorf("requests: %q", section)
		}
		if href, _ := p.doc.Find(`section[aria-labelledby="todo-requests"] a[href$="/forfragningar"]`).Attr("href"); href != fmt.Sprintf("/organisationer/%d/forfragningar", w.a.ID) {
			t.Errorf("inbox link %q", href)
		}
		if other := w.browsers[adminB].get("/att-gora"); w.browsers[adminB].get("/").doc.Find(".site-nav .count").Length() != 0 ||
			strings.Contains(other.text(`section[aria-labelledby="todo-requests"]`), request.Title) {
			t.Errorf("the admin of B sees A's requests")
		}
	})
	t.Run("Bookings", func(t *testing.T) {
		p := w.browsers[bookerA].get("/att-gora")
		if got := p.text(`section[aria-labelledby="todo-bookings"]`); !strings.Contains(got, mine.Title) {
			t.Errorf("next bookings: %q", got)
		}
		if p.doc.Find(".site-nav .count").Length() != 0 {
			t.Errorf("a booker has a count in the menu")
		}
		if got := p.text(`section[aria-labelledby="todo-invitations"]`); !strings.Contains(got, "Inbjudan till Förening B") {
			t.Errorf("waiting invitation: %q", got)
		}
	})
	t.Run("ReplyToMeeting", func(t *testing.T) {
		b := w.browsers[bookerA]
		p := b.get("/att-gora")
		action := fmt.Sprintf("/att-gora/moten/%d/svar", m.ID)
		forms := p.doc.Find(fmt.Sprintf(`form[action=%q]`, action))
		if forms.Length() != 2 {
			t.Fatalf("%d reply forms, want 2 (coming, not coming)", forms.Length())
		}
		bad := b.post(action, url.Values{"csrf": {b.csrf()}, "organisation_id": {fmt.Sprint(w.a.ID)}, "attending": {"yes"}, "participants": {"0"}})
		bad.status(t, http.StatusUnprocessableEntity)
		if bad.doc.Find(`#participants[aria-invalid="true"]`).Length() != 1 {
			t.Errorf("the failed form's field is not marked: %s", bad.text(".error-summary"))
		}
		values := fill(p.formValues(t, fmt.Sprintf(`form[action=%q]:has(input[name="participants"])`, action)), "participants", "4")
		b.post(action, values).status(t, http.StatusSeeOther)
		invs, err := w.meetings.FindInvitations(ctx, access.System, m.ID)
		if err != nil || len(invs) != 1 || invs[0].Participants == nil || *invs[0].Participants != 4 {
			t.Fatalf("reply not stored: %+v %v", invs, err)
		}
		if got := b.get("/att-gora").text(`section[aria-labelledby="todo-invitations"]`); strings.Contains(got, m.Title) {
			t.Errorf("the answered invitation is still listed: %q", got)
		}
	})
}
