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
	p.render(c, http.StatusOK, "password_reset", "", passwordResetPage{Form: newForm(revokeTokensDefault()), Action: c.Request.URL.Path})
}

// resetPassword sets the password with the one-time link and ends the person's sessions,
// and with the box ticked (as it is at first) revokes their API tokens; then they sign in
// with it.
func (p *Pages) resetPassword(c *gin.Context) {
	values := postedValues(c)
	err := p.accounts.ResetPassword(c.Request.Context(), c.Param("token"), values.Get("password"), values.Get("revoke_tokens") == "yes")
	if fe := fault.Fields(err); fe != nil {
		f := newForm(revokeTokensOf(values))
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
