package webui

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

// revokeFeedToken stops one of the organisation's calendar links from working, at once.
func (p *Pages) revokeFeedToken(c *gin.Context) {
	org, ok := pathID(c)
	id, err := strconv.ParseInt(c.Param("token"), 10, 64)
	if !ok || err != nil || id <= 0 {
		p.notFound(c)
		return
	}
	if err := p.feeds.Revoke(c.Request.Context(), p.actor(c), id); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, feedsURL(org)+"?klart=kalenderlank")
}
