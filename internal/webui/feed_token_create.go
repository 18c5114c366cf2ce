package webui

import (
	"html/template"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
)

// createFeedToken makes a calendar link for the organisation and shows the page with its
// address, once: only its hash is kept, so it cannot be shown again.
func (p *Pages) createFeedToken(c *gin.Context) {
	org, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	values := postedValues(c)
	secret, t, err := p.feeds.Create(c.Request.Context(), p.actor(c), org, values.Get("name"))
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), feedTokenSpec, fe)
		p.showFeedTokens(c, http.StatusUnprocessableEntity, f, nil)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	u := p.linkTo(c, feedtoken.URL("", secret))
	p.showFeedTokens(c, http.StatusOK, nil, &newFeed{Name: t.Name, URL: u, Webcal: template.URL(feedtoken.WebcalURL(u))})
}
