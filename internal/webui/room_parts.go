package webui

import "context"

// roomLink is a room named, and linked, on another room's page.
type roomLink struct {
	ID   int64
	Name string
}

// partsView says which rooms a room consists of and which it is a part of; both empty for
// a room that is a single space on its own.
type partsView struct {
	Parts, PartOf []roomLink
}

// roomParts reads the rooms the room consists of and is a part of, with their names. A room
// has a handful of these at most, so each is read on its own.
func (p *Pages) roomParts(ctx context.Context, roomID int64) (*partsView, error) {
	rp, err := p.bookings.FindRoomParts(ctx, roomID)
	if err != nil {
		return nil, err
	}
	out := &partsView{}
	if out.Parts, err = p.roomLinks(ctx, rp.Parts); err != nil {
		return nil, err
	}
	if out.PartOf, err = p.roomLinks(ctx, rp.PartOf); err != nil {
		return nil, err
	}
	return out, nil
}

func (p *Pages) roomLinks(ctx context.Context, ids []int64) ([]roomLink, error) {
	var out []roomLink
	for _, id := range ids {
		r, err := p.venues.FindRoomByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, roomLink{ID: r.ID, Name: r.Name})
	}
	return out, nil
}
