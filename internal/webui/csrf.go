package webui

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

// Forms are protected twice.
//
// First, a token bound to the browser and its session: the browser holds a random secret in
// a cookie that only this site can set, and every form carries HMAC(secret, session token) in
// a hidden field (for a visitor who is not signed in, of an empty session). A page on
// another site can make a browser post a form here, but it can read neither cookie, so it
// cannot make a matching field; a token copied from one session (another person's, or the
// same person's before they signed in again) is worth nothing in another. Every
// state-changing form has it, login and logout included (a forged login would sign the
// victim in as the attacker). The secret is renewed at login as well.
//
// Second, http.CrossOriginProtection (crossOrigin, on every page route, before the session
// is read) refuses unsafe requests that a browser marks as coming from another origin
// (Sec-Fetch-Site, or an Origin that is not the Host), even with a valid token. The API
// needs neither: it authenticates only with Bearer tokens, which a browser never sends by
// itself.

const (
	csrfCookie = "csrf"
	csrfField  = "csrf"
	csrfKey    = "webui.csrf" // gin context key: a secret made during this request
)

// csrfToken returns the token for the visitor's forms, making their secret (and its cookie)
// on the first form.
func (p *Pages) csrfToken(c *gin.Context) string {
	secret := c.GetString(csrfKey)
	if secret == "" {
		if v, err := c.Cookie(csrfCookie); err == nil && validCSRFSecret(v) {
			secret = v
		} else {
			secret = p.renewCSRFToken(c)
		}
	}
	return csrfFor(secret, p.sessionToken(c))
}

// renewCSRFToken gives the visitor a new secret and cookie, and returns the secret.
func (p *Pages) renewCSRFToken(c *gin.Context) string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	secret := base64.RawURLEncoding.EncodeToString(b)
	p.setCookie(c, csrfCookie, secret, 0)
	c.Set(csrfKey, secret)
	return secret
}

// sessionToken is the session the request's forms are bound to: the session cookie of a
// signed-in visitor, empty for anyone else.
func (p *Pages) sessionToken(c *gin.Context) string {
	if p.user(c) == nil {
		return ""
	}
	token, _ := c.Cookie(sessionCookie)
	return token
}

// csrfFor is the token of forms for the browser secret and the session token.
func csrfFor(secret, session string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("lokalbanken form\x00"))
	m.Write([]byte(session))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// checkCSRF lets a POST through only when its csrf field is the token of the browser's
// secret and session, compared in constant time; otherwise nothing is stored and it answers
// 403, or sends to the login page a visitor whose session ended since the form was shown
// (the token was bound to that session).
func (p *Pages) checkCSRF(c *gin.Context) {
	secret, err := c.Cookie(csrfCookie)
	field := c.PostForm(csrfField)
	if err == nil && validCSRFSecret(secret) && hmac.Equal([]byte(field), []byte(csrfFor(secret, p.sessionToken(c)))) {
		c.Next()
		return
	}
	p.log.WarnContext(c.Request.Context(), "csrf token mismatch",
		slog.String("route", c.FullPath()), slog.Bool("cookie", err == nil), slog.Bool("field", field != ""))
	if old, _ := c.Cookie(sessionCookie); old != "" && p.user(c) == nil && field != "" {
		p.toLogin(c)
		c.Abort()
		return
	}
	p.errorPage(c, http.StatusForbidden, "ui.error.csrf")
	c.Abort()
}

// validCSRFSecret accepts only what renewCSRFToken makes: 32 bytes, base64url without
// padding.
func validCSRFSecret(s string) bool {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && len(b) == 32
}

// crossOrigin returns the middleware that refuses unsafe requests (POST and the like) that
// the browser says come from another origin, before anything else looks at them, with
// http.CrossOriginProtection: Sec-Fetch-Site must be same-origin or none, or, from browsers
// that do not send it, Origin must name this host or the public URL. Requests with
// neither header (not from a browser: curl, scripts) pass, and the CSRF token still holds
// for them. GET, HEAD and OPTIONS always pass.
func (p *Pages) crossOrigin() gin.HandlerFunc {
	cop := http.NewCrossOriginProtection()
	if u, err := url.Parse(p.baseURL); err == nil && u.Scheme != "" && u.Host != "" {
		// Behind a proxy that rewrites Host, the public URL's origin is still this site.
		if err := cop.AddTrustedOrigin(u.Scheme + "://" + u.Host); err != nil {
			p.log.Warn("cross-origin protection: public URL not trusted", slog.Any("err", err))
		}
	}
	return func(c *gin.Context) {
		if err := cop.Check(c.Request); err != nil {
			p.log.WarnContext(c.Request.Context(), "cross-origin request refused",
				slog.String("route", c.FullPath()), slog.String("sec_fetch_site", c.GetHeader("Sec-Fetch-Site")))
			p.errorPage(c, http.StatusForbidden, "ui.error.csrf")
			c.Abort()
			return
		}
		c.Next()
	}
}
