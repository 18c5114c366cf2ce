package webui

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
)

// changeRole gives a member another role in the organisation. The service refuses to leave
// the organisation without an admin (the 409 page says so).
func (p *Pages) changeRole(c *gin.Context) {
	org, user, ok := memberPath(c)
	if !ok {
		p.notFound(c)
		return
	}
	role := access.Role(postedValues(c).Get("role"))
	if _, err := p.accounts.SetMember(c.Request.Context(), p.actor(c), org, user, role); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, membersURL(org)+"?klart=roll")
}

// memberPath reads the organisation (:id) and the person (:user) of a member route.
func memberPath(c *gin.Context) (org, user int64, ok bool) {
	org, ok = pathID(c)
	user, err := strconv.ParseInt(c.Param("user"), 10, 64)
	return org, user, ok && err == nil && user > 0
}

func membersURL(org int64) string {
	return "/organisationer/" + strconv.FormatInt(org, 10) + "/medlemmar"
}
