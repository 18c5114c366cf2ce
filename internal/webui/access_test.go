package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// TestVenueFormsAccess checks the venue and room forms for each kind of visitor: anyone is
// sent to log in, an admin of another organisation and a booker get 403 and change nothing,
// the owner's admin gets the forms.
func TestVenueFormsAccess(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	kultur := s.venueNamed(t, "Kulturhuset")
	forms := []string{"/lokaler/ny", fmt.Sprintf("/lokaler/%d/andra", kultur.ID), fmt.Sprintf("/lokaler/%d/rum/nytt", kultur.ID)}
	before := s.countVenues(t)

	t.Run("Anonymous", func(t *testing.T) {
		b := s.browser(t)
		csrf := b.get("/logga-in").formValues(t, "main form")
		for _, path := range forms {
			r := b.get(path)
			r.status(t, http.StatusSeeOther)
			if loc := r.resp.Header.Get("Location"); loc != "/logga-in?next="+url.QueryEscape(path) {
				t.Errorf("GET %s: redirect to %q", path, loc)
			}
			// A form sent without a session (it expired while typing) goes to log in too.
			p := b.post(path, fill(csrf, "owner_id", fmt.Sprint(kultur.OwnerID), "name", "Anonym", "street_address", "Gatan 1",
				"postal_code", "50335", "town", "Borås", "capacity", "5"))
			if p.resp.StatusCode != http.StatusSeeOther {
				t.Errorf("POST %s: %d, want 303 to the login page", path, p.resp.StatusCode)
			}
		}
	})

	t.Run("AdminOfAnother", func(t *testing.T) {
		b := s.adminOf(t, "PRO Norrby")
		for _, path := range forms[1:] {
			b.get(path).status(t, http.StatusForbidden)
		}
		// The new-venue form offers only the organisation the admin may add venues for…
		form := b.get("/lokaler/ny")
		form.status(t, http.StatusOK)
		var owners []string
		form.doc.Find(`select[name="owner_id"] option[value!=""]`).Each(func(_ int, o *goquery.Selection) {
			owners = append(owners, o.Text())
		})
		if len(owners) != 1 || owners[0] != "PRO Norrby" {
			t.Errorf("owners offered: %v", owners)
		}
		// …and sending another owner's id by hand is refused, as are the other forms.
		values := fill(validVenueForm(t, b, kultur.OwnerID), "name", "Kapad lokal")
		p := b.post("/lokaler/ny", values)
		p.status(t, http.StatusForbidden)
		if p.text("h1") != "Du får inte göra det här" {
			t.Errorf("h1 %q", p.text("h1"))
		}
		b.post(forms[1], fill(values, "revision", fmt.Sprint(kultur.Revision))).status(t, http.StatusForbidden)
		b.post(forms[2], fill(values, "capacity", "10")).status(t, http.StatusForbidden)
		got, err := s.venues.FindVenueByID(context.Background(), kultur.ID)
		if err != nil || got.Name != "Kulturhuset" || got.Revision != kultur.Revision {
			t.Errorf("Kulturhuset changed: %+v %v", got, err)
		}
		if n := s.countVenues(t); n != before {
			t.Errorf("%d venues, want %d", n, before)
		}
		// Every refusal is in the audit log, with the route's pattern and the id named.
		denied, err := s.audit.FindEntries(context.Background(), access.System, audit.Filter{Action: audit.ActionDenied, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		routes := map[string]bool{}
		for _, e := range denied.Items {
			routes[e.ObjectType] = true
			if e.ObjectType == "/lokaler/:id/andra" && (e.ObjectID == nil || *e.ObjectID != kultur.ID || e.ActorUserID == nil) {
				t.Errorf("refusal entry %+v", e)
			}
		}
		for _, r := range []string{"/lokaler/:id/andra", "/lokaler/:id/rum/nytt", "/lokaler/ny"} {
			if !routes[r] {
				t.Errorf("no refusal recorded for %s; have %v", r, routes)
			}
		}
	})

	t.Run("Booker", func(t *testing.T) {
		b := s.signedIn(t, false, map[string]access.Role{"Kulturförvaltningen": access.RoleBooker})
		for _, path := range forms {
			b.get(path).status(t, http.StatusForbidden)
		}
		// The refusal says what to do instead, and where the person's roles are shown; the
		// menu does not offer a booker "Share premises" at all.
		p := b.get("/lokaler/ny")
		if got := p.text("main"); !strings.Contains(got, "Be en administratör i din organisation") {
			t.Errorf("the refusal of /lokaler/ny gives no advice: %q", got)
		}
		if p.doc.Find(`main a[href="/konto"]`).Length() != 1 || p.doc.Find(`.site-nav a[href="/lokaler/ny"]`).Length() != 0 {
			t.Error("the refusal links no roles page, or the menu offers a booker to share premises")
		}
		if got := b.get("/admin/logg").text("main"); !strings.Contains(got, "Borås Stads administratörer") {
			t.Errorf("the refusal of the audit log gives no advice: %q", got)
		}
	})

	t.Run("CityAdminSeesEveryOwner", func(t *testing.T) {
		all, err := s.orgs.FindOrganisations(context.Background(), organisation.Filter{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		form := s.cityAdmin(t).get("/lokaler/ny")
		if n := form.doc.Find(`select[name="owner_id"] option[value!=""]`).Length(); n != len(all.Items) {
			t.Errorf("%d owners offered, want all %d", n, len(all.Items))
		}
	})

	t.Run("Buttons", func(t *testing.T) {
		path := fmt.Sprintf("/lokaler/%d", kultur.ID)
		edit := fmt.Sprintf(`a[href="/lokaler/%d/andra"]`, kultur.ID)
		for name, tc := range map[string]struct {
			b    *browser
			want int
		}{
			"anonymous":        {s.browser(t), 0},
			"admin of another": {s.adminOf(t, "PRO Norrby"), 0},
			"owner's admin":    {s.adminOf(t, "Kulturförvaltningen"), 1},
		} {
			if n := tc.b.get(path).doc.Find(edit).Length(); n != tc.want {
				t.Errorf("%s: %d edit buttons, want %d", name, n, tc.want)
			}
		}
	})
}
