package server

import (
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/httpapi"
)

// accessLog writes one line per request. It logs the route pattern, not the path, so that no
// token or personal data in a URL reaches the log.
func accessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "(unmatched)"
		}
		status := c.Writer.Status()
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		log.LogAttrs(c.Request.Context(), level, "request",
			slog.String("method", c.Request.Method),
			slog.String("route", route),
			slog.Int("status", status),
			slog.Int64("duration_ms", time.Since(start).Milliseconds()),
			slog.Int("bytes", c.Writer.Size()))
	}
}

// recovery turns a panic into a logged stack and a 500 problem, keeping the process alive.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			log.ErrorContext(c.Request.Context(), "panic", slog.Any("err", p), slog.String("stack", string(debug.Stack())))
			if !c.Writer.Written() {
				httpapi.WriteProblem(c, fault.New(fault.Internal, "internal"))
			}
			c.Abort()
		}()
		c.Next()
	}
}

// limitBody caps every request body at max, or at the route's own limit in routes ("POST
// /api/v1/…/:id/documents"); reading past the cap fails with *http.MaxBytesError, which the
// API reports as 413.
func limitBody(siteMax int64, routes map[string]int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		max := siteMax
		if n, ok := routes[c.Request.Method+" "+c.FullPath()]; ok {
			max = n
		}
		if c.Request.ContentLength > max {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max)
			if strings.HasPrefix(c.Request.URL.Path, "/api/") {
				httpapi.WriteProblem(c, &http.MaxBytesError{Limit: max})
				return
			}
			c.String(http.StatusRequestEntityTooLarge, "request body too large\n")
			c.Abort()
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, max)
		c.Next()
	}
}

// securityHeaders sets the headers every response carries. The CSP allows no inline script
// and no framing of our pages; the one frame our pages hold is OpenStreetMap's map of a
// venue.
func securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-src https://www.openstreetmap.org; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		c.Next()
	}
}
