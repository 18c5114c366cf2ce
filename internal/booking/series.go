package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/audit"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Errors of series.
var (
	ErrSeriesNotFound = fault.New(fault.NotFound, "series_not_found")
	// ErrSeriesRefused: some occurrences cannot be booked, so none was. The error returned is
	// a *SeriesError listing them.
	ErrSeriesRefused = fault.New(fault.Conflict, "series_refused")
)

// SeriesInput is what a client sends to book a room again and again: the first occurrence
// starts at Start, read as local wall-clock time (its location is ignored), and every
// occurrence lasts DurationMinutes; RRule (a weekly RRULE with UNTIL or COUNT) gives the
// others. With SkipUnavailable the occurrences that cannot be booked are skipped and
// reported; without, one that cannot be booked means that none is.
type SeriesInput struct {
	RoomID          int64     `json:"room_id" form:"room_id" validate:"required,gt=0"`
	OrganisationID  int64     `json:"organisation_id" form:"organisation_id" validate:"required,gt=0"`
	Title           string    `json:"title" form:"title" validate:"required,notblank,max=200"`
	Purpose         string    `json:"purpose" form:"purpose" validate:"max=2000"`
	Attendees       int       `json:"attendees" form:"attendees" validate:"required,gte=1,lte=10000"`
	Public          bool      `json:"public" form:"public"`
	Start           time.Time `json:"start" form:"start" validate:"required"`
	DurationMinutes int       `json:"duration_minutes" form:"duration_minutes" validate:"required,gte=1,lte=527040"`
	RRule           string    `json:"rrule" form:"rrule" validate:"required,max=500"`
	SkipUnavailable bool      `json:"skip_unavailable" form:"skip_unavailable"`
}

// Refusal is an occurrence of a series that could not be booked: its 0-based index, its
// time, and why — field errors of the room's rules (fault.FieldErrors) or a *ConflictError.
type Refusal struct {
	Occurrence int
	StartsAt   time.Time
	EndsAt     time.Time
	Err        error
}

// SeriesError is ErrSeriesRefused with every occurrence that could not be booked.
type SeriesError struct{ Refused []Refusal }

func (e *SeriesError) Error() string {
	return fmt.Sprintf("%s: %d occurrence(s) refused", ErrSeriesRefused.Code, len(e.Refused))
}

// Unwrap makes errors.Is(err, ErrSeriesRefused) and fault.KindOf work.
func (e *SeriesError) Unwrap() error { return ErrSeriesRefused }

// SeriesResult is a stored series, its booked occurrences in order, and the occurrences
// skipped (only with SkipUnavailable).
type SeriesResult struct {
	Series   *Series
	Bookings []Booking
	Skipped  []Refusal
}

// CreateSeries books a recurring series. The rule is expanded by Occurrences in local
// wall-clock time (18:00 stays 18:00 across daylight-saving changes) and every occurrence
// goes through the same checks and the same booking path as CreateBooking, in one
// transaction. By default any occurrence refused (a rule of time or size, or a clash) means
// nothing is stored and a *SeriesError lists every refused occurrence with its reason; with
// in.SkipUnavailable the others are booked and the refused ones reported in Skipped (a
// *SeriesError still when none can be booked). A rule whose last occurrence ends past the
// room's horizon is a field error on recurrence.rrule (CodeRRuleHorizon). Access,
// organisation and room errors are returned as by CreateBooking.
func (s *Service) CreateSeries(ctx context.Context, actor access.Actor, in SeriesInput) (result *SeriesResult, err error) {
	defer func() { s.observeSeries(result, err) }()
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	if err := access.Check(actor, access.Book, in.OrganisationID); err != nil {
		return nil, err
	}
	starts, err := Occurrences(in.RRule, in.Start, s.loc)
	if err != nil {
		return nil, err
	}
	var res *SeriesResult
	err = database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		res, err = s.createSeriesTx(ctx, tx, actor, in, starts, false)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create series: %w", settled(err))
	}
	return res, nil
}

