package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// moveInput is the body of POST /bookings/{id}/move and, with from, of
// POST /booking-series/{id}/move. Times are read here, as for a new booking, so that one that
// does not parse is named.
type moveInput struct {
	RoomID   int64  `json:"room_id"`
	StartsAt string `json:"starts_at"`
	EndsAt   string `json:"ends_at"`
	From     string `json:"from"`
}

func (in moveInput) times() (from, start, end time.Time, err error) {
	var fe fault.FieldErrors
	from = readTime(&fe, "from", in.From)
	start = readTime(&fe, "starts_at", in.StartsAt)
	end = readTime(&fe, "ends_at", in.EndsAt)
	if len(fe) > 0 {
		return from, start, end, fe
	}
	return from, start, end, nil
}

// moveBooking moves one booking, or one occurrence of a series on its own.
func (h *Handler) moveBooking(c *gin.Context) {
	id, err := pathID(c, "id", booking.ErrNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var in moveInput
	if err := decodeJSON(c, &in); err != nil {
		c.Error(err)
		return
	}
	if in.From != "" {
		// "This and all following" is a move of the series; refuse rather than move one.
		c.Error(fault.FieldErrors{{Field: "from", Code: "unknown_field"}})
		return
	}
	_, start, end, err := in.times()
	if err != nil {
		c.Error(err)
		return
	}
	b, err := h.Bookings.MoveBooking(c.Request.Context(), Actor(c), id, booking.MoveInput{RoomID: in.RoomID, StartsAt: start, EndsAt: end})
	if err != nil {
		c.Error(err)
		return
	}
	c.JSON(http.StatusOK, fullBookingJSON(b))
}

// moveSeries moves an occurrence of a series and all that follow it.
func (h *Handler) moveSeries(c *gin.Context) {
	id, err := pathID(c, "id", booking.ErrSeriesNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var in moveInput
	if err := decodeJSON(c, &in); err != nil {
		c.Error(err)
		return
	}
	from, start, end, err := in.times()
	if err != nil {
		c.Error(err)
		return
	}
	bs, err := h.Bookings.MoveSeriesFrom(c.Request.Context(), Actor(c), id,
		booking.SeriesMoveInput{From: from, RoomID: in.RoomID, StartsAt: start, EndsAt: end})
	writeOccurrences(c, bs, err)
}

// seriesDecision answers approve or reject of a whole series, with an optional note.
func (h *Handler) seriesDecision(fn func(context.Context, access.Actor, int64, string) ([]booking.Booking, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := pathID(c, "id", booking.ErrSeriesNotFound)
		if err != nil {
			c.Error(err)
			return
		}
		var in bookingStatusInput
		note, err := statusText(c, &in, "note", false)
		if err != nil {
			c.Error(err)
			return
		}
		bs, err := fn(c.Request.Context(), Actor(c), id, note)
		writeOccurrences(c, bs, err)
	}
}

// cancelSeries cancels the occurrences of a series that have not started, or with from
// those generated for from and after ("this and all following").
func (h *Handler) cancelSeries(c *gin.Context) {
	id, err := pathID(c, "id", booking.ErrSeriesNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var in bookingStatusInput
	reason, err := statusText(c, &in, "reason", true)
	if err != nil {
		c.Error(err)
		return
	}
	var from time.Time
	if in.From != nil {
		var fe fault.FieldErrors
		if from = readTime(&fe, "from", *in.From); len(fe) > 0 {
			c.Error(fe)
			return
		}
	}
	bs, err := h.Bookings.CancelSeriesFrom(c.Request.Context(), Actor(c), id, from, reason)
	writeOccurrences(c, bs, err)
}

// writeOccurrences answers a change to a series with the occurrences it changed, or the error.
func writeOccurrences(c *gin.Context, bs []booking.Booking, err error) {
	if err != nil {
		c.Error(err)
		return
	}
	out := list[bookingJSON]{Items: make([]bookingJSON, 0, len(bs))}
	for i := range bs {
		out.Items = append(out.Items, fullBookingJSON(&bs[i]))
	}
	c.JSON(http.StatusOK, out)
}
