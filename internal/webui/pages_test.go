package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// TestPages renders every page in both languages from the demo data and checks what every
// page must have: the language, a title, one h1, the skip link, the language link, a
// fingerprinted style sheet, and no text key left untranslated.
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

	pages := []struct {
		path   string
		status int
		h1     map[string]string // by language
	}{
		{"/", 200, map[string]string{"sv": "Hitta en lokal för din förening", "en": "Find a room for your association"}},
		{"/lokaler", 200, map[string]string{"sv": "Lokaler att låna och hyra", "en": "Premises to borrow and rent"}},
		{"/lokaler?district=Centrum&facilities=wifi&accessibility=lift&capacity_min=10", 200, nil},
		{"/lokaler?capacity_min=abc", 422, nil},
		{fmt.Sprintf("/lokaler/%d", kultur.ID), 200, map[string]string{"sv": "Kulturhuset", "en": "Kulturhuset"}},
		{fmt.Sprintf("/rum/%d", room.ID), 200, map[string]string{"sv": room.Name, "en": room.Name}},
		{fmt.Sprintf("/organisationer/%d", city.Items[0].ID), 200, map[string]string{"sv": "Borås Stad", "en": "Borås Stad"}},
		{fmt.Sprintf("/organisationer/%d", kultur.OwnerID), 200, nil},
		{"/lokaler/ny", 200, map[string]string{"sv": "Lägg till en lokal", "en": "Add premises"}},
		{fmt.Sprintf("/lokaler/%d/andra", kultur.ID), 200, map[string]string{"sv": "Ändra lokalen", "en": "Edit premises"}},
		{fmt.Sprintf("/lokaler/%d/rum/nytt", kultur.ID), 200, map[string]string{"sv": "Lägg till ett rum", "en": "Add a room"}},
		{"/finns-inte", 404, map[string]string{"sv": "Sidan finns inte", "en": "Page not found"}},
		{"/lokaler/999999", 404, nil},
		{"/lokaler/abc", 404, nil},
		{"/rum/999999", 404, nil},
		{"/organisationer/0", 404, nil},
	}
	untranslated := regexp.MustCompile(`\b(ui|label|validation|problem|facility|accessibility|kind)\.[a-z_]+\.?[a-z_]*\b`)
	for _, lang := range []string{"sv", "en"} {
		b := s.browser(t)
		b.header.Set("Accept-Language", lang)
		for _, tc := range pages {
			t.Run(lang+tc.path, func(t *testing.T) {
				b.t = t
				p := b.get(tc.path)
				p.status(t, tc.status)
				if ct := p.resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
					t.Errorf("Content-Type = %q", ct)
				}
				if got := p.doc.Find("html").AttrOr("lang", ""); got != lang {
					t.Errorf("<html lang> = %q, want %q", got, lang)
				}
				if n := p.doc.Find("h1").Length(); n != 1 {
					t.Errorf("%d h1 elements, want 1", n)
				}
				if want := tc.h1[lang]; want != "" && p.text("h1") != want {
					t.Errorf("h1 = %q, want %q", p.text("h1"), want)
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
				if m := untranslated.FindString(body); m != "" {
					t.Errorf("untranslated text key %q on the page", m)
				}
				if i := strings.Index(body, "%!"); i >= 0 {
					t.Errorf("badly formatted text on the page: %q", body[i:min(len(body), i+40)])
				}
				if p.doc.Find("[style]").Length() > 0 {
					t.Error("inline style attribute; the CSP allows only the style sheet")
				}
				p.doc.Find("input:not([type=hidden]), select, textarea").Each(func(_ int, in *goquery.Selection) {
					id := in.AttrOr("id", "")
					if id == "" || p.doc.Find(`label[for="`+id+`"]`).Length() != 1 {
						t.Errorf("control %s has no label", in.AttrOr("name", "?"))
					}
				})
			})
		}
	}
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
	if p.doc.Find("iframe, script").Length() > 0 {
		t.Error("the page embeds a map or a script")
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
	if log := s.log.String(); !strings.Contains(log, `msg="page failed"`) || !strings.Contains(log, "request_id=req-12345") ||
		!strings.Contains(log, "route=/lokaler") || !strings.Contains(log, "err=") {
		t.Errorf("the cause is not logged with the request id:\n%s", log)
	}
}
