package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// revokeToken stops one of my API tokens from working.
func (p *Pages) revokeToken(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	if err := p.accounts.RevokeToken(c.Request.Context(), p.actor(c), id); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/konto?klart=nyckel")
}
