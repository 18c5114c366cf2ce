package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
)

// setCityAdmin makes a person a city administrator (city_admin=yes) or not (anything else),
// keeping the rest of their account as stored.
func (p *Pages) setCityAdmin(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	ctx, actor := c.Request.Context(), p.actor(c)
	u, err := p.accounts.FindUserByID(ctx, actor, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	in := account.UserInput{Email: u.Email, Name: u.Name, Phone: u.Phone, CityAdmin: postedValues(c).Get("city_admin") == "yes"}
	if _, err := p.accounts.UpdateUser(ctx, actor, id, in); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/admin/anvandare?klart=behorighet")
}
