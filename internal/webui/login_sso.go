package webui

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/sso"
)

// Single sign-on for the city's staff. The login page's button is a link to ssoStartPath
// (a GET: the Content-Security-Policy's form-action 'self' would stop a form's redirect to
// the provider, and starting a sign-in changes nothing but a row that expires), which sends
// the browser to the provider; the provider sends it back to
// ssoCallbackPath (the redirect URI registered there). Between the two, the browser holds
// ssoCookie, which binds the sign-in to it (see package sso). Without a provider configured
// both answer 404.

const (
	ssoStartPath    = "/logga-in/sso"
	ssoCallbackPath = sso.CallbackPath
	ssoCookie       = "lb_sso"
)

// ssoLabel is the login button's text, or "" when single sign-on is off.
func (p *Pages) ssoLabel(c *gin.Context) string {
	if p.sso == nil {
		return ""
	}
	name := p.ssoName
	if name == "" {
		name = i18n.T(p.lang(c), "ui.login.sso.account")
	}
	return i18n.T(p.lang(c), "ui.login.sso.submit", name)
}

// startSSO sends the visitor to the provider to sign in, to come back to next. A visitor
// already signed in goes on at once.
func (p *Pages) startSSO(c *gin.Context) {
	if p.sso == nil {
		p.notFound(c)
		return
	}
	next := safeNext(c.Query("next"))
	if p.user(c) != nil {
		c.Redirect(http.StatusSeeOther, afterLogin(next))
		return
	}
	redirect, browser, err := p.sso.Begin(c.Request.Context(), next, c.ClientIP())
	if err != nil {
		p.ssoFailed(c, err, next)
		return
	}
	// As long as the sign-in itself lives; Lax, so that the provider's redirect back (a
	// top-level GET from another site) carries it.
	p.setCookie(c, ssoCookie, browser, int(sso.LoginTTL.Seconds()))
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusSeeOther, redirect)
}

// finishSSO is where the provider sends the browser back. The sign-in started here is used
// up whatever happens; a good one signs the person in as a password login does (a new
// session and CSRF secret, the browser's earlier session ended), with the roles their
// groups give.
func (p *Pages) finishSSO(c *gin.Context) {
	if p.sso == nil {
		p.notFound(c)
		return
	}
	ctx := c.Request.Context()
	browser, _ := c.Cookie(ssoCookie)
	p.setCookie(c, ssoCookie, "", -1)
	code := c.Query("code")
	if e := c.Query("error"); e != "" {
		// The person cancelled, or the provider refused; the state is used up all the same.
		p.log.InfoContext(ctx, "sso refused by provider", slog.String("error", e))
		code = ""
	}
	id, err := p.sso.Finish(ctx, c.Query("state"), code, browser)
	if err != nil {
		p.ssoFailed(c, err, "")
		return
	}
	g := p.sso.Grants(id.Groups)
	token, _, err := p.accounts.LoginExternal(ctx, account.External{
		Issuer: id.Issuer, Subject: id.Subject, Email: id.Email, EmailVerified: id.EmailVerified, Name: id.Name,
		LinkVerifiedEmail: p.sso.LinkVerifiedEmail(), IDToken: id.IDToken,
		CityAdmin: g.CityAdmin, Managed: g.Managed, Roles: g.Roles,
	}, c.ClientIP())
	if err != nil {
		p.ssoFailed(c, err, id.Next)
		return
	}
	p.endOldSession(c)
	p.setSessionCookie(c, token)
	p.renewCSRFToken(c)
	c.Redirect(http.StatusSeeOther, afterLogin(id.Next))
}

// ssoFailed shows the login page again with what went wrong, and logs why (never who).
func (p *Pages) ssoFailed(c *gin.Context, err error, next string) {
	status, code := http.StatusUnauthorized, ""
	if wait, tooManyCode, ok := tooMany(err); ok {
		c.Header("Retry-After", strconv.Itoa(wait))
		status, code = http.StatusTooManyRequests, tooManyCode
		err = nil
	}
	switch {
	case err == nil:
	case errors.Is(err, sso.ErrState):
		status, code = http.StatusBadRequest, "sso_state"
	case errors.Is(err, sso.ErrRefused):
		code = "sso_refused"
	case errors.Is(err, sso.ErrUnavailable):
		status, code = http.StatusServiceUnavailable, "sso_unavailable"
	case errors.Is(err, account.ErrExternalEmailTaken):
		status, code = http.StatusConflict, "sso_email_taken"
	case errors.Is(err, account.ErrExternalNoEmail):
		status, code = http.StatusUnprocessableEntity, "sso_no_email"
	case fault.KindOf(err) == fault.Internal:
		p.internalError(c, err)
		return
	default:
		code = "sso_refused"
	}
	p.log.WarnContext(c.Request.Context(), "sso sign-in refused", slog.String("code", code), slog.Any("err", err))
	lang := p.lang(c)
	f := newForm(nil)
	f.ProblemTitle = i18n.T(lang, "problem."+code+".title")
	f.Problem = i18n.T(lang, "problem."+code+".detail")
	c.Header("Cache-Control", "no-store")
	p.render(c, status, "login", "login", loginPage{Form: f, Next: next, SSO: p.ssoLabel(c)})
}
