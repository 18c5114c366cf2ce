package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/i18n"
)

// messagePage tells the visitor that something is done and where to go next.
type messagePage struct {
	Title, Text string
	Links       []pageLink
}

type pageLink struct{ Href, Text string }

// showMessage renders the texts ui.message.KIND.{title,text} with links given as pairs of
// path and text key.
func (p *Pages) showMessage(c *gin.Context, kind string, links ...string) {
	lang := p.lang(c)
	page := messagePage{Title: i18n.T(lang, "ui.message."+kind+".title"), Text: i18n.T(lang, "ui.message."+kind+".text")}
	for i := 0; i+1 < len(links); i += 2 {
		page.Links = append(page.Links, pageLink{Href: links[i], Text: i18n.T(lang, links[i+1])})
	}
	p.render(c, http.StatusOK, "message", "", page)
}
