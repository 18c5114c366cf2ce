package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// removeMember takes a person out of the organisation. Someone who leaves goes to their
// account page: the members page is no longer theirs to see.
func (p *Pages) removeMember(c *gin.Context) {
	org, user, ok := memberPath(c)
	if !ok {
		p.notFound(c)
		return
	}
	actor := p.actor(c)
	if err := p.accounts.RemoveMember(c.Request.Context(), actor, org, user); err != nil {
		p.fail(c, err)
		return
	}
	if user == actor.UserID {
		c.Redirect(http.StatusSeeOther, "/konto")
		return
	}
	c.Redirect(http.StatusSeeOther, membersURL(org)+"?klart=borttagen")
}
