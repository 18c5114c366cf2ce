package venue

import (
	"bytes"
	"encoding/binary"
	"image"
)

// A phone stores a photo as its sensor saw it and says in EXIF (tag Orientation, 0x0112)
// how to turn it for showing. Encoding again drops EXIF, so the turn is made on the pixels:
// without it, a photo taken upright showed lying on its side.

// jpegOrientation returns the EXIF orientation of a JPEG (1 to 8), or 1 when it has none or
// content is no JPEG. It reads only the markers before the picture's data.
func jpegOrientation(content []byte) int {
	if len(content) < 4 || content[0] != 0xFF || content[1] != 0xD8 {
		return 1
	}
	for i := 2; i+4 <= len(content) && content[i] == 0xFF; {
		marker, size := content[i+1], int(binary.BigEndian.Uint16(content[i+2:]))
		if marker == 0xDA || size < 2 || i+2+size > len(content) { // start of scan: no more metadata
			return 1
		}
		segment := content[i+4 : i+2+size]
		if marker == 0xE1 && bytes.HasPrefix(segment, []byte("Exif\x00\x00")) {
			return tiffOrientation(segment[6:])
		}
		i += 2 + size
	}
	return 1
}

// tiffOrientation reads tag 0x0112 of the first IFD of an EXIF TIFF block, or 1.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	ifd := int(order.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 1
	}
	n := int(order.Uint16(t[ifd:]))
	for k := 0; k < n; k++ {
		e := ifd + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if order.Uint16(t[e:]) == 0x0112 && order.Uint16(t[e+2:]) == 3 { // SHORT
			if v := int(order.Uint16(t[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// turnsSideways reports whether orientation o swaps width and height.
func turnsSideways(o int) bool { return o >= 5 }

// orient returns src turned as EXIF orientation o asks, for showing.
func orient(src *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if turnsSideways(o) {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		for x := 0; x < dw; x++ {
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = w-1-x, y
			case 3: // upside down
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored upside down
				sx, sy = x, h-1-y
			case 5: // mirrored, turned a quarter counter-clockwise
				sx, sy = y, x
			case 6: // to be turned a quarter clockwise
				sx, sy = y, h-1-x
			case 7: // mirrored, turned a quarter clockwise
				sx, sy = w-1-y, h-1-x
			case 8: // to be turned a quarter counter-clockwise
				sx, sy = w-1-y, x
			}
			si, di := src.PixOffset(b.Min.X+sx, b.Min.Y+sy), dst.PixOffset(x, y)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}
