package notify

import (
	"context"
	"crypto/tls"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/uptrace/bun"
)

// queue is River's queue for mail deliveries.
const queue = "mail"

// Options configure a Service.
type Options struct {
	DB *bun.DB
	// BaseURL is the public URL that links in messages start with (no trailing slash).
	BaseURL string
	// SMTPURL is where mail goes (smtp://user:pass@host:587 with STARTTLS, smtps://host:465
	// with TLS, smtp://host:1025?tls=none for a loopback test server); empty keeps messages
	// without sending them.
	SMTPURL string
	// From is the sender's address (LOKALBANKEN_MAIL_FROM).
	From string
	Log  *slog.Logger
	Now  func() time.Time
	// Workers is how many jobs (deliveries, compositions) run at once in this process
	// (default 8: they wait on the SMTP server and the database, not on the processor).
	Workers int
	// PollInterval is how often the workers look for new jobs (default 1 s): the database
	// pool speaks database/sql, which River cannot LISTEN on.
	PollInterval time.Duration
	// RescueAfter is how long a job may stay running before River takes it for lost (its
	// process killed) and runs it again (default 5 minutes; at least the job timeout, 1 minute).
	RescueAfter time.Duration
	// TLSConfig replaces the system's trust in SMTP servers' certificates (tests).
	TLSConfig *tls.Config
	// Exclusive says that no other process works this database's jobs (serve on its
	// embedded cluster, which refuses a second service): a job still running at Start was
	// left by a killed process and is taken back at once instead of after RescueAfter.
	Exclusive bool
}

// Service enqueues messages and, once started, delivers them.
type Service struct {
	db        *bun.DB
	base      string
	host      string // the base URL's host, for Message-IDs
	from      string
	mailer    *mailer // nil: no SMTP, messages are kept
	log       *slog.Logger
	now       func() time.Time
	river     *river.Client[*sql.Tx]
	started   bool
	exclusive bool
	// composers turn published events into messages, by topic (Handle).
	composers map[string]Composer
	// sources are the tables of changes the relay takes from, by topic (Relay).
	sources map[string]Source
	poll    time.Duration
	// stopRelay ends the relay; relayDone is closed when it has.
	stopRelay context.CancelFunc
	relayDone chan struct{}
	// onSent is told of each message marked sent (OnSent); may be nil.
	onSent func()
}

// OnSent makes the service call f each time a message has been accepted by the SMTP server
// and marked sent, for the operators' numbers. f must be quick and safe for concurrent use.
// Call it before Start.
func (s *Service) OnSent(f func()) { s.onSent = f }

// New checks the options and builds the service; nothing runs until Start.
func New(opts Options) (*Service, error) {
	u, err := url.Parse(opts.BaseURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("notify: base URL %q is not absolute", opts.BaseURL)
	}
	s := &Service{
		db:        opts.DB,
		base:      strings.TrimRight(opts.BaseURL, "/"),
		host:      u.Hostname(),
		from:      opts.From,
		log:       opts.Log,
		now:       opts.Now,
		exclusive: opts.Exclusive,
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if opts.SMTPURL != "" {
		if s.mailer, err = newMailer(opts.SMTPURL, opts.From, s.base, s.host, opts.TLSConfig); err != nil {
			return nil, err
		}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = 8
	}
	poll := opts.PollInterval
	if poll <= 0 {
		poll = time.Second
	}
	s.poll = poll
	rescue := opts.RescueAfter
	if rescue <= 0 {
		rescue = 5 * time.Minute
	}
	w := river.NewWorkers()
	river.AddWorker(w, &deliverWorker{s: s})
	river.AddWorker(w, &composeWorker{s: s})
	var pool *sql.DB
	if opts.DB != nil {
		pool = opts.DB.DB
	}
	cfg := &river.Config{
		Logger:               riverLogger(s.log),
		Workers:              w,
		Queues:               map[string]river.QueueConfig{queue: {MaxWorkers: workers}},
		FetchPollInterval:    poll,
		FetchCooldown:        min(poll, 10*time.Millisecond),
		JobTimeout:           time.Minute,
		RescueStuckJobsAfter: max(rescue, time.Minute),
		MaxAttempts:          maxAttempts,
	}
	if pool == nil {
		// No database (tests that only parse templates): a client that can do nothing.
		cfg.Queues = nil
	}
	s.river, err = river.NewClient(riverdatabasesql.New(pool), cfg)
	if err != nil {
		return nil, fmt.Errorf("notify: job queue: %w", err)
	}
	return s, nil
}

// maxAttempts bounds the deliveries of one message: River's backoff (attempt⁴ seconds) makes
// the last of 20 about six days after the first.
const maxAttempts = 20

// Sending reports whether messages are delivered (SMTP is configured) rather than only kept.
func (s *Service) Sending() bool { return s.mailer != nil }

// Start starts the workers that deliver queued messages. Several processes on one database
// may each run them: River hands every job to one worker at a time.
func (s *Service) Start(ctx context.Context) error {
	if s.exclusive {
		// River itself hands a running job to another worker only after RescueAfter, since
		// with several processes it cannot tell a slow one from a dead one; here there is
		// no other. The delivery of such a job may have reached the SMTP server before the
		// kill: that is the window of a duplicate, with the same Message-ID (deliverWorker).
		res, err := s.db.NewRaw(`UPDATE river_job SET state = 'available', scheduled_at = ? WHERE state = 'running'`, s.now()).Exec(ctx)
		if err != nil {
			return fmt.Errorf("notify: take back jobs of a killed process: %w", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			s.log.InfoContext(ctx, "jobs of a stopped process taken back", slog.Int64("jobs", n))
		}
	}
	if err := s.river.Start(ctx); err != nil {
		return fmt.Errorf("notify: start job queue: %w", err)
	}
	s.started = true
	if len(s.sources) > 0 {
		rctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		s.stopRelay, s.relayDone = cancel, make(chan struct{})
		go func() {
			defer close(s.relayDone)
			s.relay(rctx)
		}()
	}
	return nil
}

// Stop lets running deliveries finish (until ctx ends) and stops the workers.
func (s *Service) Stop(ctx context.Context) error {
	if !s.started {
		return nil
	}
	s.started = false
	if s.stopRelay != nil {
		s.stopRelay()
		<-s.relayDone
	}
	if err := s.river.Stop(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("notify: stop job queue: %w", err)
	}
	return nil
}

// riverLogger passes River's own warnings and errors to log; its chatter stays out.
func riverLogger(log *slog.Logger) *slog.Logger {
	return slog.New(levelFloor{log.Handler(), slog.LevelWarn})
}

type levelFloor struct {
	slog.Handler
	min slog.Level
}

func (h levelFloor) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h levelFloor) WithAttrs(as []slog.Attr) slog.Handler {
	return levelFloor{h.Handler.WithAttrs(as), h.min}
}

func (h levelFloor) WithGroup(name string) slog.Handler {
	return levelFloor{h.Handler.WithGroup(name), h.min}
}
