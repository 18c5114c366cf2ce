package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/bookingmail"
	"github.com/borasstad/lokalbanken/internal/config"
	"github.com/borasstad/lokalbanken/internal/demo"
	"github.com/borasstad/lokalbanken/internal/feed"
	"github.com/borasstad/lokalbanken/internal/httpapi"
	"github.com/borasstad/lokalbanken/internal/letter"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/meetingmail"
	"github.com/borasstad/lokalbanken/internal/notify"
	"github.com/borasstad/lokalbanken/internal/roundmail"
	"github.com/borasstad/lokalbanken/internal/server"
	"github.com/borasstad/lokalbanken/internal/webui"
)

// App is the running service: database, HTTP server and everything between. Tests start it
// on 127.0.0.1:0 exactly as `lokalbanken serve` does.
type App struct {
	cfg   config.Config
	log   *slog.Logger
	store *store
	http  *http.Server
	ln    net.Listener
	done  chan error
	// operator serves /metrics and /debug/pprof/ on LOKALBANKEN_METRICS_ADDR (nil when unset);
	// endOperator cancels its requests' context, so that a running profile ends at Close.
	operator     *http.Server
	operatorLn   net.Listener
	operatorDone chan error
	endOperator  context.CancelFunc
	// stopJobs ends the background jobs; jobs is done when they have returned.
	stopJobs context.CancelFunc
	jobs     sync.WaitGroup
	// mail delivers the outbox (and runs River's other jobs); nil until started.
	mail *notify.Service
}

// NewApp returns an App that Start will start.
func NewApp(cfg config.Config, log *slog.Logger) *App {
	return &App{cfg: cfg, log: log}
}

// Start opens (and if needed starts) the database, migrates it, loads the demo data into a
// fresh embedded database, and starts serving HTTP. On error, call Close.
func (a *App) Start(ctx context.Context) error {
	start := time.Now()
	a.log.Info("starting", slog.String("config", a.cfg.String()))
	st, err := openStore(ctx, a.cfg, a.log, true)
	if err != nil {
		return err
	}
	a.store = st
	if err := st.migrate(ctx, a.log); err != nil {
		return err
	}
	svc := newServices(st.db)
	// The services tell the metrics what they do: bookings, throttled logins, messages sent.
	metrics := server.NewMetrics(st.db, version)
	svc.metrics = metrics
	if err := a.startMail(ctx, &svc); err != nil {
		return err
	}
	if err := a.loadDemo(ctx, svc); err != nil {
		return err
	}
	// Reset links, invitations and the answers to requests to join go out through the outbox
	// (from here on: the demo data's requests to join tell no one).
	svc.letters = letter.New(svc.notify, svc.loc)
	svc.accounts.SetMailer(svc.letters)
	svc.agreements.SetMail(svc.letters, svc.accounts)
	if err := a.firstAdmin(ctx, svc); err != nil {
		return err
	}
	// After the demo data: loading it tells nobody.
	svc.bookings.Announce()
	svc.bookings.Observe(metrics)
	svc.accounts.OnThrottled(metrics.LoginThrottled)
	svc.meetings.PublishTo(svc.notify)
	svc.rounds.SetMailer(roundmail.New(svc.notify, svc.loc))
	reports := svc.reports
	pages, err := webui.New(webui.Options{
		Log: a.log, Organisations: svc.organisations, Venues: svc.venues, Accounts: svc.accounts, Audit: svc.audit, Validate: svc.validate,
		Bookings: svc.bookings, FeedTokens: svc.feedTokens, Agreements: svc.agreements, Meetings: svc.meetings, Rounds: svc.rounds, Messages: svc.notify, Reports: reports, Location: svc.loc, BaseURL: a.cfg.BaseURL, DevWebDir: a.cfg.DevWebDir,
		SSO: ssoProvider(a.cfg, st.db), SSOName: a.cfg.OIDC.Name,
	})
	if err != nil {
		return err
	}
	api, err := httpapi.New(httpapi.Deps{
		Organisations: svc.organisations, Venues: svc.venues, Accounts: svc.accounts, Audit: svc.audit,
		Bookings: svc.bookings, FeedTokens: svc.feedTokens, Agreements: svc.agreements, Meetings: svc.meetings, Rounds: svc.rounds, BaseURL: a.cfg.BaseURL, InvitationTTL: svc.accountConfig.InvitationTTL,
		Reports: reports,
	})
	if err != nil {
		return err
	}
	if a.cfg.MetricsAddr != "" {
		if err := a.startOperator(metrics); err != nil {
			return err
		}
	}
	handler := server.New(server.Options{
		Log: a.log, DB: st.db, Health: st.health, MaxBodyBytes: a.cfg.MaxBodyBytes,
		Metrics: metrics, OperatorMetrics: a.cfg.MetricsAddr != "",
		API:            api,
		Auth:           svc.accounts,
		TrustedProxies: a.cfg.TrustedProxies,
		Pages:          pages, NotFound: pages.NotFound,
		Feeds: feed.New(feed.Options{DB: st.db, Log: a.log, BaseURL: a.cfg.BaseURL, Location: svc.loc, Tokens: svc.feedTokens}),
	})
	a.ln, err = net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.cfg.Addr, err)
	}
	a.http = &http.Server{
		Handler:           server.Compress(handler),
		ReadHeaderTimeout: min(10*time.Second, a.cfg.ReadTimeout),
		ReadTimeout:       a.cfg.ReadTimeout,
		WriteTimeout:      a.cfg.WriteTimeout,
		IdleTimeout:       a.cfg.IdleTimeout,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	a.done = make(chan error, 1)
	go func() { a.done <- a.http.Serve(a.ln) }()
	a.startJobs(svc)
	a.log.Info("started", slog.String("url", a.URL()), slog.Int64("duration_ms", time.Since(start).Milliseconds()))
	return nil
}

