package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// logout ends the session on the server and in the browser, then goes to the start page.
// A session that had already ended is no error: the visitor is signed out either way.
func (p *Pages) logout(c *gin.Context) {
	if token, err := c.Cookie(sessionCookie); err == nil && token != "" {
		err := p.accounts.Logout(c.Request.Context(), token)
		if k := fault.KindOf(err); err != nil && k != fault.Unauthenticated && k != fault.NotFound {
			p.internalError(c, err)
			return
		}
	}
	p.signOut(c)
	c.Redirect(http.StatusSeeOther, "/")
}
