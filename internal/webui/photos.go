package webui

import (
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// photosView is the photos of a venue or a room on the page that changes it: each with a
// button that deletes it, and the form that uploads another.
type photosView struct {
	Items  []photoView
	Form   *form
	Action string
	CSRF   string
}

// photoView is a photo as the pages show it: its two pictures with their sizes in pixels
// (given, so that the page does not jump as they load) and the text that replaces it.
type photoView struct {
	ID             int64
	Alt            string
	Large, Small   string
	Width, Height  int
	SmallW, SmallH int
}

func newPhotoView(ph venue.Photo) photoView {
	sw, sh := ph.SmallWidth(), ph.SmallHeight()
	return photoView{ID: ph.ID, Alt: ph.AltText, Large: photoURL(ph.ID, venue.PhotoLarge), Small: photoURL(ph.ID, venue.PhotoSmall),
		Width: ph.Width, Height: ph.Height, SmallW: sw, SmallH: sh}
}

// photoViews are the photos of the venue itself (room 0) or of the room, of all read.
func photoViews(all []venue.Photo, roomID int64) []photoView {
	var out []photoView
	for _, ph := range all {
		if (roomID == 0 && ph.RoomID == nil) || (ph.RoomID != nil && *ph.RoomID == roomID) {
			out = append(out, newPhotoView(ph))
		}
	}
	return out
}

// photoSpec names the upload form's fields in page order.
var photoSpec = formSpec{order: []string{"file", "alt_text"}}

// photoURL is where a photo is served in a size: "/bilder/12/stor.jpg".
func photoURL(id int64, size venue.PhotoSize) string {
	name := "liten.jpg"
	if size == venue.PhotoLarge {
		name = "stor.jpg"
	}
	return "/bilder/" + strconv.FormatInt(id, 10) + "/" + name
}

// photosOf reads the photos of the venue itself (room 0) or of the room, with the upload
// form f (nil: empty).
func (p *Pages) photosOf(c *gin.Context, venueID, roomID int64, f *form) (photosView, error) {
	all, err := p.venues.FindPhotos(c.Request.Context(), venueID)
	if err != nil {
		return photosView{}, err
	}
	if f == nil {
		f = newForm(nil)
	}
	out := photosView{Form: f, Items: photoViews(all, roomID), CSRF: p.csrfToken(c),
		Action: "/lokaler/" + strconv.FormatInt(venueID, 10) + "/bilder"}
	if roomID != 0 {
		out.Action = roomURL(roomID) + "/bilder"
	}
	return out, nil
}

// uploadedPhoto reads the form's photo, at most one byte more than the limit so that a
// larger one is refused without being read whole; no file is an empty content.
func uploadedPhoto(c *gin.Context) ([]byte, error) {
	fh := uploadedFile(c, "file")
	if fh == nil {
		return nil, nil
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, venue.MaxPhotoBytes+1))
}

// addVenuePhoto stores an uploaded photo of the venue and goes back to the venue's form,
// or shows it again with what needs correcting.
func (p *Pages) addVenuePhoto(c *gin.Context) {
	v, ok := p.findVenueToChange(c)
	if !ok {
		return
	}
	if err := access.Check(p.actor(c), access.UpdateVenue, v.OwnerID); err != nil {
		p.fail(c, err)
		return
	}
	values := postedValues(c)
	err := p.addPhoto(c, venue.PhotoInput{VenueID: v.ID, AltText: values.Get("alt_text")})
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), photoSpec, fe)
		photos, err := p.photosOf(c, v.ID, 0, f)
		if err != nil {
			p.fail(c, err)
			return
		}
		p.venueFormWith(c, http.StatusUnprocessableEntity, newForm(venueValues(v)), v, &photos)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/lokaler/"+strconv.FormatInt(v.ID, 10)+"/andra?klart=bild#bilder")
}

// addRoomPhoto stores an uploaded photo of the room and goes back to the room's form.
func (p *Pages) addRoomPhoto(c *gin.Context) {
	r, ok := p.roomToChange(c)
	if !ok {
		return
	}
	values := postedValues(c)
	err := p.addPhoto(c, venue.PhotoInput{VenueID: r.VenueID, RoomID: r.ID, AltText: values.Get("alt_text")})
	if fe := fault.Fields(err); fe != nil {
		f := newForm(values)
		f.addErrors(p.lang(c), photoSpec, fe)
		p.showRoomEdit(c, http.StatusUnprocessableEntity, r, newForm(roomValues(r)), nil, f)
		return
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, roomURL(r.ID)+"/andra?klart=bild#bilder")
}

func (p *Pages) addPhoto(c *gin.Context, in venue.PhotoInput) error {
	content, err := uploadedPhoto(c)
	if err != nil {
		return err
	}
	in.Content = content
	_, err = p.venues.AddPhoto(c.Request.Context(), p.actor(c), in)
	return err
}

// deletePhoto removes a photo and goes back to the form of its venue or room.
func (p *Pages) deletePhoto(c *gin.Context) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return
	}
	ph, err := p.venues.DeletePhoto(c.Request.Context(), p.actor(c), id)
	if err != nil {
		p.fail(c, err)
		return
	}
	back := "/lokaler/" + strconv.FormatInt(ph.VenueID, 10) + "/andra"
	if ph.RoomID != nil {
		back = roomURL(*ph.RoomID) + "/andra"
	}
	c.Redirect(http.StatusSeeOther, back+"?klart=bild-borttagen#bilder")
}

// photo serves a photo in the size its name says ("stor.jpg" or "liten.jpg"). A photo's
// pictures never change (a new photo gets a new id), so browsers may keep them a day.
func (p *Pages) photo(c *gin.Context) {
	id, ok := pathID(c)
	size := map[string]venue.PhotoSize{"stor.jpg": venue.PhotoLarge, "liten.jpg": venue.PhotoSmall}[c.Param("size")]
	if !ok || size == "" {
		p.notFound(c)
		return
	}
	b, err := p.venues.FindPhotoImage(c.Request.Context(), id, size)
	if err != nil {
		p.fail(c, err)
		return
	}
	h := c.Writer.Header()
	h.Set("Cache-Control", "public, max-age=86400")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	c.Data(http.StatusOK, "image/jpeg", b)
}
