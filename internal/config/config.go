// Package config reads the service's configuration from flags and LOKALBANKEN_* environment
// variables into one struct, with defaults, and checks it before anything starts.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"time"
)

// Config is everything the service can be told from outside. Each field has an environment
// variable and a flag of the same meaning; flags win over the environment.
type Config struct {
	// DatabaseURL selects an external PostgreSQL server; empty means the embedded cluster.
	DatabaseURL string
	// Addr is the HTTP listen address.
	Addr string
	// MetricsAddr, when set, is the operator's listen address: /metrics and /debug/pprof/
	// are served there, and /metrics no longer on Addr. Empty keeps /metrics on Addr.
	MetricsAddr string
	// DataDir holds the embedded cluster and other local state.
	DataDir string
	// BaseURL is the public URL used in links and feeds; derived from Addr when empty.
	BaseURL string
	// LogLevel is debug, info, warn or error.
	LogLevel string
	// LogFormat is json, text or auto (text on a terminal, JSON otherwise).
	LogFormat string
	// ShutdownTimeout bounds how long in-flight requests may take to drain.
	ShutdownTimeout time.Duration
	// MaxBodyBytes is the largest request body accepted.
	MaxBodyBytes int64
	// Demo loads the demo data into a fresh embedded database ("auto"), always ("yes") or never ("no").
	Demo string
	// DevWebDir serves templates and static files from this folder instead of the embedded copy.
	DevWebDir string
	// AdminEmail and AdminPassword create the first city administrator at start when no user
	// has that address yet (environment only: a password does not belong in a flag).
	AdminEmail, AdminPassword string
	// SMTPURL is where e-mail is sent: smtp://user:pass@host:587 (STARTTLS required),
	// smtps://user:pass@host:465 (TLS) or smtp://host:1025?tls=none (a loopback test server).
	// Empty: nothing is sent, messages are kept for city administrators to read.
	SMTPURL string
	// MailFrom is the sender of every message; required with SMTPURL.
	MailFrom string
	// MailPoll is how often the mail workers look for queued messages (1 s by default).
	MailPoll time.Duration
	// TrustedProxies are the reverse proxies (addresses or CIDR ranges) whose
	// X-Forwarded-For is believed; empty means none, so the client address is the peer's.
	TrustedProxies []string
}

// Defaults returns the configuration used when nothing is set.
func Defaults() Config {
	return Config{
		Addr:            "localhost:8080",
		DataDir:         ".lokalbanken",
		LogLevel:        "info",
		LogFormat:       "auto",
		ShutdownTimeout: 15 * time.Second,
		MaxBodyBytes:    1 << 20,
		Demo:            "auto",
		MailPoll:        time.Second,
	}
}

