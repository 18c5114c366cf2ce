// Package server assembles the HTTP side of the service: one gin engine with the shared
// middleware (request id, logging, metrics, recovery, body limit, security headers), the
// JSON API, the pages and the operational endpoints.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/gin-gonic/gin"
	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/httpapi"
	"github.com/borasstad/lokalbanken/internal/requestid"
	"github.com/borasstad/lokalbanken/migrations"
)

// Routes is a part of the site that adds its routes to the engine (the pages, for instance).
type Routes interface {
	Register(r *gin.Engine)
}

// Options is what New needs.
type Options struct {
	Log *slog.Logger
	DB  *bun.DB
	// Health tells /readyz whether the database can write; nil checks only that it answers.
	Health *database.Health
	API    *httpapi.Handler // made with httpapi.New
	// Auth checks API tokens; nil means API.Accounts.
	Auth         httpapi.TokenAuthenticator
	Pages        Routes // may be nil
	Feeds        Routes // the iCal feeds under /calendar/; may be nil
	MaxBodyBytes int64
	// TrustedProxies are the addresses or CIDR ranges of the reverse proxies whose
	// X-Forwarded-For is believed. None by default: otherwise any client could write the
	// address that the audit log and the login throttling see.
	TrustedProxies []string
	// NotFound answers unknown paths outside the API (a page); nil gives a plain 404.
	NotFound gin.HandlerFunc
	// Metrics is the registry the requests are counted into; nil makes one of the engine's
	// own. It is served at /metrics on the public port unless OperatorMetrics says it is
	// shown on the operator's listener (Operator): the public port then has no /metrics.
	Metrics         *Metrics
	OperatorMetrics bool
}

// New returns the service's HTTP handler. It panics when a trusted proxy is neither an IP
// address nor a CIDR range, a mistake of the caller's configuration.
func New(opts Options) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	// gin's own redirect of a path with a trailing slash writes the path back as it came, so
	// "/\t/evil.example/" went to "/\t/evil.example", which browsers read as another host
	// (they drop the tab). dropTrailingSlash does it for paths that cannot be so read.
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	if err := r.SetTrustedProxies(opts.TrustedProxies); err != nil {
		panic("server: trusted proxies: " + err.Error())
	}
	m := opts.Metrics
	if m == nil {
		m = NewMetrics(opts.DB, "")
	}

	r.Use(requestid.Middleware(), m.middleware(), accessLog(opts.Log), recovery(opts.Log), limitBody(opts.MaxBodyBytes, bodyLimits(opts)), securityHeaders())

	// HEAD answers like GET (monitors and load balancers use either).
	healthz := func(c *gin.Context) { c.String(http.StatusOK, "ok\n") }
	r.GET("/healthz", healthz)
	r.HEAD("/healthz", healthz)
	r.GET("/readyz", readyz(opts.DB, opts.Health))
	r.HEAD("/readyz", readyz(opts.DB, opts.Health))
	if !opts.OperatorMetrics {
		r.GET("/metrics", gin.WrapH(m.Handler()))
	}

	auth := opts.Auth
	if auth == nil {
		auth = opts.API.Accounts
	}
	api := r.Group("/api/v1", httpapi.Errors(opts.Log, opts.API.Audit), httpapi.Authenticate(auth))
	opts.API.Register(api)
	if opts.Pages != nil {
		opts.Pages.Register(r)
	}
	if opts.Feeds != nil {
		opts.Feeds.Register(r)
	}
	r.NoRoute(func(c *gin.Context) {
		switch {
		case dropTrailingSlash(c):
		case strings.HasPrefix(c.Request.URL.Path, "/api/"):
			httpapi.NoRoute(c)
		case opts.NotFound != nil:
			opts.NotFound(c)
		default:
			c.String(http.StatusNotFound, "404 page not found\n")
		}
	})
	r.NoMethod(func(c *gin.Context) {
		if strings.HasPrefix(c.Request.URL.Path, "/api/") {
			httpapi.NoMethod(c)
			return
		}
		c.String(http.StatusMethodNotAllowed, "405 method not allowed\n")
	})
	return r
}

// dropTrailingSlash redirects a path that ends with a slash to the same path without it,
// the query kept (301 for GET and HEAD, 307 otherwise, as gin does), and reports whether it
// did. It does not for a path a browser could read as another host: one with control
// characters, spaces or backslashes, or that begins with two slashes. Such a path names no
// page, and is answered as unknown.
func dropTrailingSlash(c *gin.Context) bool {
	p := c.Request.URL.Path
	target := strings.TrimRight(p, "/")
	if target == p || target == "" || strings.HasPrefix(target, "//") ||
		strings.ContainsFunc(target, func(r rune) bool { return r == '\\' || unicode.IsControl(r) || unicode.IsSpace(r) }) {
		return false
	}
	code := http.StatusMovedPermanently
	if m := c.Request.Method; m != http.MethodGet && m != http.MethodHead {
		code = http.StatusTemporaryRedirect
	}
	u := url.URL{Path: target, RawQuery: c.Request.URL.RawQuery}
	c.Redirect(code, u.String())
	return true
}

// bodyLimiter is a part of the site with routes that accept bodies larger than the site's
// limit (uploads): "METHOD /route/:pattern" → bytes.
type bodyLimiter interface {
	BodyLimits() map[string]int64
}

// bodyLimits collects the larger limits of the API and the pages.
func bodyLimits(opts Options) map[string]int64 {
	out := map[string]int64{}
	for _, part := range []any{opts.API, opts.Pages} {
		if bl, ok := part.(bodyLimiter); ok {
			for route, n := range bl.BodyLimits() {
				out[route] = n
			}
		}
	}
	return out
}

// readyz answers 200 when the database answers and can write (see database.Health) and
// every migration has been applied, so a load balancer sends no traffic to an instance that
// cannot serve it. Its 503 says which of these failed, in one line without the cause.
func readyz(db *bun.DB, health *database.Health) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
		defer cancel()
		if err := health.Check(ctx, db); err != nil {
			c.Header("Retry-After", strconv.Itoa(database.RetryAfterSeconds))
			c.String(http.StatusServiceUnavailable, firstPart(err.Error())+"\n")
			return
		}
		pending, err := database.Pending(ctx, db, migrations.FS)
		if err != nil {
			c.String(http.StatusServiceUnavailable, "cannot read migrations\n")
			return
		}
		if len(pending) > 0 {
			c.String(http.StatusServiceUnavailable, "migrations pending\n")
			return
		}
		c.String(http.StatusOK, "ready\n")
	}
}

// firstPart is an error message up to its first colon: what failed, not why.
func firstPart(msg string) string {
	if i := strings.IndexByte(msg, ':'); i >= 0 {
		return msg[:i]
	}
	return msg
}
