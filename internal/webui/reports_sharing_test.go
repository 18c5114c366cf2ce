package webui_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/export/exporttest"
)

// shareBooking books the named room of the demo data for the named organisation by SQL,
// with its hold while it holds the room.
func (s *site) shareBooking(t *testing.T, room, org string, start, end time.Time, public bool, status string) {
	t.Helper()
	// One transaction: bookings_holds_match checks at commit that a holding booking has its hold.
	err := s.db.RunInTx(context.Background(), nil, func(ctx context.Context, tx bun.Tx) error {
		var id int64
		if err := tx.NewRaw(`INSERT INTO bookings (room_id, organisation_id, title, attendees, public, starts_at, ends_at, status, created_at, updated_at)
			VALUES ((SELECT id FROM rooms WHERE name = ? LIMIT 1), (SELECT id FROM organisations WHERE name = ?), 'Lån', 10, ?, ?, ?, ?, now(), now()) RETURNING id`,
			room, org, public, start.UTC(), end.UTC(), status).Scan(ctx, &id); err != nil {
			return err
		}
		if status != "confirmed" {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO booking_holds (booking_id, atom_room_id, span) SELECT id, room_id, span FROM bookings WHERE id = ?`, id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSharingReportPage: /uppfoljning in Swedish and English shows the hours lent by flow,
// with the year before and the change, a chart with its table, and lists a borrower only
// for its public bookings; the CSV and .xlsx hold the same figures; a period that ends
// before it begins is a 422 naming the field.
func TestSharingReportPage(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	// Samlingslokalen is PRO Norrby's; Stora salen (Norrby träffpunkt) the city's.
	s.shareBooking(t, "Samlingslokalen", "Borås Scoutkår", time.Date(2026, 10, 25, 1, 0, 0, 0, stockholm), time.Date(2026, 10, 25, 4, 0, 0, 0, stockholm), true, "confirmed")
	s.shareBooking(t, "Stora salen", "Kvinnojouren i Borås", time.Date(2026, 2, 3, 18, 0, 0, 0, stockholm), time.Date(2026, 2, 3, 20, 30, 0, 0, stockholm), false, "confirmed")
	s.shareBooking(t, "Stora salen", "Borås Scoutkår", time.Date(2025, 5, 3, 18, 0, 0, 0, stockholm), time.Date(2025, 5, 3, 19, 0, 0, 0, stockholm), true, "confirmed")

	b := s.browser(t)
	p := b.get("/uppfoljning?from=2026-01-01&to=2026-12-31")
	if p.resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", p.resp.StatusCode)
	}
	rows := map[string][]string{}
	p.doc.Find("#summary-title").Parent().Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Find("td").Each(func(_ int, td *goquery.Selection) { cells = append(cells, strings.TrimSpace(td.Text())) })
		rows[strings.TrimSpace(tr.Find("th").Text())] = cells
	})
	want := map[string][]string{
		// Kvinnojouren's booking is private: to anyone but a city administrator it is in
		// no flow, only among the private hours.
		"Stadens lokaler, bokade av föreningar":                {"0", "1", "−1", "0"},
		"Privata bokningar (inte uppdelade på vem som lånade)": {"2,5", "0", "+2,5", "1"},
		"Föreningars lokaler, bokade av andra föreningar":      {"4", "0", "+4", "1"},
		"Alla utlånade timmar":                                 {"6,5", "1", "+5,5", "2"},
	}
	for name, cells := range want {
		if strings.Join(rows[name], "|") != strings.Join(cells, "|") {
			t.Errorf("%s: %q, want %q (all rows %q)", name, rows[name], cells, rows)
		}
	}
	if p.doc.Find("figure svg.chart").Length() != 2 || p.doc.Find(`figure svg[aria-hidden="true"]`).Length() != 2 {
		t.Errorf("want two charts hidden from screen readers beside their tables")
	}
	public := p.doc.Find("#public-title").Parent().Find("tbody th").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
	if strings.Join(public, ",") != "Borås Scoutkår" {
		t.Errorf("public borrowers %q: the private booking's organisation must not be named", public)
	}
	if strings.Contains(p.doc.Find("main").Text(), "Kvinnojouren") {
		t.Error("the page names the organisation of a private booking")
	}

	b.header.Set("Accept-Language", "en")
	en := b.get("/uppfoljning?from=2026-01-01&to=2026-12-31&lang=en")
	if en.resp.StatusCode == http.StatusSeeOther {
		en = b.get(en.resp.Header.Get("Location"))
	}
	if !strings.Contains(en.doc.Find("main").Text(), "All hours lent") {
		t.Errorf("English page:\n%.2000s", en.doc.Find("main").Text())
	}

	bad := b.get("/uppfoljning?from=2026-02-01&to=2026-01-01")
	if bad.resp.StatusCode != http.StatusUnprocessableEntity || bad.doc.Find("#to-error").Length() == 0 {
		t.Errorf("backwards period: %d, want 422 with the error at to", bad.resp.StatusCode)
	}

	for _, ext := range []string{"csv", "xlsx"} {
		resp, err := http.Get(s.url + "/uppfoljning." + ext + "?from=2026-01-01&to=2026-12-31")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", ext, resp.StatusCode)
		}
		var total []any
		var names string
		if ext == "csv" {
			f := exporttest.ReadCSV(t, body)
			for _, r := range f.Rows {
				if len(r) > 0 && r[0] == "Alla utlånade timmar" {
					total = []any{r[1], r[2], r[3]}
				}
				names += strings.Join(r, ";")
			}
		} else {
			sheets := exporttest.ReadXLSX(t, body)
			if len(sheets) != 7 {
				t.Fatalf("%d sheets, want 7", len(sheets))
			}
			for _, sh := range sheets {
				for _, r := range sh.Values() {
					if len(r) > 0 && r[0] == "Alla utlånade timmar" {
						total = r[1:4]
					}
					for _, v := range r {
						if s, ok := v.(string); ok {
							names += s + ";"
						}
					}
				}
			}
		}
		wantTotal := []any{"6,5", "1", "5,5"}
		if ext == "xlsx" {
			wantTotal = []any{6.5, 1.0, 5.5}
		}
		if len(total) != 3 || total[0] != wantTotal[0] || total[1] != wantTotal[1] || total[2] != wantTotal[2] {
			t.Errorf("%s: total %v, want %v", ext, total, wantTotal)
		}
		if strings.Contains(names, "Kvinnojouren") || !strings.Contains(names, "Borås Scoutkår") {
			t.Errorf("%s: the private booking's organisation is named, or the public one is not", ext)
		}
	}
}
