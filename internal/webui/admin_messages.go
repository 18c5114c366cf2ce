package webui

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/notify"
)

// adminMessagesLimit is how many messages the outbox page shows at a time.
const adminMessagesLimit = 50

type adminMessagesPage struct {
	// Sending is false when no SMTP server is configured: the messages are only kept here.
	Sending           bool
	Messages          []notify.Record
	NextURL, FirstURL string
}

// adminMessages shows the outbox, newest first, to city administrators: every message
// decided, with its recipient, its text and whether it was sent. Without SMTP it is where the
// messages can be read at all.
func (p *Pages) adminMessages(c *gin.Context) {
	actor := p.actor(c)
	if err := access.Check(actor, access.ReadMessages, 0); err != nil {
		p.fail(c, err)
		return
	}
	cursor := c.Query("cursor")
	res, err := p.messages.FindMessages(c.Request.Context(), actor, adminMessagesLimit, cursor)
	if fault.Fields(err) != nil {
		// A cursor not made here: start from the newest.
		res, err = p.messages.FindMessages(c.Request.Context(), actor, adminMessagesLimit, "")
		cursor = ""
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	page := adminMessagesPage{Sending: p.messages.Sending(), Messages: res.Items}
	if res.Next != nil {
		page.NextURL = "/admin/meddelanden?" + url.Values{"cursor": {res.Next.Encode()}}.Encode()
	}
	if cursor != "" {
		page.FirstURL = "/admin/meddelanden"
	}
	p.render(c, http.StatusOK, "admin_messages", "admin_messages", page)
}