// startMail builds the outbox and starts its workers: they deliver over SMTP when
// LOKALBANKEN_SMTP_URL is set; without it messages are only kept, and the workers run River's
// other jobs.
func (a *App) startMail(ctx context.Context, svc *services) error {
	mail, err := notify.New(notify.Options{
		DB: a.store.db, BaseURL: a.cfg.BaseURL, SMTPURL: a.cfg.SMTPURL, From: a.cfg.MailFrom, Log: a.log,
		PollInterval: a.cfg.MailPoll,
		// The embedded cluster has one service: jobs a killed one left running are its own.
		Exclusive: a.store.embedded,
	})
	if err != nil {
		return err
	}
	// Booking changes are told by mail; the .ics attachments are written as the feeds write them.
	feeds := feed.New(feed.Options{DB: a.store.db, Log: a.log, BaseURL: a.cfg.BaseURL, Location: svc.loc})
	mail.Handle(booking.Topic, bookingmail.New(feeds, svc.loc).Compose)
	mail.Relay(booking.Topic, bookingmail.Take)
	mail.Handle(meeting.Topic, meetingmail.New(feeds, svc.loc, a.cfg.MailFrom).Compose)
	if svc.metrics != nil {
		mail.OnSent(svc.metrics.MessageSent)
	}
	if err := mail.Start(ctx); err != nil {
		return err
	}
	a.mail, svc.notify = mail, mail
	return nil
}

