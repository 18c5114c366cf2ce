package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/logging/logtest"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// TestPages renders every page in both languages from the demo data and checks what every
// page must have: the language, a title, one h1, the skip link, the language link, a
// fingerprinted style sheet, and no text key left untranslated. Each page is visited by
// the visitor it is for: anyone, a city administrator who is also an admin of PRO Norrby,
// or a booker of PRO Norrby.
func TestPages(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	kultur := s.venueNamed(t, "Kulturhuset")
	rooms, err := s.venues.FindRooms(ctx, venue.Filter{VenueID: kultur.ID})
	if err != nil || len(rooms.Items) == 0 {
		t.Fatalf("rooms of Kulturhuset: %v %v", rooms.Items, err)
	}
	city, err := s.orgs.FindOrganisations(ctx, organisation.Filter{Q: "Borås Stad"})
	if err != nil || len(city.Items) == 0 {
		t.Fatalf("find the city: %v", err)
	}
	room := rooms.Items[0]
	pro := s.orgNamed(t, "PRO Norrby").ID

	const anon, admin, booker = "anon", "admin", "booker"
	pages := []struct {
		who    string
		path   string
		status int
		h1     map[string]string // by language
	}{
		{anon, "/", 200, map[string]string{"sv": "Hitta en lokal för din förening", "en": "Find a room for your association"}},
		{anon, "/lokaler", 200, map[string]string{"sv": "Lokaler att låna och hyra", "en": "Premises to borrow and rent"}},
		{anon, "/lokaler?district=Centrum&facilities=wifi&accessibility=lift&capacity_min=10", 200, nil},
		{anon, "/lokaler?capacity_min=abc", 422, nil},
		{anon, fmt.Sprintf("/lokaler/%d", kultur.ID), 200, map[string]string{"sv": "Kulturhuset", "en": "Kulturhuset"}},
		{anon, fmt.Sprintf("/rum/%d", room.ID), 200, map[string]string{"sv": room.Name, "en": room.Name}},
		{anon, fmt.Sprintf("/organisationer/%d", city.Items[0].ID), 200, map[string]string{"sv": "Borås Stad", "en": "Borås Stad"}},
		{anon, fmt.Sprintf("/organisationer/%d", kultur.OwnerID), 200, nil},
		{anon, "/logga-in", 200, map[string]string{"sv": "Logga in", "en": "Sign in"}},
		{anon, "/inbjudan/abc", 200, map[string]string{"sv": "Du är inbjuden", "en": "You are invited"}},
		{anon, "/losenord/abc", 200, map[string]string{"sv": "Välj ett nytt lösenord", "en": "Choose a new password"}},
		{anon, "/finns-inte", 404, map[string]string{"sv": "Sidan finns inte", "en": "Page not found"}},
		{anon, "/lokaler/999999", 404, nil},
		{anon, "/lokaler/abc", 404, nil},
		{anon, "/rum/999999", 404, nil},
		{anon, "/organisationer/0", 404, nil},
		{admin, "/", 200, nil},
		{admin, fmt.Sprintf("/lokaler/%d", kultur.ID), 200, nil},
		{admin, fmt.Sprintf("/organisationer/%d", pro), 200, nil},
		{admin, "/lokaler/ny", 200, map[string]string{"sv": "Lägg till en lokal", "en": "Add premises"}},
		{admin, fmt.Sprintf("/lokaler/%d/andra", kultur.ID), 200, map[string]string{"sv": "Ändra lokalen", "en": "Edit premises"}},
		{admin, fmt.Sprintf("/lokaler/%d/rum/nytt", kultur.ID), 200, map[string]string{"sv": "Lägg till ett rum", "en": "Add a room"}},
		{admin, "/konto", 200, map[string]string{"sv": "Mitt konto", "en": "My account"}},
		{admin, "/konto/radera", 200, map[string]string{"sv": "Vill du radera ditt konto?", "en": "Do you want to delete your account?"}},
		{admin, fmt.Sprintf("/organisationer/%d/medlemmar", pro), 200, map[string]string{"sv": "Medlemmar i PRO Norrby", "en": "Members of PRO Norrby"}},
		{admin, "/admin/anvandare", 200, map[string]string{"sv": "Användare", "en": "Users"}},
		{admin, "/admin/anvandare?q=person", 200, nil},
		{admin, "/admin/anvandare?cursor=x", 422, nil},
		{admin, "/admin/anvandare/ny", 200, map[string]string{"sv": "Lägg till en användare", "en": "Add a user"}},
		{admin, "/admin/logg", 200, map[string]string{"sv": "Händelselogg", "en": "Audit log"}},
		{anon, "/uppfoljning", 200, map[string]string{"sv": "Uppföljning av lokaldelningen", "en": "Follow-up of premises sharing"}},
		{admin, "/uppfoljning?from=2026-01-01&to=2026-06-30", 200, nil},
		{anon, "/uppfoljning?from=2026-06-01&to=2026-01-01", 422, nil},
		{admin, "/admin/logg?object_id=abc&from=igår", 422, nil},
		{admin, "/inbjudan/abc", 200, nil},
		{admin, "/finns-inte", 404, nil},
		{booker, "/konto", 200, nil},
		{booker, fmt.Sprintf("/organisationer/%d/medlemmar", pro), 200, nil},
		{booker, fmt.Sprintf("/organisationer/%d/kalender", pro), 200, map[string]string{"sv": "Prenumerera på era bokningar", "en": "Subscribe to your bookings"}},
		{booker, "/lokaler/ny", 403, map[string]string{"sv": "Du får inte göra det här", "en": "You may not do this"}},
		{booker, "/admin/anvandare", 403, nil},
		{booker, "/admin/logg", 403, nil},
	}
	untranslated := regexp.MustCompile(`\b(ui|label|validation|problem|facility|accessibility|kind)\.[a-z_]+\.?[a-z_]*\b`)
	for _, lang := range []string{"sv", "en"} {
		browsers := map[string]*browser{
			anon:   s.browser(t),
			admin:  s.signedIn(t, true, map[string]access.Role{"PRO Norrby": access.RoleAdmin}),
			booker: s.signedIn(t, false, map[string]access.Role{"PRO Norrby": access.RoleBooker}),
		}
		for _, tc := range pages {
			b := browsers[tc.who]
			b.header.Set("Accept-Language", lang)
			t.Run(lang+"/"+tc.who+tc.path, func(t *testing.T) {
				b.t = t
				p := b.get(tc.path)
				p.status(t, tc.status)
				checkPage(t, p, lang)
				if want := tc.h1[lang]; want != "" && p.text("h1") != want {
					t.Errorf("h1 = %q, want %q", p.text("h1"), want)
				}
				signedIn := p.doc.Find(`form[action="/logga-ut"] button`).Length() == 1
				if signedIn != (tc.who != anon) {
					t.Errorf("logout button shown: %v, for %s", signedIn, tc.who)
				}
				if body := p.doc.Find("body").Text(); untranslated.MatchString(body) {
					t.Errorf("untranslated text key %q on the page", untranslated.FindString(body))
				}
			})
		}
	}
}

