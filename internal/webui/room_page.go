package webui

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/venue"
)

type roomPage struct {
	Room *venue.Room
}

// roomPage shows one room: its venue, capacity, area, facilities, whether it can be booked,
// and the venue's accessibility.
func (p *Pages) roomPage(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	r, err := p.venues.FindRoomByID(c.Request.Context(), id)
	if err != nil {
		p.fail(c, err)
		return
	}
	p.render(c, http.StatusOK, "room", "venues", roomPage{Room: r})
}
