package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/config"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/demo"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/letter"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/notify"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/pgserver"
	"github.com/borasstad/lokalbanken/internal/report"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/server"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
	"github.com/borasstad/lokalbanken/migrations"
)

// store is the database the service runs on: a pool, and the embedded cluster behind it when
// no DATABASE_URL was given.
type store struct {
	db       *bun.DB
	url      string           // of the database, for pg_dump and pg_restore
	health   *database.Health // watches the pool's statements for /readyz
	pg       *pgserver.Server // nil with DATABASE_URL
	embedded bool
}

// openStore opens the database. The service (serve) must own an embedded cluster: it
// supervises it, and a second service on the same data folder is refused; the commands use
// the cluster of a service that runs, or run one for as long as they need it.
func openStore(ctx context.Context, cfg config.Config, log *slog.Logger, serve bool) (*store, error) {
	st := &store{}
	url := cfg.DatabaseURL
	if url == "" {
		dir, err := filepath.Abs(cfg.DataDir)
		if err != nil {
			return nil, fmt.Errorf("data folder: %w", err)
		}
		st.pg, err = pgserver.Start(ctx, pgserver.Options{DataDir: dir, Log: log, Exclusive: serve})
		if err != nil {
			return nil, err
		}
		st.embedded = true
		url = st.pg.URL("lokalbanken")
		st.health = database.NewHealth(func(context.Context) error { return st.pg.Alive() })
	} else {
		st.health = database.NewHealth()
	}
	db, err := database.Open(ctx, url, database.Options{
		Log: log, SlowQuery: 200 * time.Millisecond, Health: st.health,
		MaxOpenConns: cfg.DBMaxConns, MaxIdleTime: cfg.DBMaxIdleTime,
	})
	if err != nil {
		st.Close()
		return nil, err
	}
	st.db, st.url = db, url
	if st.pg != nil {
		// The dead postmaster's connections in the pool would each fail one request: drop
		// the idle ones at once (the busy ones are dropped when they fail).
		st.pg.OnRestart(func() {
			db.DB.SetMaxIdleConns(0)
			db.DB.SetMaxIdleConns(cfg.DBMaxConns)
		})
	}
	return st, nil
}

func (st *store) migrate(ctx context.Context, log *slog.Logger) error {
	start := time.Now()
	applied, err := database.Migrate(ctx, st.db, migrations.FS)
	if err != nil {
		return err
	}
	log.Info("database migrated", slog.Int("applied", len(applied)), slog.Int64("duration_ms", time.Since(start).Milliseconds()))
	return nil
}

// Close closes the pool, then stops the embedded cluster if this process started it.
func (st *store) Close() error {
	var err error
	if st.db != nil {
		err = st.db.Close()
	}
	if st.pg != nil {
		if e := st.pg.Stop(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// services are the capability services, built once per process.
type services struct {
	db            *bun.DB
	validate      *validator.Validate
	organisations *organisation.Service
	venues        *venue.Service
	accounts      *account.Service
	audit         *audit.Service
	bookings      *booking.Service
	feedTokens    *feedtoken.Service
	agreements    *agreement.Service
	meetings      *meeting.Service
	rounds        *round.Service
	loc           *time.Location // Europe/Stockholm, the service's zone
	accountConfig account.Config
	notify        *notify.Service // the outbox; nil in commands other than serve
	letters       *letter.Letters // the ways-in messages, through notify; nil likewise
	metrics       *server.Metrics // what the services tell operators; nil in commands other than serve
	reports       *report.Service
}

// demoTarget says where the demo data goes; demo users only into an embedded database.
func (s services) demoTarget(embedded bool) demo.Target {
	t := demo.Target{Organisations: s.organisations, Venues: s.venues, Bookings: s.bookings, Agreements: s.agreements, Meetings: s.meetings, Rounds: s.rounds}
	if embedded {
		t.Accounts = s.accounts
	}
	return t
}

func newServices(db *bun.DB) services {
	v := validation.New()
	now := time.Now
	cfg := account.DefaultConfig()
	// Opening hours, closures and recurring bookings are in Stockholm's wall-clock time; the
	// zone database is compiled in (time/tzdata in main.go), so loading it cannot fail.
	stockholm, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		panic("load time zone Europe/Stockholm: " + err.Error())
	}
	bookings := booking.NewService(db, v, now, stockholm)
	return services{
		db:            db,
		validate:      v,
		organisations: organisation.NewService(db, v, now),
		venues:        venue.NewService(db, v, now),
		accounts:      account.NewService(db, v, now, cfg),
		audit:         audit.NewService(db, v, now),
		bookings:      bookings,
		meetings:      meeting.NewService(db, v, now, stockholm, bookings),
		rounds:        round.NewService(db, v, now, stockholm, bookings),
		feedTokens:    feedtoken.NewService(db, v, now),
		agreements:    agreement.NewService(db, v, now, stockholm),
		reports:       report.NewService(db, now, stockholm),
		loc:           stockholm,
		accountConfig: cfg,
	}
}
