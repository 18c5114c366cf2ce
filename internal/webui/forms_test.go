package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// fill sets form fields, replacing what the form held.
func fill(v url.Values, kv ...string) url.Values {
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

func validVenueForm(t *testing.T, b *browser, ownerID int64) url.Values {
	t.Helper()
	form := b.get("/lokaler/ny")
	form.status(t, http.StatusOK)
	v := fill(form.formValues(t, "main form"),
		"owner_id", fmt.Sprint(ownerID), "name", "Sjöbo föreningsgård", "street_address", "Sjöbovägen 12",
		"postal_code", "50630", "town", "Borås", "district", "Sjöbo", "latitude", "57,7391", "longitude", "12,9655",
		"description", "Samlingslokal med kök.", "contact_email", "gard@example.org")
	v.Add("accessibility", "step_free_entrance")
	v.Add("accessibility", "lift")
	return v
}

func TestCreateVenue(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	owner := s.venueNamed(t, "Kulturhuset").OwnerID
	admin := func(t *testing.T) *browser { return s.adminOf(t, "Kulturförvaltningen") }

	t.Run("OK", func(t *testing.T) {
		b := admin(t)
		r := b.post("/lokaler/ny", validVenueForm(t, b, owner))
		r.status(t, http.StatusSeeOther)
		v := s.venueNamed(t, "Sjöbo föreningsgård")
		if v == nil {
			t.Fatal("the venue was not stored")
		}
		if loc := r.resp.Header.Get("Location"); loc != fmt.Sprintf("/lokaler/%d?klart=lokal-ny", v.ID) {
			t.Errorf("redirect to %q", loc)
		}
		if v.PostalCode != "506 30" || *v.Latitude != 57.7391 || !v.Accessibility.StepFreeEntrance || !v.Accessibility.Lift || v.Accessibility.HearingLoop {
			t.Errorf("stored %+v", v)
		}
		p := b.get(r.resp.Header.Get("Location"))
		p.status(t, http.StatusOK)
		if p.text("h1") != "Sjöbo föreningsgård" {
			t.Errorf("venue page h1 %q", p.text("h1"))
		}
	})

	t.Run("BadPostalCode", func(t *testing.T) {
		b := admin(t)
		before := s.countVenues(t)
		form := fill(validVenueForm(t, b, owner), "name", "Ska inte sparas", "postal_code", "12", "latitude", "norr")
		p := b.post("/lokaler/ny", form)
		p.status(t, http.StatusUnprocessableEntity)
		if got := s.countVenues(t); got != before {
			t.Errorf("%d venues stored, want %d", got, before)
		}
		in := p.doc.Find(`input[name="postal_code"]`)
		if in.AttrOr("value", "") != "12" || in.AttrOr("aria-invalid", "") != "true" ||
			!strings.Contains(in.AttrOr("aria-describedby", ""), "postal_code-error") {
			t.Errorf("postal code field: %v", in.Nodes[0].Attr)
		}
		if msg := p.text("#postal_code-error"); !strings.Contains(msg, "Postnumret ska ha fem siffror") {
			t.Errorf("postal code message %q", msg)
		}
		// A number that does not parse is a field error too, not a 500.
		if msg := p.text("#latitude-error"); !strings.Contains(msg, "Latitud") || !strings.Contains(msg, "ett tal") {
			t.Errorf("latitude message %q", msg)
		}
		if p.doc.Find(`input[name="latitude"]`).AttrOr("value", "") != "norr" {
			t.Error("latitude not kept")
		}
		// The rest of what was typed is kept.
		if p.doc.Find(`input[name="name"]`).AttrOr("value", "") != "Ska inte sparas" ||
			p.doc.Find(`select[name="owner_id"] option[selected]`).AttrOr("value", "") != fmt.Sprint(owner) ||
			p.doc.Find(`input[name="accessibility"][value="lift"][checked]`).Length() != 1 ||
			p.text(`textarea[name="description"]`) != "Samlingslokal med kök." {
			t.Error("typed values are lost")
		}
		summary := p.doc.Find(`.error-summary[role="alert"]`)
		if summary.Find(`a[href="#postal_code"]`).Length() != 1 || summary.Find(`a[href="#latitude"]`).Length() != 1 {
			t.Errorf("summary: %s", summary.Text())
		}
		if !strings.HasPrefix(p.text("title"), "Fel:") {
			t.Errorf("title %q does not say there is an error", p.text("title"))
		}
	})

	t.Run("Empty", func(t *testing.T) {
		b := admin(t)
		form := b.get("/lokaler/ny").formValues(t, "main form")
		p := b.post("/lokaler/ny", form)
		p.status(t, http.StatusUnprocessableEntity)
		for _, f := range []string{"owner_id", "name", "street_address", "postal_code", "town"} {
			if p.text("#"+f+"-error") == "" {
				t.Errorf("no message for %s", f)
			}
		}
	})

	t.Run("CSRFMismatch", func(t *testing.T) {
		b := admin(t)
		before := s.countVenues(t)
		form := validVenueForm(t, b, owner)
		form.Set("name", "Förfalskad lokal")
		form.Set("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
		p := b.post("/lokaler/ny", form)
		p.status(t, http.StatusForbidden)
		if !strings.Contains(p.text("h1"), "Formuläret kunde inte skickas") {
			t.Errorf("h1 %q", p.text("h1"))
		}
		form.Del("csrf")
		b.post("/lokaler/ny", form).status(t, http.StatusForbidden)
		// Another visitor's form: a valid token, but not this browser's cookie.
		other := s.browser(t)
		form.Set("csrf", other.get("/logga-in").formValues(t, "main form").Get("csrf"))
		b.post("/lokaler/ny", form).status(t, http.StatusForbidden)
		if got := s.countVenues(t); got != before {
			t.Errorf("%d venues stored, want %d", got, before)
		}
	})
}

func TestCSRFCookie(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		baseURL string
		secure  bool
	}{{"http://example.test", false}, {"https://lokalbanken.example", true}} {
		t.Run(tc.baseURL, func(t *testing.T) {
			t.Parallel()
			s := newSiteAt(t, tc.baseURL)
			p := s.browser(t).get("/logga-in")
			var csrf *http.Cookie
			for _, c := range p.resp.Cookies() {
				if c.Name == "csrf" {
					csrf = c
				}
			}
			if csrf == nil || !csrf.HttpOnly || csrf.SameSite != http.SameSiteLaxMode || csrf.Secure != tc.secure {
				t.Fatalf("csrf cookie %+v, want HttpOnly, SameSite=Lax, Secure=%v", csrf, tc.secure)
			}
			// The field is derived from the cookie, not a copy of it: a value planted in the
			// cookie does not tell what the field must be.
			if field := p.doc.Find(`main form input[name="csrf"]`).AttrOr("value", ""); field == "" || field == csrf.Value {
				t.Errorf("hidden field %q, cookie %q", field, csrf.Value)
			}
		})
	}
}

func TestEditVenue(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	v := s.venueNamed(t, "Norrby träffpunkt")
	path := fmt.Sprintf("/lokaler/%d/andra", v.ID)
	admin := func(t *testing.T) *browser { return s.adminOf(t, "Fritids- och folkhälsoförvaltningen") }

	t.Run("OK", func(t *testing.T) {
		b := admin(t)
		form := b.get(path)
		form.status(t, http.StatusOK)
		values := form.formValues(t, venueFormSel)
		if values.Get("revision") != fmt.Sprint(v.Revision) || values.Get("name") != v.Name || values.Get("postal_code") != v.PostalCode {
			t.Fatalf("form not filled in: %v", values)
		}
		values.Set("description", "Nyrenoverad mötesplats.")
		r := b.post(path, values)
		r.status(t, http.StatusSeeOther)
		got, err := s.venues.FindVenueByID(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Description != "Nyrenoverad mötesplats." || got.Revision != v.Revision+1 || got.Name != v.Name {
			t.Errorf("stored %+v", got)
		}
	})

	t.Run("StaleRevision", func(t *testing.T) {
		b := admin(t)
		values := b.get(path).formValues(t, venueFormSel)
		// Someone else saves first.
		cur, err := s.venues.FindVenueByID(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.venues.UpdateVenue(ctx, access.System, v.ID, venueInputOf(cur, "Ändrad av någon annan.")); err != nil {
			t.Fatal(err)
		}
		values.Set("description", "Min ändring.")
		p := b.post(path, values)
		p.status(t, http.StatusConflict)
		summary := p.text(`.error-summary[role="alert"]`)
		if !strings.Contains(summary, "Någon annan har ändrat") {
			t.Errorf("conflict message: %q", summary)
		}
		if p.text(`textarea[name="description"]`) != "Min ändring." {
			t.Error("the visitor's change is lost")
		}
		got, _ := s.venues.FindVenueByID(ctx, v.ID)
		if got.Description != "Ändrad av någon annan." {
			t.Errorf("the other change was overwritten: %q", got.Description)
		}
		// Saving again, having seen the message, is a deliberate overwrite.
		again := p.formValues(t, venueFormSel)
		if again.Get("revision") != fmt.Sprint(got.Revision) {
			t.Errorf("revision %q, want the current %d", again.Get("revision"), got.Revision)
		}
		b.post(path, again).status(t, http.StatusSeeOther)
	})
}

// venueInputOf is the input that would store v unchanged but for its description.
func venueInputOf(v *venue.Venue, description string) venue.VenueInput {
	return venue.VenueInput{
		OwnerID: v.OwnerID, Name: v.Name, StreetAddress: v.StreetAddress, PostalCode: v.PostalCode, Town: v.Town,
		District: v.District, Latitude: v.Latitude, Longitude: v.Longitude, Description: description,
		Accessibility: v.Accessibility, ContactName: v.ContactName, ContactEmail: v.ContactEmail, ContactPhone: v.ContactPhone,
	}
}

func TestCreateRoom(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	v := s.venueNamed(t, "Norrby träffpunkt")
	path := fmt.Sprintf("/lokaler/%d/rum/nytt", v.ID)
	rooms := func() int {
		page, err := s.venues.FindRooms(ctx, venue.Filter{VenueID: v.ID, IncludeArchived: true})
		if err != nil {
			t.Fatal(err)
		}
		return len(page.Items)
	}
	before := rooms()
	admin := func(t *testing.T) *browser { return s.adminOf(t, "Fritids- och folkhälsoförvaltningen") }

	t.Run("BadCapacity", func(t *testing.T) {
		b := admin(t)
		form := b.get(path)
		form.status(t, http.StatusOK)
		values := fill(form.formValues(t, "main form"), "name", "Hobbyrummet", "capacity", "abc", "area_m2", "30,5")
		values.Add("facilities", "wifi")
		p := b.post(path, values)
		p.status(t, http.StatusUnprocessableEntity)
		in := p.doc.Find(`input[name="capacity"]`)
		if in.AttrOr("value", "") != "abc" || in.AttrOr("aria-invalid", "") != "true" {
			t.Errorf("capacity field %v", in.Nodes[0].Attr)
		}
		if msg := p.text("#capacity-error"); !strings.Contains(msg, "Kapacitet") || !strings.Contains(msg, "heltal") {
			t.Errorf("capacity message %q", msg)
		}
		if p.doc.Find(`input[name="facilities"][value="wifi"][checked]`).Length() != 1 ||
			p.doc.Find(`input[name="area_m2"]`).AttrOr("value", "") != "30,5" {
			t.Error("typed values are lost")
		}
		if got := rooms(); got != before {
			t.Errorf("%d rooms, want %d: something was stored", got, before)
		}
	})

	t.Run("OK", func(t *testing.T) {
		b := admin(t)
		values := fill(b.get(path).formValues(t, "main form"), "name", "Hobbyrummet", "capacity", "12", "area_m2", "30,5")
		values.Add("facilities", "wifi")
		values.Add("facilities", "kitchen")
		values.Del("bookable")
		r := b.post(path, values)
		r.status(t, http.StatusSeeOther)
		if loc := r.resp.Header.Get("Location"); loc != fmt.Sprintf("/lokaler/%d?klart=rum-nytt", v.ID) {
			t.Errorf("redirect to %q", loc)
		}
		page, err := s.venues.FindRooms(ctx, venue.Filter{VenueID: v.ID, Q: "Hobbyrummet"})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("room not stored: %v", err)
		}
		r0 := page.Items[0]
		if r0.Capacity != 12 || *r0.AreaM2 != 30.5 || r0.Bookable || strings.Join(r0.Facilities, ",") != "kitchen,wifi" {
			t.Errorf("stored %+v", r0)
		}
	})
}

// The CSRF token is bound to the session (issue 12): a token made for one session, even
// with the same browser secret (a cookie planted by an attacker who knows it), is refused
// in another, and nothing is stored.
func TestCSRFBoundToSession(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	owner := s.orgNamed(t, "Fritids- och folkhälsoförvaltningen").ID
	roles := map[string]access.Role{"Fritids- och folkhälsoförvaltningen": access.RoleAdmin}
	a, b := s.signedIn(t, false, roles), s.signedIn(t, false, roles)
	before := s.countVenues(t)

	// B's browser gets A's browser secret, and posts with A's token.
	u, _ := url.Parse(s.url)
	b.client.Jar.SetCookies(u, []*http.Cookie{{Name: "csrf", Value: a.cookie("csrf").Value, Path: "/"}})
	form := fill(validVenueForm(t, b, owner), "csrf", a.csrf())
	p := b.post("/lokaler/ny", form)
	p.status(t, http.StatusForbidden)
	if got := s.countVenues(t); got != before {
		t.Fatalf("%d venues stored, want %d", got, before)
	}
	// The token of B's own session, with the same secret, goes through.
	b.post("/lokaler/ny", fill(form, "csrf", b.csrf())).status(t, http.StatusSeeOther)
	// A token made before signing in is worth nothing after.
	c := s.browser(t)
	anonymous := c.csrf()
	c.login(s.person(t, false, roles).Email)
	c.post("/lokaler/ny", fill(form, "csrf", anonymous, "name", "Före inloggningen")).status(t, http.StatusForbidden)
	if got := s.countVenues(t); got != before+1 {
		t.Errorf("%d venues stored, want %d", got, before+1)
	}
}

// Behind the token stands http.CrossOriginProtection: a POST a browser marks as coming from
// another origin is refused even with a valid token; same-origin posts, and posts without
// Origin or Sec-Fetch-Site (not from a browser), go through.
func TestCrossOriginPost(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	owner := s.orgNamed(t, "Fritids- och folkhälsoförvaltningen").ID
	b := s.adminOf(t, "Fritids- och folkhälsoförvaltningen")
	host := strings.TrimPrefix(s.url, "http://")
	for _, c := range []struct {
		name    string
		headers []string
		status  int
	}{
		{"CrossSite", []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"SameSiteOtherOrigin", []string{"Sec-Fetch-Site", "same-site", "Origin", "http://sub." + host}, http.StatusForbidden},
		{"OtherOrigin", []string{"Origin", "http://evil.example"}, http.StatusForbidden},
		{"OKSameOrigin", []string{"Sec-Fetch-Site", "same-origin", "Origin", s.url}, http.StatusSeeOther},
		{"OKOrigin", []string{"Origin", s.url}, http.StatusSeeOther},
		{"OKPublicURL", []string{"Origin", "http://example.test"}, http.StatusSeeOther},
		{"OKNoBrowser", nil, http.StatusSeeOther},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := s.countVenues(t)
			form := fill(validVenueForm(t, b, owner), "name", "Lokal "+c.name)
			for i := 0; i+1 < len(c.headers); i += 2 {
				b.header.Set(c.headers[i], c.headers[i+1])
			}
			p := b.post("/lokaler/ny", form)
			b.header = http.Header{}
			p.status(t, c.status)
			want := before
			if c.status == http.StatusSeeOther {
				want++
			}
			if got := s.countVenues(t); got != want {
				t.Errorf("%d venues, want %d", got, want)
			}
		})
	}
}

// venueFormSel picks the venue's own form on the page that changes it (which has the photo
// forms too).
const venueFormSel = `main form[action$="/andra"]`
