package webui_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/borasstad/lokalbanken/internal/export/exporttest"
)

// TestUsagePage: /uppfoljning/anvandning shows a venue's rooms with booked hours, the heat
// map drawn as SVG hidden from screen readers beside a table of the same figures, and hours
// by organisation where a private booking is busy time but never named; the sharing report
// links to it; the CSV and .xlsx hold the same figures; an unknown venue is a 404 and a
// period backwards a 422 naming the field.
func TestUsagePage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	// Both in Stora salen: three hours on the night summer time ends (01:00–04:00 is four
	// elapsed hours), and a private booking of two and a half.
	s.shareBooking(t, "Stora salen", "Borås Scoutkår", time.Date(2026, 10, 25, 1, 0, 0, 0, stockholm), time.Date(2026, 10, 25, 4, 0, 0, 0, stockholm), true, "confirmed")
	s.shareBooking(t, "Stora salen", "Kvinnojouren i Borås", time.Date(2026, 2, 3, 18, 0, 0, 0, stockholm), time.Date(2026, 2, 3, 20, 30, 0, 0, stockholm), false, "confirmed")
	var venue int64
	if err := s.db.NewRaw(`SELECT venue_id FROM rooms WHERE name = 'Stora salen' LIMIT 1`).Scan(context.Background(), &venue); err != nil {
		t.Fatal(err)
	}
	b := s.browser(t)
	sharing := b.get("/uppfoljning?from=2026-01-01&to=2026-12-31")
	link, _ := sharing.doc.Find(fmt.Sprintf(`a[href^="/uppfoljning/anvandning?"][href*="venue=%d"]`, venue)).Attr("href")
	if link == "" {
		t.Fatal("the sharing report does not link to the venue's use statistics")
	}
	p := b.get(link)
	if p.resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %d", link, p.resp.StatusCode)
	}
	rows := func(title string) map[string][]string {
		out := map[string][]string{}
		p.doc.Find(title).Parent().Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
			var cells []string
			tr.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, strings.TrimSpace(td.Text())) })
			out[strings.TrimSpace(tr.Find("th").Text())] = cells
		})
		return out
	}
	if got := rows("#rooms-title")["Stora salen"]; len(got) < 5 || got[0] != "6,5" || got[3] != "2" || got[4] != "20" {
		t.Errorf("Stora salen: %q, want 6,5 hours in 2 bookings with 20 participants", got)
	}
	heat := rows("#heat-title")
	if got := heat["söndag"]; len(got) != 24 || got[1] != "1" || got[2] != "2" || got[3] != "1" {
		t.Errorf("Sunday's hours: %q, want 1, 2 (02:00 twice) and 1 at 01, 02, 03", got)
	}
	if got := heat["tisdag"]; len(got) != 24 || got[18] != "1" || got[19] != "1" || got[20] != "0,5" {
		t.Errorf("Tuesday's hours: %q", got)
	}
	if p.doc.Find(`figure svg.chart[aria-hidden="true"]`).Length() != 1 {
		t.Error("want the heat map drawn once, hidden from screen readers")
	}
	orgs := rows("#orgs-title")
	if got := orgs["Borås Scoutkår"]; len(got) != 3 || got[0] != "4" || got[2] != "10" {
		t.Errorf("Borås Scoutkår: %q (all %q)", got, orgs)
	}
	if got := orgs["Privata bokningar (visas inte per organisation)"]; len(got) != 3 || got[0] != "2,5" {
		t.Errorf("private: %q (all %q)", got, orgs)
	}
	if strings.Contains(p.doc.Find("main").Text(), "Kvinnojouren") {
		t.Error("the page names the organisation of a private booking")
	}
	en := b.get(link + "&lang=en")
	if en.resp.StatusCode == http.StatusSeeOther {
		en = b.get(en.resp.Header.Get("Location"))
	}
	if !strings.Contains(en.doc.Find("main").Text(), "By organisation") {
		t.Errorf("English page:\n%.1000s", en.doc.Find("main").Text())
	}
	if r := b.get("/uppfoljning/anvandning?venue=999999"); r.resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown venue: %d, want 404", r.resp.StatusCode)
	}
	bad := b.get(fmt.Sprintf("/uppfoljning/anvandning?venue=%d&from=2026-02-01&to=2026-01-01", venue))
	if bad.resp.StatusCode != http.StatusUnprocessableEntity || bad.doc.Find("#to-error").Length() == 0 {
		t.Errorf("backwards period: %d, want 422 with the error at to", bad.resp.StatusCode)
	}
	for _, ext := range []string{"csv", "xlsx"} {
		resp, err := http.Get(fmt.Sprintf("%s/uppfoljning/anvandning.%s?venue=%d&from=2026-01-01&to=2026-12-31", s.url, ext, venue))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", ext, resp.StatusCode)
		}
		var all string
		var room []any
		if ext == "csv" {
			for _, r := range exporttest.ReadCSV(t, body).Rows {
				if len(r) > 2 && r[0] == "Stora salen" {
					room = []any{r[1], r[3]}
				}
				all += strings.Join(r, ";") + "\n"
			}
		} else {
			sheets := exporttest.ReadXLSX(t, body)
			if len(sheets) != 3 {
				t.Fatalf("%d sheets, want 3", len(sheets))
			}
			for _, sh := range sheets {
				for _, r := range sh.Values() {
					if len(r) > 2 && r[0] == "Stora salen" {
						room = []any{r[1], r[3]}
					}
					all += fmt.Sprint(r...) + "\n"
				}
			}
		}
		if fmt.Sprint(room...) != fmt.Sprint("6,5", "2") && fmt.Sprint(room...) != fmt.Sprint(6.5, 2) && fmt.Sprint(room...) != fmt.Sprint(6.5, 2.0) {
			t.Errorf("%s: Stora salen %v", ext, room)
		}
		if strings.Contains(all, "Kvinnojouren") || !strings.Contains(all, "Borås Scoutkår") {
			t.Errorf("%s names the wrong organisations:\n%s", ext, all)
		}
	}
}
