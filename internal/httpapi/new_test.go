package httpapi_test

import (
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/httpapi"
)

// TestNewRequiresServices: a Handler is not built with a service missing; the error names
// every one, so that a wiring mistake fails at startup rather than as a 500 on some route.
func TestNewRequiresServices(t *testing.T) {
	t.Parallel()
	_, err := httpapi.New(httpapi.Deps{BaseURL: testBaseURL})
	want := "Organisations, Venues, Accounts, Audit, Bookings, FeedTokens, Agreements, Meetings, Rounds"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("New without services: %v, want an error naming %s", err, want)
	}
}
