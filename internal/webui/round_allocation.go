package webui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/round"
)

// allocationView is an allocated weekly time: where and when, for whom, why (the
// proposal's reasons in words) and, once published, the applicant's answer and the dates
// that could not be booked.
type allocationView struct {
	round.Allocation
	When     string
	Answer   string
	Reasons  []string
	Refusals []string
}

// allocationViews are the application's allocated times: all of them for the round's
// owner, only once the round is published for the applicant (the service decides).
func (p *Pages) allocationViews(c *gin.Context, r *round.Round, a *round.Application) ([]allocationView, error) {
	all, err := p.rounds.FindAllocations(c.Request.Context(), p.actor(c), r.ID)
	if err != nil {
		return nil, err
	}
	var out []allocationView
	for _, al := range all {
		if al.ApplicationID == a.ID {
			out = append(out, p.allocationView(p.lang(c), al, nil))
		}
	}
	return out, nil
}

func (p *Pages) allocationView(lang i18n.Lang, al round.Allocation, names *round.Names) allocationView {
	v := allocationView{Allocation: al, When: weeklyTime(lang, al.Weekday, al.Start, al.End)}
	if al.Response != nil {
		v.Answer = *al.Response
	}
	for _, rf := range al.Refusals {
		v.Refusals = append(v.Refusals, rf.StartsAt.In(p.loc).Format(time2Day)+": "+round.RefusalText(lang, rf))
	}
	if names != nil {
		for _, rs := range al.Reasons {
			v.Reasons = append(v.Reasons, names.Explain(lang, rs))
		}
	}
	return v
}

const time2Day = "2006-01-02"

// roundBoardPage is the owner's allocation board: what the applications ask of each room
// (clashes marked), the times allocated so far with why, the form that allocates by hand,
// the automatic proposal with its figures and reasons, and publishing.
type roundBoardPage struct {
	Notice      string
	Round       roundRow
	Demand      []roomDemandView
	Allocations []allocationView
	Proposal    *proposalView
	Form        *form
	Fields      struct{ Section, Room, Weekday, Starts, Ends field }
	CanAllocate bool // after applications close, before publishing
	Published   bool
	Booked      string // after publishing: what was booked and refused
}

type roomDemandView struct {
	round.RoomDemand
	Rows []demandRow
}

type demandRow struct {
	round.DemandWish
	When string
}

// proposalView is the last proposal in words.
type proposalView struct {
	RanAt     string
	Met       string // share of wanted sessions placed within a wish
	Stats     string
	Decisions []decisionView
}

type decisionView struct {
	Who     string
	Slots   []string
	Reasons []string
}

var allocationSpec = formSpec{order: []string{"section_id", "room_id", "weekday", "starts", "ends"}}

func (p *Pages) roundBoard(c *gin.Context) {
	r, ok := p.roundToManage(c)
	if !ok {
		return
	}
	p.showBoard(c, http.StatusOK, r, newForm(nil))
}

