package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// invitationPage lets the invited person join: someone signed in with one button, someone
// new by choosing a name and a password. Someone who has an account but is not signed in is
// offered the login page, which brings them back here.
type invitationPage struct {
	Form     *form
	Action   string
	LoginURL string
}

var invitationSpec = formSpec{order: []string{"name", "password"}}

// invitationPage shows the invitation. Whether the link still holds is told when it is
// used: the link's token is the only thing that could be looked up, and it is secret.
func (p *Pages) invitationPage(c *gin.Context) {
	p.showInvitation(c, http.StatusOK, newForm(nil))
}

func (p *Pages) showInvitation(c *gin.Context, status int, f *form) {
	p.render(c, status, "invitation", "", invitationPage{
		Form: f, Action: c.Request.URL.Path, LoginURL: loginURL(c.Request.URL.Path),
	})
}

// acceptInvitation joins the organisation. For an address that has an account, the account
// joins (name and password are not asked for); otherwise one is made from the form. Then
// the person goes to their account, or, if they were not signed in, to a page saying they
// can now sign in.
func (p *Pages) acceptInvitation(c *gin.Context) {
	values := postedValues(c)
	in := account.UserInput{Name: values.Get("name")}
	u := p.user(c)
	if u != nil {
		in = account.UserInput{Name: u.Name, Phone: u.Phone}
	}
	_, err := p.accounts.AcceptInvitation(c.Request.Context(), p.actor(c), c.Param("token"), in, values.Get("password"))
	if fe := fault.Fields(err); fe != nil {
		values.Del("password")
		f := newForm(values)
		f.addErrors(p.lang(c), invitationSpec, fe)
		p.showInvitation(c, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	if u != nil {
		c.Redirect(http.StatusSeeOther, "/konto?klart=inbjudan")
		return
	}
	p.showMessage(c, "invitation_accepted", "/logga-in", "ui.login.heading")
}
