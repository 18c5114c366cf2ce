package httpapi

import (
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/document"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/ratelimit"
	"github.com/borasstad/lokalbanken/internal/requestid"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Problem is an RFC 9457 problem details body.
type Problem struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail,omitempty"`
	Instance  string         `json:"instance,omitempty"`
	RequestID string         `json:"request_id,omitempty"`
	Errors    []ProblemField `json:"errors,omitempty"`
	// Conflicts lists, for a booking that clashes (booking-conflict), the time ranges that
	// are taken; always present on that problem, empty when the clash was gone by the time it
	// could be named.
	Conflicts *[]ProblemConflict `json:"conflicts,omitempty"`
	// Rule names, for a booking the room's rules refuse (booking-refused), the rule that did.
	Rule string `json:"rule,omitempty"`
	// Reason says, for the rules compact and partners, why this organisation is refused
	// (not_signed, signature_withdrawn, no_agreement, agreement_ended,
	// agreement_not_started); AgreementID names the premises-sharing agreement it is about.
	Reason      string `json:"reason,omitempty"`
	AgreementID *int64 `json:"agreement_id,omitempty"`
	// Occurrences lists, for a recurring booking refused (series-refused), every occurrence
	// that could not be booked and why.
	Occurrences *[]occurrenceJSON `json:"occurrences,omitempty"`
}

// problemConflicts lists the clashes of a conflict; a clash's booking id only when it is
// the same organisation's.
func problemConflicts(ce *booking.ConflictError) []ProblemConflict {
	cs := make([]ProblemConflict, 0, len(ce.Clashes))
	for _, cl := range ce.Clashes {
		pc := ProblemConflict{StartsAt: cl.StartsAt.UTC(), EndsAt: cl.EndsAt.UTC(), Own: cl.Own}
		if cl.Own {
			id := cl.BookingID
			pc.BookingID = &id
		}
		cs = append(cs, pc)
	}
	return cs
}

// ProblemConflict is a time range that another booking holds. Own says whether it is a
// booking of the same organisation; only then is its id given.
type ProblemConflict struct {
	StartsAt  time.Time `json:"starts_at"`
	EndsAt    time.Time `json:"ends_at"`
	Own       bool      `json:"own"`
	BookingID *int64    `json:"booking_id,omitempty"`
}

// ProblemField names one invalid input field.
type ProblemField struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// ProblemTypeBase prefixes every problem type; the rest of the URI is the problem's code.
const ProblemTypeBase = "https://lokalbanken.boras.se/problems/"

var statusOf = map[fault.Kind]int{
	fault.Invalid:         http.StatusUnprocessableEntity,
	fault.NotFound:        http.StatusNotFound,
	fault.Conflict:        http.StatusConflict,
	fault.Forbidden:       http.StatusForbidden,
	fault.Unauthenticated: http.StatusUnauthorized,
	fault.TooLarge:        http.StatusRequestEntityTooLarge,
	fault.Unavailable:     http.StatusServiceUnavailable,
	fault.Internal:        http.StatusInternalServerError,
}

// statusOfCode overrides the kind's status for problems that HTTP has its own status for.
var statusOfCode = map[string]int{
	"malformed":              http.StatusBadRequest,
	"unsupported_media_type": http.StatusUnsupportedMediaType,
	"method_not_allowed":     http.StatusMethodNotAllowed,
}

// Errors renders the last error a handler recorded with c.Error as problem+json, unless the
// handler already wrote a response. It is the one place that logs handler errors: internal
// ones at error level with the cause, never shown to the client. Every request that ends in
// 403 is recorded in the audit log as an access refusal.
func Errors(log *slog.Logger, a *audit.Service) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		if len(c.Errors) > 0 && !c.Writer.Written() {
			err := c.Errors.Last().Err
			var mb *http.MaxBytesError
			if database.IsUnavailable(err) {
				log.WarnContext(c.Request.Context(), "database unavailable", slog.Any("err", err))
			} else if fault.KindOf(err) == fault.Internal && !errors.As(err, &mb) {
				log.ErrorContext(c.Request.Context(), "request failed", slog.Any("err", err))
			}
			WriteProblem(c, err)
		}
		if c.Writer.Status() == http.StatusForbidden {
			recordRefusal(c, log, a)
		}
	}
}