func (p *Pages) showBoard(c *gin.Context, status int, r *round.Round, f *form) {
	ctx, actor, lang := c.Request.Context(), p.actor(c), p.lang(c)
	page := roundBoardPage{Notice: p.notice(c), Round: p.roundRow(*r), Form: f,
		CanAllocate: r.Status == round.StatusAllocating || r.Status == round.StatusAllocated,
		Published:   r.Status == round.StatusPublished || r.Status == round.StatusClosed}
	names, err := p.rounds.FindNames(ctx, r.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	demand, err := p.rounds.FindDemand(ctx, actor, r.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	for _, d := range demand {
		v := roomDemandView{RoomDemand: d}
		for _, w := range d.Wishes {
			v.Rows = append(v.Rows, demandRow{DemandWish: w, When: weeklyTime(lang, w.Weekday, w.Start, w.End)})
		}
		page.Demand = append(page.Demand, v)
	}
	allocs, err := p.rounds.FindAllocations(ctx, actor, r.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	for _, al := range allocs {
		page.Allocations = append(page.Allocations, p.allocationView(lang, al, names))
	}
	switch pr, err := p.rounds.FindProposal(ctx, actor, r.ID); {
	case err == nil:
		page.Proposal = p.proposalView(lang, pr, names)
	case !errors.Is(err, round.ErrProposalNotFound):
		p.fail(c, err)
		return
	}
	if err := p.boardFields(ctx, actor, lang, &page, r, names); err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, status, "round_board", "", page)
}

func (p *Pages) proposalView(lang i18n.Lang, pr *round.Proposal, names *round.Names) *proposalView {
	st := pr.Stats
	v := &proposalView{RanAt: pr.RanAt.In(p.loc).Format("2006-01-02 15:04"),
		Met:   strconv.Itoa(int(math.Round(100*st.WishesMet()))) + " %",
		Stats: i18n.T(lang, "ui.round_board.stats", st.SessionsAllocated, st.SessionsWanted, st.SectionsFull, st.SectionsPartial, st.SectionsNone)}
	for _, d := range pr.Decisions {
		dv := decisionView{Who: names.Organisations[d.OrganisationID] + " – " + names.Sections[d.SectionID]}
		for _, s := range d.Slots {
			dv.Slots = append(dv.Slots, weeklyTime(lang, s.Weekday, s.Start, s.End)+", "+names.Rooms[s.RoomID])
		}
		for _, rs := range d.Reasons {
			dv.Reasons = append(dv.Reasons, names.Explain(lang, rs))
		}
		v.Decisions = append(v.Decisions, dv)
	}
	return v
}

// boardFields builds the hand allocation form: a section of a submitted application, a
// room of the round, a weekday and the times.
func (p *Pages) boardFields(ctx context.Context, actor access.Actor, lang i18n.Lang, page *roundBoardPage, r *round.Round, names *round.Names) error {
	f, fl := page.Form, &page.Fields
	fl.Section = newField(lang, f, "section_id", []string{"required", "label:ui.round_board.section"})
	fl.Section.Options = append(fl.Section.Options, option{Value: "", Label: i18n.T(lang, "ui.application_form.choose")})
	apps, err := listing.All(ctx, func(ctx context.Context, cursor string) (listing.Page[round.Application], error) {
		return p.rounds.FindApplications(ctx, actor, r.ID, round.ApplicationFilter{Limit: listing.MaxLimit, Cursor: cursor})
	})
	if err != nil {
		return err
	}
	for _, a := range apps {
		for _, s := range a.Sections {
			v := strconv.FormatInt(s.ID, 10)
			label := i18n.T(lang, "ui.round_board.section_option", a.OrganisationName, s.Purpose, s.SessionsPerWeek, s.MinutesPerSession)
			fl.Section.Options = append(fl.Section.Options, option{Value: v, Label: label, Checked: f.Value("section_id") == v})
		}
	}
	fl.Room = newField(lang, f, "room_id", []string{"required", "label:ui.round_board.room"})
	fl.Room.Options = append(fl.Room.Options, option{Value: "", Label: i18n.T(lang, "ui.application_form.choose")})
	for _, id := range r.RoomIDs {
		v := strconv.FormatInt(id, 10)
		fl.Room.Options = append(fl.Room.Options, option{Value: v, Label: names.Rooms[id], Checked: f.Value("room_id") == v})
	}
	fl.Weekday = newField(lang, f, "weekday", []string{"required", "label:ui.application_form.weekday"})
	fl.Weekday.Options = append(fl.Weekday.Options, option{Value: "", Label: i18n.T(lang, "ui.application_form.choose")})
	for d := 1; d <= 7; d++ {
		v := strconv.Itoa(d)
		fl.Weekday.Options = append(fl.Weekday.Options, option{Value: v, Label: i18n.T(lang, fmt.Sprintf("ui.weekday.%d", d)), Checked: f.Value("weekday") == v})
	}
	fl.Starts = newField(lang, f, "starts", []string{"required", "type:time", "width:short", "label:ui.application_form.from"})
	fl.Ends = newField(lang, f, "ends", []string{"required", "type:time", "width:short", "label:ui.application_form.to"})
	return nil
}

// allocateByHand gives a section a weekly time, from the board's form.
func (p *Pages) allocateByHand(c *gin.Context) {
	r, ok := p.roundToManage(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in := round.AllocationInput{Starts: values.Get("starts"), Ends: values.Get("ends")}
	in.SectionID, _ = strconv.ParseInt(values.Get("section_id"), 10, 64)
	in.RoomID, _ = strconv.ParseInt(values.Get("room_id"), 10, 64)
	in.Weekday, _ = strconv.Atoi(values.Get("weekday"))
	_, err := p.rounds.AllocateByHand(c.Request.Context(), p.actor(c), r.ID, in)
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), allocationSpec, fe)
		p.showBoard(c, http.StatusUnprocessableEntity, r, f)
		return
	}
	if fault.KindOf(err) == fault.Conflict {
		// Taken, or the round no longer allocates: said on the board, what was chosen kept.
		f := newForm(values)
		f.ProblemTitle = i18n.T(p.lang(c), "problem."+fault.CodeOf(err)+".title")
		f.Problem = i18n.T(p.lang(c), "problem."+fault.CodeOf(err)+".detail")
		p.showBoard(c, http.StatusConflict, r, f)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, roundURL(r.ID)+"/fordelning?klart=fordelad#fordelat")
}

