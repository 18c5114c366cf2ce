package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/i18n"
)

// secretPage shows a secret made for the visitor to copy: an API token, or a one-time link
// for someone else. It is shown once; the server keeps only its hash.
type secretPage struct {
	Title, Lead, Label, Hint string
	Value                    string
	Back, BackText           string
}

// showSecret renders the secret with the texts ui.secret.KIND.{title,lead,label,hint,back},
// and a link back to back. The page must not be stored anywhere on the way.
func (p *Pages) showSecret(c *gin.Context, kind, value, back string) {
	lang := p.lang(c)
	k := "ui.secret." + kind + "."
	c.Header("Cache-Control", "no-store")
	p.render(c, http.StatusOK, "secret", "", secretPage{
		Title: i18n.T(lang, k+"title"), Lead: i18n.T(lang, k+"lead"), Label: i18n.T(lang, k+"label"),
		Hint: i18n.T(lang, k+"hint"), Value: value, Back: back, BackText: i18n.T(lang, k+"back"),
	})
}

// linkTo is the full address of path on this site, for links that are copied elsewhere: the
// configured public URL, or failing that the address the request came to.
func (p *Pages) linkTo(c *gin.Context, path string) string {
	if p.baseURL != "" {
		return p.baseURL + path
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host + path
}
