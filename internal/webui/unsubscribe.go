package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/i18n"
)

// unsubscribePage asks to confirm turning off a kind of message, from the link in one.
type unsubscribePage struct {
	Kind   string
	Action string
}

// unsubscribeForm shows what the link would turn off, with the button that does it. No
// login is needed: the link came in the person's mail. Opening it changes nothing, so a
// mail scanner that follows links unsubscribes nobody.
func (p *Pages) unsubscribeForm(c *gin.Context) {
	u, err := p.messages.FindUnsubscription(c.Request.Context(), c.Param("token"))
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "unsubscribe", "", unsubscribePage{Kind: kindText(p.lang(c), u.Kind), Action: c.Request.URL.Path})
}

// unsubscribe turns the kind off for the person the message went to.
func (p *Pages) unsubscribe(c *gin.Context) {
	ctx := c.Request.Context()
	u, err := p.messages.FindUnsubscription(ctx, c.Param("token"))
	if err != nil {
		p.fail(c, err)
		return
	}
	if err := p.accounts.Unsubscribe(ctx, u.UserID, u.Kind); err != nil {
		p.fail(c, err)
		return
	}
	p.showMessage(c, "unsubscribed", mailSettingsPath, "ui.mail_settings.heading")
}

// kindText names a kind of message for people, or gives the kind itself when it has no name.
func kindText(lang i18n.Lang, kind string) string {
	if k := "ui.mail_settings.kind." + kind; i18n.Has(k) {
		return i18n.T(lang, k)
	}
	return kind
}
