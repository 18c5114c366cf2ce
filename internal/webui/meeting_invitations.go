package webui

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// invitationsPage chooses who is invited to a meeting, by name: those invited are always
// listed, ticked; a search (?q=, done on the server, so it works without JavaScript) lists
// the other organisations whose name matches, to tick. Saving sends the ticked ones: the
// invitation set. A second button invites every current signatory of the Compact at once.
type invitationsPage struct {
	Meeting *meeting.Meeting
	When    string
	Query   string
	Invited []option
	Found   []option
	// Searched: a search was made (Found may be empty).
	Searched bool
	Form     *form
}

// invitationSearchMax is how many matches a search lists; more ask for a narrower search.
const invitationSearchMax = 100

var invitationsSpec = formSpec{order: []string{"organisation_ids"}}

func (p *Pages) meetingInvitations(c *gin.Context) {
	m, ok := p.meetingToInvite(c)
	if !ok {
		return
	}
	p.invitationsForm(c, http.StatusOK, m, newForm(nil), nil)
}

// setMeetingInvitations saves the ticked organisations as the meeting's invitations, or
// with signatories=yes adds every current signatory of the Compact.
func (p *Pages) setMeetingInvitations(c *gin.Context) {
	m, ok := p.meetingToInvite(c)
	if !ok {
		return
	}
	values := postedValues(c)
	ctx, actor := c.Request.Context(), p.actor(c)
	var err error
	if values.Get("signatories") == "yes" {
		_, err = p.meetings.InviteCompactSignatories(ctx, actor, m.ID)
	} else {
		ids, bad := readIDs(values["organisation_ids"])
		if bad {
			err = fault.FieldErrors{typeError("organisation_ids", "integer")}
		} else {
			_, err = p.meetings.SetInvitations(ctx, actor, m.ID, meeting.InvitationsInput{OrganisationIDs: ids})
		}
	}
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), invitationsSpec, fe)
		ids, _ := readIDs(values["organisation_ids"])
		p.invitationsForm(c, http.StatusUnprocessableEntity, m, f, ids)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, meetingURL(m.ID)+"?klart=inbjudna#inbjudna")
}

// meetingToInvite loads the meeting for someone who may set its invitations.
func (p *Pages) meetingToInvite(c *gin.Context) (*meeting.Meeting, bool) {
	actor := p.actor(c)
	if !actor.SignedIn() {
		p.toLogin(c)
		return nil, false
	}
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	ctx := c.Request.Context()
	m, err := p.meetings.FindMeetingByID(ctx, actor, id)
	if err == nil {
		_, err = p.meetings.FindInvitations(ctx, actor, id) // the organiser's right
	}
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	return m, true
}

// invitationsForm renders the page; ticked, when the form came back, are the ids the
// visitor had ticked (else the stored invitations).
func (p *Pages) invitationsForm(c *gin.Context, status int, m *meeting.Meeting, f *form, ticked []int64) {
	ctx, actor := c.Request.Context(), p.actor(c)
	invs, err := p.meetings.FindInvitations(ctx, actor, m.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	page := invitationsPage{Meeting: m, When: p.span(m.StartsAt, m.EndsAt), Form: f, Query: strings.TrimSpace(c.Query("q"))}
	invited := map[int64]bool{}
	for _, inv := range invs {
		invited[inv.OrganisationID] = true
		id := strconv.FormatInt(inv.OrganisationID, 10)
		checked := ticked == nil || slices.Contains(ticked, inv.OrganisationID)
		page.Invited = append(page.Invited, option{ID: optionID("organisation_ids", id), Value: id, Label: inv.OrganisationName, Checked: checked})
	}
	if page.Query != "" || len(invs) == 0 {
		page.Searched = page.Query != ""
		found, err := p.orgs.FindOrganisations(ctx, organisation.Filter{Q: page.Query, Limit: invitationSearchMax})
		if err != nil {
			p.fail(c, err)
			return
		}
		for _, o := range found.Items {
			if invited[o.ID] {
				continue
			}
			id := strconv.FormatInt(o.ID, 10)
			page.Found = append(page.Found, option{ID: optionID("organisation_ids", id), Value: id, Label: o.Name,
				Checked: slices.Contains(ticked, o.ID)})
		}
	}
	p.render(c, status, "meeting_invitations", "meetings", page)
}
