package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/round"
)

// allocationJSON is a weekly time allocated to a section: reasons explain a proposed one;
// once published, series_id is the booking series it became, response the applicant's
// answer, and refusals the dates that could not be booked, each with why.
type allocationJSON struct {
	ID               int64         `json:"id"`
	RoundID          int64         `json:"round_id"`
	SectionID        int64         `json:"section_id"`
	ApplicationID    int64         `json:"application_id"`
	OrganisationID   int64         `json:"organisation_id"`
	OrganisationName string        `json:"organisation_name"`
	Purpose          string        `json:"purpose"`
	RoomID           int64         `json:"room_id"`
	RoomName         string        `json:"room_name"`
	Weekday          int           `json:"weekday"`
	Starts           string        `json:"starts"`
	Ends             string        `json:"ends"`
	Source           string        `json:"source"`
	Reasons          []reasonJSON  `json:"reasons"`
	SeriesID         *int64        `json:"series_id"`
	Response         *string       `json:"response"`
	RespondedAt      *time.Time    `json:"responded_at"`
	Refusals         []refusalJSON `json:"refusals"`
	CreatedAt        time.Time     `json:"created_at"`
}

// reasonJSON is a reason of the proposal: its code and arguments, and in words.
type reasonJSON struct {
	Code string            `json:"code"`
	Args map[string]string `json:"args"`
	Text string            `json:"text"`
}

type refusalJSON struct {
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
	Code     string    `json:"code"`
	Param    string    `json:"param"`
	Reason   string    `json:"reason"`
}

type weeklySlotJSON struct {
	RoomID  int64  `json:"room_id"`
	Weekday int    `json:"weekday"`
	Starts  string `json:"starts"`
	Ends    string `json:"ends"`
}

type decisionJSON struct {
	SectionID      int64            `json:"section_id"`
	ApplicationID  int64            `json:"application_id"`
	OrganisationID int64            `json:"organisation_id"`
	Slots          []weeklySlotJSON `json:"slots"`
	Reasons        []reasonJSON     `json:"reasons"`
}

type proposalStatsJSON struct {
	Algorithm         string  `json:"algorithm"`
	Sections          int     `json:"sections"`
	SectionsFull      int     `json:"sections_full"`
	SectionsPartial   int     `json:"sections_partial"`
	SectionsNone      int     `json:"sections_none"`
	SessionsWanted    int     `json:"sessions_wanted"`
	SessionsAllocated int     `json:"sessions_allocated"`
	SessionsFixed     int     `json:"sessions_fixed"`
	FirstChoice       int     `json:"first_choice"`
	WishesMet         float64 `json:"wishes_met"`
}

type proposalJSON struct {
	RoundID   int64             `json:"round_id"`
	RanAt     time.Time         `json:"ran_at"`
	RanBy     *int64            `json:"ran_by"`
	Stats     proposalStatsJSON `json:"stats"`
	Decisions []decisionJSON    `json:"decisions"`
}

type publishJSON struct {
	Round       roundJSON        `json:"round"`
	Booked      int              `json:"booked"`
	Refused     int              `json:"refused"`
	Allocations []allocationJSON `json:"allocations"`
}

type demandWishJSON struct {
	SectionID        int64  `json:"section_id"`
	ApplicationID    int64  `json:"application_id"`
	OrganisationID   int64  `json:"organisation_id"`
	OrganisationName string `json:"organisation_name"`
	Purpose          string `json:"purpose"`
	AgeGroup         string `json:"age_group"`
	Attendees        int    `json:"attendees"`
	Weekday          int    `json:"weekday"`
	Starts           string `json:"starts"`
	Ends             string `json:"ends"`
	Priority         int    `json:"priority"`
	RoomRank         int    `json:"room_rank"`
	Clashes          int    `json:"clashes"`
}

type roomDemandJSON struct {
	RoomID   int64            `json:"room_id"`
	RoomName string           `json:"room_name"`
	Wishes   []demandWishJSON `json:"wishes"`
}

// explainer words reasons and refusals in the request's language with the round's names.
type explainer struct {
	lang  i18n.Lang
	names *round.Names
}

func (h *Handler) explainer(c *gin.Context, roundID int64) (explainer, error) {
	n, err := h.Rounds.FindNames(c.Request.Context(), roundID)
	return explainer{lang: i18n.Parse(c.GetHeader("Accept-Language")), names: n}, err
}

