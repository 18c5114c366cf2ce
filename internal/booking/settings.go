package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Bounds of the owner's settings (RulesInput's own bounds are in its validate tags: a
// horizon of at most 1 098 days, notice, longest booking and cancel-before at most 366 days).
const (
	MaxHoursPerRoom = 50 // opening periods per room
)

// Field error codes of the owner's settings.
const (
	CodeOpensNotBeforeCloses = "opens_not_before_closes" // opening_hours[i].closes
	CodeHoursOverlap         = "hours_overlap"           // opening_hours[i].opens: overlaps another period of the day
	CodeLastBeforeFirst      = "last_before_first"       // last_day
)

// ErrClosureNotFound: no closure with that id.
var ErrClosureNotFound = fault.New(fault.NotFound, "closure_not_found")

// RulesInput is what the owner sends to set a room's booking rules. Durations are whole
// minutes; 0 for MaxDurationMinutes means the default longest booking, DefaultMaxDuration
// (24 hours).
type RulesInput struct {
	WhoMayBook          Who    `json:"who_may_book" form:"who_may_book" validate:"required,oneof=any compact partners owner"`
	NeedsApproval       bool   `json:"needs_approval" form:"needs_approval"`
	MinNoticeMinutes    int    `json:"min_notice_minutes" form:"min_notice_minutes" validate:"gte=0,lte=527040"`
	HorizonDays         int    `json:"horizon_days" form:"horizon_days" validate:"required,gte=1,lte=1098"`
	MaxDurationMinutes  int    `json:"max_duration_minutes" form:"max_duration_minutes" validate:"gte=0,lte=527040"`
	CancelBeforeMinutes int    `json:"cancel_before_minutes" form:"cancel_before_minutes" validate:"gte=0,lte=527040"`
	HolidaysClosed      bool   `json:"holidays_closed" form:"holidays_closed"`
	Terms               string `json:"terms" form:"terms" validate:"max=5000"`
}

// ClosureInput is a closed period of whole local days on a venue or on one room: exactly one
// of VenueID and RoomID is set. FirstDay and LastDay are dates (inclusive); their clock and
// location are ignored.
type ClosureInput struct {
	VenueID  int64     `json:"venue_id" form:"venue_id" validate:"required_without=RoomID,excluded_with=RoomID,gte=0"`
	RoomID   int64     `json:"room_id" form:"room_id" validate:"required_without=VenueID,gte=0"`
	FirstDay time.Time `json:"first_day" form:"first_day" validate:"required"`
	LastDay  time.Time `json:"last_day" form:"last_day" validate:"required"`
	Reason   string    `json:"reason" form:"reason" validate:"max=500"`
}

// RoomRules is everything the owner has set for booking a room: the effective rules
// (DefaultRules when none are stored), opening hours (none: open around the clock), the
// closures of the room and its venue that have not ended, and the partner organisations
// (by id) that premises-sharing agreements let book it today.
type RoomRules struct {
	Rules    Rules
	Hours    []OpeningHours
	Closures []Closure
	Partners []int64
}

// FindRules returns the room's booking rules, opening hours, current and future closures and
// partners. They are public: no actor is needed. It returns field errors for an unknown room.
func (s *Service) FindRules(ctx context.Context, roomID int64) (*RoomRules, error) {
	r, err := loadRoom(ctx, s.db, roomID, localDate(s.now(), s.loc))
	if err != nil {
		return nil, fmt.Errorf("find rules of room %d: %w", roomID, err)
	}
	out := &RoomRules{Rules: r.Rules, Hours: r.Hours, Closures: r.Closures}
	slices.SortFunc(out.Hours, func(a, b OpeningHours) int {
		if a.Weekday != b.Weekday {
			return a.Weekday - b.Weekday
		}
		return int(a.Opens - b.Opens)
	})
	partners, err := agreement.RoomPartners(ctx, s.db, roomID, localDate(s.now(), s.loc))
	if err != nil {
		return nil, err
	}
	out.Partners = make([]int64, len(partners))
	for i, p := range partners {
		out.Partners[i] = p.OrganisationID
	}
	slices.Sort(out.Partners)
	return out, nil
}

// FindPartners returns, by name, the organisations that may book the room today as
// partners under the rule partners, each with the premises-sharing agreement that lets it:
// partners are set in agreements (only city administrators make them), not on the room. It
// is public, as the agreements are, and returns field errors for an unknown room.
func (s *Service) FindPartners(ctx context.Context, roomID int64) ([]agreement.RoomPartner, error) {
	var exists bool
	if err := s.db.NewRaw(`SELECT EXISTS (SELECT 1 FROM rooms WHERE id = ?)`, roomID).Scan(ctx, &exists); err != nil {
		return nil, fmt.Errorf("find partners of room %d: %w", roomID, err)
	}
	if !exists {
		return nil, errRoomNotFound
	}
	return agreement.RoomPartners(ctx, s.db, roomID, localDate(s.now(), s.loc))
}

