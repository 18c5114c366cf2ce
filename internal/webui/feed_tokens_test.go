package webui_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// TestFeedTokensPage: a booker makes a calendar link through the form, sees its address
// once, finds it listed by its prefix only, and revokes it; the link stops at once.
func TestFeedTokensPage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	org := s.orgNamed(t, "PRO Norrby")
	b := s.signedIn(t, false, map[string]access.Role{org.Name: access.RoleBooker})
	path := fmt.Sprintf("/organisationer/%d/kalender", org.ID)

	empty := b.get(path)
	empty.status(t, http.StatusOK)
	if h1 := empty.text("h1"); h1 != "Prenumerera på era bokningar" {
		t.Errorf("h1 %q", h1)
	}
	if empty.doc.Find("#new-feed-url").Length() != 0 {
		t.Error("an address shown before any link was made")
	}
	form := empty.formValues(t, "form[action='"+path+"']")
	if _, ok := form["csrf"]; !ok {
		t.Fatal("the form has no CSRF token")
	}
	form.Set("name", "Styrelsens kalender")
	made := b.post(path, form)
	made.status(t, http.StatusOK)
	if cc := made.resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q, want no-store", cc)
	}
	addr := made.doc.Find("#new-feed-url").AttrOr("value", "")
	secret := strings.TrimSuffix(strings.TrimPrefix(addr, "http://example.test/calendar/private/"), ".ics")
	if !strings.HasPrefix(secret, feedtoken.Prefix) || addr != "http://example.test/calendar/private/"+secret+".ics" {
		t.Fatalf("address shown %q", addr)
	}
	if _, ok := made.doc.Find("#new-feed-url").Attr("readonly"); !ok || made.doc.Find("label[for=new-feed-url]").Length() != 1 {
		t.Error("the address is not in a labelled read-only field")
	}
	if webcal := made.doc.Find("a[href^='webcal:']").AttrOr("href", ""); webcal != "webcal://example.test/calendar/private/"+secret+".ics" {
		t.Errorf("webcal link %q", webcal)
	}
	if got, err := s.feeds.Resolve(context.Background(), secret); err != nil || got != org.ID {
		t.Fatalf("the link shown resolves to %d, %v; want %d", got, err, org.ID)
	}

	// Shown once: the page lists the link by name and prefix, never the secret again.
	again := b.get(path)
	html, _ := again.doc.Html()
	if strings.Contains(html, secret) || again.doc.Find("#new-feed-url").Length() != 0 {
		t.Error("the secret is shown again")
	}
	row := again.doc.Find("tbody tr")
	if row.Length() != 1 || row.Find("th").Text() != "Styrelsens kalender" || !strings.Contains(row.Text(), secret[:12]) {
		t.Fatalf("list: %q", row.Text())
	}

	revoke := row.Find("form")
	values := url.Values{"csrf": {revoke.Find("input[name=csrf]").AttrOr("value", "")}}
	done := b.post(revoke.AttrOr("action", ""), values)
	done.status(t, http.StatusSeeOther)
	if loc := done.resp.Header.Get("Location"); loc != path+"?klart=kalenderlank" {
		t.Errorf("after revoking: to %q", loc)
	}
	if _, err := s.feeds.Resolve(context.Background(), secret); !errors.Is(err, feedtoken.ErrNotFound) {
		t.Errorf("the revoked link resolves: %v", err)
	}
	after := b.get(path + "?klart=kalenderlank")
	if after.text("[role=status]") == "" || after.doc.Find("tbody tr form").Length() != 0 || !strings.Contains(after.text("tbody tr"), "Återkallad") {
		t.Errorf("after revoking: notice %q, row %q", after.text("[role=status]"), after.text("tbody tr"))
	}
}

// TestFeedTokensPageErrors: the form comes back with the problem named at the field, in
// the visitor's language; an archived organisation offers no form.
func TestFeedTokensPageErrors(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	// An organisation of its own, without venues, so that it can be archived.
	org, err := s.orgs.CreateOrganisation(context.Background(), access.System, organisation.Input{Kind: "association", Name: "Kalenderföreningen"})
	if err != nil {
		t.Fatal(err)
	}
	b := s.signedIn(t, false, map[string]access.Role{org.Name: access.RoleAdmin})
	path := fmt.Sprintf("/organisationer/%d/kalender", org.ID)
	post := func(name string) page {
		form := b.get(path).formValues(t, "form[action='"+path+"']")
		form.Set("name", name)
		return b.post(path, form)
	}

	blank := post("   ")
	blank.status(t, http.StatusUnprocessableEntity)
	if blank.doc.Find(".error-summary a[href='#name']").Length() != 1 || blank.doc.Find("#name[aria-invalid=true]").Length() != 1 {
		t.Errorf("blank name: no error at the field: %s", blank.text(".error-summary"))
	}
	if !strings.HasPrefix(blank.text("title"), "Fel:") {
		t.Errorf("title %q does not say there is an error", blank.text("title"))
	}

	for range feedtoken.MaxLive {
		if _, _, err := s.feeds.Create(context.Background(), access.System, org.ID, "Kalender"); err != nil {
			t.Fatal(err)
		}
	}
	b.header.Set("Accept-Language", "en")
	full := post("One too many")
	full.status(t, http.StatusUnprocessableEntity)
	if msg := full.text(".field__error"); !strings.Contains(msg, "already has 20 working calendar links") {
		t.Errorf("beyond the limit: %q", msg)
	}
	if v := full.doc.Find("#name").AttrOr("value", ""); v != "One too many" {
		t.Errorf("the name typed is lost: %q", v)
	}
	if h1 := full.text("h1"); h1 != "Subscribe to your bookings" {
		t.Errorf("English h1 %q", h1)
	}

	if _, err := s.orgs.ArchiveOrganisation(context.Background(), access.System, org.ID); err != nil {
		t.Fatal(err)
	}
	archived := b.get(path)
	archived.status(t, http.StatusOK)
	if archived.doc.Find("form[action='"+path+"']").Length() != 0 {
		t.Error("an archived organisation offers the form")
	}
}

// TestFeedTokensLinked: the bookings page leads its members to the calendar links.
func TestFeedTokensLinked(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	org := s.orgNamed(t, "PRO Norrby")
	b := s.signedIn(t, false, map[string]access.Role{org.Name: access.RoleBooker})
	p := b.get(fmt.Sprintf("/organisationer/%d/bokningar", org.ID))
	p.status(t, http.StatusOK)
	if p.doc.Find(fmt.Sprintf("a[href='/organisationer/%d/kalender']", org.ID)).Length() != 1 {
		t.Error("no link to the calendar links on the bookings page")
	}
}
