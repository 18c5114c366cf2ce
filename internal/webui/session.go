package webui

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// A signed-in browser holds the session token in a cookie; the account service keeps only
// its hash, and says whose it is and whether it still holds (idle and absolute expiry).

const (
	sessionCookie = "lb_session"
	actorKey      = "webui.actor" // gin context keys
	userKey       = "webui.user"
)

// session is the middleware of every page route: it makes the request's actor from the
// session cookie, or an anonymous one. A session that has expired or is unknown is not an
// error for the visitor: the cookie is cleared and the page shown as to anyone.
func (p *Pages) session(c *gin.Context) {
	if err := p.loadSession(c); err != nil {
		p.internalError(c, err)
		c.Abort()
		return
	}
	c.Next()
}

func (p *Pages) loadSession(c *gin.Context) error {
	ip := c.ClientIP()
	c.Set(actorKey, access.Anonymous(ip))
	token, err := c.Cookie(sessionCookie)
	if err != nil || token == "" {
		return nil
	}
	actor, u, err := p.accounts.ActorForSession(c.Request.Context(), token, ip)
	switch fault.KindOf(err) {
	case fault.Unauthenticated, fault.NotFound:
		p.clearSessionCookie(c)
		return nil
	}
	if err != nil {
		return err
	}
	c.Set(actorKey, actor)
	c.Set(userKey, u)
	return nil
}

// actor returns who is asking: the signed-in person, or anonymous.
func (p *Pages) actor(c *gin.Context) access.Actor {
	v, _ := c.Get(actorKey)
	if a, ok := v.(access.Actor); ok {
		return a
	}
	return access.Anonymous(c.ClientIP())
}

// user returns the signed-in person, or nil.
func (p *Pages) user(c *gin.Context) *account.User {
	v, _ := c.Get(userKey)
	u, _ := v.(*account.User)
	return u
}

// signOut makes the rest of the request anonymous and ends the session in the browser.
func (p *Pages) signOut(c *gin.Context) {
	p.clearSessionCookie(c)
	c.Set(actorKey, access.Anonymous(c.ClientIP()))
	c.Set(userKey, (*account.User)(nil))
}

// signedIn returns the signed-in person; for an anonymous visitor it answers with the
// redirect to the login page and returns false. Pages about the visitor themselves (my
// account) use it: they concern no one else, so there is no policy to ask.
func (p *Pages) signedIn(c *gin.Context) (*account.User, bool) {
	u := p.user(c)
	if u == nil {
		p.toLogin(c)
		return nil, false
	}
	return u, true
}

// setSessionCookie gives the browser a session token. It lasts for the browser session;
// the server ends it earlier when it expires.
func (p *Pages) setSessionCookie(c *gin.Context, token string) {
	p.setCookie(c, sessionCookie, token, 0)
}

func (p *Pages) clearSessionCookie(c *gin.Context) {
	p.setCookie(c, sessionCookie, "", -1)
}

// toLogin sends the visitor to the login page, to come back here afterwards: to this page
// for a GET, to the page the form was on for a POST.
func (p *Pages) toLogin(c *gin.Context) {
	next := sameSiteReferer(c)
	if c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
		next = c.Request.URL.RequestURI()
	}
	c.Redirect(http.StatusSeeOther, loginURL(next))
}

// loginURL is the login page that returns to next afterwards.
func loginURL(next string) string {
	if next = safeNext(next); next == "" || next == "/" {
		return "/logga-in"
	}
	return "/logga-in?next=" + url.QueryEscape(next)
}

// safeNext returns next when it is a path on this site, else "". Only "/…" is accepted:
// "//host" and "/\host" are read by browsers as another host, and a scheme or host, a
// backslash or a control character has no place in a path we link to ourselves.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') ||
		strings.ContainsFunc(next, unicode.IsControl) || len(next) > 2000 {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return ""
	}
	return next
}