func (x explainer) reasons(rs []round.Reason) []reasonJSON {
	out := make([]reasonJSON, 0, len(rs))
	for _, r := range rs {
		args := r.Args
		if args == nil {
			args = map[string]string{}
		}
		out = append(out, reasonJSON{Code: r.Code, Args: args, Text: x.names.Explain(x.lang, r)})
	}
	return out
}

func (x explainer) allocation(a *round.Allocation) allocationJSON {
	out := allocationJSON{ID: a.ID, RoundID: a.RoundID, SectionID: a.SectionID, ApplicationID: a.ApplicationID, OrganisationID: a.OrganisationID,
		OrganisationName: a.OrganisationName, Purpose: a.Purpose, RoomID: a.RoomID, RoomName: a.RoomName, Weekday: a.Weekday,
		Starts: round.Clock(a.Start), Ends: round.Clock(a.End), Source: a.Source, Reasons: x.reasons(a.Reasons), SeriesID: a.SeriesID,
		Response: a.Response, RespondedAt: utcPtr(a.RespondedAt), Refusals: make([]refusalJSON, 0, len(a.Refusals)), CreatedAt: utc(a.CreatedAt)}
	for _, rf := range a.Refusals {
		out.Refusals = append(out.Refusals, refusalJSON{StartsAt: utc(rf.StartsAt), EndsAt: utc(rf.EndsAt), Code: rf.Code, Param: rf.Param,
			Reason: round.RefusalText(x.lang, rf)})
	}
	return out
}

func (x explainer) proposal(p *round.Proposal) proposalJSON {
	st := p.Stats
	out := proposalJSON{RoundID: p.RoundID, RanAt: utc(p.RanAt), RanBy: p.RanBy, Decisions: make([]decisionJSON, 0, len(p.Decisions)),
		Stats: proposalStatsJSON{Algorithm: st.Algorithm, Sections: st.Sections, SectionsFull: st.SectionsFull, SectionsPartial: st.SectionsPartial,
			SectionsNone: st.SectionsNone, SessionsWanted: st.SessionsWanted, SessionsAllocated: st.SessionsAllocated,
			SessionsFixed: st.SessionsFixed, FirstChoice: st.FirstChoice, WishesMet: st.WishesMet()}}
	for _, d := range p.Decisions {
		dj := decisionJSON{SectionID: d.SectionID, ApplicationID: d.ApplicationID, OrganisationID: d.OrganisationID,
			Slots: make([]weeklySlotJSON, 0, len(d.Slots)), Reasons: x.reasons(d.Reasons)}
		for _, s := range d.Slots {
			dj.Slots = append(dj.Slots, weeklySlotJSON{RoomID: s.RoomID, Weekday: s.Weekday, Starts: round.Clock(s.Start), Ends: round.Clock(s.End)})
		}
		out.Decisions = append(out.Decisions, dj)
	}
	return out
}

// roundCall answers with view(fn(round id)) for routes under /rounds/{id}.
func roundCall[T, J any](h *Handler, status int, fn func(context.Context, access.Actor, int64) (*T, error), view func(explainer, *T) J) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id", round.ErrNotFound)
		if err != nil {
			c.Error(err)
			return
		}
		v, err := fn(c.Request.Context(), Actor(c), id)
		if err != nil {
			c.Error(err)
			return
		}
		x, err := h.explainer(c, id)
		if err != nil {
			c.Error(err)
			return
		}
		c.JSON(status, view(x, v))
	}
}

func (h *Handler) getProposal() gin.HandlerFunc {
	return roundCall(h, http.StatusOK, h.Rounds.FindProposal, explainer.proposal)
}

func (h *Handler) runProposal() gin.HandlerFunc {
	return roundCall(h, http.StatusOK, h.Rounds.RunProposal, explainer.proposal)
}

func (h *Handler) publishRound() gin.HandlerFunc {
	return roundCall(h, http.StatusOK, h.Rounds.Publish, func(x explainer, p *round.PublishResult) publishJSON {
		out := publishJSON{Round: toRoundJSON(p.Round), Booked: p.Booked, Refused: p.Refused, Allocations: make([]allocationJSON, 0, len(p.Allocations))}
		for i := range p.Allocations {
			out.Allocations = append(out.Allocations, x.allocation(&p.Allocations[i]))
		}
		return out
	})
}

