package database

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"
)

// WriteFailureWindow is how long a statement that failed because the database could not
// write (disk full, read-only, out of connections) keeps /readyz red, unless a write
// succeeds before.
const WriteFailureWindow = 15 * time.Second

// Health is what /readyz asks: can the service read and write now? A ping only says that
// the database answers. Two more checks find a database that answers but cannot write:
//
//   - a probe asks whether a new transaction would be read-only (a standby in recovery, or
//     default_transaction_read_only set for the database or role): costs one round trip and
//     no disk, where a probe that writes and rolls back would add WAL on every poll and
//     still not find a full disk;
//   - the service's own statements, seen through a bun query hook: a statement that failed
//     because the database cannot write (read-only, disk full, out of connections; a full
//     disk fails only when a file must grow, which no cheap probe can provoke) keeps the
//     service not ready for WriteFailureWindow, or until a later write succeeds.
//
// A nil *Health only pings.
type Health struct {
	probes  []func(context.Context) error
	mu      sync.Mutex
	lastErr error
	lastAt  time.Time
	now     func() time.Time
}

// NewHealth returns a Health; install it on the pool with Options.Health. Check asks the
// probes first (the embedded cluster's supervisor: is the postmaster alive?).
func NewHealth(probes ...func(context.Context) error) *Health {
	return &Health{now: time.Now, probes: probes}
}

// BeforeQuery is part of bun.QueryHook.
func (h *Health) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}

// AfterQuery records a statement that failed because the database cannot write, and
// forgets it when a write succeeds. A lost connection is not recorded: the ping sees that
// state directly, and would otherwise keep /readyz red after the database is back.
func (h *Health) AfterQuery(_ context.Context, e *bun.QueryEvent) {
	switch {
	case e.Err != nil && cannotWrite(e.Err):
		h.mu.Lock()
		h.lastErr, h.lastAt = e.Err, h.now()
		h.mu.Unlock()
	case e.Err == nil && isWrite(e.Operation()):
		h.mu.Lock()
		h.lastErr = nil
		h.mu.Unlock()
	}
}

// cannotWrite reports whether err says the database refuses or fails writes: read-only
// (25006), out of a resource such as disk space (class 53), or an I/O error (58030).
func cannotWrite(err error) bool {
	pe := pgError(err)
	return pe != nil && (pe.Code == "25006" || strings.HasPrefix(pe.Code, "53") || pe.Code == "58030")
}

func isWrite(op string) bool {
	return op == "INSERT" || op == "UPDATE" || op == "DELETE"
}

// recent returns the unavailable error seen within WriteFailureWindow, if any.
func (h *Health) recent() error {
	if h == nil {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.lastErr != nil && h.now().Sub(h.lastAt) < WriteFailureWindow {
		return h.lastErr
	}
	return nil
}

// Check returns nil when db answers and can write, and otherwise an error saying why not.
func (h *Health) Check(ctx context.Context, db *bun.DB) error {
	if h != nil {
		for _, probe := range h.probes {
			if err := probe(ctx); err != nil {
				return fmt.Errorf("database unreachable: %w", err)
			}
		}
	}
	if err := db.PingContext(ctx); err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	if h == nil {
		return nil
	}
	var readOnly bool
	if err := db.QueryRowContext(ctx, "SELECT current_setting('transaction_read_only') = 'on'").Scan(&readOnly); err != nil {
		return fmt.Errorf("database unreachable: %w", err)
	}
	if readOnly {
		return errors.New("database cannot write: it is read-only (a standby, or default_transaction_read_only)")
	}
	if err := h.recent(); err != nil {
		return fmt.Errorf("database cannot write: a statement failed within the last %s: %w", WriteFailureWindow, err)
	}
	return nil
}
