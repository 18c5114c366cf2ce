package webui

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

type loginPage struct {
	Form *form
	// Next is where to go after signing in: a path on this site, or "" for my account.
	Next string
	// SSO is the single sign-on button's text, "" when single sign-on is off.
	SSO string
}

// loginForm shows the login form. A visitor who is already signed in goes on at once.
func (p *Pages) loginForm(c *gin.Context) {
	next := safeNext(c.Query("next"))
	if p.user(c) != nil {
		c.Redirect(http.StatusSeeOther, afterLogin(next))
		return
	}
	p.render(c, http.StatusOK, "login", "login", loginPage{Form: newForm(nil), Next: next, SSO: p.ssoLabel(c)})
}

// login signs the visitor in. Success gives the browser a new session (a session token
// known before, planted or not, is never taken over) and a new CSRF token, then goes to
// next. An unknown address and a wrong password get the same answer; too many failures get
// 429 with Retry-After.
func (p *Pages) login(c *gin.Context) {
	values := postedValues(c)
	next := safeNext(values.Get("next"))
	token, _, err := p.accounts.Login(c.Request.Context(), values.Get("email"), values.Get("password"), c.ClientIP())
	var throttled *account.ThrottledError
	switch {
	case errors.As(err, &throttled) && throttled.Busy:
		c.Header("Retry-After", strconv.Itoa(retryAfter(throttled.RetryAfter)))
		p.loginFailed(c, http.StatusTooManyRequests, values, next, "busy", 0)
	case errors.As(err, &throttled):
		wait := retryAfter(throttled.RetryAfter)
		c.Header("Retry-After", strconv.Itoa(wait))
		p.loginFailed(c, http.StatusTooManyRequests, values, next, "login_throttled", (wait+59)/60)
	case errors.Is(err, account.ErrBadCredentials) || fault.Fields(err) != nil:
		p.loginFailed(c, http.StatusUnprocessableEntity, values, next, "bad_credentials", 0)
	case err != nil:
		p.internalError(c, err)
	default:
		p.endOldSession(c)
		p.setSessionCookie(c, token)
		p.renewCSRFToken(c)
		c.Redirect(http.StatusSeeOther, afterLogin(next))
	}
}

// endOldSession ends the session the browser had before this login, if any: one browser,
// one session. The new one is made already, so a failure here is only logged.
func (p *Pages) endOldSession(c *gin.Context) {
	old, err := c.Cookie(sessionCookie)
	if err != nil || old == "" {
		return
	}
	if err := p.accounts.Logout(c.Request.Context(), old); err != nil {
		p.log.WarnContext(c.Request.Context(), "end previous session", slog.Any("err", err))
	}
}

// loginFailed shows the form again with the address typed (never the password) and what
// went wrong; minutes > 0 says how long to wait.
func (p *Pages) loginFailed(c *gin.Context, status int, values url.Values, next, code string, minutes int) {
	lang := p.lang(c)
	f := newForm(nil)
	f.values.Set("email", values.Get("email"))
	f.ProblemTitle = i18n.T(lang, "problem."+code+".title")
	f.Problem = i18n.T(lang, "problem."+code+".detail")
	if minutes > 0 {
		f.Problem = i18n.T(lang, "ui.login.wait", minutes)
	}
	p.render(c, status, "login", "login", loginPage{Form: f, Next: next, SSO: p.ssoLabel(c)})
}

// retryAfter is d in whole seconds, rounded up, and at least 1.
func retryAfter(d time.Duration) int {
	s := int((d + time.Second - 1) / time.Second)
	return max(s, 1)
}

func afterLogin(next string) string {
	if next == "" {
		return todoPath
	}
	return next
}
