package venue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// Photo is a row of the photos table without its pictures: a photo of a venue, or of one of
// its rooms when RoomID is set. The pictures are read one at a time with FindPhotoImage.
type Photo struct {
	bun.BaseModel `bun:"table:photos,alias:ph"`

	ID        int64     `bun:"id,pk,autoincrement"`
	VenueID   int64     `bun:"venue_id,notnull"`
	RoomID    *int64    `bun:"room_id"`
	AltText   string    `bun:"alt_text,notnull"`
	Width     int       `bun:"width,notnull"`
	Height    int       `bun:"height,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// smallSize is the size of the photo's small picture: fitted in SmallWidth×SmallHeight as
// scalePhoto fits it.
func (p Photo) smallSize() (int, int) {
	w, h := p.Width, p.Height
	if w > SmallWidth {
		h, w = max(1, h*SmallWidth/w), SmallWidth
	}
	if h > SmallHeight {
		w, h = max(1, w*SmallHeight/h), SmallHeight
	}
	return w, h
}

// SmallWidth is the width in pixels of the photo's small picture.
func (p Photo) SmallWidth() int { w, _ := p.smallSize(); return w }

// SmallHeight is the height in pixels of the photo's small picture.
func (p Photo) SmallHeight() int { _, h := p.smallSize(); return h }

// photoRow is a Photo with its pictures, for the insert.
type photoRow struct {
	bun.BaseModel `bun:"table:photos,alias:ph"`
	Photo
	Large []byte `bun:"large,notnull"`
	Small []byte `bun:"small,notnull"`
}

// PhotoSize names one of the sizes kept.
type PhotoSize string

// The sizes kept: large for the venue and room pages, small for lists.
const (
	PhotoLarge PhotoSize = "large"
	PhotoSmall PhotoSize = "small"
)

// ErrPhotoNotFound: no photo with that id.
var ErrPhotoNotFound = fault.New(fault.NotFound, "photo_not_found")

// PhotoInput is an uploaded photo of a venue (RoomID 0) or of a room of it.
type PhotoInput struct {
	VenueID int64
	RoomID  int64
	AltText string
	Content []byte
}

// AddPhoto checks the upload by its content, scales it to the sizes the pages use and stores
// it. It returns ErrVenueNotFound, ErrRoomNotFound (also for a room of another venue),
// ErrVenueArchived, ErrRoomArchived, or field errors on "alt_text" (required, max_len) and
// "file" (required, photo_too_large, not_image, photo_pixels, photo_count), all at once.
// Those who may change the venue (access.UpdateVenue) or the room (access.UpdateRoom) may
// add its photos; the addition is audited.
func (s *Service) AddPhoto(ctx context.Context, actor access.Actor, in PhotoInput) (*Photo, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	alt := strings.TrimSpace(in.AltText)
	var errs fault.FieldErrors
	switch {
	case alt == "":
		errs = append(errs, fault.FieldError{Field: "alt_text", Code: "required"})
	case utf8.RuneCountInString(alt) > MaxAltText:
		errs = append(errs, fault.FieldError{Field: "alt_text", Code: "max_len", Param: strconv.Itoa(MaxAltText)})
	}
	// The owner is asked before the picture is decoded, so a stranger's upload costs nothing.
	owner, err := s.photoOwner(ctx, s.db, in.VenueID, in.RoomID)
	if err != nil {
		return nil, err
	}
	if err := access.Check(actor, photoAction(in.RoomID), owner); err != nil {
		return nil, err
	}
	sc, err := scalePhoto(in.Content)
	if fe := fault.Fields(err); fe != nil {
		errs = append(errs, fe...)
	} else if err != nil {
		return nil, fmt.Errorf("scale photo: %w", err)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	now := s.now()
	row := &photoRow{Photo: Photo{VenueID: in.VenueID, AltText: alt, Width: sc.width, Height: sc.height, CreatedAt: now}, Large: sc.large, Small: sc.small}
	if in.RoomID != 0 {
		row.RoomID = &in.RoomID
	}
	err = database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		// Locked again inside: the venue or room may have been archived meanwhile.
		if _, err := s.lockPhotoPlace(ctx, tx, in.VenueID, in.RoomID); err != nil {
			return err
		}
		q := tx.NewSelect().Table("photos").Where("venue_id = ?", in.VenueID)
		if in.RoomID != 0 {
			q.Where("room_id = ?", in.RoomID)
		} else {
			q.Where("room_id IS NULL")
		}
		n, err := q.Count(ctx)
		if err != nil {
			return err
		}
		if n >= MaxPhotosPerPlace {
			return fault.FieldErrors{{Field: "file", Code: CodeTooManyPhotos, Param: strconv.Itoa(MaxPhotosPerPlace)}}
		}
		if _, err := tx.NewInsert().Model(row).ExcludeColumn("id").Returning("id").Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{Action: "photo.add", ObjectType: "photo", ObjectID: row.ID,
			OrganisationID: owner, After: &row.Photo})
	})
	if err != nil {
		return nil, fmt.Errorf("add photo to venue %d: %w", in.VenueID, err)
	}
	return &row.Photo, nil
}

// DeletePhoto removes the photo. It returns ErrPhotoNotFound; those who may change its venue
// or room may delete it, and the deletion is audited.
func (s *Service) DeletePhoto(ctx context.Context, actor access.Actor, id int64) (*Photo, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	ph := new(Photo)
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewSelect().Model(ph).Where("ph.id = ?", id).For("UPDATE").Scan(ctx)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrPhotoNotFound
		}
		if err != nil {
			return err
		}
		var room int64
		if ph.RoomID != nil {
			room = *ph.RoomID
		}
		var owner int64
		if err := tx.NewSelect().Table("venues").Column("owner_id").Where("id = ?", ph.VenueID).Scan(ctx, &owner); err != nil {
			return err
		}
		if err := access.Check(actor, photoAction(room), owner); err != nil {
			return err
		}
		if _, err := tx.NewDelete().Model(ph).WherePK().Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, s.now(), audit.Change{Action: "photo.delete", ObjectType: "photo", ObjectID: id,
			OrganisationID: owner, Before: ph})
	})
	if err != nil {
		return nil, fmt.Errorf("delete photo %d: %w", id, err)
	}
	return ph, nil
}

// FindPhotos returns the photos of the venue and its rooms, oldest first, without their
// pictures.
func (s *Service) FindPhotos(ctx context.Context, venueID int64) ([]Photo, error) {
	var out []Photo
	if err := s.db.NewSelect().Model(&out).Where("ph.venue_id = ?", venueID).OrderExpr("ph.id").Scan(ctx); err != nil {
		return nil, fmt.Errorf("find photos of venue %d: %w", venueID, err)
	}
	return out, nil
}

// FindFirstPhotos returns, for each of the venues that has any, its first photo of the
// venue itself (or else of a room), for lists.
func (s *Service) FindFirstPhotos(ctx context.Context, venueIDs []int64) (map[int64]Photo, error) {
	out := map[int64]Photo{}
	if len(venueIDs) == 0 {
		return out, nil
	}
	var rows []Photo
	err := s.db.NewSelect().Model(&rows).DistinctOn("ph.venue_id").
		Where("ph.venue_id IN (?)", bun.In(venueIDs)).
		OrderExpr("ph.venue_id, ph.room_id NULLS FIRST, ph.id").Scan(ctx)
	if err != nil {
		return nil, fmt.Errorf("find first photos: %w", err)
	}
	for _, r := range rows {
		out[r.VenueID] = r
	}
	return out, nil
}

// FindPhotoImage returns the JPEG of the photo in the size asked, or ErrPhotoNotFound.
// Photos are public, as the venues they show are.
func (s *Service) FindPhotoImage(ctx context.Context, id int64, size PhotoSize) ([]byte, error) {
	column := "small"
	if size == PhotoLarge {
		column = "large"
	}
	var b []byte
	err := s.db.NewSelect().Table("photos").Column(column).Where("id = ?", id).Scan(ctx, &b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrPhotoNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find photo %d: %w", id, err)
	}
	return b, nil
}

func photoAction(room int64) access.Action {
	if room != 0 {
		return access.UpdateRoom
	}
	return access.UpdateVenue
}

// photoOwner returns the owner of the venue (which the room, when given, must be in).
func (s *Service) photoOwner(ctx context.Context, db bun.IDB, venueID, roomID int64) (int64, error) {
	var row struct {
		OwnerID int64
	}
	err := db.NewSelect().Table("venues").Column("owner_id").Where("id = ?", venueID).Scan(ctx, &row.OwnerID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrVenueNotFound
	}
	if err != nil {
		return 0, err
	}
	if roomID != 0 {
		n, err := db.NewSelect().Table("rooms").Where("id = ? AND venue_id = ?", roomID, venueID).Count(ctx)
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, ErrRoomNotFound
		}
	}
	return row.OwnerID, nil
}

// lockPhotoPlace share-locks the venue (and the room) that a photo is added to and returns
// ErrVenueArchived or ErrRoomArchived when it is archived.
func (s *Service) lockPhotoPlace(ctx context.Context, tx bun.Tx, venueID, roomID int64) (int64, error) {
	v := new(Venue)
	if err := tx.NewSelect().Model(v).Where("v.id = ?", venueID).For("SHARE").Scan(ctx); err != nil {
		return 0, err
	}
	if v.Archived() {
		return 0, ErrVenueArchived
	}
	if roomID != 0 {
		r := new(Room)
		if err := tx.NewSelect().Model(r).Where("r.id = ?", roomID).For("SHARE").Scan(ctx); err != nil {
			return 0, err
		}
		if r.Archived() {
			return 0, ErrRoomArchived
		}
	}
	return v.OwnerID, nil
}
