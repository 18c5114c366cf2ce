package webui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/access"
)

// auditRows returns the text of each cell of the log's rows.
func auditRows(p page) [][]string {
	var rows [][]string
	p.doc.Find(".table--audit tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Children().Each(func(_ int, td *goquery.Selection) {
			cells = append(cells, strings.Join(strings.Fields(td.Text()), " "))
		})
		rows = append(rows, cells)
	})
	return rows
}

// column returns column i of every row.
func column(rows [][]string, i int) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r[i])
	}
	return out
}

func TestAuditLog(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	kultur := s.venueNamed(t, "Kulturhuset")
	editor := s.person(t, false, map[string]access.Role{"Kulturförvaltningen": access.RoleAdmin})
	eb := s.browser(t)
	eb.login(editor.Email)
	edit := fmt.Sprintf("/lokaler/%d/andra", kultur.ID)
	eb.post(edit, fill(eb.get(edit).formValues(t, venueFormSel), "name", "Kulturhuset Borås", "district", "Centrum öst")).status(t, http.StatusSeeOther)
	city := s.cityAdmin(t)

	t.Run("SeesTheChange", func(t *testing.T) {
		p := city.get("/admin/logg?action=venue.update")
		p.status(t, http.StatusOK)
		checkPage(t, p, "sv")
		rows := auditRows(p)
		if len(rows) != 1 {
			t.Fatalf("rows %q", rows)
		}
		r := rows[0]
		if r[0] != "2026-03-29 14:00:00" || r[1] != editor.Name || r[2] != "Ändrade en lokal" || r[3] != "Lokal Kulturhuset Borås" ||
			r[4] != "Kulturförvaltningen" || r[5] != "127.0.0.1" {
			t.Errorf("row %q", r)
		}
		row := p.doc.Find(".table--audit tbody tr")
		for _, href := range []string{fmt.Sprintf("/admin/logg?actor_user_id=%d", editor.ID), fmt.Sprintf("/lokaler/%d", kultur.ID),
			fmt.Sprintf("/organisationer/%d", kultur.OwnerID)} {
			if row.Find(`a[href="`+href+`"]`).Length() != 1 {
				t.Errorf("no link to %s in %q", href, r)
			}
		}
		if got := row.Find("details summary").Text(); !strings.HasPrefix(got, "Ändrat: namn, ") || !strings.Contains(got, "stadsdel") {
			t.Errorf("summary %q", got)
		}
		var changes []string
		row.Find(".diff__row").Each(func(_ int, d *goquery.Selection) {
			changes = append(changes, strings.Join(strings.Fields(d.Text()), " "))
		})
		if !slices.Contains(changes, "Namn Före: Kulturhuset → Efter: Kulturhuset Borås") ||
			!slices.Contains(changes, "Stadsdel Före: Centrum → Efter: Centrum öst") || len(changes) != 2 {
			t.Errorf("changes %q", changes)
		}
		if p.doc.Find(`select[name="action"] option[value="venue.update"][selected]`).Length() != 1 {
			t.Error("the action filter does not show the action chosen")
		}
		if p.doc.Find(`.site-nav a[href="/admin/logg"][aria-current="page"]`).Length() != 1 {
			t.Error("the menu does not mark the audit log")
		}
	})

	t.Run("Filters", func(t *testing.T) {
		owner := fmt.Sprint(kultur.OwnerID)
		for _, tc := range []struct {
			query string
			want  []string // the actions shown, newest first
		}{
			{"object_type=venue&object_id=" + fmt.Sprint(kultur.ID), []string{"Ändrade en lokal", "Lade till en lokal"}},
			{"actor_user_id=" + fmt.Sprint(editor.ID), []string{"Ändrade en lokal", "Loggade in"}},
			{"organisation_id=" + owner + "&action=venue.update&from=2026-03-29&to=2026-03-29", []string{"Ändrade en lokal"}},
			{"actor_user_id=" + fmt.Sprint(editor.ID) + "&from=2026-03-30", nil},
			{"actor_user_id=" + fmt.Sprint(editor.ID) + "&to=2026-03-28", nil},
		} {
			p := city.get("/admin/logg?" + tc.query)
			p.status(t, http.StatusOK)
			if got := column(auditRows(p), 2); !slices.Equal(got, tc.want) {
				t.Errorf("%s: %q, want %q", tc.query, got, tc.want)
			}
			if tc.want == nil && p.text("#entries-title + p") != "Inga händelser passar filtret." {
				t.Errorf("%s: no word that nothing matches", tc.query)
			}
		}
		// The demo data was loaded from the command line.
		if who := column(auditRows(city.get("/admin/logg?action=venue.create&object_id="+fmt.Sprint(kultur.ID))), 1); !slices.Equal(who, []string{"Lokalbanken (kommandoraden)"}) {
			t.Errorf("demo data made by %q", who)
		}
	})

	t.Run("Pages", func(t *testing.T) {
		seen := map[string]bool{}
		first := "/admin/logg?limit=3&object_type=room"
		path := first
		for i := range 3 {
			p := city.get(path)
			p.status(t, http.StatusOK)
			rows := auditRows(p)
			if len(rows) != 3 {
				t.Fatalf("%s: %d rows", path, len(rows))
			}
			for _, r := range rows {
				if seen[r[3]] {
					t.Errorf("%s: %q shown twice", path, r[3])
				}
				seen[r[3]] = true
			}
			if hasFirst := p.doc.Find(`.pagination a[href="`+first+`"]`).Length() == 1; hasFirst != (i > 0) {
				t.Errorf("%s: link to the first page shown: %v", path, hasFirst)
			}
			path = p.doc.Find(`.pagination a[rel="next"]`).AttrOr("href", "")
			if !strings.Contains(path, "cursor=") || !strings.Contains(path, "object_type=room") {
				t.Fatalf("next page %q", path)
			}
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		p := city.get("/admin/logg?actor_user_id=abc&from=2026-13-45&object_type=venue&object_id=-1")
		p.status(t, http.StatusUnprocessableEntity)
		for id, want := range map[string]string{
			"#actor_user_id-error": "heltal", "#from-error": "måste vara ett datum", "#object_id-error": "minst 0",
		} {
			if got := p.text(id); !strings.Contains(got, want) {
				t.Errorf("%s %q, want %q in it", id, got, want)
			}
		}
		for name, want := range map[string]string{"actor_user_id": "abc", "from": "2026-13-45", "object_id": "-1"} {
			if got := p.doc.Find(`input[name="`+name+`"]`).AttrOr("value", ""); got != want {
				t.Errorf("%s: %q, want what was typed, %q", name, got, want)
			}
		}
		if p.doc.Find(`select[name="object_type"] option[value="venue"][selected]`).Length() != 1 || p.doc.Find(".table--audit").Length() != 0 {
			t.Error("the kind chosen is lost, or entries are shown for a filter that could not be used")
		}
		if p.doc.Find(`.error-summary a[href="#actor_user_id"]`).Length() != 1 {
			t.Error("the summary does not link to the field")
		}
	})

	t.Run("DeletedUser", func(t *testing.T) {
		gone := s.person(t, false, nil)
		s.browser(t).login(gone.Email)
		if err := s.accounts.DeleteUser(context.Background(), access.System, gone.ID); err != nil {
			t.Fatal(err)
		}
		rows := auditRows(city.get(fmt.Sprintf("/admin/logg?action=login.success&object_type=user&object_id=%d", gone.ID)))
		if len(rows) != 1 || rows[0][1] != "Borttagen användare" || rows[0][3] != "Användare Borttagen användare" || rows[0][5] != "–" {
			t.Errorf("login of a deleted person: %q", rows)
		}
	})

	t.Run("Refused", func(t *testing.T) {
		booker := s.signedIn(t, false, map[string]access.Role{"Kulturförvaltningen": access.RoleBooker})
		for name, b := range map[string]*browser{"booker": booker, "admin of an organisation": eb} {
			for _, path := range []string{"/admin/logg", "/admin/logg?object_id=abc"} {
				if p := b.get(path); p.resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s: GET %s: %d, want 403", name, path, p.resp.StatusCode)
				}
			}
			if b.get("/").doc.Find(`a[href="/admin/logg"]`).Length() != 0 {
				t.Errorf("%s: the menu links to the audit log", name)
			}
		}
		p := s.browser(t).get("/admin/logg?action=venue.update")
		p.status(t, http.StatusSeeOther)
		if loc := p.resp.Header.Get("Location"); loc != "/logga-in?next="+url.QueryEscape("/admin/logg?action=venue.update") {
			t.Errorf("anonymous sent to %q", loc)
		}
		if city.get("/").doc.Find(`.site-nav a[href="/admin/logg"]`).Length() != 1 {
			t.Error("no link to the audit log for a city administrator")
		}
		// The refusals are in the log, with the route refused.
		rows := auditRows(city.get(fmt.Sprintf("/admin/logg?action=access.denied&actor_user_id=%d", editor.ID)))
		if len(rows) != 2 || rows[0][2] != "Nekades åtkomst" || rows[0][3] != "GET /admin/logg" {
			t.Errorf("refusals %q", rows)
		}
	})
}
