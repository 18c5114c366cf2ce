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
	"strconv"
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
	// ReadTimeout, WriteTimeout and IdleTimeout are the HTTP server's: for reading a whole
	// request, for writing a response, and for keeping an idle connection open.
	ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// DBMaxConns is the largest number of connections the pool opens to PostgreSQL, per
	// process: with several instances the server must allow their sum (max_connections).
	DBMaxConns int
	// DBMaxIdleTime closes a pooled connection idle for this long.
	DBMaxIdleTime time.Duration
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
	// BackupKeep is how many daily dumps of the embedded cluster serve keeps in
	// DataDir/backups; 0 makes none. With DATABASE_URL, backups are the database's owner's.
	BackupKeep int
	// TrustedProxies are the reverse proxies (addresses or CIDR ranges) whose
	// X-Forwarded-For is believed; empty means none, so the client address is the peer's.
	TrustedProxies []string
	// OIDC is single sign-on for the city's staff (oidc.go); off unless its issuer is set.
	OIDC OIDC
}

// Defaults returns the configuration used when nothing is set.
func Defaults() Config {
	return Config{
		Addr:            "localhost:8080",
		DataDir:         ".lokalbanken",
		LogLevel:        "info",
		LogFormat:       "auto",
		ShutdownTimeout: 15 * time.Second,
		ReadTimeout:     30 * time.Second,
		WriteTimeout:    60 * time.Second,
		IdleTimeout:     120 * time.Second,
		DBMaxConns:      20,
		DBMaxIdleTime:   5 * time.Minute,
		BackupKeep:      7,
		MaxBodyBytes:    1 << 20,
		Demo:            "auto",
		MailPoll:        time.Second,
	}
}

// Parse reads the environment (through getenv) and then args, which are the flags after the
// subcommand. The flags' help goes to usage when -h or --help asks for it (and Parse returns
// flag.ErrHelp); a command line it cannot read is a *UsageError. extra may add a command's
// own flags to the set. The result is validated: every problem of the environment and the
// values is in one error.
func Parse(name string, args []string, getenv func(string) string, usage io.Writer, extra ...func(*flag.FlagSet)) (Config, error) {
	c := Defaults()
	fromEnv := func(dst *string, key string) {
		if v := getenv(key); v != "" {
			*dst = v
		}
	}
	var envErrs []error
	// Settings that hold a secret can come from a file instead (a container's or systemd's
	// secret mount): NAME_FILE names it.
	for _, sec := range []struct {
		dst *string
		key string
	}{
		{&c.DatabaseURL, "DATABASE_URL"},
		{&c.AdminPassword, "LOKALBANKEN_ADMIN_PASSWORD"},
		{&c.SMTPURL, "LOKALBANKEN_SMTP_URL"},
	} {
		if err := secret(getenv, sec.dst, sec.key); err != nil {
			envErrs = append(envErrs, err)
		}
	}
	fromEnv(&c.Addr, "LOKALBANKEN_ADDR")
	fromEnv(&c.MetricsAddr, "LOKALBANKEN_METRICS_ADDR")
	fromEnv(&c.DataDir, "LOKALBANKEN_DATA_DIR")
	fromEnv(&c.BaseURL, "LOKALBANKEN_BASE_URL")
	fromEnv(&c.LogLevel, "LOKALBANKEN_LOG_LEVEL")
	fromEnv(&c.LogFormat, "LOKALBANKEN_LOG_FORMAT")
	fromEnv(&c.Demo, "LOKALBANKEN_DEMO")
	fromEnv(&c.DevWebDir, "LOKALBANKEN_DEV_WEB_DIR")
	fromEnv(&c.AdminEmail, "LOKALBANKEN_ADMIN_EMAIL")
	fromEnv(&c.MailFrom, "LOKALBANKEN_MAIL_FROM")
	for _, d := range []struct {
		dst *time.Duration
		key string
	}{
		{&c.ShutdownTimeout, "LOKALBANKEN_SHUTDOWN_TIMEOUT"},
		{&c.ReadTimeout, "LOKALBANKEN_READ_TIMEOUT"},
		{&c.WriteTimeout, "LOKALBANKEN_WRITE_TIMEOUT"},
		{&c.IdleTimeout, "LOKALBANKEN_IDLE_TIMEOUT"},
		{&c.DBMaxIdleTime, "LOKALBANKEN_DB_MAX_IDLE_TIME"},
		{&c.MailPoll, "LOKALBANKEN_MAIL_POLL"},
	} {
		if v := getenv(d.key); v != "" {
			n, err := time.ParseDuration(v)
			if err != nil {
				envErrs = append(envErrs, fmt.Errorf("%s=%q: not a duration such as 30s or 2m", d.key, v))
			}
			*d.dst = n
		}
	}
	for _, n := range []struct {
		dst *int64
		key string
	}{
		{&c.MaxBodyBytes, "LOKALBANKEN_MAX_BODY_BYTES"},
	} {
		if v := getenv(n.key); v != "" {
			i, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				envErrs = append(envErrs, fmt.Errorf("%s=%q: not a whole number", n.key, v))
			}
			*n.dst = i
		}
	}
	for _, n := range []struct {
		dst *int
		key string
	}{
		{&c.DBMaxConns, "LOKALBANKEN_DB_MAX_CONNS"},
		{&c.BackupKeep, "LOKALBANKEN_BACKUP_KEEP"},
	} {
		if v := getenv(n.key); v != "" {
			i, err := strconv.Atoi(v)
			if err != nil {
				envErrs = append(envErrs, fmt.Errorf("%s=%q: not a whole number", n.key, v))
			}
			*n.dst = i
		}
	}
	var proxies string
	fromEnv(&proxies, "LOKALBANKEN_TRUSTED_PROXIES")
	var oidcErr error
	c.OIDC, oidcErr = parseOIDC(getenv)

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
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "how long requests may take to drain on shutdown (env LOKALBANKEN_SHUTDOWN_TIMEOUT)")
	fs.DurationVar(&c.ReadTimeout, "read-timeout", c.ReadTimeout, "longest time to read a whole request (env LOKALBANKEN_READ_TIMEOUT)")
	fs.DurationVar(&c.WriteTimeout, "write-timeout", c.WriteTimeout, "longest time to write a response (env LOKALBANKEN_WRITE_TIMEOUT)")
	fs.DurationVar(&c.IdleTimeout, "idle-timeout", c.IdleTimeout, "how long an idle keep-alive connection stays open (env LOKALBANKEN_IDLE_TIMEOUT)")
	fs.IntVar(&c.DBMaxConns, "db-max-conns", c.DBMaxConns, "most connections to PostgreSQL this process opens (env LOKALBANKEN_DB_MAX_CONNS)")
	fs.DurationVar(&c.DBMaxIdleTime, "db-max-idle-time", c.DBMaxIdleTime, "close a pooled connection idle this long (env LOKALBANKEN_DB_MAX_IDLE_TIME)")
	fs.IntVar(&c.BackupKeep, "backup-keep", c.BackupKeep, "daily dumps of the embedded cluster kept in DATA_DIR/backups; 0: none (env LOKALBANKEN_BACKUP_KEEP)")
	fs.Int64Var(&c.MaxBodyBytes, "max-body-bytes", c.MaxBodyBytes, "largest request body accepted (env LOKALBANKEN_MAX_BODY_BYTES)")
	fs.DurationVar(&c.MailPoll, "mail-poll", c.MailPoll, "how often the mail workers look for queued messages (env LOKALBANKEN_MAIL_POLL)")
	fs.StringVar(&c.MailFrom, "mail-from", c.MailFrom, "sender address of e-mail (env LOKALBANKEN_MAIL_FROM)")
	fs.StringVar(&proxies, "trusted-proxies", proxies, "comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed (env LOKALBANKEN_TRUSTED_PROXIES)")
	for _, add := range extra {
		add(fs)
	}
	// The flags' help goes to usage when asked for (-h, --help); after a mistake it is
	// handed back in a UsageError, for standard error.
	var help strings.Builder
	fs.SetOutput(&help)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			_, _ = io.WriteString(usage, help.String())
			return c, err
		}
		return c, &UsageError{Err: err, Usage: strings.TrimPrefix(help.String(), err.Error()+"\n")}
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return c, &UsageError{Err: fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " ")), Usage: help.String()}
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
	return c, errors.Join(errors.Join(envErrs...), oidcErr, c.Validate())
}

