package webui

import (
	"github.com/gin-gonic/gin"
)

// recordRefusal writes an "access.denied" entry for a page that answers 403, as the API does
// (audit.Service.RecordRefused).
func (p *Pages) recordRefusal(c *gin.Context) {
	p.audit.RecordRefused(c.Request.Context(), p.log, p.actor(c), c.Request.Method, c.FullPath(), c.Param("id"))
}
