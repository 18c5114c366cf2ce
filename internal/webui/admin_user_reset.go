package webui

import (
	"github.com/gin-gonic/gin"
)

// createResetLink makes a one-time link with which a person sets a new password, for a city
// administrator to pass on (a person who forgot theirs asks one).
func (p *Pages) createResetLink(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	token, err := p.accounts.CreatePasswordReset(c.Request.Context(), p.actor(c), id)
	if err != nil {
		p.fail(c, err)
		return
	}
	p.showSecret(c, "reset", p.linkTo(c, "/losenord/"+token), "/admin/anvandare")
}