// startOperator listens on the operator's address and serves server.Operator there: the
// metrics and the Go profiles, which the public port never has. There is no write timeout,
// so that a CPU profile or trace of any length can be taken (pprof refuses one longer than
// the timeout).
func (a *App) startOperator(m *server.Metrics) error {
	ln, err := net.Listen("tcp", a.cfg.MetricsAddr)
	if err != nil {
		return fmt.Errorf("listen on %s (metrics): %w", a.cfg.MetricsAddr, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	a.operatorLn, a.endOperator = ln, cancel
	a.operator = &http.Server{
		Handler:           server.Operator(m),
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	a.operatorDone = make(chan error, 1)
	go func() { a.operatorDone <- a.operator.Serve(ln) }()
	a.log.Info("operator endpoints started", slog.String("url", a.OperatorURL()))
	return nil
}

// loadDemo fills a fresh embedded database with the demo data (LOKALBANKEN_DEMO=auto), or any
// database when asked (yes). A database given by DATABASE_URL never gets it by default.
func (a *App) loadDemo(ctx context.Context, svc services) error {
	if a.cfg.Demo == "no" || (a.cfg.Demo == "auto" && !a.store.embedded) {
		return nil
	}
	err := demo.Load(ctx, svc.demoTarget(a.store.embedded))
	if errors.Is(err, demo.ErrAlreadyLoaded) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("load demo data: %w", err)
	}
	a.log.Info("demo data loaded")
	return nil
}

// startJobs runs the housekeeping hourly: expired sessions, links and failure counts are
// purged, and the reply links of meetings that have ended; the parties of agreements that
// end within 30 days are told (once per agreement, end date and person: the outbox's key),
// and messages older than notify.Retention are
// forgotten; every remindEvery, people who chose a lead time are reminded of their
// bookings. Several instances may each run it; all of it is idempotent.
func (a *App) startJobs(svc services) {
	ctx, cancel := context.WithCancel(context.Background())
	a.stopJobs = cancel
	a.jobs.Add(1)
	go func() {
		defer a.jobs.Done()
		tick := time.NewTicker(time.Hour)
		defer tick.Stop()
		for {
			if n, err := svc.accounts.PurgeExpired(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("purge expired sessions", slog.Any("err", err))
			} else if n > 0 {
				a.log.Info("purged expired sessions and links", slog.Int64("rows", n))
			}
			if n, err := svc.agreements.RemindEnding(ctx, svc.letters); err != nil && ctx.Err() == nil {
				a.log.Warn("remind of ending agreements", slog.Any("err", err))
			} else if n > 0 {
				a.log.Info("reminded of ending agreements", slog.Int("messages", n))
			}
			if n, err := svc.meetings.PurgeReplyLinks(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("purge reply links of past meetings", slog.Any("err", err))
			} else if n > 0 {
				a.log.Info("purged reply links of past meetings", slog.Int64("rows", n))
			}
			if err := svc.reports.RefreshSharing(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("compute the sharing reports ahead", slog.Any("err", err))
			}
			if n, err := svc.notify.Purge(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("purge old messages", slog.Any("err", err))
			} else if n > 0 {
				a.log.Info("purged old messages", slog.Int64("rows", n))
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	// A dump a day of the embedded cluster; a DATABASE_URL server is backed up by its owner.
	if a.store.embedded && a.cfg.BackupKeep > 0 {
		a.jobs.Add(1)
		go func() {
			defer a.jobs.Done()
			dailyBackups(ctx, a.cfg, a.store.url, a.log)
		}()
	}
	// Reminders before bookings, at most remindEvery late.
	a.jobs.Add(1)
	go func() {
		defer a.jobs.Done()
		tick := time.NewTicker(remindEvery)
		defer tick.Stop()
		for {
			if n, err := svc.bookings.RemindDue(ctx, svc.letters); err != nil && ctx.Err() == nil {
				a.log.Warn("remind of bookings", slog.Any("err", err))
			} else if n > 0 {
				a.log.Info("reminded of bookings", slog.Int("messages", n))
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
}

// remindEvery is how often serve looks for bookings to remind people of.
const remindEvery = 5 * time.Minute

// firstAdmin creates the city administrator named by LOKALBANKEN_ADMIN_EMAIL when no person
// has that address yet, so a fresh installation can be administered from the start.
func (a *App) firstAdmin(ctx context.Context, svc services) error {
	if a.cfg.AdminEmail == "" {
		return nil
	}
	_, err := svc.accounts.FindUserByEmail(ctx, a.cfg.AdminEmail)
	if err == nil {
		return nil
	}
	if !errors.Is(err, account.ErrUserNotFound) {
		return err
	}
	_, err = svc.accounts.CreateUser(ctx, access.System,
		account.UserInput{Email: a.cfg.AdminEmail, Name: "Administratör", CityAdmin: true}, a.cfg.AdminPassword)
	if err != nil {
		return fmt.Errorf("first administrator: %w", describe(err))
	}
	a.log.Info("first city administrator created")
	return nil
}

// Failed returns a channel that is closed when the embedded database cluster died and could
// not be started again (see pgserver.Server.Failed); the service should then exit. It never
// closes with DATABASE_URL, where the database is someone else's to run.
func (a *App) Failed() <-chan struct{} {
	if a.store == nil || a.store.pg == nil {
		return nil
	}
	return a.store.pg.Failed()
}

// URL is the address the service answers on, for people: the listener's real address (so
// port 0 shows the port chosen), with localhost for a loopback or unspecified host.
func (a *App) URL() string {
	if a.ln == nil {
		return a.cfg.BaseURL
	}
	return listenURL(a.ln)
}

// OperatorURL is the address of the operator's listener (/metrics, /debug/pprof/), as URL
// shows the public one; empty when LOKALBANKEN_METRICS_ADDR is unset.
func (a *App) OperatorURL() string {
	if a.operatorLn == nil {
		return ""
	}
	return listenURL(a.operatorLn)
}

func listenURL(ln net.Listener) string {
	addr := ln.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() || addr.IP.IsLoopback() {
		host = "localhost"
	}
	if addr.IP.To4() == nil && host != "localhost" {
		host = "[" + host + "]"
	}
	return fmt.Sprintf("http://%s:%d", host, addr.Port)
}

// Close stops in the reverse order of Start: stop accepting and drain requests (bounded by
// the shutdown timeout), close the pool, stop the embedded cluster. The operator's listener
// stops with the public one; a profile being taken is cut short and still delivered.
func (a *App) Close() error {
	var errs []error
	if a.http != nil {
		ctx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
		defer cancel()
		if err := a.http.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("drain http: %w", err))
		}
		if err := <-a.done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, err)
		}
	}
	if a.operator != nil {
		a.endOperator()
		ctx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
		defer cancel()
		if err := a.operator.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("drain operator http: %w", err))
		}
		if err := <-a.operatorDone; err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, err)
		}
	}
	if a.stopJobs != nil {
		a.stopJobs()
		a.jobs.Wait()
	}
	if a.mail != nil {
		// Deliveries under way finish (bounded by the shutdown timeout); the rest wait in
		// the queue for the next start.
		ctx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
		defer cancel()
		if err := a.mail.Stop(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	if a.store != nil {
		if err := a.store.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	a.log.Info("stopped")
	return errors.Join(errs...)
}
