package webui

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/ratelimit"
	"github.com/borasstad/lokalbanken/internal/requestid"
)

// errorData is the error page's content.
type errorData struct {
	Title, Detail string
	// Instead says what a person refused can do instead (whom to ask, for what role).
	Instead string
	Back    string // a page to go back to, if there is a useful one
}

// fail answers a request whose work failed, by the error's kind: the login page for a
// visitor who is not signed in, the 404 page, a page that explains a conflict or refusal, or
// the 500 page (logged, with the request id shown).
func (p *Pages) fail(c *gin.Context, err error) {
	if wait, code, ok := tooMany(err); ok {
		c.Header("Retry-After", strconv.Itoa(wait))
		p.problemPage(c, http.StatusTooManyRequests, code)
		return
	}
	switch fault.KindOf(err) {
	case fault.Unauthenticated:
		p.toLogin(c)
	case fault.NotFound:
		if code := fault.CodeOf(err); code == "link_invalid" || code == "unsubscribe_link_invalid" || code == "reply_link_invalid" {
			p.problemPage(c, http.StatusNotFound, code)
			return
		}
		p.notFound(c)
	case fault.Conflict:
		p.problemPage(c, http.StatusConflict, fault.CodeOf(err))
	case fault.Forbidden:
		p.recordRefusal(c)
		p.forbidden(c)
	case fault.Invalid:
		p.errorPage(c, http.StatusBadRequest, "ui.error.bad_request")
	default:
		p.internalError(c, err)
	}
}

// tooMany returns the whole seconds to wait and the problem code when err refuses a request
// for coming too often (a rate limit, or every password-check slot taken): such requests
// get 429 with Retry-After and a page that says to try again.
func tooMany(err error) (wait int, code string, ok bool) {
	var throttled *account.ThrottledError
	var limited *ratelimit.LimitedError
	switch {
	case errors.As(err, &throttled) && throttled.Busy:
		return retryAfter(throttled.RetryAfter), "busy", true
	case errors.As(err, &throttled):
		return retryAfter(throttled.RetryAfter), "login_throttled", true
	case errors.As(err, &limited):
		return retryAfter(limited.RetryAfter), "rate_limited", true
	}
	return 0, "", false
}

func (p *Pages) notFound(c *gin.Context) {
	p.render(c, http.StatusNotFound, "not_found", "", nil)
}

// errorPage shows the texts key.title and key.detail with status.
func (p *Pages) errorPage(c *gin.Context, status int, key string) {
	lang := p.lang(c)
	p.render(c, status, "error", "", errorData{
		Title:  i18n.T(lang, key+".title"),
		Detail: i18n.T(lang, key+".detail"),
		Back:   sameSiteReferer(c),
	})
}

// forbidden shows the 403 page: what the person may not do, and what to do instead, by
// the kind of page they were refused (refusalHint).
func (p *Pages) forbidden(c *gin.Context) {
	lang := p.lang(c)
	p.render(c, http.StatusForbidden, "error", "", errorData{
		Title:   i18n.T(lang, "ui.error.forbidden.title"),
		Detail:  i18n.T(lang, "ui.error.forbidden.detail"),
		Instead: i18n.T(lang, "ui.error.forbidden.instead."+refusalHint(c.FullPath())),
		Back:    sameSiteReferer(c),
	})
}

// refusalHint names the advice for a refusal on the route: who decides there, and whom to
// ask. Routes are matched by their pattern, longest prefix first.
func refusalHint(route string) string {
	for _, h := range []struct{ prefix, hint string }{
		{"/lokaler/ny", "share"},
		{"/bokningar/:id/godkann", "decide"}, {"/bokningar/:id/avsla", "decide"}, {"/bokningar/:id/serie", "decide"},
		{"/bokningar/", "booking"},
		{"/lokaler/:id", "owner"}, {"/rum/:id", "owner"},
		{"/admin/", "city"},
		{"/organisationer/:id", "organisation"},
		{agreementsPath, "agreements"},
	} {
		if strings.HasPrefix(route, h.prefix) {
			return h.hint
		}
	}
	return "other"
}

// problemPage shows a domain error with the texts the API uses for its problem code.
func (p *Pages) problemPage(c *gin.Context, status int, code string) {
	p.errorPage(c, status, "problem."+code)
}

// internalError logs err with the request id and shows the 500 page. If even that page
// cannot be rendered, a line of plain text is all that is left. A database that cannot be
// reached or cannot write is no bug: that gets the 503 page, which asks to try again later.
func (p *Pages) internalError(c *gin.Context, err error) {
	if database.IsUnavailable(err) {
		p.unavailable(c, err)
		return
	}
	p.log.ErrorContext(c.Request.Context(), "page failed", slog.Any("err", err),
		slog.String("route", c.FullPath()))
	lang := p.lang(c)
	data := errorData{Title: i18n.T(lang, "ui.error.internal.title"), Detail: i18n.T(lang, "ui.error.internal.detail")}
	if err := p.execute(c, http.StatusInternalServerError, "error", "", data); err != nil {
		p.log.ErrorContext(c.Request.Context(), "error page failed", slog.Any("err", err))
		c.String(http.StatusInternalServerError, "500 internal server error; request id "+requestid.From(c.Request.Context())+"\n")
	}
}

// unavailable shows the 503 page with Retry-After: the database is down, read-only or full.
func (p *Pages) unavailable(c *gin.Context, err error) {
	p.log.WarnContext(c.Request.Context(), "page failed: database unavailable", slog.Any("err", err),
		slog.String("route", c.FullPath()))
	c.Header("Retry-After", strconv.Itoa(database.RetryAfterSeconds))
	lang := p.lang(c)
	data := errorData{Title: i18n.T(lang, "ui.error.unavailable.title"), Detail: i18n.T(lang, "ui.error.unavailable.detail")}
	if err := p.execute(c, http.StatusServiceUnavailable, "error", "", data); err != nil {
		c.String(http.StatusServiceUnavailable, "503 service unavailable; try again shortly\n")
	}
}

// sameSiteReferer returns the path of the page the visitor came from on this site, if any.
func sameSiteReferer(c *gin.Context) string {
	ref := c.Request.Referer()
	if ref == "" {
		return ""
	}
	u, err := c.Request.URL.Parse(ref)
	if err != nil || u.Host != c.Request.Host {
		return ""
	}
	return localPath(u.Path)
}

// pathID reads the :id of the route; anything but a positive integer cannot name a record,
// so it is answered like a missing one.
func pathID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	return id, err == nil && id > 0
}