// SetRules replaces the room's booking rules. Only the owner's admins may
// (access.UpdateRoom). Each change increases the rules' revision and is audited. Existing
// bookings are not re-checked.
func (s *Service) SetRules(ctx context.Context, actor access.Actor, roomID int64, in RulesInput) (*Rules, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	now := s.now()
	var out Rules
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		owner, _, err := lockRoomOwner(ctx, tx, roomID, access.UpdateRoom, actor)
		if err != nil {
			return err
		}
		before := DefaultRules(roomID)
		var stored bool
		err = tx.NewSelect().Model(&before).Where("br.room_id = ?", roomID).Scan(ctx)
		switch {
		case err == nil:
			stored = true
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		out = Rules{
			RoomID: roomID, WhoMayBook: in.WhoMayBook, NeedsApproval: in.NeedsApproval,
			MinNotice: minutes(in.MinNoticeMinutes), Horizon: DaysOf(in.HorizonDays),
			CancelBefore: minutes(in.CancelBeforeMinutes), HolidaysClosed: in.HolidaysClosed,
			Terms: strings.TrimSpace(in.Terms), Revision: 1, CreatedAt: now, UpdatedAt: now,
		}
		if in.MaxDurationMinutes > 0 {
			m := minutes(in.MaxDurationMinutes)
			out.MaxDuration = &m
		}
		if stored {
			out.Revision, out.CreatedAt = before.Revision+1, before.CreatedAt
			_, err = tx.NewUpdate().Model(&out).WherePK().Exec(ctx)
		} else {
			_, err = tx.NewInsert().Model(&out).Exec(ctx)
		}
		if err != nil {
			return fmt.Errorf("store rules: %w", err)
		}
		c := audit.Change{Action: "booking_rules.update", ObjectType: "room", ObjectID: roomID, OrganisationID: owner, After: out}
		if stored {
			c.Before = before
		}
		return audit.Record(ctx, tx, actor, now, c)
	})
	if err != nil {
		return nil, fmt.Errorf("set rules of room %d: %w", roomID, err)
	}
	return &out, nil
}

// SetOpeningHours replaces the room's opening hours; none means open around the clock. Each
// period needs a weekday 1 (Monday) to 7 (Sunday) and Opens before Closes, within the day
// (Closes may be 24:00), in whole seconds; periods of one weekday may not overlap. Only the
// owner's admins may (access.UpdateRoom); the change is audited.
func (s *Service) SetOpeningHours(ctx context.Context, actor access.Actor, roomID int64, hours []OpeningHours) ([]OpeningHours, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if fe := checkHours(hours); len(fe) > 0 {
		return nil, fe
	}
	hours = slices.Clone(hours)
	slices.SortFunc(hours, func(a, b OpeningHours) int {
		if a.Weekday != b.Weekday {
			return a.Weekday - b.Weekday
		}
		return int(a.Opens - b.Opens)
	})
	now := s.now()
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		owner, _, err := lockRoomOwner(ctx, tx, roomID, access.UpdateRoom, actor)
		if err != nil {
			return err
		}
		r, err := loadRoom(ctx, tx, roomID, localDate(now, s.loc))
		if err != nil {
			return err
		}
		if _, err := tx.NewRaw(`DELETE FROM room_opening_hours WHERE room_id = ?`, roomID).Exec(ctx); err != nil {
			return err
		}
		for _, h := range hours {
			_, err := tx.NewRaw(`INSERT INTO room_opening_hours (room_id, weekday, opens, closes) VALUES (?, ?, ?::time, ?::time)`,
				roomID, h.Weekday, clock(h.Opens), clock(h.Closes)).Exec(ctx)
			if err != nil {
				return fmt.Errorf("store opening hours: %w", err)
			}
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{Action: "opening_hours.update", ObjectType: "room",
			ObjectID: roomID, OrganisationID: owner, Before: hoursState(r.Hours), After: hoursState(hours)})
	})
	if err != nil {
		return nil, fmt.Errorf("set opening hours of room %d: %w", roomID, err)
	}
	return hours, nil
}

func checkHours(hours []OpeningHours) fault.FieldErrors {
	var fe fault.FieldErrors
	if len(hours) > MaxHoursPerRoom {
		return fault.FieldErrors{{Field: "opening_hours", Code: "max_items", Param: strconv.Itoa(MaxHoursPerRoom)}}
	}
	for i, h := range hours {
		f := "opening_hours[" + strconv.Itoa(i) + "]."
		switch {
		case h.Weekday < 1 || h.Weekday > 7:
			fe = append(fe, fault.FieldError{Field: f + "weekday", Code: "oneof", Param: "1 2 3 4 5 6 7"})
		case h.Opens < 0 || h.Opens >= 24*time.Hour || h.Opens%time.Second != 0:
			fe = append(fe, fault.FieldError{Field: f + "opens", Code: "invalid"})
		case h.Closes > 24*time.Hour || h.Closes%time.Second != 0:
			fe = append(fe, fault.FieldError{Field: f + "closes", Code: "invalid"})
		case h.Closes <= h.Opens:
			fe = append(fe, fault.FieldError{Field: f + "closes", Code: CodeOpensNotBeforeCloses})
		default:
			for j, o := range hours[:i] {
				if o.Weekday == h.Weekday && h.Opens < o.Closes && o.Opens < h.Closes {
					fe = append(fe, fault.FieldError{Field: f + "opens", Code: CodeHoursOverlap, Param: strconv.Itoa(j)})
					break
				}
			}
		}
	}
	return fe
}

