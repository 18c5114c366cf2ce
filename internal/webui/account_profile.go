package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// updateProfile saves my name, address and phone, or shows the form again with what needs
// correcting.
func (p *Pages) updateProfile(c *gin.Context) {
	u, ok := p.signedIn(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in := account.UserInput{
		Email: values.Get("email"), Name: values.Get("name"), Phone: values.Get("phone"),
		// Not on this form: sent back as stored, since only a city administrator may change it.
		CityAdmin: u.CityAdmin,
	}
	_, err := p.accounts.UpdateUser(c.Request.Context(), p.actor(c), u.ID, in)
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), profileSpec, fe)
		p.showAccount(c, http.StatusUnprocessableEntity, accountForms{profile: f})
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/konto?klart=uppgifter")
}
