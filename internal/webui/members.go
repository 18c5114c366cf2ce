package webui

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// membersPage lists an organisation's people and their roles. Its admins also get the forms
// to change a role, remove someone and invite someone.
type membersPage struct {
	Organisation *organisation.Organisation
	Members      []account.Membership
	Me           int64
	CanManage    bool
	Invite       *form
	Roles        []access.Role
	Notice       string
}

// roles are the roles a member can have, in the order forms offer them.
var roles = []access.Role{access.RoleBooker, access.RoleAdmin}

var inviteSpec = formSpec{order: []string{"email", "role"}}

// membersPage shows the members to the organisation's admins and bookers (and city
// administrators); the account service decides who may see them.
func (p *Pages) membersPage(c *gin.Context) {
	p.showMembers(c, http.StatusOK, nil)
}

// showMembers renders the members page with status and the invitation form in the state
// given (nil: empty, role booker).
func (p *Pages) showMembers(c *gin.Context, status int, invite *form) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	ctx, actor := c.Request.Context(), p.actor(c)
	members, err := p.accounts.FindMembers(ctx, actor, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	o, err := p.orgs.FindOrganisationByID(ctx, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	if invite == nil {
		invite = newForm(url.Values{"role": {string(access.RoleBooker)}})
	}
	p.render(c, status, "members", "", membersPage{
		Organisation: o, Members: members, Me: actor.UserID, Invite: invite, Roles: roles, Notice: p.notice(c),
		CanManage: access.Check(actor, access.ManageMembers, id) == nil && !o.Archived(),
	})
}
