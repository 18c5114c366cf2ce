package webui

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
)

type userFormPage struct {
	Form *form
}

var userSpec = formSpec{
	order:  []string{"name", "email", "phone", "city_admin"},
	groups: map[string]string{"city_admin": "yes"},
}

// newUser shows the form for a new account, to city administrators.
func (p *Pages) newUser(c *gin.Context) {
	if err := access.Check(p.actor(c), access.ManageUsers, 0); err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "user_form", "admin_users", userFormPage{Form: newForm(nil)})
}

// createUser makes an account without a password and shows a one-time link with which the
// person sets one, to pass on to them.
func (p *Pages) createUser(c *gin.Context) {
	values := postedValues(c)
	in := account.UserInput{
		Email: values.Get("email"), Name: values.Get("name"), Phone: values.Get("phone"),
		CityAdmin: slices.Contains(values["city_admin"], "yes"),
	}
	ctx, actor := c.Request.Context(), p.actor(c)
	u, err := p.accounts.CreateUser(ctx, actor, in, "")
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), userSpec, fe)
		p.render(c, http.StatusUnprocessableEntity, "user_form", "admin_users", userFormPage{Form: f})
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	token, err := p.accounts.CreatePasswordReset(ctx, actor, u.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	p.showSecret(c, "new_user", p.linkTo(c, "/losenord/"+token), "/admin/anvandare")
}
