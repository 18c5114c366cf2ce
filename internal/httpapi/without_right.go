package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
)

// withoutRightJSON is a booking in the owner's room that its organisation would no longer
// be let make, with why: the owner's to decide about.
type withoutRightJSON struct {
	Booking          bookingJSON `json:"booking"`
	RoomName         string      `json:"room_name"`
	OrganisationName string      `json:"organisation_name"`
	Rule             string      `json:"rule"`
	Reason           string      `json:"reason,omitempty"`
	AgreementID      *int64      `json:"agreement_id,omitempty"`
	// Detail says it in words, in the language of Accept-Language.
	Detail string `json:"detail"`
}

// listBookingsWithoutRight answers GET /organisations/{id}/bookings-without-right.
func (h *Handler) listBookingsWithoutRight(c *gin.Context) {
	id, err := pathID(c, "id", organisation.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var limit int
	var cursor string
	q := query{c: c}
	q.limit(&limit)
	q.cursor(&cursor)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	page, err := h.Bookings.FindBookingsWithoutRight(c.Request.Context(), Actor(c), id, limit, cursor)
	if err != nil {
		c.Error(err)
		return
	}
	lang := i18n.Parse(c.GetHeader("Accept-Language"))
	out := list[withoutRightJSON]{Items: make([]withoutRightJSON, 0, len(page.Items))}
	for i := range page.Items {
		w := &page.Items[i]
		j := withoutRightJSON{Booking: fullBookingJSON(&w.Booking), RoomName: w.RoomName, OrganisationName: w.OrganisationName,
			Rule: w.Refusal.Rule, Reason: w.Refusal.Reason, Detail: booking.RuleText(lang, w.Refusal)}
		if w.Refusal.AgreementID != 0 {
			aid := w.Refusal.AgreementID
			j.AgreementID = &aid
		}
		out.Items = append(out.Items, j)
	}
	if page.Next != nil {
		out.NextCursor = page.Next.Encode()
	}
	c.Header("Content-Language", string(lang))
	c.JSON(http.StatusOK, out)
}
