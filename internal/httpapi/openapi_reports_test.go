package httpapi_test

import (
	"fmt"
	"testing"
)

// exerciseReports reads the sharing report for a year, by default, and refuses periods
// that end before they begin, run too long or are not dates.
func exerciseReports(t *testing.T, e *env, c *oaClient) {
	r := c.do(call{name: "sharing report", method: "GET", path: "/reports/sharing?from=2026-01-01&to=2026-12-31", as: anonymous, status: 200})
	if r.body["from"] != "2026-01-01" || r.body["previous_from"] != "2025-01-01" || r.body["previous_to"] != "2025-12-31" {
		t.Errorf("sharing report: the period and the year before:\n%s", r.raw)
	}
	c.do(call{name: "sharing report of this year", method: "GET", path: "/reports/sharing", status: 200})
	c.do(call{name: "sharing report backwards", method: "GET", path: "/reports/sharing?from=2026-02-01&to=2026-01-31", status: 422, problem: "validation", field: "to"})
	c.do(call{name: "sharing report too long", method: "GET", path: "/reports/sharing?from=2020-01-01&to=2026-01-01", status: 422, problem: "validation", field: "to"})
	c.do(call{name: "sharing report not a date", method: "GET", path: "/reports/sharing?from=2026-13-01", docRejects: true, status: 422, problem: "validation", field: "from"})

	v := e.venueOf(e.org("city", "Fritidsförvaltningen Användning").ID, "Användningshuset")
	e.roomIn(v.ID, "Salen")
	u := c.do(call{name: "use statistics", method: "GET", path: fmt.Sprintf("/reports/usage?venue=%d&from=2026-03-01&to=2026-03-31", v.ID), as: anonymous, status: 200})
	if u.body["venue"] != "Användningshuset" || u.body["from"] != "2026-03-01" {
		t.Errorf("use statistics:\n%s", u.raw)
	}
	c.do(call{name: "use statistics of an unknown venue", method: "GET", path: "/reports/usage?venue=999999", status: 404, problem: "venue-not-found"})
	c.do(call{name: "use statistics without a venue", method: "GET", path: "/reports/usage", docRejects: true, status: 422, problem: "validation", field: "venue"})
	c.do(call{name: "use statistics backwards", method: "GET", path: fmt.Sprintf("/reports/usage?venue=%d&from=2026-02-01&to=2026-01-31", v.ID), status: 422, problem: "validation", field: "to"})
}
