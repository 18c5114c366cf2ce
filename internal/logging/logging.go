// Package logging builds the process's slog.Logger and carries the request id through
// contexts, so that every line logged while serving a request names that request.
package logging

import (
	"context"
	"io"
	"log/slog"
	"os"

	"github.com/mattn/go-isatty"

	"github.com/borasstad/lokalbanken/internal/requestid"
)

// New returns a logger writing to w: JSON, or text when format is "text" or when format is
// "auto" and w is a terminal. Records logged with a context get its request id.
func New(w io.Writer, format, level string) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: lvl}
	var h slog.Handler
	if format == "text" || (format == "auto" && isTerminal(w)) {
		h = slog.NewTextHandler(w, opts)
	} else {
		h = slog.NewJSONHandler(w, opts)
	}
	return slog.New(requestIDHandler{h})
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}

// requestIDKey is the attribute that names the request a record was logged for.
const requestIDKey = "request_id"

// requestIDHandler adds request_id to every record logged with a context that carries one.
// It is the only place that writes the key: a record that already has it (a caller passed
// it explicitly) is left as it is, because log stores such as OpenSearch reject a JSON line
// with a key twice.
type requestIDHandler struct{ slog.Handler }

func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := requestid.From(ctx); id != "" && !hasAttr(r, requestIDKey) {
		r.AddAttrs(slog.String(requestIDKey, id))
	}
	return h.Handler.Handle(ctx, r)
}

// hasAttr reports whether the record carries a top-level attribute named key.
func hasAttr(r slog.Record, key string) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		found = a.Key == key
		return !found
	})
	return found
}

func (h requestIDHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(attrs)}
}

func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}

// Discard returns a logger that writes nothing, for tests.
func Discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
