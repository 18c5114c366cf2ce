package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// forgotPath is the public form that mails a link to choose a new password.
const forgotPath = "/glomt-losenord"

type forgotPage struct {
	Form *form
}

var forgotSpec = formSpec{order: []string{"email"}}

// forgotForm asks for the address to mail a reset link to.
func (p *Pages) forgotForm(c *gin.Context) {
	p.render(c, http.StatusOK, "password_forgot", "login", forgotPage{Form: newForm(nil)})
}

// requestReset mails a reset link to the address if it has an account, and says the same
// either way: the page must not tell who has an account. A malformed address comes back
// with its message; too many requests from one client get 429.
func (p *Pages) requestReset(c *gin.Context) {
	values := postedValues(c)
	lang := p.lang(c)
	err := p.accounts.RequestPasswordReset(c.Request.Context(), values.Get("email"), c.ClientIP(), langCode(lang))
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(lang, forgotSpec, fe)
		p.render(c, http.StatusUnprocessableEntity, "password_forgot", "login", forgotPage{Form: f})
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	p.showMessage(c, "password_forgot", "/logga-in", "ui.login.heading")
}
