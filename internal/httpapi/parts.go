package httpapi

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// roomPartsJSON is how a room is made of others, as GET and PUT /rooms/{id}/parts answer:
// the rooms it consists of and the rooms it is a part of, directly, by id.
type roomPartsJSON struct {
	RoomID    int64   `json:"room_id"`
	PartIDs   []int64 `json:"part_ids"`
	PartOfIDs []int64 `json:"part_of_ids"`
}

// partsBody is the body of PUT /rooms/{id}/parts. A pointer, so that a body without the
// member is refused rather than read as "no parts".
type partsBody struct {
	PartIDs *[]int64 `json:"part_ids"`
}

func toRoomPartsJSON(p *booking.RoomParts) roomPartsJSON {
	return roomPartsJSON{RoomID: p.RoomID, PartIDs: p.Parts, PartOfIDs: p.PartOf}
}

func (h *Handler) getRoomParts(c *gin.Context) {
	id, err := pathID(c, "id", venue.ErrRoomNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	p, err := h.Bookings.FindRoomParts(c.Request.Context(), id)
	if err != nil {
		c.Error(inPath(err, "room_id", venue.ErrRoomNotFound))
		return
	}
	c.JSON(http.StatusOK, toRoomPartsJSON(p))
}

// setRoomParts answers PUT /rooms/{id}/parts with the room's parts as stored. A clash of
// bookings that the change would make is a booking-conflict problem listing them.
func (h *Handler) setRoomParts() gin.HandlerFunc {
	return replace(venue.ErrRoomNotFound, nil, func(ctx context.Context, actor access.Actor, id int64, in partsBody) (*booking.RoomParts, error) {
		if in.PartIDs == nil {
			return nil, fault.FieldErrors{{Field: "part_ids", Code: "required"}}
		}
		if _, err := h.Bookings.SetRoomParts(ctx, actor, id, *in.PartIDs); err != nil {
			return nil, inPath(err, "room_id", venue.ErrRoomNotFound)
		}
		return h.Bookings.FindRoomParts(ctx, id)
	}, toRoomPartsJSON)
}