func (h *Handler) listAllocations(c *gin.Context) {
	id, err := pathID(c, "id", round.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	all, err := h.Rounds.FindAllocations(c.Request.Context(), Actor(c), id)
	if err != nil {
		c.Error(err)
		return
	}
	x, err := h.explainer(c, id)
	if err != nil {
		c.Error(err)
		return
	}
	out := list[allocationJSON]{Items: make([]allocationJSON, 0, len(all))}
	for i := range all {
		out.Items = append(out.Items, x.allocation(&all[i]))
	}
	c.JSON(http.StatusOK, out)
}

// exportAllocations answers the round's allocations as a download, for the owner's admins.
func (h *Handler) exportAllocations(format export.Format) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id", round.ErrNotFound)
		if err != nil {
			c.Error(err)
			return
		}
		ctx, actor := c.Request.Context(), Actor(c)
		r, err := h.Rounds.FindRoundByID(ctx, id)
		if err == nil {
			err = access.Check(actor, access.ManageRounds, r.OwnerID)
		}
		if err != nil {
			c.Error(err)
			return
		}
		all, err := h.Rounds.FindAllocations(ctx, actor, id)
		if err != nil {
			c.Error(err)
			return
		}
		// The status is sent; a write error means the client went away.
		_ = export.Send(c.Writer, fmt.Sprintf("allocations-%d", id), format, round.AllocationTable(r, all))
	}
}

func (h *Handler) allocateByHand(c *gin.Context) {
	id, err := pathID(c, "id", round.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var in round.AllocationInput
	if err := decodeJSON(c, &in, allocationReadOnly...); err != nil {
		c.Error(err)
		return
	}
	a, err := h.Rounds.AllocateByHand(c.Request.Context(), Actor(c), id, in)
	if err != nil {
		c.Error(err)
		return
	}
	x, err := h.explainer(c, id)
	if err != nil {
		c.Error(err)
		return
	}
	c.Header("Location", fmt.Sprintf("/api/v1/allocations/%d", a.ID))
	c.JSON(http.StatusCreated, x.allocation(a))
}

// allocationCall answers with the allocation fn returns for the path's :id.
func (h *Handler) allocationCall(fn func(context.Context, access.Actor, int64) (*round.Allocation, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id", round.ErrAllocationNotFound)
		if err != nil {
			c.Error(err)
			return
		}
		a, err := fn(c.Request.Context(), Actor(c), id)
		if err != nil {
			c.Error(err)
			return
		}
		x, err := h.explainer(c, a.RoundID)
		if err != nil {
			c.Error(err)
			return
		}
		c.JSON(http.StatusOK, x.allocation(a))
	}
}

func (h *Handler) getDemand(c *gin.Context) {
	id, err := pathID(c, "id", round.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	ds, err := h.Rounds.FindDemand(c.Request.Context(), Actor(c), id)
	if err != nil {
		c.Error(err)
		return
	}
	out := list[roomDemandJSON]{Items: make([]roomDemandJSON, 0, len(ds))}
	for _, d := range ds {
		rj := roomDemandJSON{RoomID: d.RoomID, RoomName: d.RoomName, Wishes: make([]demandWishJSON, 0, len(d.Wishes))}
		for _, w := range d.Wishes {
			rj.Wishes = append(rj.Wishes, demandWishJSON{SectionID: w.SectionID, ApplicationID: w.ApplicationID, OrganisationID: w.OrganisationID,
				OrganisationName: w.OrganisationName, Purpose: w.Purpose, AgeGroup: w.AgeGroup, Attendees: w.Attendees, Weekday: w.Weekday,
				Starts: round.Clock(w.Start), Ends: round.Clock(w.End), Priority: w.Priority, RoomRank: w.RoomRank, Clashes: w.Clashes})
		}
		out.Items = append(out.Items, rj)
	}
	c.JSON(http.StatusOK, out)
}

var allocationReadOnly = []string{"id", "round_id", "application_id", "organisation_id", "organisation_name", "purpose", "room_name",
	"source", "reasons", "series_id", "response", "responded_at", "refusals", "created_at"}
