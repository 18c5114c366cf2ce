package httpapi_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/export/exporttest"
)

// exerciseFees sets, reads and removes a room's tariff, quotes, books and reads the
// invoicing basis and its downloads through the API, with the refusals.
func exerciseFees(t *testing.T, e *env, c *oaClient, maxBody int) {
	owner := e.org("city", "Fritidsförvaltningen Avgift")
	club := e.org("association", "Avgiftsklubben")
	v := e.venueOf(owner.ID, "Avgiftshuset")
	room := e.roomIn(v.ID, "Salen")
	tariff := fmt.Sprintf("/rooms/%d/tariff", room.ID)

	c.do(call{name: "tariff of a free room", method: "GET", path: tariff, as: anonymous, status: 404, problem: "tariff-not-found"})
	c.do(call{name: "tariff of an unknown room", method: "GET", path: "/rooms/999999/tariff", status: 404, problem: "room-not-found"})
	good := `{"unit":"hour","free_for_signatories":true,"description":"Taxa 2026","city_ore":0,"association_ore":15000,"other_ore":30000}`
	set := c.do(call{name: "set tariff", method: "PUT", path: tariff, body: good, status: 200})
	if set.body["association_ore"] != float64(15000) || set.body["revision"] != float64(1) || set.body["currency"] != "SEK" {
		t.Errorf("set tariff: %s", set.raw)
	}
	c.do(call{name: "tariff", method: "GET", path: tariff, as: anonymous, status: 200})
	c.refuse(call{name: "set tariff", method: "PUT", path: tariff, body: good})
	c.do(call{name: "set tariff of an unknown room", method: "PUT", path: "/rooms/999999/tariff", body: good, status: 404, problem: "room-not-found"})
	c.sendAll("PUT", tariff, append(bodyErrors("set tariff", good, maxBody),
		call{name: "set tariff, unit", body: `{"unit":"week","city_ore":0,"association_ore":0,"other_ore":0}`, docRejects: true, status: 422, problem: "validation", field: "unit"},
		call{name: "set tariff, price missing", body: `{"unit":"hour","city_ore":0,"association_ore":0}`, docRejects: true, status: 422, problem: "validation", field: "other_ore"},
	))

	start, end := e.slot(900)
	quote := fmt.Sprintf("/rooms/%d/quote?organisation_id=%d&starts_at=%s&ends_at=%s", room.ID, club.ID,
		start.Format(time.RFC3339), end.Format(time.RFC3339))
	q := c.do(call{name: "quote", method: "GET", path: quote, as: anonymous, status: 200})
	if q.body["amount_ore"] != float64(30000) || q.body["unit"] != "hour" {
		t.Errorf("quote of two hours at 150 kr: %s", q.raw)
	}
	c.do(call{name: "quote without an organisation", method: "GET", path: fmt.Sprintf("/rooms/%d/quote", room.ID), docRejects: true, status: 422, problem: "validation", field: "organisation_id"})
	c.do(call{name: "quote, unknown organisation", method: "GET", path: fmt.Sprintf("/rooms/%d/quote?organisation_id=999999", room.ID), status: 422, problem: "validation", field: "organisation_id"})
	c.do(call{name: "quote, unknown room", method: "GET", path: fmt.Sprintf("/rooms/999999/quote?organisation_id=%d", club.ID), status: 404, problem: "room-not-found"})

	made := c.do(call{name: "book with a fee", method: "POST", path: "/bookings", body: bookingBody(club.ID, room.ID, start, end, ""), status: 201})
	if fee, _ := made.body["fee"].(map[string]any); fee["amount_ore"] != float64(30000) || fee["description"] != "Taxa 2026" {
		t.Errorf("booking's fee: %s", made.raw)
	}

	from, to := start.Format(time.DateOnly), end.AddDate(0, 0, 1).Format(time.DateOnly)
	inv := c.do(call{name: "invoicing", method: "GET", path: fmt.Sprintf("/reports/invoicing?from=%s&to=%s&owner_id=%d", from, to, owner.ID), status: 200})
	if inv.body["total_ore"] != float64(30000) {
		t.Errorf("invoicing: %s", inv.raw)
	}
	c.refuse(call{name: "invoicing", method: "GET", path: fmt.Sprintf("/reports/invoicing?from=%s&to=%s&owner_id=%d", from, to, owner.ID)})
	c.do(call{name: "invoicing backwards", method: "GET", path: fmt.Sprintf("/reports/invoicing?from=%s&to=%s", to, from), status: 422, problem: "validation", field: "to"})
	c.do(call{name: "invoicing without dates", method: "GET", path: "/reports/invoicing", docRejects: true, status: 422, problem: "validation", field: "from"})
	for _, ext := range []string{"csv", "xlsx"} {
		path := fmt.Sprintf("/reports/invoicing.%s?from=%s&to=%s&owner_id=%d", ext, from, to, owner.ID)
		r := c.do(call{name: "invoicing " + ext, method: "GET", path: path, status: 200})
		c.refuse(call{name: "invoicing " + ext, method: "GET", path: path})
		c.do(call{name: "invoicing " + ext + " backwards", method: "GET", path: fmt.Sprintf("/reports/invoicing.%s?from=%s&to=%s", ext, to, from), status: 422, problem: "validation", field: "to"})
		var rows [][]any
		if ext == "csv" {
			rows = csvValues(exporttest.ReadCSV(t, r.raw))
		} else {
			rows = exporttest.ReadXLSX(t, r.raw)[0].Values()
		}
		// Header, the booking, the organisation's total, the total.
		if len(rows) != 4 || fmt.Sprint(rows[1][0]) != "Avgiftsklubben" || fmt.Sprint(rows[3][9]) != "300" {
			t.Errorf("invoicing %s read back: %v", ext, rows)
		}
	}

	c.refuse(call{name: "remove tariff", method: "DELETE", path: tariff})
	c.do(call{name: "remove tariff", method: "DELETE", path: tariff, status: 204})
	c.do(call{name: "remove tariff of an unknown room", method: "DELETE", path: "/rooms/999999/tariff", status: 404, problem: "room-not-found"})
}

// csvValues is a CSV file's cells as values, as Sheet.Values gives a sheet's.
func csvValues(f exporttest.CSVFile) [][]any {
	out := make([][]any, len(f.Rows))
	for i, r := range f.Rows {
		out[i] = make([]any, len(r))
		for j, v := range r {
			out[i][j] = v
		}
	}
	return out
}
