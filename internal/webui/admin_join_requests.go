package webui

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// joinInboxPath is the city administrators' inbox of requests to join the Compact.
const joinInboxPath = "/admin/anslutningar"

// joinInboxPage lists the pending requests, each with its approve and reject forms. Errors
// and Values belong to the one request whose decision came back with a problem.
type joinInboxPage struct {
	Items    []joinInboxItem
	Notice   string
	FailedID int64
	Form     *form
}

// joinInboxItem is a pending request with the fields of its decision forms.
type joinInboxItem struct {
	Request          agreement.JoinRequest
	SignedOn, Reason field
	// Who names the request in the buttons, for screen readers that list them.
	Who string
}

// joinNotices are the words ?klart= may carry on the inbox, and what they say.
var joinNotices = map[string]string{"godkand": "ui.join_inbox.approved", "avslagen": "ui.join_inbox.rejected"}

var joinDecisionSpec = formSpec{order: []string{"signed_on", "reason"}}

// joinInbox shows the pending requests to city administrators.
func (p *Pages) joinInbox(c *gin.Context) {
	notice := ""
	if key, ok := joinNotices[c.Query("klart")]; ok {
		notice = i18n.T(p.lang(c), key)
	}
	p.showJoinInbox(c, http.StatusOK, joinInboxPage{Notice: notice, Form: newForm(nil)})
}

func (p *Pages) showJoinInbox(c *gin.Context, status int, page joinInboxPage) {
	// The inbox is a working list; a city seldom has more pending than one page holds.
	res, err := p.agree.FindJoinRequests(c.Request.Context(), p.actor(c), agreement.JoinFilter{Status: string(agreement.JoinPending)})
	if err != nil {
		p.fail(c, err)
		return
	}
	lang := p.lang(c)
	for _, jr := range res.Items {
		page.Items = append(page.Items, joinInboxItem{Request: jr, Who: jr.OrganisationName,
			SignedOn: joinField(lang, page, jr.ID, "signed_on", "type:date", "width:medium", "hint:ui.join_inbox.signed_on_hint"),
			Reason:   joinField(lang, page, jr.ID, "reason", "required", "hint:ui.join_inbox.reason_hint")})
	}
	p.render(c, status, "join_requests", "join_requests", page)
}

// approveJoinRequest approves the request: the organisation and its signature are made.
func (p *Pages) approveJoinRequest(c *gin.Context) {
	p.decideJoinRequest(c, "godkand", func(id int64) error {
		_, err := p.agree.ApproveJoinRequest(c.Request.Context(), p.actor(c), id, agreement.ApproveInput{SignedOn: c.PostForm("signed_on")})
		return err
	})
}

// rejectJoinRequest rejects the request with the reason given, which the applicant sees.
func (p *Pages) rejectJoinRequest(c *gin.Context) {
	p.decideJoinRequest(c, "avslagen", func(id int64) error {
		_, err := p.agree.RejectJoinRequest(c.Request.Context(), p.actor(c), id, agreement.RejectInput{Reason: c.PostForm("reason")})
		return err
	})
}

// decideJoinRequest runs a decision and goes back to the inbox, or shows the inbox again
// with the problem next to the request's field and what was typed kept.
func (p *Pages) decideJoinRequest(c *gin.Context, done string, decide func(id int64) error) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	err := decide(id)
	if fe := fault.Fields(err); fe != nil {
		f := newForm(postedValues(c))
		f.addErrors(p.lang(c), joinDecisionSpec, fe)
		p.showJoinInbox(c, http.StatusUnprocessableEntity, joinInboxPage{FailedID: id, Form: f})
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, joinInboxPath+"?klart="+done)
}

// joinField is a field of one request's decision form. Ids are made unique on the page,
// except for the request that came back with a problem: its fields keep their plain names,
// which the error summary links to, and carry the message and what was typed.
func joinField(lang i18n.Lang, page joinInboxPage, id int64, name string, opts ...string) field {
	if page.FailedID == id {
		return newField(lang, page.Form, name, opts)
	}
	fl := newField(lang, newForm(nil), name, opts)
	fl.ID = name + "-" + strconv.FormatInt(id, 10)
	return fl
}
