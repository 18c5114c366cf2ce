package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// invite makes a one-time link that lets the person with the address join the organisation
// in the role chosen, which the account service mails to them, and shows it to copy too
// (without a mail server, the page says that the link is the way to reach them).
func (p *Pages) invite(c *gin.Context) {
	org, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	values := postedValues(c)
	token, err := p.accounts.Invite(c.Request.Context(), p.actor(c), org, values.Get("email"), access.Role(values.Get("role")))
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), inviteSpec, fe)
		p.showMembers(c, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	kind := "invitation"
	if !p.messages.Sending() {
		kind = "invitation_kept" // no mail server: the link is the way to the person
	}
	p.showSecret(c, kind, p.linkTo(c, "/inbjudan/"+token), membersURL(org))
}
