package webui

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/listing"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// The notices of the register's pages (see notice.go).
func init() {
	for k, v := range map[string]string{
		"rum-nytt":       "ui.notice.room_created",
		"rum-andrat":     "ui.notice.room_saved",
		"rum-arkiverat":  "ui.notice.room_archived",
		"delar":          "ui.notice.parts_saved",
		"bild":           "ui.notice.photo_added",
		"bild-borttagen": "ui.notice.photo_deleted",
		"lokal-ny":       "ui.notice.venue_created",
		"lokal-andrad":   "ui.notice.venue_saved",
		"org-ny":         "ui.notice.organisation_created",
		"org-andrad":     "ui.notice.organisation_saved",
		"org-arkiverad":  "ui.notice.organisation_archived",
		"partner":        "ui.notice.partners_saved",
	} {
		notices[k] = v
	}
}

// registerRegister adds the register's pages of changes: rooms (edit, archive, parts),
// photos of venues and rooms, organisations, and the partners an owner shares a room with.
func (p *Pages) registerRegister(get, post func(string, gin.HandlerFunc)) {
	get("/rum/:id/andra", p.editRoom)
	post("/rum/:id/andra", p.updateRoom)
	post("/rum/:id/arkivera", p.archiveRoom)
	post("/rum/:id/delar", p.saveRoomParts)
	post("/rum/:id/bilder", p.addRoomPhoto)
	post("/lokaler/:id/bilder", p.addVenuePhoto)
	post("/bilder/:id/ta-bort", p.deletePhoto)
	get("/bilder/:id/:size", p.photo)
	get("/organisationer/ny", p.newOrganisation)
	post("/organisationer/ny", p.createOrganisation)
	get("/organisationer/:id/andra", p.editOrganisation)
	post("/organisationer/:id/andra", p.updateOrganisation)
	post("/organisationer/:id/arkivera", p.archiveOrganisation)
	post("/rum/:id/installningar/partner", p.saveRoomPartners)
}

// roomEditParts is what the page that changes a room shows besides the room's own form:
// the rooms it may consist of, its photos and their upload form.
type roomEditParts struct {
	Notice    string
	Parts     field
	PartsForm *form
	// HasOthers: the venue has other rooms to pick as parts.
	HasOthers bool
	Photos    photosView
}

// editRoom shows the room's form filled in from the stored room, with its parts, photos and
// the button that archives it, to those who may change it.
func (p *Pages) editRoom(c *gin.Context) {
	r, ok := p.roomToChange(c)
	if !ok {
		return
	}
	p.showRoomEdit(c, http.StatusOK, r, newForm(roomValues(r)), nil, nil)
}

// roomToChange loads the room of the path for a visitor who may change it; an archived
// room cannot be changed (409).
func (p *Pages) roomToChange(c *gin.Context) (*venue.Room, bool) {
	r, ok := p.roomToManage(c)
	if !ok {
		return nil, false
	}
	if r.Archived() {
		p.fail(c, venue.ErrRoomArchived)
		return nil, false
	}
	return r, true
}

// showRoomEdit renders the room's page of changes with the forms given (nil: from what is
// stored).
func (p *Pages) showRoomEdit(c *gin.Context, status int, r *venue.Room, f, parts, photo *form) {
	ctx, lang := c.Request.Context(), p.lang(c)
	rooms, err := p.venues.FindRooms(ctx, venue.Filter{VenueID: r.VenueID, Limit: listing.MaxLimit})
	if err != nil {
		p.fail(c, err)
		return
	}
	if parts == nil {
		rp, err := p.bookings.FindRoomParts(ctx, r.ID)
		if err != nil {
			p.fail(c, err)
			return
		}
		parts = newForm(nil)
		for _, id := range rp.Parts {
			parts.values.Add("part_ids", strconv.FormatInt(id, 10))
		}
	}
	edit := &roomEditParts{Notice: p.notice(c), PartsForm: parts}
	edit.Parts = newField(lang, parts, "part_ids", []string{"quiet", "label:ui.room_edit.parts_label", "hint:ui.room_edit.parts_hint"})
	for _, o := range rooms.Items {
		if o.ID == r.ID {
			continue
		}
		id := strconv.FormatInt(o.ID, 10)
		edit.Parts.Options = append(edit.Parts.Options, option{ID: optionID("part_ids", id), Value: id,
			Label: i18n.T(lang, "ui.room_edit.part_option", o.Name, o.Capacity), Checked: parts.Has("part_ids", id)})
	}
	edit.HasOthers = len(edit.Parts.Options) > 0
	if edit.HasOthers {
		edit.Parts.ID = edit.Parts.Options[0].ID
	}
	if edit.Photos, err = p.photosOf(c, r.VenueID, r.ID, photo); err != nil {
		p.fail(c, err)
		return
	}
	page := roomFormPage{Form: f, Venue: r.Venue, Room: r, Action: roomURL(r.ID) + "/andra", Edit: edit}
	p.render(c, status, "room_form", "venues", page)
}

