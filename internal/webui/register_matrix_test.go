package webui_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"net/url"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// registerMatrix has the rows of the register's pages of changes (room_edit.go, photos.go,
// organisation_form.go, room_partners.go).
func registerMatrix(w *world) map[string]accessRow {
	roomA := fmt.Sprintf("/rum/%d", w.roomA.ID)
	photo := w.photoOf(w.venueA.ID, 0)
	return map[string]accessRow{
		"GET /rum/:id/andra": {static(roomA + "/andra"), adminsOfA},
		"POST /rum/:id/andra": {func(w *world, _ int) request {
			return request{path: roomA + "/andra", form: url.Values{"name": {"Rum A"}, "capacity": {"12"}, "accessibility": {"lift"}}}
		}, changeByA},
		"POST /rum/:id/arkivera": {func(w *world, _ int) request {
			r := w.roomIn(w.venueA.ID)
			return request{path: fmt.Sprintf("/rum/%d/arkivera", r.ID), form: url.Values{}}
		}, changeByA},
		"POST /rum/:id/delar": {func(w *world, _ int) request {
			return request{path: roomA + "/delar", form: url.Values{}}
		}, changeByA},
		"POST /rum/:id/bilder": {func(w *world, _ int) request {
			return request{path: roomA + "/bilder", form: url.Values{"alt_text": {"Rummet"}}, file: &upload{"rum.png", "image/png", testPNG()}}
		}, changeByA},
		"POST /lokaler/:id/bilder": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/lokaler/%d/bilder", w.venueA.ID), form: url.Values{"alt_text": {"Huset"}}, file: &upload{"hus.png", "image/png", testPNG()}}
		}, changeByA},
		"POST /bilder/:id/ta-bort": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/bilder/%d/ta-bort", w.photoOf(w.venueA.ID, w.roomA.ID)), form: url.Values{}}
		}, changeByA},
		"POST /rum/:id/installningar/partner": {func(w *world, _ int) request {
			return request{path: roomA + "/installningar/partner", form: url.Values{}}
		}, changeByA},
		"GET /bilder/:id/:size":         {static(fmt.Sprintf("/bilder/%d/liten.jpg", photo)), open},
		"GET /organisationer/ny":        {static("/organisationer/ny"), cityOnly},
		"POST /organisationer/ny":       {form("/organisationer/ny", "kind", "association", "name", "Ny förening"), cityChanges},
		"GET /organisationer/:id/andra": {static(fmt.Sprintf("/organisationer/%d/andra", w.a.ID)), adminsOfA},
		"POST /organisationer/:id/andra": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/organisationer/%d/andra", w.a.ID), form: url.Values{"name": {w.a.Name}, "kind": {"association"}}}
		}, changeByA},
		"POST /organisationer/:id/arkivera": {func(w *world, _ int) request {
			return request{path: fmt.Sprintf("/organisationer/%d/arkivera", w.a.ID), form: url.Values{}}
		}, [actors]int{toLogin, 403, 403, 403, 409}},
	}
}

// roomIn makes a fresh room in the venue.
func (w *world) roomIn(venueID int64) *venue.Room {
	r, err := w.venues.CreateRoom(context.Background(), access.System, venueID, venue.RoomInput{Name: w.unique("Rum"), Capacity: 8})
	if err != nil {
		w.t.Fatal(err)
	}
	return r
}

// photoOf adds a photo to the venue (room 0) or the room and returns its id.
func (w *world) photoOf(venueID, roomID int64) int64 {
	ph, err := w.venues.AddPhoto(context.Background(), access.System, venue.PhotoInput{VenueID: venueID, RoomID: roomID, AltText: "Bild", Content: testPNG()})
	if err != nil {
		w.t.Fatal(err)
	}
	return ph.ID
}

// testPNG is a small picture.
func testPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{20, 90, 160, 255}), image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
