package venue

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// TestPhotoOrientation: a JPEG whose EXIF says how to turn it is kept turned, in both sizes,
// for each of the eight orientations (as the EXIF standard defines them, written out here
// rather than derived from the code). The picture has four coloured quarters, so that both
// turns and mirrors show. Without the turn, a photo taken upright showed lying on its side.
func TestPhotoOrientation(t *testing.T) {
	t.Parallel()
	const w, h = 80, 40
	src := image.NewRGBA(image.Rect(0, 0, w, h))
	quarter := map[string]color.RGBA{"R": {255, 0, 0, 255}, "G": {0, 255, 0, 255}, "B": {0, 0, 255, 255}, "K": {0, 0, 0, 255}}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := map[[2]bool]string{{false, false}: "R", {true, false}: "G", {false, true}: "B", {true, true}: "K"}[[2]bool{x >= w/2, y >= h/2}]
			src.Set(x, y, quarter[c])
		}
	}
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, src, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	// The quarters as shown (top left, top right, bottom left, bottom right) for each value.
	want := map[int]string{1: "RGBK", 2: "GRKB", 3: "KBGR", 4: "BKRG", 5: "RBGK", 6: "BRKG", 7: "KGBR", 8: "GKRB"}
	for o := 1; o <= 8; o++ {
		for _, order := range []binary.ByteOrder{binary.BigEndian, binary.LittleEndian} {
			content := withOrientation(plain.Bytes(), o, order)
			if got := jpegOrientation(content); got != o {
				t.Fatalf("orientation %d (%v) read as %d", o, order, got)
			}
			s, err := scalePhoto(content)
			if err != nil {
				t.Fatal(err)
			}
			for _, kept := range [][]byte{s.large, s.small} {
				img, err := jpeg.Decode(bytes.NewReader(kept))
				if err != nil {
					t.Fatal(err)
				}
				b := img.Bounds()
				if sideways := o >= 5; (b.Dx() == h && b.Dy() == w) != sideways {
					t.Errorf("orientation %d: kept %dx%d", o, b.Dx(), b.Dy())
				}
				got := ""
				for _, p := range [][2]int{{b.Dx() / 4, b.Dy() / 4}, {3 * b.Dx() / 4, b.Dy() / 4}, {b.Dx() / 4, 3 * b.Dy() / 4}, {3 * b.Dx() / 4, 3 * b.Dy() / 4}} {
					got += nearest(img.At(p[0], p[1]), quarter)
				}
				if got != want[o] {
					t.Errorf("orientation %d: quarters %s, want %s", o, got, want[o])
				}
			}
		}
	}
	if got := jpegOrientation(plain.Bytes()); got != 1 {
		t.Errorf("a JPEG without EXIF: orientation %d", got)
	}
}

// withOrientation puts an APP1 EXIF block holding only the orientation after the JPEG's SOI.
func withOrientation(jpg []byte, o int, order binary.ByteOrder) []byte {
	tiff := make([]byte, 26)
	copy(tiff, map[bool]string{true: "MM", false: "II"}[order == binary.BigEndian])
	order.PutUint16(tiff[2:], 42)
	order.PutUint32(tiff[4:], 8)
	order.PutUint16(tiff[8:], 1)       // one entry
	order.PutUint16(tiff[10:], 0x0112) // Orientation
	order.PutUint16(tiff[12:], 3)      // SHORT
	order.PutUint32(tiff[14:], 1)
	order.PutUint16(tiff[18:], uint16(o))
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

// nearest names the colour of quarters closest to c.
func nearest(c color.Color, quarters map[string]color.RGBA) string {
	r, g, b, _ := c.RGBA()
	best, dist := "", uint32(1<<32-1)
	for name, q := range quarters {
		d := sq(r>>8, uint32(q.R)) + sq(g>>8, uint32(q.G)) + sq(b>>8, uint32(q.B))
		if d < dist {
			best, dist = name, d
		}
	}
	return best
}

func sq(a, b uint32) uint32 {
	if a > b {
		return (a - b) * (a - b)
	}
	return (b - a) * (b - a)
}
