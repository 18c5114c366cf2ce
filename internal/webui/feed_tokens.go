package webui

import (
	"fmt"
	"html/template"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/feedtoken"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// feedTokensPage is an organisation's private calendar feed links, for its members: the
// list with a revoke button each, the form to make another and, just after making one,
// its address, shown this once.
type feedTokensPage struct {
	Organisation *organisation.Organisation
	Tokens       []feedtoken.Token
	Form         *form
	New          *newFeed
	Notice       string
	// CanCreate is false for an archived organisation, which gets no new links.
	CanCreate bool
}

// newFeed is a link just made: the address to paste into a calendar app and the same as
// webcal://, which a browser hands to the calendar app. html/template would blank a
// webcal: href as an unsafe scheme; this one is built by feedtoken.WebcalURL from our own
// address and a base64url secret, so it is marked safe.
type newFeed struct {
	Name, URL string
	Webcal    template.URL
}

var feedTokenSpec = formSpec{order: []string{"name"}}

// feedsURL is the organisation's calendar links page.
func feedsURL(org int64) string { return fmt.Sprintf("/organisationer/%d/kalender", org) }

// feedTokens shows the organisation's calendar links to its members and city
// administrators.
func (p *Pages) feedTokens(c *gin.Context) {
	p.showFeedTokens(c, http.StatusOK, nil, nil)
}

// showFeedTokens renders the page with status, the form in the state given (nil: empty)
// and the link just made, if any.
func (p *Pages) showFeedTokens(c *gin.Context, status int, f *form, made *newFeed) {
	o, ok := p.organisationFor(c, access.ManageFeeds)
	if !ok {
		return
	}
	tokens, err := p.feeds.List(c.Request.Context(), p.actor(c), o.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	if f == nil {
		f = newForm(nil)
	}
	p.render(c, status, "feed_tokens", "", feedTokensPage{
		Organisation: o, Tokens: tokens, Form: f, New: made, Notice: p.notice(c), CanCreate: !o.Archived(),
	})
}
