package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// logout ends the session on the server and in the browser, then goes to the start page.
// A session that had already ended is no error: the visitor is signed out either way. A
// session made by single sign-on is ended at the provider too when the provider publishes
// an end_session_endpoint (RP-initiated logout): the browser goes there, and the provider
// sends it back to the start page.
func (p *Pages) logout(c *gin.Context) {
	idToken := ""
	if token, err := c.Cookie(sessionCookie); err == nil && token != "" {
		idToken, err = p.accounts.EndSession(c.Request.Context(), token)
		if k := fault.KindOf(err); err != nil && k != fault.Unauthenticated && k != fault.NotFound {
			p.internalError(c, err)
			return
		}
	}
	p.signOut(c)
	if p.sso != nil && idToken != "" {
		if to := p.sso.LogoutURL(c.Request.Context(), idToken, p.baseURL+"/"); to != "" {
			c.Redirect(http.StatusSeeOther, to)
			return
		}
	}
	c.Redirect(http.StatusSeeOther, "/")
}
