package logging_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/logging"
	"github.com/borasstad/lokalbanken/internal/logging/logtest"
	"github.com/borasstad/lokalbanken/internal/requestid"
)

// TestRequestIDOnce: a record logged with a request's context names the request once, also
// when the caller passed the id explicitly.
func TestRequestIDOnce(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := logging.New(&buf, "json", "info")
	ctx := requestid.With(context.Background(), "req-1")
	log.ErrorContext(ctx, "failed", slog.Any("err", "boom"))
	log.ErrorContext(ctx, "failed", slog.String("request_id", "req-1"))
	log.With(slog.String("k", "v")).InfoContext(ctx, "with")
	log.Info("no request")
	lines := logtest.Lines(t, buf.Bytes())
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4:\n%s", len(lines), buf.String())
	}
	for i, l := range lines[:3] {
		if l["request_id"] != "req-1" {
			t.Errorf("line %d: request_id %v, want req-1", i, l["request_id"])
		}
	}
	if _, ok := lines[3]["request_id"]; ok || strings.Count(buf.String(), "request_id") != 3 {
		t.Errorf("request_id where no request is:\n%s", buf.String())
	}
}
