package webui

import (
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"
)

// exportAccount downloads everything stored about me, as JSON: the account, memberships,
// tokens and sessions (never a password hash or a secret), and what the audit log records.
func (p *Pages) exportAccount(c *gin.Context) {
	u, ok := p.signedIn(c)
	if !ok {
		return
	}
	exp, err := p.accounts.ExportUser(c.Request.Context(), p.actor(c), u.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	body, err := json.MarshalIndent(exp, "", "  ")
	if err != nil {
		p.internalError(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="lokalbanken-mina-uppgifter.json"`)
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "application/json; charset=utf-8", append(body, '\n'))
}