// createSeriesTx books the series in asks for, whose occurrences start at starts, in tx (see
// CreateSeries). allocated books it for the room's owner (CreateAllocatedSeriesIn): the rule
// of who may book, approval, notice and horizon do not apply.
func (s *Service) createSeriesTx(ctx context.Context, tx bun.IDB, actor access.Actor, in SeriesInput, starts []time.Time, allocated bool) (*SeriesResult, error) {
	opt, _ := parseRule(in.RRule) // Occurrences read it already
	floating := time.Date(in.Start.Year(), in.Start.Month(), in.Start.Day(), in.Start.Hour(), in.Start.Minute(), in.Start.Second(), 0, time.UTC)
	dur := minutes(in.DurationMinutes)
	now := s.now()
	res := &SeriesResult{}
	var r *room
	var err error
	if allocated {
		r, err = s.prepareAllocated(ctx, tx, actor, in.RoomID, in.OrganisationID, now)
	} else {
		r, err = s.prepare(ctx, tx, in.RoomID, in.OrganisationID, now)
	}
	if err != nil {
		return nil, err
	}
	// The rule's COUNT or UNTIL must end within the room's horizon: a series is not a
	// way to hold a room past the time anyone else can book it.
	if horizon := r.Rules.Horizon.AddTo(now, s.loc); !allocated && len(starts) > 0 && dur.AddTo(starts[len(starts)-1], s.loc).After(horizon) {
		return nil, fault.FieldErrors{{Field: "recurrence.rrule", Code: CodeRRuleHorizon, Param: horizon.In(s.loc).Format("2006-01-02 15:04")}}
	}
	se := &Series{RoomID: in.RoomID, OrganisationID: in.OrganisationID, CreatedBy: userID(actor),
		RRule: strings.TrimPrefix(strings.TrimSpace(in.RRule), "RRULE:"), DTStart: floating, Duration: dur,
		TimeZone: s.loc.String(), Revision: 1, CreatedAt: now, UpdatedAt: now}
	if opt.Count > 0 {
		se.Count = &opt.Count
	}
	if !opt.Until.IsZero() {
		u := opt.Until
		se.UntilLocal = &u
	}
	if _, err := tx.NewInsert().Model(se).Returning("id").Exec(ctx); err != nil {
		return nil, fmt.Errorf("insert series: %w", err)
	}
	res.Series = se
	for i, start := range starts {
		i, start := i, start.UTC()
		b := &Booking{
			RoomID: in.RoomID, OrganisationID: in.OrganisationID, CreatedBy: userID(actor),
			Title: strings.TrimSpace(in.Title), Purpose: strings.TrimSpace(in.Purpose),
			Attendees: in.Attendees, Public: in.Public,
			StartsAt: start, EndsAt: dur.AddTo(start, s.loc).UTC(),
			Revision: 1, CreatedAt: now, UpdatedAt: now,
			SeriesID: &se.ID, Occurrence: &i, OriginalStart: &start,
		}
		// Each occurrence in a savepoint, so a refused one leaves nothing behind.
		err := tx.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			book := s.book
			if allocated {
				book = s.bookAllocated
			}
			if err := book(ctx, tx, r, b, now); err != nil {
				return err
			}
			return record(ctx, tx, actor, "booking.create", nil, b)
		})
		var fe fault.FieldErrors
		var ce *ConflictError
		switch {
		case err == nil:
			res.Bookings = append(res.Bookings, *b)
		case errors.As(err, &fe) || errors.As(err, &ce):
			res.Skipped = append(res.Skipped, Refusal{Occurrence: i, StartsAt: b.StartsAt, EndsAt: b.EndsAt, Err: err})
		default:
			return nil, err
		}
	}
	if len(res.Skipped) > 0 && (!in.SkipUnavailable || len(res.Bookings) == 0) {
		return nil, &SeriesError{Refused: res.Skipped}
	}
	if pending := pendingIDs(res.Bookings); len(pending) > 0 {
		// One request for the whole series, never one per occurrence.
		if err := s.publish(ctx, tx, actor, Change{Kind: ChangeRequested, SeriesID: se.ID, BookingIDs: pending}); err != nil {
			return nil, err
		}
	}
	err = audit.Record(ctx, tx, actor, now, audit.Change{Action: "series.create", ObjectType: "booking_series",
		ObjectID: se.ID, OrganisationID: se.OrganisationID, After: se})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// FindSeriesByID returns the series or ErrSeriesNotFound.
func (s *Service) FindSeriesByID(ctx context.Context, id int64) (*Series, error) {
	se := new(Series)
	err := s.db.NewSelect().Model(se).Where("s.id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrSeriesNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find series %d: %w", id, err)
	}
	return se, nil
}

// CancelOccurrence cancels the occurrence of the series generated for originalStart (its
// RECURRENCE-ID, which stays put when the occurrence is moved), as CancelBooking does. It
// returns ErrNotFound when the series has no such occurrence.
func (s *Service) CancelOccurrence(ctx context.Context, actor access.Actor, seriesID int64, originalStart time.Time, reason string) (*Booking, error) {
	var id int64
	err := s.db.NewRaw(`SELECT id FROM bookings WHERE series_id = ? AND original_start = ?`, seriesID, originalStart.UTC()).Scan(ctx, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("cancel occurrence: %w", err)
	}
	return s.CancelBooking(ctx, actor, id, reason)
}

// CancelSeriesFrom cancels, in one transaction, every occurrence of the series that holds
// its room, has not started, and was generated to start at or after from ("this and all
// following"). Each is checked as CancelBooking checks it; any refusal cancels none. It
// returns the cancelled bookings, ErrSeriesNotFound, or ErrNotActive when there is nothing
// left to cancel.
func (s *Service) CancelSeriesFrom(ctx context.Context, actor access.Actor, seriesID int64, from time.Time, reason string) ([]Booking, error) {
	return s.changeSeries(ctx, actor, seriesID, mayCancel, "booking.cancel", ErrNotActive,
		"status IN ('pending', 'confirmed') AND original_start >= ?", from.UTC(), s.cancel(actor, reason))
}