// AddClosure closes a venue (access.UpdateVenue) or a room (access.UpdateRoom) for whole
// local days, for its owner's admins. Existing bookings are not cancelled. It returns the
// stored closure.
func (s *Service) AddClosure(ctx context.Context, actor access.Actor, in ClosureInput) (*Closure, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	first, last := civil(in.FirstDay), civil(in.LastDay)
	if last.Before(first) {
		return nil, fault.FieldErrors{{Field: "last_day", Code: CodeLastBeforeFirst}}
	}
	now := s.now()
	c := &Closure{FirstDay: first, LastDay: last, Reason: strings.TrimSpace(in.Reason)}
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		owner, err := closureOwner(ctx, tx, actor, in.VenueID, in.RoomID)
		if err != nil {
			return err
		}
		c.ID = 0
		c.VenueID, c.RoomID = nonZero(in.VenueID), nonZero(in.RoomID)
		err = tx.NewRaw(`INSERT INTO closures (venue_id, room_id, first_day, last_day, reason, created_at)
			VALUES (?, ?, ?::date, ?::date, ?, ?) RETURNING id`, c.VenueID, c.RoomID,
			first.Format(time.DateOnly), last.Format(time.DateOnly), c.Reason, now).Scan(ctx, &c.ID)
		if err != nil {
			return fmt.Errorf("insert closure: %w", err)
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{Action: "closure.create", ObjectType: "closure",
			ObjectID: c.ID, OrganisationID: owner, After: c})
	})
	if err != nil {
		return nil, fmt.Errorf("add closure: %w", err)
	}
	return c, nil
}

// RemoveClosure deletes a closure, for the owner's admins as AddClosure. It returns
// ErrClosureNotFound.
func (s *Service) RemoveClosure(ctx context.Context, actor access.Actor, id int64) error {
	if !actor.SignedIn() {
		return access.ErrUnauthenticated
	}
	now := s.now()
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		c := new(Closure)
		err := tx.NewRaw(`SELECT id, venue_id, room_id, first_day, last_day, reason FROM closures WHERE id = ? FOR UPDATE`, id).
			Scan(ctx, c)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrClosureNotFound
		}
		if err != nil {
			return err
		}
		owner, err := closureOwner(ctx, tx, actor, deref(c.VenueID), deref(c.RoomID))
		if err != nil {
			return err
		}
		if _, err := tx.NewRaw(`DELETE FROM closures WHERE id = ?`, id).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{Action: "closure.delete", ObjectType: "closure",
			ObjectID: id, OrganisationID: owner, Before: c})
	})
	if err != nil {
		return fmt.Errorf("remove closure %d: %w", id, err)
	}
	return nil
}

// lockRoomOwner locks the room row (serialising the owner's settings of one room), checks
// that the actor may do action for the venue's owner and returns the owner and the venue.
func lockRoomOwner(ctx context.Context, tx bun.IDB, roomID int64, action access.Action, actor access.Actor) (owner, venueID int64, err error) {
	err = tx.NewRaw(`SELECT v.owner_id, v.id FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE r.id = ? FOR UPDATE OF r`, roomID).
		Scan(ctx, &owner, &venueID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, errRoomNotFound
	}
	if err != nil {
		return 0, 0, err
	}
	return owner, venueID, access.Check(actor, action, owner)
}

// closureOwner checks that the actor may close the venue or room and returns its owner.
func closureOwner(ctx context.Context, tx bun.IDB, actor access.Actor, venueID, roomID int64) (int64, error) {
	if roomID != 0 {
		owner, _, err := lockRoomOwner(ctx, tx, roomID, access.UpdateRoom, actor)
		return owner, err
	}
	var owner int64
	err := tx.NewRaw(`SELECT owner_id FROM venues WHERE id = ?`, venueID).Scan(ctx, &owner)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fault.FieldErrors{{Field: "venue_id", Code: "not_found"}}
	}
	if err != nil {
		return 0, err
	}
	return owner, access.Check(actor, access.UpdateVenue, owner)
}

func minutes(m int) Interval {
	return Interval{Microseconds: int64(m) * int64(time.Minute/time.Microsecond)}
}

// clock formats an offset from midnight (up to 24h) as a PostgreSQL time, "24:00:00" included.
func clock(d time.Duration) string {
	s := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d:%02d", s/3600, s%3600/60, s%60)
}

// hoursState is opening hours as audit state, with readable clock times.
func hoursState(hours []OpeningHours) []map[string]any {
	out := make([]map[string]any, len(hours))
	for i, h := range hours {
		out[i] = map[string]any{"weekday": h.Weekday, "opens": clock(h.Opens), "closes": clock(h.Closes)}
	}
	return out
}

func nonZero(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
