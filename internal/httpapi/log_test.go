package httpapi_test

import (
	"testing"

	"github.com/borasstad/lokalbanken/internal/logging/logtest"
)

// TestErrorLogNamesRequestOnce: a request that fails is logged at error level with its
// cause, and every line about it names the request id exactly once, so that log stores that
// reject duplicate keys (OpenSearch) keep it.
func TestErrorLogNamesRequestOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t, 4096)
	e.db.Close() // every query fails from now on
	r := e.doAs(anonymous, "GET", "/api/v1/organisations", "", "X-Request-Id", "req-err-1")
	if r.status != 500 || r.body["request_id"] != "req-err-1" {
		t.Fatalf("status %d, body %s; want 500 naming req-err-1", r.status, r.raw)
	}
	var failed, request bool
	for _, l := range logtest.Lines(t, []byte(e.logs.String())) {
		if l["request_id"] != "req-err-1" {
			continue
		}
		switch l["msg"] {
		case "request failed":
			failed = l["level"] == "ERROR" && l["err"] != nil
		case "request":
			request = l["level"] == "ERROR" && l["status"] == float64(500)
		}
	}
	if !failed || !request {
		t.Errorf("want an ERROR line with the cause and an ERROR request line, both naming req-err-1 (found %v, %v):\n%s", failed, request, []byte(e.logs.String()))
	}
}