// updateRoom saves the form over the room and goes to the room's page; a change saved by
// someone else since the form was opened is not overwritten (as updateVenue).
func (p *Pages) updateRoom(c *gin.Context) {
	r, ok := p.roomToChange(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in, errs := roomInput(values)
	var err error
	if len(errs) > 0 {
		err = merge(p.validate, in, errs, roomSpec.rename)
	} else {
		_, err = p.venues.UpdateRoom(c.Request.Context(), p.actor(c), r.ID, in)
	}
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), roomSpec, fe)
		p.showRoomEdit(c, http.StatusUnprocessableEntity, r, f, nil, nil)
		return
	}
	if errors.Is(err, venue.ErrStale) {
		lang := p.lang(c)
		values.Set("revision", strconv.Itoa(r.Revision))
		f := newForm(values)
		f.ProblemTitle = i18n.T(lang, "problem.stale_revision.title")
		f.Problem = i18n.T(lang, "ui.room_edit.stale")
		p.showRoomEdit(c, http.StatusConflict, r, f, nil, nil)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, roomURL(r.ID)+"?klart=rum-andrat")
}

// archiveRoom archives the room and goes to its venue's page.
func (p *Pages) archiveRoom(c *gin.Context) {
	r, ok := p.roomToChange(c)
	if !ok {
		return
	}
	if _, err := p.venues.ArchiveRoom(c.Request.Context(), p.actor(c), r.ID); err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/lokaler/"+strconv.FormatInt(r.VenueID, 10)+"?klart=rum-arkiverat")
}

// saveRoomParts replaces the rooms the room consists of with those ticked (none: the room
// is a single space). Bookings that would clash are named in the form's message.
func (p *Pages) saveRoomParts(c *gin.Context) {
	r, ok := p.roomToChange(c)
	if !ok {
		return
	}
	values := postedValues(c)
	var ids []int64
	for _, s := range values["part_ids"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			continue // not one of ours: the boxes carry room ids
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	_, err := p.bookings.SetRoomParts(c.Request.Context(), p.actor(c), r.ID, ids)
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), formSpec{order: []string{"part_ids"}, groups: map[string]string{}}, fe)
		p.showRoomEdit(c, http.StatusUnprocessableEntity, r, newForm(roomValues(r)), f, nil)
		return
	}
	var ce *booking.ConflictError
	if errors.As(err, &ce) {
		lang := p.lang(c)
		f := newForm(values)
		f.ProblemTitle = i18n.T(lang, "ui.room_edit.parts_conflict_title")
		var when []string
		for _, cl := range ce.Clashes {
			when = append(when, p.span(cl.StartsAt, cl.EndsAt))
		}
		f.Problem = i18n.T(lang, "ui.room_edit.parts_conflict", strings.Join(when, "; "))
		p.showRoomEdit(c, http.StatusConflict, r, newForm(roomValues(r)), f, nil)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, roomURL(r.ID)+"/andra?klart=delar#delar")
}

func roomURL(id int64) string { return "/rum/" + strconv.FormatInt(id, 10) }
