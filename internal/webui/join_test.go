package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// joinNumber returns a valid organisation number made of 80249, n and its check digit.
func joinNumber(n int) string { return orgNumber(802490000 + n%10000) }

// joinForm is the join form filled in for the organisation number joinNumber(n).
func joinForm(n int) url.Values {
	return url.Values{"organisation_name": {fmt.Sprintf("Förening %d", n)}, "org_number": {joinNumber(n)}, "kind": {"association"},
		"signer_name": {"Sara Ordförande"}, "signer_role": {"ordförande"},
		"contact_name": {"Karin Kontakt"}, "contact_email": {"karin@example.se"}, "contact_phone": {"033-123456"}}
}

// requestToJoin makes a request through the service, anonymously.
func (s *site) requestToJoin(n int) (*agreement.JoinRequest, string) {
	jr, secret, err := s.agree.RequestToJoin(context.Background(), access.Anonymous(""), agreement.JoinInput{
		OrganisationName: fmt.Sprintf("Förening %d", n), OrgNumber: joinNumber(n), ContactName: "Karin Kontakt",
		ContactEmail: "karin@example.se", SignerName: "Sara Ordförande", SignerRole: "ordförande"})
	if err != nil {
		panic(err)
	}
	return jr, secret
}

func countJoinRequests(t *testing.T, s *site) int {
	t.Helper()
	n, err := s.db.NewSelect().Table("join_requests").Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestJoinForm(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	t.Run("OK", func(t *testing.T) {
		form := b.get("/overenskommelsen/anslut").formValues(t, "main form")
		for k, v := range joinForm(1) {
			form[k] = v
		}
		p := b.post("/overenskommelsen/anslut", form)
		link := p.doc.Find(".secret__value a").AttrOr("href", "")
		if p.resp.StatusCode != http.StatusOK || !strings.HasPrefix(link, "http://example.test/overenskommelsen/anslut/lbj_") ||
			p.resp.Header.Get("Cache-Control") != "no-store" || p.resp.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Fatalf("confirmation: %d %q %v", p.resp.StatusCode, link, p.resp.Header)
		}
		status := b.get(strings.TrimPrefix(link, "http://example.test"))
		if got := strings.TrimSpace(status.doc.Find("#join-status").Text()); got != "Väntar på beslut" {
			t.Errorf("status page says %q", got)
		}
		if status.doc.Find(".secret").Length() != 0 {
			t.Error("the status page shows the link again")
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		before := countJoinRequests(t, s)
		form := b.get("/overenskommelsen/anslut").formValues(t, "main form")
		for k, v := range joinForm(2) {
			form[k] = v
		}
		form.Set("org_number", "802492-0003")
		form.Set("signer_role", "")
		p := b.post("/overenskommelsen/anslut", form)
		if p.resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", p.resp.StatusCode)
		}
		if msg := p.doc.Find("#org_number-error").Text(); !strings.Contains(msg, "Organisationsnumret har fel kontrollsiffra") {
			t.Errorf("org_number message %q", msg)
		}
		if p.doc.Find("#signer_role-error").Length() != 1 || p.doc.Find(`.error-summary a[href="#org_number"]`).Length() != 1 {
			t.Error("the signer's role has no message, or the summary no link")
		}
		if v, _ := p.doc.Find("#organisation_name").Attr("value"); v != "Förening 2" {
			t.Errorf("typed name lost: %q", v)
		}
		if countJoinRequests(t, s) != before {
			t.Error("a bad request was stored")
		}
	})
	t.Run("MembersSeeTheirs", func(t *testing.T) {
		o, err := s.orgs.CreateOrganisation(context.Background(), access.System, organisation.Input{Kind: "association", Name: "Medlemsföreningen", OrgNumber: joinNumber(3)})
		if err != nil {
			t.Fatal(err)
		}
		s.requestToJoin(3)
		s.requestToJoin(4)
		member := s.signedIn(t, false, map[string]access.Role{o.Name: access.RoleBooker})
		rows := member.get("/overenskommelsen/anslut").doc.Find("#own-requests-title + table tbody tr")
		if rows.Length() != 1 || !strings.Contains(rows.Text(), joinNumber(3)) || strings.Contains(rows.Text(), "karin@example.se") {
			t.Errorf("a member sees: %q", rows.Text())
		}
		if b.get("/overenskommelsen/anslut").doc.Find("#own-requests-title").Length() != 0 {
			t.Error("anyone sees a list of requests")
		}
	})
	t.Run("ErrUnknownLink", func(t *testing.T) {
		if p := b.get("/overenskommelsen/anslut/lbj_finns-inte"); p.resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown link: %d", p.resp.StatusCode)
		}
	})
}

func TestJoinInbox(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	admin := s.cityAdmin(t)
	jr, secret := s.requestToJoin(10)
	inbox := admin.get("/admin/anslutningar")
	if inbox.resp.StatusCode != http.StatusOK || !strings.Contains(inbox.doc.Find("main").Text(), "karin@example.se") {
		t.Fatalf("inbox: %d", inbox.resp.StatusCode)
	}
	reject := fmt.Sprintf(`form[action="/admin/anslutningar/%d/avsla"]`, jr.ID)
	form := inbox.formValues(t, reject)
	form.Set("reason", " ")
	p := admin.post(fmt.Sprintf("/admin/anslutningar/%d/avsla", jr.ID), form)
	if p.resp.StatusCode != http.StatusUnprocessableEntity || p.doc.Find("#reason-error").Length() != 1 {
		t.Fatalf("reject without a reason: %d", p.resp.StatusCode)
	}
	form.Set("reason", "Inte verksam i Borås")
	p = admin.post(fmt.Sprintf("/admin/anslutningar/%d/avsla", jr.ID), form)
	if loc := p.resp.Header.Get("Location"); p.resp.StatusCode != http.StatusSeeOther || loc != "/admin/anslutningar?klart=avslagen" {
		t.Fatalf("reject: %d to %q", p.resp.StatusCode, loc)
	}
	p = admin.get("/admin/anslutningar?klart=avslagen")
	if !strings.Contains(p.doc.Find("[role=status]").Text(), "avslagen") || strings.Contains(p.doc.Find("main").Text(), "karin@example.se") {
		t.Errorf("after rejecting, the inbox: %s", p.doc.Find("main").Text())
	}
	status := s.browser(t).get("/overenskommelsen/anslut/" + secret)
	if got := status.doc.Find("#join-reason").Text(); got != "Inte verksam i Borås" {
		t.Errorf("the applicant sees the reason %q", got)
	}
	p = admin.post(fmt.Sprintf("/admin/anslutningar/%d/godkann", jr.ID), form)
	if p.resp.StatusCode != http.StatusConflict {
		t.Errorf("approve after rejection: %d", p.resp.StatusCode)
	}
}
