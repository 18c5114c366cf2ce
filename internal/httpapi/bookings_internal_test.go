package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/borasstad/lokalbanken/internal/database"
)

// TestContentionIsAConflict: a serialisation failure or deadlock that outlasts InTx's retries
// reaches the client as 409 booking-conflict with its conflicts member, never as a 500.
func TestContentionIsAConflict(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	for _, code := range []string{database.CodeSerialization, database.CodeDeadlock} {
		rec := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(rec)
		c.Request = httptest.NewRequest(http.MethodPost, "/api/v1/bookings", nil)
		WriteProblem(c, settled(fmt.Errorf("create booking: %w", &pgconn.PgError{Code: code})))
		var p map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if rec.Code != http.StatusConflict || p["type"] != ProblemTypeBase+"booking-conflict" {
			t.Errorf("%s: %d %v, want 409 booking-conflict", code, rec.Code, p["type"])
		}
		if cs, ok := p["conflicts"].([]any); !ok || len(cs) != 0 {
			t.Errorf("%s: conflicts %v, want an empty list", code, p["conflicts"])
		}
	}
	if err := settled(errBusy); err != errBusy {
		t.Errorf("settled changed an error that is not contention: %v", err)
	}
}
