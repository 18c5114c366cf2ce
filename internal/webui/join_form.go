package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// joinPath is the public form with which an organisation asks to sign the Compact.
const joinPath = compactPath + "/anslut"

// joinFormPage is the form "Anslut din förening" and, for a signed-in member, the requests
// of their organisations.
type joinFormPage struct {
	Form     *form
	Compact  *agreement.Agreement
	Requests []agreement.JoinRequest
}

var joinSpec = formSpec{
	order:  []string{"organisation_name", "org_number", "kind", "signer_name", "signer_role", "contact_name", "contact_email", "contact_phone"},
	groups: map[string]string{"kind": "association"},
}

// joinForm shows the form to anyone; no account is needed.
func (p *Pages) joinForm(c *gin.Context) {
	p.showJoinForm(c, http.StatusOK, newForm(map[string][]string{"kind": {"association"}}))
}

func (p *Pages) showJoinForm(c *gin.Context, status int, f *form) {
	ctx, actor := c.Request.Context(), p.actor(c)
	a, err := p.agree.FindCompact(ctx, actor)
	if err != nil {
		p.fail(c, err)
		return
	}
	own, err := p.agree.FindOwnJoinRequests(ctx, actor)
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, status, "join_form", "compact", joinFormPage{Form: f, Compact: a, Requests: own})
}

// requestToJoin stores the request and shows the confirmation with the status link, which
// holds the only copy of its secret. Bad input comes back with the messages next to the
// fields and everything typed kept.
func (p *Pages) requestToJoin(c *gin.Context) {
	values := postedValues(c)
	in := agreement.JoinInput{
		OrganisationName: values.Get("organisation_name"), OrgNumber: values.Get("org_number"), Kind: values.Get("kind"),
		ContactName: values.Get("contact_name"), ContactEmail: values.Get("contact_email"), ContactPhone: values.Get("contact_phone"),
		SignerName: values.Get("signer_name"), SignerRole: values.Get("signer_role"), Lang: langCode(p.lang(c)),
	}
	jr, secret, err := p.agree.RequestToJoin(c.Request.Context(), p.actor(c), in)
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), joinSpec, fe)
		p.showJoinForm(c, http.StatusUnprocessableEntity, f)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	p.showJoinStatus(c, jr, p.linkTo(c, agreement.JoinStatusPath(secret)))
}