// Parse reads the environment (through getenv) and then args, which are the flags after the
// subcommand. Usage text goes to usage. extra may add a command's own flags to the set. The
// result is validated.
func Parse(name string, args []string, getenv func(string) string, usage io.Writer, extra ...func(*flag.FlagSet)) (Config, error) {
	c := Defaults()
	fromEnv := func(dst *string, key string) {
		if v := getenv(key); v != "" {
			*dst = v
		}
	}
	fromEnv(&c.DatabaseURL, "DATABASE_URL")
	fromEnv(&c.Addr, "LOKALBANKEN_ADDR")
	fromEnv(&c.MetricsAddr, "LOKALBANKEN_METRICS_ADDR")
	fromEnv(&c.DataDir, "LOKALBANKEN_DATA_DIR")
	fromEnv(&c.BaseURL, "LOKALBANKEN_BASE_URL")
	fromEnv(&c.LogLevel, "LOKALBANKEN_LOG_LEVEL")
	fromEnv(&c.LogFormat, "LOKALBANKEN_LOG_FORMAT")
	fromEnv(&c.Demo, "LOKALBANKEN_DEMO")
	fromEnv(&c.DevWebDir, "LOKALBANKEN_DEV_WEB_DIR")
	fromEnv(&c.AdminEmail, "LOKALBANKEN_ADMIN_EMAIL")
	fromEnv(&c.AdminPassword, "LOKALBANKEN_ADMIN_PASSWORD")
	fromEnv(&c.SMTPURL, "LOKALBANKEN_SMTP_URL")
	fromEnv(&c.MailFrom, "LOKALBANKEN_MAIL_FROM")
	var fileErr error
	if name := getenv("LOKALBANKEN_SMTP_URL_FILE"); name != "" && c.SMTPURL == "" {
		// The URL may hold the server's password: it can come from a file (a secret mount).
		b, err := os.ReadFile(name)
		if err != nil {
			fileErr = fmt.Errorf("LOKALBANKEN_SMTP_URL_FILE: %w", err)
		}
		c.SMTPURL = strings.TrimSpace(string(b))
	}
	var proxies string
	fromEnv(&proxies, "LOKALBANKEN_TRUSTED_PROXIES")

	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL (env DATABASE_URL); empty runs an embedded cluster in the data folder")
	fs.StringVar(&c.Addr, "addr", c.Addr, "HTTP listen address (env LOKALBANKEN_ADDR)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "operator's listen address for /metrics and /debug/pprof/ (env LOKALBANKEN_METRICS_ADDR); empty serves /metrics on --addr and no profiles")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "folder for the embedded database and local state (env LOKALBANKEN_DATA_DIR)")
	fs.StringVar(&c.BaseURL, "base-url", c.BaseURL, "public URL used in links and feeds (env LOKALBANKEN_BASE_URL); default http://ADDR")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (env LOKALBANKEN_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "json, text or auto (env LOKALBANKEN_LOG_FORMAT)")
	fs.StringVar(&c.Demo, "demo", c.Demo, "load demo data: auto (fresh embedded database only), yes or no (env LOKALBANKEN_DEMO)")
	fs.StringVar(&c.DevWebDir, "dev-web-dir", c.DevWebDir, "serve templates and static files from this folder, for development (env LOKALBANKEN_DEV_WEB_DIR)")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "how long requests may take to drain on shutdown")
	fs.Int64Var(&c.MaxBodyBytes, "max-body-bytes", c.MaxBodyBytes, "largest request body accepted")
	fs.DurationVar(&c.MailPoll, "mail-poll", c.MailPoll, "how often the mail workers look for queued messages")
	fs.StringVar(&c.MailFrom, "mail-from", c.MailFrom, "sender address of e-mail (env LOKALBANKEN_MAIL_FROM)")
	fs.StringVar(&proxies, "trusted-proxies", proxies, "comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed (env LOKALBANKEN_TRUSTED_PROXIES)")
	for _, add := range extra {
		add(fs)
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	for _, p := range strings.Split(proxies, ",") {
		if p = strings.TrimSpace(p); p != "" {
			c.TrustedProxies = append(c.TrustedProxies, p)
		}
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	return c, errors.Join(fileErr, c.Validate())
}

// Validate lists every problem with the configuration in one error.
func (c Config) Validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("listen address %q: %w", c.Addr, err))
	}
	if c.MetricsAddr != "" {
		if _, port, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			errs = append(errs, fmt.Errorf("metrics address %q: %w", c.MetricsAddr, err))
		} else if c.MetricsAddr == c.Addr && port != "0" {
			errs = append(errs, fmt.Errorf("metrics address %q: must differ from the listen address", c.MetricsAddr))
		}
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("base URL %q: must be an absolute http(s) URL", c.BaseURL))
	}
	if c.DatabaseURL == "" && c.DataDir == "" {
		errs = append(errs, errors.New("data folder: must be set when DATABASE_URL is empty"))
	}
	if !oneOf(c.LogLevel, "debug", "info", "warn", "error") {
		errs = append(errs, fmt.Errorf("log level %q: must be debug, info, warn or error", c.LogLevel))
	}
	if !oneOf(c.LogFormat, "json", "text", "auto") {
		errs = append(errs, fmt.Errorf("log format %q: must be json, text or auto", c.LogFormat))
	}
	if !oneOf(c.Demo, "auto", "yes", "no") {
		errs = append(errs, fmt.Errorf("demo %q: must be auto, yes or no", c.Demo))
	}
	if (c.AdminEmail == "") != (c.AdminPassword == "") {
		errs = append(errs, errors.New("first administrator: set both LOKALBANKEN_ADMIN_EMAIL and LOKALBANKEN_ADMIN_PASSWORD, or neither"))
	}
	if c.SMTPURL != "" {
		if u, err := url.Parse(c.SMTPURL); err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			// The URL is not repeated: it may hold a password.
			errs = append(errs, errors.New("SMTP URL: must be smtp://[user:pass@]host[:port][?tls=none] or smtps://[user:pass@]host[:port]"))
		} else if t := u.Query().Get("tls"); t != "" && t != "none" && t != "starttls" {
			errs = append(errs, fmt.Errorf("SMTP URL: tls=%q: must be starttls or none", t))
		}
		if a, err := mail.ParseAddress(c.MailFrom); err != nil || a.Name != "" {
			errs = append(errs, fmt.Errorf("mail sender %q: must be an e-mail address when LOKALBANKEN_SMTP_URL is set", c.MailFrom))
		}
	}
	for _, p := range c.TrustedProxies {
		if _, err := netip.ParsePrefix(p); err != nil {
			if _, err := netip.ParseAddr(p); err != nil {
				errs = append(errs, fmt.Errorf("trusted proxy %q: not an address or CIDR range", p))
			}
		}
	}
	if c.ShutdownTimeout <= 0 {
		errs = append(errs, errors.New("shutdown timeout: must be positive"))
	}
	if c.MailPoll < 10*time.Millisecond {
		errs = append(errs, errors.New("mail poll: must be at least 10ms"))
	}
	if c.MaxBodyBytes < 1024 {
		errs = append(errs, errors.New("max body bytes: must be at least 1024"))
	}
	return errors.Join(errs...)
}

// String shows the configuration with the database password masked, for the startup log.
func (c Config) String() string {
	db := "embedded (" + c.DataDir + ")"
	if c.DatabaseURL != "" {
		db = maskURL(c.DatabaseURL)
	}
	smtp := "none (messages kept)"
	if c.SMTPURL != "" {
		smtp = maskURL(c.SMTPURL)
	}
	return fmt.Sprintf("database=%s addr=%s metrics_addr=%s base_url=%s log=%s/%s demo=%s first_admin=%t smtp=%s", db, c.Addr, c.MetricsAddr, c.BaseURL, c.LogLevel, c.LogFormat, c.Demo, c.AdminEmail != "", smtp)
}

func maskURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

func oneOf(s string, options ...string) bool {
	for _, o := range options {
		if s == o {
			return true
		}
	}
	return false
}
