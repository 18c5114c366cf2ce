package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
)

type passwordResetPage struct {
	Form   *form
	Action string
}

var resetSpec = formSpec{order: []string{"password"}}

// passwordResetForm asks for a new password. Whether the link still holds is told when the
// form is sent: looking it up here would give nothing a stranger could not learn there.
func (p *Pages) passwordResetForm(c *gin.Context) {
	p.render(c, http.StatusOK, "password_reset", "", passwordResetPage{Form: newForm(nil), Action: c.Request.URL.Path})
}

// resetPassword sets the password with the one-time link and ends the person's sessions;
// then they sign in with it.
func (p *Pages) resetPassword(c *gin.Context) {
	err := p.accounts.ResetPassword(c.Request.Context(), c.Param("token"), postedValues(c).Get("password"))
	if fe := fault.Fields(err); fe != nil {
		f := newForm(nil)
		f.addErrors(p.lang(c), resetSpec, fe)
		p.render(c, http.StatusUnprocessableEntity, "password_reset", "", passwordResetPage{Form: f, Action: c.Request.URL.Path})
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	p.showMessage(c, "password_reset", "/logga-in", "ui.login.heading")
}
