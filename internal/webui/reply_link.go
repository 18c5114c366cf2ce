package webui

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// replyLinkPath is where the signed link in a meeting invitation's mail leads.
const replyLinkPath = "/svar/"

// replyLinkPage answers a meeting invitation from the link in its mail, without a login:
// the meeting's time and place, and for each organisation the person may answer for its
// reply so far and the forms that change it.
type replyLinkPage struct {
	Notice    string
	Meeting   meeting.Meeting
	When      string
	Room      *venue.Room
	Cancelled bool
	Action    string
	Rows      []replyLinkRow
	Form      *form
}

// replyLinkRow is one organisation's invitation with its reply form's field.
type replyLinkRow struct {
	Invitation   meeting.Invitation
	Participants field
}

// replyLinkForm shows what the link answers. Opening it changes nothing, so a mail scanner
// that follows links answers nothing.
func (p *Pages) replyLinkForm(c *gin.Context) {
	p.showReplyLink(c, http.StatusOK, newForm(nil), 0)
}

// replyByLink records the answer posted from the link's page and shows the page again.
func (p *Pages) replyByLink(c *gin.Context) {
	values := postedValues(c)
	in := replyInput(values)
	_, err := p.meetings.ReplyByLink(c.Request.Context(), c.Param("token"), c.ClientIP(), in)
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), replySpec, fe)
		p.showReplyLink(c, http.StatusUnprocessableEntity, f, in.OrganisationID)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, c.Request.URL.Path+"?klart=svar")
}

// showReplyLink renders the link's page; f holds the posted answer for organisation
// failed, whose form shows its errors.
func (p *Pages) showReplyLink(c *gin.Context, status int, f *form, failed int64) {
	ctx := c.Request.Context()
	rl, err := p.meetings.FindReplyLink(ctx, c.Param("token"), c.ClientIP())
	if err != nil {
		p.fail(c, err)
		return
	}
	m := rl.Meeting
	page := replyLinkPage{Notice: p.notice(c), Meeting: m, When: p.span(m.StartsAt, m.EndsAt),
		Cancelled: m.Status == meeting.StatusCancelled, Action: c.Request.URL.Path, Form: f}
	if m.RoomID != nil {
		if page.Room, err = p.venues.FindRoomByID(ctx, *m.RoomID); err != nil {
			p.fail(c, err)
			return
		}
	}
	lang := p.lang(c)
	for _, inv := range rl.Invitations {
		from := newForm(nil)
		if inv.OrganisationID == failed {
			from = f
		}
		fl := newField(lang, from, "participants", []string{"required", "type:number", "mode:numeric", "width:short"})
		if inv.OrganisationID != failed {
			fl.ID = fmt.Sprintf("participants-%d", inv.OrganisationID)
		}
		page.Rows = append(page.Rows, replyLinkRow{Invitation: inv, Participants: fl})
	}
	p.render(c, status, "reply_link", "", page)
}