// WriteProblem writes err as problem+json in the language the client asked for.
func WriteProblem(c *gin.Context, err error) {
	lang := i18n.Parse(c.GetHeader("Accept-Language"))
	kind := fault.KindOf(err)
	code := fault.CodeOf(err)
	var mb *http.MaxBytesError
	var throttled *account.ThrottledError
	var limited *ratelimit.LimitedError
	switch {
	case errors.As(err, &mb):
		kind, code = fault.TooLarge, "too_large"
	case document.IsTooLarge(err):
		// A file over the document limit inside a body the route accepts: 413 as for a body
		// over the limit, and the field named.
		kind, code = fault.TooLarge, "too_large"
		mb = &http.MaxBytesError{Limit: document.MaxBytes}
	case errors.As(err, &throttled):
		code = "login_throttled"
		if throttled.Busy {
			code = "busy"
		}
		c.Header("Retry-After", strconv.Itoa(max(1, int(math.Ceil(throttled.RetryAfter.Seconds())))))
	case errors.As(err, &limited):
		c.Header("Retry-After", strconv.Itoa(max(1, int(math.Ceil(limited.RetryAfter.Seconds())))))
	case kind == fault.Internal && database.IsUnavailable(err):
		// The database is down, read-only or full: not the client's fault, nor a bug.
		kind, code = fault.Unavailable, "unavailable"
		c.Header("Retry-After", strconv.Itoa(database.RetryAfterSeconds))
	case kind == fault.Invalid && code == "":
		code = "validation"
	case kind == fault.Internal:
		code = "internal"
	}
	p := Problem{
		Type:      ProblemTypeBase + strings.ReplaceAll(code, "_", "-"),
		Title:     i18n.T(lang, "problem."+code+".title"),
		Status:    statusOf[kind],
		Detail:    i18n.T(lang, "problem."+code+".detail"),
		Instance:  c.Request.URL.Path,
		RequestID: requestid.From(c.Request.Context()),
	}
	if throttled != nil || limited != nil {
		p.Status = http.StatusTooManyRequests
	}
	if st, ok := statusOfCode[code]; ok {
		p.Status = st
	}
	if mb != nil {
		p.Detail = i18n.T(lang, "problem.too_large.detail", mb.Limit)
	}
	var conflict *booking.ConflictError
	var refused *booking.RuleError
	var series *booking.SeriesError
	switch {
	case errors.As(err, &series):
		os := refusals(lang, series.Refused)
		p.Occurrences = &os
	case errors.As(err, &conflict):
		cs := problemConflicts(conflict)
		p.Conflicts = &cs
	case errors.As(err, &refused):
		p.Rule, p.Reason = refused.Rule, refused.Reason
		if refused.AgreementID != 0 {
			id := refused.AgreementID
			p.AgreementID = &id
		}
		if i18n.Has("booking.rule." + refused.Rule) {
			p.Detail = booking.RuleText(lang, refused)
		}
	}
	for _, f := range fault.Fields(err) {
		p.Errors = append(p.Errors, ProblemField{Field: f.Field, Code: f.Code, Message: validation.Message(lang, f)})
	}
	if p.Status == http.StatusUnauthorized && c.Writer.Header().Get("WWW-Authenticate") == "" {
		c.Header("WWW-Authenticate", `Bearer realm="lokalbanken"`)
	}
	c.Header("Content-Language", string(lang))
	c.Header("Content-Type", "application/problem+json")
	c.AbortWithStatusJSON(p.Status, p)
}

// Problem errors that come from HTTP itself rather than a capability.
var (
	errMalformed        = fault.New(fault.Invalid, "malformed")
	errUnsupportedMedia = fault.New(fault.Invalid, "unsupported_media_type")
	errRouteNotFound    = fault.New(fault.NotFound, "route_not_found")
	errMethodNotAllowed = fault.New(fault.Invalid, "method_not_allowed")
)

// NoMethod answers a known API path called with a method it does not support.
func NoMethod(c *gin.Context) { WriteProblem(c, errMethodNotAllowed) }

// NoRoute answers unknown API paths with a problem.
func NoRoute(c *gin.Context) { WriteProblem(c, errRouteNotFound) }
