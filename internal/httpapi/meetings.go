package httpapi

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/meeting"
)

// meetingSeriesJSON is a series of the Compact's meetings as the API shows it.
type meetingSeriesJSON struct {
	ID                int64     `json:"id"`
	Kind              string    `json:"kind"`
	Name              string    `json:"name"`
	OrganiserID       int64     `json:"organiser_id"`
	OrganiserName     string    `json:"organiser_name"`
	Description       string    `json:"description"`
	Public            bool      `json:"public"`
	InviteSignatories bool      `json:"invite_signatories"`
	Invitees          []int64   `json:"invitees"`
	Revision          int       `json:"revision"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// meetingJSON is a meeting; exactly one of room_id (with booking_id), address and
// online_url is set.
type meetingJSON struct {
	ID           int64     `json:"id"`
	SeriesID     int64     `json:"series_id"`
	Title        string    `json:"title"`
	StartsAt     time.Time `json:"starts_at"`
	EndsAt       time.Time `json:"ends_at"`
	RoomID       *int64    `json:"room_id"`
	BookingID    *int64    `json:"booking_id"`
	Address      *string   `json:"address"`
	OnlineURL    *string   `json:"online_url"`
	Agenda       string    `json:"agenda"`
	Status       string    `json:"status"`
	StatusReason string    `json:"status_reason"`
	Revision     int       `json:"revision"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// meetingInvitationJSON is an invited organisation and its reply (attending null: no reply yet).
type meetingInvitationJSON struct {
	MeetingID        int64      `json:"meeting_id"`
	OrganisationID   int64      `json:"organisation_id"`
	OrganisationName string     `json:"organisation_name,omitempty"`
	Attending        *bool      `json:"attending"`
	Participants     *int       `json:"participants"`
	RepliedAt        *time.Time `json:"replied_at"`
}

var (
	meetingSeriesReadOnly = []string{"id", "organiser_name", "revision", "created_at", "updated_at"}
	meetingReadOnly       = []string{"id", "series_id", "booking_id", "status", "status_reason", "revision", "created_at", "updated_at"}
)

func toMeetingSeriesJSON(se *meeting.Series) meetingSeriesJSON {
	inv := se.Invitees
	if inv == nil {
		inv = []int64{}
	}
	return meetingSeriesJSON{ID: se.ID, Kind: string(se.Kind), Name: se.Name, OrganiserID: se.OrganiserID,
		OrganiserName: se.OrganiserName, Description: se.Description, Public: se.Public,
		InviteSignatories: se.InviteSignatories, Invitees: inv, Revision: se.Revision,
		CreatedAt: utc(se.CreatedAt), UpdatedAt: utc(se.UpdatedAt)}
}

func toMeetingJSON(m *meeting.Meeting) meetingJSON {
	return meetingJSON{ID: m.ID, SeriesID: m.SeriesID, Title: m.Title, StartsAt: utc(m.StartsAt), EndsAt: utc(m.EndsAt),
		RoomID: m.RoomID, BookingID: m.BookingID, Address: m.Address, OnlineURL: m.OnlineURL, Agenda: m.Agenda,
		Status: string(m.Status), StatusReason: m.StatusReason, Revision: m.Revision,
		CreatedAt: utc(m.CreatedAt), UpdatedAt: utc(m.UpdatedAt)}
}

func toMeetingInvitationJSON(i *meeting.Invitation) meetingInvitationJSON {
	return meetingInvitationJSON{MeetingID: i.MeetingID, OrganisationID: i.OrganisationID, OrganisationName: i.OrganisationName,
		Attending: i.Attending, Participants: i.Participants, RepliedAt: utcPtr(i.RepliedAt)}
}

func meetingSeriesURL(se *meeting.Series) string {
	return fmt.Sprintf("/api/v1/meeting-series/%d", se.ID)
}

func (h *Handler) listMeetingSeries(c *gin.Context) {
	var f meeting.SeriesFilter
	q := query{c: c}
	q.str("kind", &f.Kind)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	page, err := h.Meetings.FindSeries(c.Request.Context(), Actor(c), f)
	if err != nil {
		c.Error(err)
		return
	}
	writeList(c, page, toMeetingSeriesJSON)
}

// listMeetings answers /meetings and /meeting-series/{id}/meetings.
func (h *Handler) listMeetings(c *gin.Context) {
	var f meeting.Filter
	if c.Param("id") != "" {
		id, err := pathID(c, "id", meeting.ErrSeriesNotFound)
		if err != nil {
			c.Error(err)
			return
		}
		if _, err := h.Meetings.FindSeriesByID(c.Request.Context(), Actor(c), id); err != nil {
			c.Error(err)
			return
		}
		f.SeriesID = id
	}
	q := query{c: c}
	q.time("from", &f.From)
	q.time("to", &f.To)
	q.limit(&f.Limit)
	q.cursor(&f.Cursor)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	page, err := h.Meetings.FindMeetings(c.Request.Context(), Actor(c), f)
	if err != nil {
		c.Error(err)
		return
	}
	writeList(c, page, toMeetingJSON)
}

// createMeetings answers 201 with the meeting, or for a recurring pattern with the list of
// the meetings made.
func (h *Handler) createMeetings(c *gin.Context) {
	id, err := pathID(c, "id", meeting.ErrSeriesNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var in meeting.MeetingInput
	if err := decodeJSON(c, &in, meetingReadOnly...); err != nil {
		c.Error(err)
		return
	}
	ms, err := h.Meetings.CreateMeetings(c.Request.Context(), Actor(c), id, in)
	if err != nil {
		c.Error(err)
		return
	}
	if in.Recurrence == nil {
		c.Header("Location", fmt.Sprintf("/api/v1/meetings/%d", ms[0].ID))
		c.JSON(http.StatusCreated, toMeetingJSON(&ms[0]))
		return
	}
	out := list[meetingJSON]{Items: make([]meetingJSON, 0, len(ms))}
	for i := range ms {
		out.Items = append(out.Items, toMeetingJSON(&ms[i]))
	}
	c.JSON(http.StatusCreated, out)
}

func (h *Handler) listInvitations(c *gin.Context) {
	id, err := pathID(c, "id", meeting.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	invs, err := h.Meetings.FindInvitations(c.Request.Context(), Actor(c), id)
	writeInvitations(c, invs, err)
}

func (h *Handler) setInvitations(c *gin.Context) {
	id, err := pathID(c, "id", meeting.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var in meeting.InvitationsInput
	if err := decodeJSON(c, &in); err != nil {
		c.Error(err)
		return
	}
	invs, err := h.Meetings.SetInvitations(c.Request.Context(), Actor(c), id, in)
	writeInvitations(c, invs, err)
}

func writeInvitations(c *gin.Context, invs []meeting.Invitation, err error) {
	if err != nil {
		c.Error(err)
		return
	}
	out := list[meetingInvitationJSON]{Items: make([]meetingInvitationJSON, 0, len(invs))}
	for i := range invs {
		out.Items = append(out.Items, toMeetingInvitationJSON(&invs[i]))
	}
	c.JSON(http.StatusOK, out)
}
