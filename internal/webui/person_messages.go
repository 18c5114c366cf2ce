package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/account"
	"github.com/borasstad/lokalbanken/internal/notify"
)

// personMessagesPage is one person's log of messages, for support.
type personMessagesPage struct {
	Person    *account.User
	Log       []notify.Record
	Sending   bool
	Retention int
	// LogKeys are the texts of the log's heading, lead and emptiness.
	LogKeys [3]string
}

// personMessages shows city administrators what was sent to a person and when
// (access.ReadMessages, asked by the outbox), so that support can answer "was I told?".
func (p *Pages) personMessages(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	ctx, actor := c.Request.Context(), p.actor(c)
	log, err := p.messages.FindPersonMessages(ctx, actor, id, mailLogLimit)
	if err != nil {
		p.fail(c, err)
		return
	}
	u, err := p.accounts.FindUserByID(ctx, actor, id)
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "person_messages", "admin_users", personMessagesPage{Person: u, Log: log,
		Sending: p.messages.Sending(), Retention: int(notify.Retention.Hours() / 24),
		LogKeys: [3]string{"ui.person_messages.log", "ui.person_messages.log_lead", "ui.person_messages.log_none"}})
}