// removeAllocation takes an allocated time away again, before publishing.
func (p *Pages) removeAllocation(c *gin.Context) {
	r, ok := p.roundToManage(c)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(c.Param("alloc"), 10, 64)
	if err != nil {
		p.notFound(c)
		return
	}
	al, err := p.rounds.FindAllocationByID(c.Request.Context(), p.actor(c), id)
	if err != nil {
		p.fail(c, err)
		return
	}
	if al.RoundID != r.ID {
		p.notFound(c)
		return
	}
	if err := p.rounds.RemoveAllocation(c.Request.Context(), p.actor(c), id); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, roundURL(r.ID)+"/fordelning?klart=fordelning-borttagen#fordelat")
}

// runProposal runs the automatic proposal and shows it on the board.
func (p *Pages) runProposal(c *gin.Context) {
	r, ok := p.roundToManage(c)
	if !ok {
		return
	}
	if _, err := p.rounds.RunProposal(c.Request.Context(), p.actor(c), r.ID); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, roundURL(r.ID)+"/fordelning?klart=forslag#forslag")
}

// publishRound books the allocation and tells the applicants.
func (p *Pages) publishRound(c *gin.Context) {
	r, ok := p.roundToManage(c)
	if !ok {
		return
	}
	if _, err := p.rounds.Publish(c.Request.Context(), p.actor(c), r.ID); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, roundURL(r.ID)+"/fordelning?klart=publicerad")
}

// answerAllocation accepts or declines an allocated time for the applicant, from the
// application's page.
func (p *Pages) answerAllocation(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	ctx, actor := c.Request.Context(), p.actor(c)
	var al *round.Allocation
	var err error
	notice := "tackat-ja"
	switch postedValues(c).Get("answer") {
	case "accept":
		al, err = p.rounds.AcceptAllocation(ctx, actor, id)
	case "decline":
		al, err = p.rounds.DeclineAllocation(ctx, actor, id)
		notice = "tackat-nej"
	default:
		err = fault.FieldErrors{{Field: "answer", Code: "oneof"}}
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, applicationURL(al.ApplicationID)+"?"+url.Values{"klart": {notice}}.Encode())
}

// roundAllocationsExport is the allocation as a spreadsheet (CSV for Swedish Excel, or
// .xlsx), for the owner's admins: one row per allocated weekly time.
func (p *Pages) roundAllocationsExport(format export.Format) gin.HandlerFunc {
	return func(c *gin.Context) {
		r, ok := p.roundToManage(c)
		if !ok {
			return
		}
		allocs, err := p.rounds.FindAllocations(c.Request.Context(), p.actor(c), r.ID)
		if err != nil {
			p.fail(c, err)
			return
		}
		lang := p.lang(c)
		t := export.Table{Title: i18n.T(lang, "ui.round_board.allocated"), Header: []string{
			i18n.T(lang, "ui.round_board.room"), i18n.T(lang, "ui.application_form.weekday"), i18n.T(lang, "ui.application_form.from"),
			i18n.T(lang, "ui.application_form.to"), i18n.T(lang, "ui.application_form.organisation"), i18n.T(lang, "ui.application_form.purpose"),
			i18n.T(lang, "ui.round_board.source"), i18n.T(lang, "ui.round_board.answer"), i18n.T(lang, "ui.round_board.refused_dates")}}
		for _, al := range allocs {
			answer := ""
			if al.Response != nil {
				answer = i18n.T(lang, "ui.application.response."+*al.Response)
			}
			t.Rows = append(t.Rows, []any{al.RoomName, i18n.T(lang, fmt.Sprintf("ui.weekday.%d", al.Weekday)), round.Clock(al.Start), round.Clock(al.End),
				al.OrganisationName, al.Purpose, i18n.T(lang, "ui.round_board.source."+al.Source), answer, len(al.Refusals)})
		}
		_ = export.Send(c.Writer, fmt.Sprintf("fordelning-%d", r.ID), format, t)
	}
}
