package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/agreement"
)

// joinStatusPage shows where a request to join stands, to the applicant who holds its
// status link. Link is set only on the confirmation right after the request was made: the
// one time the link can be shown.
type joinStatusPage struct {
	Request *agreement.JoinRequest
	Link    string
}

// joinStatus answers the status link. An unknown link is the 404 page, whatever the reason.
func (p *Pages) joinStatus(c *gin.Context) {
	jr, err := p.agree.FindJoinRequestByToken(c.Request.Context(), c.Param("token"))
	if err != nil {
		p.fail(c, err)
		return
	}
	p.showJoinStatus(c, jr, "")
}

// showJoinStatus renders the request for the applicant. The page holds personal data and
// its address is a secret: no cache keeps it, and no link from it tells another site where
// the visitor came from.
func (p *Pages) showJoinStatus(c *gin.Context, jr *agreement.JoinRequest, link string) {
	c.Header("Cache-Control", "no-store")
	c.Header("Referrer-Policy", "no-referrer")
	p.render(c, http.StatusOK, "join_status", "compact", joinStatusPage{Request: jr, Link: link})
}
