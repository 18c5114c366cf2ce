package httpapi_test

import "testing"

// exerciseReports reads the sharing report for a year, by default, and refuses periods
// that end before they begin, run too long or are not dates.
func exerciseReports(t *testing.T, c *oaClient) {
	r := c.do(call{name: "sharing report", method: "GET", path: "/reports/sharing?from=2026-01-01&to=2026-12-31", as: anonymous, status: 200})
	if r.body["from"] != "2026-01-01" || r.body["previous_from"] != "2025-01-01" || r.body["previous_to"] != "2025-12-31" {
		t.Errorf("sharing report: the period and the year before:\n%s", r.raw)
	}
	c.do(call{name: "sharing report of this year", method: "GET", path: "/reports/sharing", status: 200})
	c.do(call{name: "sharing report backwards", method: "GET", path: "/reports/sharing?from=2026-02-01&to=2026-01-31", status: 422, problem: "validation", field: "to"})
	c.do(call{name: "sharing report too long", method: "GET", path: "/reports/sharing?from=2020-01-01&to=2026-01-01", status: 422, problem: "validation", field: "to"})
	c.do(call{name: "sharing report not a date", method: "GET", path: "/reports/sharing?from=2026-13-01", docRejects: true, status: 422, problem: "validation", field: "from"})
}
