package webui

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/document"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// meetingPage is one meeting for anyone who may see it: its time, place, agenda and papers;
// the organiser also sees who is invited and their replies, with the forms that change,
// cancel, invite and attach; an invited organisation's people answer it here.
type meetingPage struct {
	Notice    string
	Meeting   *meeting.Meeting
	Series    *meeting.Series // nil when the viewer sees the meeting but not its series
	When      string
	Room      *venue.Room
	Cancelled bool
	CanManage bool
	Started   bool
	ICS       string
	Documents []meeting.Document
	// Invitations and their counts are the organiser's view.
	Invitations        []meeting.Invitation
	Coming, Declined   int
	Participants, Open int
	// Mine are the viewer's organisations' invitations, with the reply forms.
	Mine           []meetingInvitationRow
	Replied        []meeting.InvitedMeeting
	CancelForm     *form
	DocumentForm   *form
	MaxDocumentMiB int64
}

var cancelSpec = formSpec{order: []string{"reason"}}

func (p *Pages) meetingShow(c *gin.Context) {
	page, ok := p.loadMeetingPage(c)
	if !ok {
		return
	}
	p.render(c, http.StatusOK, "meeting", "meetings", page)
}

// loadMeetingPage reads everything the meeting's page shows, or answers (404, login).
func (p *Pages) loadMeetingPage(c *gin.Context) (*meetingPage, bool) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	ctx, actor := c.Request.Context(), p.actor(c)
	m, err := p.meetings.FindMeetingByID(ctx, actor, id)
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	page := &meetingPage{Notice: p.notice(c), Meeting: m, When: p.span(m.StartsAt, m.EndsAt),
		Cancelled: m.Status == meeting.StatusCancelled, Started: !p.now().Before(m.StartsAt),
		ICS: fmt.Sprintf("/calendar/meetings/%d.ics", m.ID), CancelForm: newForm(nil), DocumentForm: newForm(nil),
		MaxDocumentMiB: document.MaxBytes >> 20}
	if se, err := p.meetings.FindSeriesByID(ctx, actor, m.SeriesID); err == nil {
		page.Series = se
	} else if !errors.Is(err, meeting.ErrSeriesNotFound) {
		p.fail(c, err)
		return nil, false
	}
	if m.RoomID != nil {
		if page.Room, err = p.venues.FindRoomByID(ctx, *m.RoomID); err != nil {
			p.fail(c, err)
			return nil, false
		}
	}
	if page.Documents, err = p.meetings.FindDocuments(ctx, actor, id); err != nil {
		p.fail(c, err)
		return nil, false
	}
	invs, err := p.meetings.FindInvitations(ctx, actor, id)
	switch {
	case err == nil:
		page.CanManage, page.Invitations = true, invs
		for _, inv := range invs {
			switch {
			case inv.Attending == nil:
				page.Open++
			case *inv.Attending:
				page.Coming++
				if inv.Participants != nil {
					page.Participants += *inv.Participants
				}
			default:
				page.Declined++
			}
		}
	case !errors.Is(err, access.ErrForbidden) && !errors.Is(err, access.ErrUnauthenticated):
		p.fail(c, err)
		return nil, false
	}
	mine, err := p.meetings.FindInvitedMeetings(ctx, actor)
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	lang := p.lang(c)
	for _, inv := range mine {
		if inv.ID != id {
			continue
		}
		if inv.RepliedAt != nil {
			page.Replied = append(page.Replied, inv)
		}
		if inv.Status != meeting.StatusPlanned || access.Check(actor, access.ReplyMeeting, inv.OrganisationID) != nil {
			continue
		}
		key := fmt.Sprintf("%d-%d", inv.ID, inv.OrganisationID)
		fl := newField(lang, newForm(nil), "participants", []string{"required", "type:number", "mode:numeric", "width:short"})
		fl.ID = "participants-" + key
		page.Mine = append(page.Mine, meetingInvitationRow{Invitation: inv.OpenInvitation, When: page.When, Key: key, Participants: fl})
	}
	return page, true
}