// checkPage checks what every page must have.
func checkPage(t *testing.T, p page, lang string) {
	t.Helper()
	if ct := p.resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if got := p.doc.Find("html").AttrOr("lang", ""); got != lang {
		t.Errorf("<html lang> = %q, want %q", got, lang)
	}
	if n := p.doc.Find("h1").Length(); n != 1 {
		t.Errorf("%d h1 elements, want 1", n)
	}
	if title := p.text("title"); !strings.HasSuffix(title, "– Lokalbanken") || len(title) < 20 {
		t.Errorf("title = %q", title)
	}
	if p.doc.Find(`a.skip-link[href="#main"]`).Length() != 1 || p.doc.Find("main#main").Length() != 1 {
		t.Error("no skip link to main")
	}
	other := map[string]string{"sv": "en", "en": "sv"}[lang]
	if sw := p.doc.Find("a.lang-switch"); sw.AttrOr("lang", "") != other || !strings.Contains(sw.AttrOr("href", ""), "lang="+other) {
		t.Errorf("language link: lang=%q href=%q", sw.AttrOr("lang", ""), sw.AttrOr("href", ""))
	}
	css := p.doc.Find(`link[rel="stylesheet"]`).AttrOr("href", "")
	if !regexp.MustCompile(`^/static/style\.[0-9a-f]{8}\.css$`).MatchString(css) {
		t.Errorf("style sheet %q is not fingerprinted", css)
	}
	body := p.doc.Find("body").Text()
	if i := strings.Index(body, "%!"); i >= 0 {
		t.Errorf("badly formatted text on the page: %q", body[i:min(len(body), i+40)])
	}
	if p.doc.Find("[style]").Length() > 0 {
		t.Error("inline style attribute; the CSP allows only the style sheet")
	}
	if p.doc.Find("script").Length() > 0 {
		t.Error("a script on the page")
	}
	p.doc.Find("input:not([type=hidden]), select, textarea").Each(func(_ int, in *goquery.Selection) {
		id := in.AttrOr("id", "")
		if id == "" || p.doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("control %s has no label", in.AttrOr("name", "?"))
		}
	})
	ids := map[string]bool{}
	p.doc.Find("[id]").Each(func(_ int, e *goquery.Selection) {
		id := e.AttrOr("id", "")
		if ids[id] {
			t.Errorf("id %q used twice", id)
		}
		ids[id] = true
	})
	p.doc.Find(`form[method="post"]`).Each(func(_ int, f *goquery.Selection) {
		if f.Find(`input[type="hidden"][name="csrf"]`).AttrOr("value", "") == "" {
			t.Errorf("form to %s has no CSRF token", f.AttrOr("action", "?"))
		}
	})
}

