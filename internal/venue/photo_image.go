package venue

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	_ "image/png" // decoders of the formats accepted, told apart by their content
	"strconv"

	xdraw "golang.org/x/image/draw"
	_ "golang.org/x/image/webp"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// Photo limits. An upload is at most MaxPhotoBytes and MaxPhotoPixels (read from its header
// before the picture is decoded, so a small file that unpacks into a huge picture is refused
// without the memory); what is kept is at most LargeWidth×LargeHeight and
// SmallWidth×SmallHeight, the sizes the pages show.
const (
	MaxPhotoBytes  = 10 << 20
	MaxPhotoPixels = 40_000_000
	LargeWidth     = 1200
	LargeHeight    = 900
	SmallWidth     = 400
	SmallHeight    = 300
	// MaxAltText is the longest alternative text, in characters, as the table's CHECK says.
	MaxAltText = 300
	// MaxPhotosPerPlace is how many photos a venue or a room may have.
	MaxPhotosPerPlace = 12
	// MaxPhotoRequestBytes is a photo of MaxPhotoBytes and room for the other fields.
	MaxPhotoRequestBytes = MaxPhotoBytes + 64<<10
)

// Field error codes of AddPhoto, on "file" (and "alt_text": required, max_len).
const (
	CodePhotoTooLarge = "photo_too_large" // param: the limit in MiB
	CodeNotImage      = "not_image"       // the content is no JPEG, PNG or WebP picture
	CodeTooManyPixels = "photo_pixels"    // param: the limit in megapixels
	CodeTooManyPhotos = "photo_count"     // param: the limit
	jpegQuality       = 85
)

// scaled is a picture made ready to keep: both sizes as JPEG and the large one's size.
type scaled struct {
	large, small  []byte
	width, height int
}

// scalePhoto reads an upload whose type is told by its content (JPEG, PNG or WebP; the name
// and the declared type are not trusted), and encodes it again as JPEG in the two sizes,
// never larger than it was. Encoding again keeps only the pixels: EXIF and every other
// metadata block of the upload are dropped, after a JPEG's EXIF orientation is applied to
// its pixels (photo_orient.go).
func scalePhoto(content []byte) (*scaled, error) {
	if len(content) == 0 {
		return nil, fault.FieldErrors{{Field: "file", Code: "required"}}
	}
	if len(content) > MaxPhotoBytes {
		return nil, fault.FieldErrors{{Field: "file", Code: CodePhotoTooLarge, Param: strconv.Itoa(MaxPhotoBytes >> 20)}}
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(content))
	if err != nil {
		return nil, fault.FieldErrors{{Field: "file", Code: CodeNotImage}}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPhotoPixels {
		return nil, fault.FieldErrors{{Field: "file", Code: CodeTooManyPixels, Param: strconv.Itoa(MaxPhotoPixels / 1_000_000)}}
	}
	src, _, err := image.Decode(bytes.NewReader(content))
	if err != nil {
		return nil, fault.FieldErrors{{Field: "file", Code: CodeNotImage}}
	}
	o := jpegOrientation(content)
	large, lw, lh, err := fitJPEG(src, o, LargeWidth, LargeHeight)
	if err != nil {
		return nil, err
	}
	small, _, _, err := fitJPEG(src, o, SmallWidth, SmallHeight)
	if err != nil {
		return nil, err
	}
	return &scaled{large: large, small: small, width: lw, height: lh}, nil
}

// fitJPEG scales src to fit in maxW×maxH once turned as EXIF orientation o asks (scaled
// first, so that only the small picture is turned), keeping its proportions and never
// enlarging it, on a white background (a transparent PNG has no black corners), and
// encodes it as JPEG.
func fitJPEG(src image.Image, o, maxW, maxH int) ([]byte, int, int, error) {
	if turnsSideways(o) {
		maxW, maxH = maxH, maxW
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > maxW {
		h, w = max(1, h*maxW/w), maxW
	}
	if h > maxH {
		w, h = max(1, w*maxH/h), maxH
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Over, nil)
	dst = orient(dst, o)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: jpegQuality}); err != nil {
		return nil, 0, 0, err
	}
	return buf.Bytes(), dst.Bounds().Dx(), dst.Bounds().Dy(), nil
}