// ApproveSeries confirms every pending occurrence of the series that has not started, in one
// transaction, for the room owner's admins. It returns ErrSeriesNotFound, access errors, or
// ErrNotPending when none is pending.
func (s *Service) ApproveSeries(ctx context.Context, actor access.Actor, seriesID int64, note string) ([]Booking, error) {
	return s.changeSeries(ctx, actor, seriesID, mayDecide, "booking.approve", ErrNotPending,
		"status = 'pending' AND starts_at > ?", s.now(), decision(actor, StatusConfirmed, note))
}

// RejectSeries refuses every pending occurrence of the series that has not started, as
// ApproveSeries, and frees their time.
func (s *Service) RejectSeries(ctx context.Context, actor access.Actor, seriesID int64, note string) ([]Booking, error) {
	return s.changeSeries(ctx, actor, seriesID, mayDecide, "booking.reject", ErrNotPending,
		"status = 'pending' AND starts_at > ?", s.now(), decision(actor, StatusRejected, note))
}

// mayDecide and mayCancel say, for a whole series, whether the actor may approve or reject its
// occurrences (the room owner's admins) or cancel them (those and the booking organisation's
// members); each occurrence is still checked on its own.
func mayDecide(actor access.Actor, se *Series, owner int64) error {
	return access.Check(actor, access.ApproveBooking, owner)
}

func mayCancel(actor access.Actor, se *Series, owner int64) error {
	if access.Check(actor, access.ApproveBooking, owner) == nil {
		return nil
	}
	return access.Check(actor, access.CancelBooking, se.OrganisationID)
}

// seriesAccess locks the series and checks that the actor may change it at all, before
// anything about its occurrences is told.
func seriesAccess(ctx context.Context, tx bun.IDB, actor access.Actor, seriesID int64,
	may func(access.Actor, *Series, int64) error) (*Series, error) {
	se, err := lockSeries(ctx, tx, seriesID)
	if err != nil {
		return nil, err
	}
	var owner int64
	err = tx.NewRaw(`SELECT v.owner_id FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE r.id = ?`, se.RoomID).Scan(ctx, &owner)
	if err != nil {
		return nil, fmt.Errorf("owner of series %d: %w", seriesID, err)
	}
	return se, may(actor, se, owner)
}

// changeSeries applies change to the occurrences of the series selected by where (with arg)
// that have not started, in one transaction, for an actor that may; none selected is errNone.
func (s *Service) changeSeries(ctx context.Context, actor access.Actor, seriesID int64,
	may func(access.Actor, *Series, int64) error, action string, errNone error,
	where string, arg any, change func(b *Booking, r *room, now time.Time) error) ([]Booking, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	var out []Booking
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		var err error
		out, err = s.changeSeriesTx(ctx, tx, actor, seriesID, may, action, errNone, where, arg, change)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("%s series %d: %w", action, seriesID, err)
	}
	return out, nil
}

// changeSeriesTx is changeSeries' work inside tx.
func (s *Service) changeSeriesTx(ctx context.Context, tx bun.IDB, actor access.Actor, seriesID int64,
	may func(access.Actor, *Series, int64) error, action string, errNone error,
	where string, arg any, change func(b *Booking, r *room, now time.Time) error) ([]Booking, error) {
	now := s.now()
	if _, err := seriesAccess(ctx, tx, actor, seriesID, may); err != nil {
		return nil, err
	}
	var ids []int64
	err := tx.NewRaw(`SELECT id FROM bookings WHERE series_id = ? AND starts_at > ? AND `+where+` ORDER BY starts_at`,
		seriesID, now, arg).Scan(ctx, &ids)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, errNone
	}
	var out []Booking
	for _, id := range ids {
		b, err := s.changeStatusTx(ctx, tx, actor, id, action, now, change)
		if err != nil {
			return nil, err
		}
		out = append(out, *b)
	}
	return out, s.publish(ctx, tx, actor, Change{Kind: changeOf(action), SeriesID: seriesID, BookingIDs: ids})
}

// CancelSeriesFromIn is CancelSeriesFrom inside the caller's transaction tx (see within.go).
func (s *Service) CancelSeriesFromIn(ctx context.Context, tx bun.IDB, actor access.Actor, seriesID int64, from time.Time, reason string) ([]Booking, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	return s.changeSeriesTx(ctx, tx, actor, seriesID, mayCancel, "booking.cancel", ErrNotActive,
		"status IN ('pending', 'confirmed') AND original_start >= ?", from.UTC(), s.cancel(actor, reason))
}

// pendingIDs are the ids of the bookings that wait for approval.
func pendingIDs(bs []Booking) []int64 {
	var ids []int64
	for i := range bs {
		if bs[i].Status == StatusPending {
			ids = append(ids, bs[i].ID)
		}
	}
	return ids
}
