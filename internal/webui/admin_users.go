package webui

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// adminUsersLimit is how many people the user list shows at a time.
const adminUsersLimit = 50

type adminUsersPage struct {
	Form              *form
	Users             []account.User
	Me                int64
	NextURL, FirstURL string
	Notice            string
}

var userSearchSpec = formSpec{order: []string{"q"}}

// adminUsers lists everyone with an account, for city administrators, with a search.
func (p *Pages) adminUsers(c *gin.Context) {
	values := c.Request.URL.Query()
	q, cursor := strings.TrimSpace(values.Get("q")), values.Get("cursor")
	actor := p.actor(c)
	res, err := p.accounts.FindUsers(c.Request.Context(), actor, q, adminUsersLimit, cursor)
	page := adminUsersPage{Form: newForm(values), Me: actor.UserID, Notice: p.notice(c)}
	status := http.StatusOK
	if fe := fault.Fields(err); fe != nil {
		status = http.StatusUnprocessableEntity
		page.Form.addErrors(p.lang(c), userSearchSpec, fe)
	} else if err != nil {
		p.fail(c, err)
		return
	}
	page.Users = res.Items
	if res.Next != nil {
		page.NextURL = usersURL(q, res.Next.Encode())
	}
	if cursor != "" {
		page.FirstURL = usersURL(q, "")
	}
	p.render(c, status, "admin_users", "admin_users", page)
}

// usersURL is the user list for q from cursor.
func usersURL(q, cursor string) string {
	v := url.Values{}
	if q != "" {
		v.Set("q", q)
	}
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	if len(v) == 0 {
		return "/admin/anvandare"
	}
	return "/admin/anvandare?" + v.Encode()
}