func TestVenuePage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	v := s.venueNamed(t, "Stadshuset")
	p := b.get(fmt.Sprintf("/lokaler/%d", v.ID))
	p.status(t, http.StatusOK)

	if owner := p.doc.Find(fmt.Sprintf(`a[href="/organisationer/%d"]`, v.OwnerID)); owner.Length() == 0 {
		t.Error("no link to the owner's page")
	}
	access := p.text("#access-title + .yesno")
	for _, want := range []string{"Entré utan trappsteg: Ja", "Hörslinga: Ja", "Parkering för rörelsehindrade: Nej"} {
		if !strings.Contains(access, want) {
			t.Errorf("accessibility %q lacks %q", access, want)
		}
	}
	rows := p.doc.Find("table.table tbody tr")
	if rows.Length() != 2 {
		t.Fatalf("%d rooms in the table, want 2", rows.Length())
	}
	if got := p.text("table.table tbody"); !strings.Contains(got, "Kommunstyrelsens sessionssal") || !strings.Contains(got, "80 personer") ||
		!strings.Contains(got, "160 m²") || !strings.Contains(got, "Projektor") || !strings.Contains(got, "Videokonferens") {
		t.Errorf("rooms table: %s", got)
	}
	osm := p.doc.Find(`a[href^="https://www.openstreetmap.org/"]`).AttrOr("href", "")
	if !strings.Contains(osm, "mlat=57.72150") || !strings.Contains(osm, "mlon=12.94010") {
		t.Errorf("map link %q", osm)
	}
	// The map is OpenStreetMap's, framed around the venue; the link above is its fallback.
	if src := p.doc.Find("iframe.map").AttrOr("src", ""); !strings.HasPrefix(src, "https://www.openstreetmap.org/export/embed.html?") ||
		!strings.Contains(src, "marker=57.72150%2C12.94010") || p.doc.Find("iframe.map").AttrOr("title", "") == "" {
		t.Errorf("map frame %q", src)
	}
	if p.doc.Find("script").Length() > 0 {
		t.Error("the page has a script")
	}
	// Times are shown in Stockholm time: the test clock's 12:00 UTC is 14:00 in summer time.
	if got := p.text(".columns__side .small"); got != "Senast ändrad 2026-03-29 14:00" {
		t.Errorf("updated = %q", got)
	}
	if tel := p.doc.Find(`a[href^="tel:"]`).AttrOr("href", ""); tel != "tel:033357000" {
		t.Errorf("tel link %q", tel)
	}
}

func TestOrganisationPage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	city, err := s.orgs.FindOrganisations(context.Background(), organisation.Filter{Q: "212000-9994"})
	if err != nil || len(city.Items) != 1 {
		t.Fatalf("find the city: %v", err)
	}
	p := b.get(fmt.Sprintf("/organisationer/%d", city.Items[0].ID))
	p.status(t, http.StatusOK)
	if got := p.text(".facts"); !strings.Contains(got, "212000-9994") || !strings.Contains(got, "Borås Stad") {
		t.Errorf("facts: %s", got)
	}
	deps := p.doc.Find("#departments-title + ul li")
	if deps.Length() != 4 || !strings.Contains(deps.Text(), "Kulturförvaltningen") {
		t.Errorf("departments: %d %q", deps.Length(), deps.Text())
	}
	// The city's page shows its departments' venues.
	if got := p.doc.Find(".cards .card__title").Text(); !strings.Contains(got, "Kulturhuset") || !strings.Contains(got, "Stadshuset") {
		t.Errorf("venues: %q", got)
	}
}

func TestStaticFiles(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	home := b.get("/")
	css := home.doc.Find(`link[rel="stylesheet"]`).AttrOr("href", "")
	resp, err := http.Get(s.url + css)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
		resp.Header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("GET %s: %d %v", css, resp.StatusCode, resp.Header)
	}
	for _, path := range []string{"/static/style.css", "/static/style.00000000.css", "/static/../web.go"} {
		resp, err := http.Get(s.url + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestInternalError(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	b := s.browser(t)
	b.header.Set("X-Request-Id", "req-12345")
	s.db.Close() // every query fails from now on
	p := b.get("/lokaler")
	p.status(t, http.StatusInternalServerError)
	if p.text("h1") != "Något gick fel hos oss" {
		t.Errorf("h1 %q", p.text("h1"))
	}
	if got := p.text(".request-id"); got != "req-12345" {
		t.Errorf("request id shown: %q", got)
	}
	// Every line names the request once: log stores such as OpenSearch reject a line with
	// a key twice (logtest.Lines fails the test on one).
	var failed bool
	for _, l := range logtest.Lines(t, []byte(s.log.String())) {
		if l["msg"] == "page failed" {
			failed = l["level"] == "ERROR" && l["request_id"] == "req-12345" && l["route"] == "/lokaler" && l["err"] != nil
		}
	}
	if !failed {
		t.Errorf("the cause is not logged with the request id:\n%s", s.log.String())
	}
}
