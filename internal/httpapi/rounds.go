package httpapi

import (
	"fmt"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/round"
)

// roundJSON is an application round as the API shows it; the term's days are dates.
type roundJSON struct {
	ID                  int64      `json:"id"`
	OwnerID             int64      `json:"owner_id"`
	OwnerName           string     `json:"owner_name"`
	Name                string     `json:"name"`
	Criteria            string     `json:"criteria"`
	Terms               string     `json:"terms"`
	RoomIDs             []int64    `json:"room_ids"`
	ApplicationsOpenAt  time.Time  `json:"applications_open_at"`
	ApplicationsCloseAt time.Time  `json:"applications_close_at"`
	TermStartsOn        string     `json:"term_starts_on"`
	TermEndsOn          string     `json:"term_ends_on"`
	Priorities          []string   `json:"priorities"`
	Status              string     `json:"status"`
	PublishedAt         *time.Time `json:"published_at"`
	Revision            int        `json:"revision"`
	CreatedAt           time.Time  `json:"created_at"`
	UpdatedAt           time.Time  `json:"updated_at"`
}

// applicationJSON is an organisation's application with its sections.
type applicationJSON struct {
	ID               int64         `json:"id"`
	RoundID          int64         `json:"round_id"`
	OrganisationID   int64         `json:"organisation_id"`
	OrganisationName string        `json:"organisation_name"`
	Status           string        `json:"status"`
	Note             string        `json:"note"`
	Sections         []sectionJSON `json:"sections"`
	SubmittedAt      time.Time     `json:"submitted_at"`
	Revision         int           `json:"revision"`
	CreatedAt        time.Time     `json:"created_at"`
	UpdatedAt        time.Time     `json:"updated_at"`
}

type sectionJSON struct {
	ID                int64      `json:"id"`
	Purpose           string     `json:"purpose"`
	AgeGroup          string     `json:"age_group"`
	Attendees         int        `json:"attendees"`
	SessionsPerWeek   int        `json:"sessions_per_week"`
	MinutesPerSession int        `json:"minutes_per_session"`
	RoomIDs           []int64    `json:"room_ids"`
	Wishes            []wishJSON `json:"wishes"`
}

// wishJSON is a wished weekly time: weekday 1 = Monday, local "HH:MM".
type wishJSON struct {
	Weekday  int    `json:"weekday"`
	Starts   string `json:"starts"`
	Ends     string `json:"ends"`
	Priority int    `json:"priority"`
}

var (
	roundReadOnly       = []string{"id", "owner_name", "status", "published_at", "revision", "created_at", "updated_at"}
	applicationReadOnly = []string{"id", "round_id", "organisation_name", "status", "submitted_at", "revision", "created_at", "updated_at"}
)

func toRoundJSON(r *round.Round) roundJSON {
	return roundJSON{ID: r.ID, OwnerID: r.OwnerID, OwnerName: r.OwnerName, Name: r.Name, Criteria: r.Criteria, Terms: r.Terms,
		RoomIDs: nonNil(r.RoomIDs), ApplicationsOpenAt: utc(r.ApplicationsOpenAt), ApplicationsCloseAt: utc(r.ApplicationsCloseAt),
		TermStartsOn: r.TermStartsOn.Format(time.DateOnly), TermEndsOn: r.TermEndsOn.Format(time.DateOnly),
		Priorities: nonNil(r.Priorities), Status: string(r.Status), PublishedAt: utcPtr(r.PublishedAt), Revision: r.Revision,
		CreatedAt: utc(r.CreatedAt), UpdatedAt: utc(r.UpdatedAt)}
}

func toApplicationJSON(a *round.Application) applicationJSON {
	out := applicationJSON{ID: a.ID, RoundID: a.RoundID, OrganisationID: a.OrganisationID, OrganisationName: a.OrganisationName,
		Status: a.Status, Note: a.Note, Sections: make([]sectionJSON, 0, len(a.Sections)), SubmittedAt: utc(a.SubmittedAt),
		Revision: a.Revision, CreatedAt: utc(a.CreatedAt), UpdatedAt: utc(a.UpdatedAt)}
	for _, s := range a.Sections {
		sj := sectionJSON{ID: s.ID, Purpose: s.Purpose, AgeGroup: s.AgeGroup, Attendees: s.Attendees, SessionsPerWeek: s.SessionsPerWeek,
			MinutesPerSession: s.MinutesPerSession, RoomIDs: nonNil(s.RoomIDs), Wishes: make([]wishJSON, 0, len(s.Wishes))}
		for _, w := range s.Wishes {
			sj.Wishes = append(sj.Wishes, wishJSON{Weekday: w.Weekday, Starts: round.Clock(w.Start), Ends: round.Clock(w.End), Priority: w.Priority})
		}
		out.Sections = append(out.Sections, sj)
	}
	return out
}

// nonNil gives an empty list rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func roundURL(r *round.Round) string { return fmt.Sprintf("/api/v1/rounds/%d", r.ID) }

func applicationURL(a *round.Application) string { return fmt.Sprintf("/api/v1/applications/%d", a.ID) }

func (h *Handler) listRounds(c *gin.Context) {
	var f round.Filter
	q := query{c: c}
	q.int64("owner_id", &f.OwnerID)
	q.str("status", &f.Status)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	page, err := h.Rounds.FindRounds(c.Request.Context(), f)
	if err != nil {
		c.Error(err)
		return
	}
	writeList(c, page, toRoundJSON)
}

func (h *Handler) listApplications(c *gin.Context) {
	id, err := pathID(c, "id", round.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var f round.ApplicationFilter
	q := query{c: c}
	q.int64("organisation_id", &f.OrganisationID)
	q.bool("include_withdrawn", &f.IncludeWithdrawn)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	page, err := h.Rounds.FindApplications(c.Request.Context(), Actor(c), id, f)
	if err != nil {
		c.Error(err)
		return
	}
	writeList(c, page, toApplicationJSON)
}