// cancelMeeting cancels the meeting with the reason given, and goes back to its page.
func (p *Pages) cancelMeeting(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	values := postedValues(c)
	_, err := p.meetings.CancelMeeting(c.Request.Context(), p.actor(c), id, meeting.CancelInput{Reason: values.Get("reason")})
	if err == nil {
		c.Redirect(http.StatusSeeOther, meetingURL(id)+"?klart=mote-installt")
		return
	}
	p.meetingPageAgain(c, err, func(page *meetingPage, f *form) { page.CancelForm = f }, cancelSpec, values)
}

// meetingPageAgain shows the meeting's page again with a form's errors (422), or a conflict
// (the meeting has begun or is cancelled) above it (409); anything else goes to p.fail.
func (p *Pages) meetingPageAgain(c *gin.Context, err error, set func(*meetingPage, *form), spec formSpec, values map[string][]string) {
	fe := fault.Fields(err)
	conflict := fault.KindOf(err) == fault.Conflict
	if fe == nil && !conflict {
		p.fail(c, err)
		return
	}
	page, ok := p.loadMeetingPage(c)
	if !ok {
		return
	}
	f := newForm(values)
	status := http.StatusUnprocessableEntity
	if conflict {
		lang, code := p.lang(c), fault.CodeOf(err)
		f.ProblemTitle, f.Problem = i18n.T(lang, "problem."+code+".title"), i18n.T(lang, "problem."+code+".detail")
		status = http.StatusConflict
	} else {
		f.addErrors(p.lang(c), spec, fe)
	}
	set(page, f)
	p.render(c, status, "meeting", "meetings", page)
}

// uploadMeetingDocument attaches the uploaded PDF (agenda, minutes) to the meeting. The body
// was parsed by the CSRF check, within the route's limit (document.MaxRequestBytes).
func (p *Pages) uploadMeetingDocument(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	ctx, actor := c.Request.Context(), p.actor(c)
	if err := p.meetings.CheckDocumentUpload(ctx, actor, id); err != nil {
		p.fail(c, err)
		return
	}
	values := postedValues(c)
	up, err := document.FromFileHeader(values.Get("title"), uploadedFile(c, "file"))
	if err == nil {
		_, err = p.meetings.AddDocument(ctx, actor, id, up)
	}
	if err == nil {
		c.Redirect(http.StatusSeeOther, meetingURL(id)+"?klart=dokument#dokument")
		return
	}
	p.meetingPageAgain(c, err, func(page *meetingPage, f *form) { page.DocumentForm = f }, documentSpec, values)
}

// meetingDocument downloads a document of a meeting the visitor may see.
func (p *Pages) meetingDocument(c *gin.Context) {
	id, ok := pathID(c)
	doc, err := strconv.ParseInt(c.Param("doc"), 10, 64)
	if !ok || err != nil || doc <= 0 {
		p.notFound(c)
		return
	}
	d, public, err := p.meetings.FindDocument(c.Request.Context(), p.actor(c), id, doc)
	if errors.Is(err, meeting.ErrDocumentNotFound) {
		p.notFound(c)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	cache := "private, no-cache"
	if public {
		cache = "public, no-cache"
	}
	document.Serve(c.Writer, c.Request, &d.Stored, cache)
}

func (p *Pages) deleteMeetingDocument(c *gin.Context) {
	id, ok := pathID(c)
	doc, err := strconv.ParseInt(c.Param("doc"), 10, 64)
	if !ok || err != nil || doc <= 0 {
		p.notFound(c)
		return
	}
	if err := p.meetings.DeleteDocument(c.Request.Context(), p.actor(c), id, doc); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, meetingURL(id)+"?klart=dokument-borttaget#dokument")
}

func meetingURL(id int64) string { return meetingsPath + "/" + strconv.FormatInt(id, 10) }
