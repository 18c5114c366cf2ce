package venue_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// testJPEG is a w×h JPEG with an EXIF block (a camera's GPS position would be in one).
func testJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, h/2, color.RGBA{200, 30, 30, 255})
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	exif := append([]byte("Exif\x00\x00"), []byte("MM\x00\x2a GPS 57.72N 12.94E secret")...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(exif)+2))
	out := append([]byte{}, b[:2]...) // SOI
	out = append(out, seg...)
	out = append(out, exif...)
	return append(out, b[2:]...)
}

// hugePNG is a PNG whose header says it is w×h; its pixels are never read.
func hugePNG(t *testing.T, w, h uint32) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// 8 bytes signature, then the IHDR chunk: length, "IHDR", width, height, ...
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func TestAddPhoto(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	owner := f.org(t, "association", "Förening med bilder")
	v := f.venue(t, venueInput(owner.ID, "Bildhuset", "Centrum"))
	r := f.room(t, v.ID, venue.RoomInput{Name: "Salen", Capacity: 40})
	var userID int64
	if err := f.db.NewRaw(`INSERT INTO users (email, name, created_at, updated_at) VALUES ('bild@example.org', 'Bild', now(), now()) RETURNING id`).Scan(ctx, &userID); err != nil {
		t.Fatal(err)
	}
	admin := access.Actor{UserID: userID, Roles: map[int64]access.Role{owner.ID: access.RoleAdmin}}

	t.Run("OK", func(t *testing.T) {
		ph, err := f.venues.AddPhoto(ctx, admin, venue.PhotoInput{VenueID: v.ID, RoomID: r.ID, AltText: " Salen med scen ", Content: testJPEG(t, 3000, 1000)})
		if err != nil {
			t.Fatal(err)
		}
		if ph.AltText != "Salen med scen" || ph.Width != 1200 || ph.Height != 400 || ph.RoomID == nil || *ph.RoomID != r.ID {
			t.Fatalf("photo = %+v", ph)
		}
		for size, want := range map[venue.PhotoSize][2]int{venue.PhotoLarge: {1200, 400}, venue.PhotoSmall: {400, 133}} {
			b, err := f.venues.FindPhotoImage(ctx, ph.ID, size)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte("Exif")) || bytes.Contains(b, []byte("GPS")) {
				t.Errorf("%s: the EXIF block of the upload is kept", size)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
			if err != nil || format != "jpeg" || cfg.Width != want[0] || cfg.Height != want[1] {
				t.Errorf("%s: %s %dx%d, %v; want jpeg %dx%d", size, format, cfg.Width, cfg.Height, err, want[0], want[1])
			}
		}
		photos, err := f.venues.FindPhotos(ctx, v.ID)
		if err != nil || len(photos) != 1 || photos[0].ID != ph.ID {
			t.Fatalf("FindPhotos = %+v, %v", photos, err)
		}
		first, err := f.venues.FindFirstPhotos(ctx, []int64{v.ID})
		if err != nil || first[v.ID].ID != ph.ID {
			t.Fatalf("FindFirstPhotos = %+v, %v", first, err)
		}
	})
	t.Run("SmallNotEnlarged", func(t *testing.T) {
		ph, err := f.venues.AddPhoto(ctx, admin, venue.PhotoInput{VenueID: v.ID, AltText: "Entrén", Content: testJPEG(t, 300, 200)})
		if err != nil {
			t.Fatal(err)
		}
		if ph.Width != 300 || ph.Height != 200 || ph.RoomID != nil {
			t.Fatalf("photo = %+v", ph)
		}
	})
	t.Run("ErrEveryField", func(t *testing.T) {
		_, err := f.venues.AddPhoto(ctx, admin, venue.PhotoInput{VenueID: v.ID, AltText: "  ", Content: []byte("<html>not a picture</html>")})
		got := fault.Fields(err)
		if len(got) != 2 || got[0] != (fault.FieldError{Field: "alt_text", Code: "required"}) || got[1] != (fault.FieldError{Field: "file", Code: venue.CodeNotImage}) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrTooManyPixels", func(t *testing.T) {
		_, err := f.venues.AddPhoto(ctx, admin, venue.PhotoInput{VenueID: v.ID, AltText: "Bomb", Content: hugePNG(t, 20000, 20000)})
		if got := fault.Fields(err); len(got) != 1 || got[0].Code != venue.CodeTooManyPixels {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrForbidden", func(t *testing.T) {
		stranger := access.Actor{UserID: 98, Roles: map[int64]access.Role{}}
		_, err := f.venues.AddPhoto(ctx, stranger, venue.PhotoInput{VenueID: v.ID, AltText: "x", Content: testJPEG(t, 10, 10)})
		if !errors.Is(err, access.ErrForbidden) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrRoomOfAnotherVenue", func(t *testing.T) {
		other := f.venue(t, venueInput(owner.ID, "Annat hus", ""))
		_, err := f.venues.AddPhoto(ctx, admin, venue.PhotoInput{VenueID: other.ID, RoomID: r.ID, AltText: "x", Content: testJPEG(t, 10, 10)})
		if !errors.Is(err, venue.ErrRoomNotFound) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		ph, err := f.venues.AddPhoto(ctx, admin, venue.PhotoInput{VenueID: v.ID, AltText: "Borttagen", Content: testJPEG(t, 10, 10)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.venues.DeletePhoto(ctx, admin, ph.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.venues.FindPhotoImage(ctx, ph.ID, venue.PhotoLarge); !errors.Is(err, venue.ErrPhotoNotFound) {
			t.Fatalf("after delete: %v", err)
		}
	})
}
