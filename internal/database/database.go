// Package database opens the PostgreSQL pool, runs the embedded migrations and translates
// PostgreSQL errors into questions callers can ask (was it a unique violation, which
// constraint?). It knows no business rules.
package database

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// DefaultMaxConns is the pool's size unless Options says otherwise.
const DefaultMaxConns = 20

// Options tunes the pool.
type Options struct {
	MaxOpenConns  int
	MaxIdleTime   time.Duration // a connection idle this long is closed; 0 means 5 minutes
	SlowQuery     time.Duration // queries slower than this are logged at warn; 0 disables
	Log           *slog.Logger
	ApplicationID string // shown in pg_stat_activity
	// Tracer sees every statement sent, bun's and the ones sent around it (tests count them).
	Tracer pgx.QueryTracer
	// Health, when set, watches the pool's statements for /readyz (see Health).
	Health *Health
}

// Open connects to the PostgreSQL server at url and checks that it answers. Every connection
// runs with TimeZone=UTC so that no instant is ever interpreted in the server's zone, and
// with jit=off: when a statement's estimate passes jit_above_cost (the free-room search's
// query of the rooms' rules, on a large city's data), PostgreSQL compiles code it runs once,
// about 30 ms each time, for no gain (README, Configuration, has the measurement). Sent as a
// startup parameter, it wins over the server's and the database's defaults and costs no
// round trip.
func Open(ctx context.Context, url string, opts Options) (*bun.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database url: %w", err)
	}
	cfg.RuntimeParams["timezone"] = "UTC"
	cfg.RuntimeParams["jit"] = "off"
	name := opts.ApplicationID
	if name == "" {
		name = "lokalbanken"
	}
	cfg.RuntimeParams["application_name"] = name
	// bun writes every argument into the SQL text itself, so no two bookings send the same
	// statement: pgx's default of preparing and caching each new text would cost an extra
	// round trip per query and churn the cache. Exec sends the text once, unnamed, in one trip.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
	cfg.Tracer = opts.Tracer
	sqldb := stdlib.OpenDB(*cfg)
	maxOpen := opts.MaxOpenConns
	if maxOpen == 0 {
		maxOpen = DefaultMaxConns
	}
	sqldb.SetMaxOpenConns(maxOpen)
	sqldb.SetMaxIdleConns(maxOpen)
	idle := opts.MaxIdleTime
	if idle == 0 {
		idle = 5 * time.Minute
	}
	sqldb.SetConnMaxIdleTime(idle)

	db := bun.NewDB(sqldb, pgdialect.New())
	if opts.SlowQuery > 0 && opts.Log != nil {
		db = db.WithQueryHook(slowQueryHook{threshold: opts.SlowQuery, log: opts.Log})
	}
	if opts.Health != nil {
		db = db.WithQueryHook(opts.Health)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return db, nil
}

// slowQueryHook logs queries that take longer than threshold. It logs the operation and the
// duration, never the query arguments, which may hold personal data.
type slowQueryHook struct {
	threshold time.Duration
	log       *slog.Logger
}

func (h slowQueryHook) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context {
	return ctx
}

func (h slowQueryHook) AfterQuery(ctx context.Context, e *bun.QueryEvent) {
	d := time.Since(e.StartTime)
	if d < h.threshold {
		return
	}
	h.log.WarnContext(ctx, "slow query", slog.String("operation", e.Operation()),
		slog.Int64("duration_ms", d.Milliseconds()))
}

// InTx runs fn in a transaction, retrying a bounded number of times when PostgreSQL reports a
// serialisation failure or a deadlock. fn must therefore be safe to run again. When every
// attempt lost, it returns ErrContended wrapping the last failure: a conflict, not a fault of
// the service.
func InTx(ctx context.Context, db *bun.DB, opts *sql.TxOptions, fn func(ctx context.Context, tx bun.Tx) error) error {
	var err error
	for i := 0; i < txAttempts; i++ {
		err = db.RunInTx(ctx, opts, fn)
		if !IsRetryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(i+1) * 10 * time.Millisecond):
		}
	}
	return fault.Wrap(ErrContended, err)
}

// txAttempts is how often InTx runs a transaction that keeps losing to others.
const txAttempts = 4

// ErrContended is what InTx returns when a transaction lost to concurrent ones (serialisation
// failure or deadlock) every time it ran: a conflict (409), answered like a stale revision,
// since another change won and the caller should look again and redo theirs. IsRetryable
// still holds for it.
var ErrContended = fault.New(fault.Conflict, "stale_revision")
