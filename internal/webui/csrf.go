package webui

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"
)

// Forms are protected by a double-submit token: a random value in a cookie that only this
// site can set, repeated in a hidden field of every form. A page on another site can make a
// browser post a form here, but it cannot read or set the cookie, so it cannot send a
// matching field. Every state-changing form has it, login and logout included (a forged
// login would sign the victim in as the attacker). The token is renewed at login, so one
// known before signing in is worth nothing after.

const (
	csrfCookie = "csrf"
	csrfField  = "csrf"
	csrfKey    = "webui.csrf" // gin context key: a token made during this request
)

// csrfToken returns the visitor's token, making one (and its cookie) on the first form.
func (p *Pages) csrfToken(c *gin.Context) string {
	if v := c.GetString(csrfKey); v != "" {
		return v
	}
	if v, err := c.Cookie(csrfCookie); err == nil && validCSRFToken(v) {
		return v
	}
	return p.renewCSRFToken(c)
}

// renewCSRFToken gives the visitor a new token and cookie.
func (p *Pages) renewCSRFToken(c *gin.Context) string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	token := base64.RawURLEncoding.EncodeToString(b)
	p.setCookie(c, csrfCookie, token, 0)
	c.Set(csrfKey, token)
	return token
}

// checkCSRF lets a POST through only when its csrf field equals the csrf cookie, compared in
// constant time; otherwise it answers 403 and nothing is stored.
func (p *Pages) checkCSRF(c *gin.Context) {
	cookie, err := c.Cookie(csrfCookie)
	field := c.PostForm(csrfField)
	if err != nil || !validCSRFToken(cookie) || subtle.ConstantTimeCompare([]byte(cookie), []byte(field)) != 1 {
		p.log.WarnContext(c.Request.Context(), "csrf token mismatch",
			slog.String("route", c.FullPath()), slog.Bool("cookie", err == nil), slog.Bool("field", field != ""))
		p.errorPage(c, http.StatusForbidden, "ui.error.csrf")
		c.Abort()
		return
	}
	c.Next()
}

// validCSRFToken accepts only what csrfToken makes: 32 bytes, base64url without padding.
func validCSRFToken(s string) bool {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && len(b) == 32
}