// UsageError is a command line whose flags cannot be read: an unknown flag, a value of the
// wrong type, an argument too many. Usage is the flags' help, to show on standard error.
type UsageError struct {
	Err   error
	Usage string
}

func (e *UsageError) Error() string { return e.Err.Error() }

func (e *UsageError) Unwrap() error { return e.Err }

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
	if err := c.OIDC.validate(); err != nil {
		errs = append(errs, err)
	}
	for _, d := range []struct {
		name string
		d    time.Duration
	}{{"shutdown timeout", c.ShutdownTimeout}, {"read timeout", c.ReadTimeout}, {"write timeout", c.WriteTimeout}, {"idle timeout", c.IdleTimeout}, {"database connection idle time", c.DBMaxIdleTime}} {
		if d.d <= 0 {
			errs = append(errs, fmt.Errorf("%s: must be positive", d.name))
		}
	}
	if c.BackupKeep < 0 {
		errs = append(errs, errors.New("backups kept: must be 0 or more"))
	}
	if c.DBMaxConns < 2 {
		// River's workers hold one connection while the requests need others.
		errs = append(errs, errors.New("database connections: must be at least 2"))
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

// secret sets *dst from the environment variable key, or from the file that key_FILE names
// (its content without the final line break). Both set is a mistake: which one is meant?
// Errors name the variables, never the value.
func secret(getenv func(string) string, dst *string, key string) error {
	v, file := getenv(key), getenv(key+"_FILE")
	switch {
	case v != "" && file != "":
		return fmt.Errorf("%s and %s_FILE are both set: set one of them", key, key)
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("%s_FILE: %w", key, err)
		}
		s := strings.TrimRight(string(b), "\r\n")
		if s == "" {
			return fmt.Errorf("%s_FILE: %s is empty", key, file)
		}
		*dst = s
	case v != "":
		*dst = v
	}
	return nil
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
