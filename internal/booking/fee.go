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
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
)

// Fees. A room may have a tariff (a price list): per hour or per occasion, a price per kind
// of organisation (organisation.Kinds) in öre, and optionally free for the current
// signatories of the Compact. A room without one is free, and so is a room to its owner.
//
// The fee is computed by the database (the function booking_fee, migration
// 20261206140000_fees) and copied onto each booking by the statement that inserts it, in the
// booking's own transaction, whichever path books it (one-off, series occurrence, allocated
// series): amount, currency (SEK), the rate and unit it came from and the tariff's
// description. A later change of the tariff never changes a booking already made. Per hour
// an hour is an hour: a booking is charged for the time that passes between its start and
// its end, so two wall-clock hours across the night the clocks go back are three hours'
// fee, and across the night they go forward one hour's; rounded to whole öre, half away
// from zero. A moved booking keeps its rate: per hour the amount follows its new length.
// The quote shown before booking (Quote) reads the same function.

// ErrNoTariff: the room has no tariff (it is free).
var ErrNoTariff = fault.New(fault.NotFound, "tariff_not_found")

// FeeUnit is what a tariff's rate is charged for.
type FeeUnit string

// The units.
const (
	PerHour     FeeUnit = "hour"
	PerOccasion FeeUnit = "occasion"
)

// Currency is the currency of every fee.
const Currency = "SEK"

// MaxPriceOre bounds a tariff's rate (1 000 000 kr).
const MaxPriceOre = 100_000_000

// Tariff is a room's price list.
type Tariff struct {
	RoomID             int64
	Unit               FeeUnit
	FreeForSignatories bool
	Description        string
	// Prices maps every kind of organisation to its rate in öre.
	Prices    map[organisation.Kind]int64
	Revision  int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TariffInput is what the owner sends to set a room's tariff: the unit, a rate in öre for
// each kind of organisation, whether Compact signatories book for free, and a description
// copied onto each booking (e.g. "Hyra enligt taxa 2027").
type TariffInput struct {
	Unit               FeeUnit `json:"unit" form:"unit" validate:"required,oneof=hour occasion"`
	FreeForSignatories bool    `json:"free_for_signatories" form:"free_for_signatories"`
	Description        string  `json:"description" form:"description" validate:"max=500"`
	CityOre            *int64  `json:"city_ore" form:"city_ore" validate:"required,gte=0,lte=100000000"`
	AssociationOre     *int64  `json:"association_ore" form:"association_ore" validate:"required,gte=0,lte=100000000"`
	OtherOre           *int64  `json:"other_ore" form:"other_ore" validate:"required,gte=0,lte=100000000"`
}

func (in TariffInput) prices() map[organisation.Kind]int64 {
	return map[organisation.Kind]int64{organisation.KindCity: *in.CityOre,
		organisation.KindAssociation: *in.AssociationOre, organisation.KindOther: *in.OtherOre}
}

// FindTariff returns the room's tariff, or nil when it has none (the room is free). Tariffs
// are public. It returns field errors for an unknown room.
func (s *Service) FindTariff(ctx context.Context, roomID int64) (*Tariff, error) {
	t, err := findTariff(ctx, s.db, roomID)
	if err != nil {
		return nil, fmt.Errorf("find tariff of room %d: %w", roomID, err)
	}
	if t == nil {
		var exists bool
		if err := s.db.NewRaw(`SELECT EXISTS (SELECT FROM rooms WHERE id = ?)`, roomID).Scan(ctx, &exists); err != nil {
			return nil, err
		}
		if !exists {
			return nil, errRoomNotFound
		}
	}
	return t, nil
}

func findTariff(ctx context.Context, db bun.IDB, roomID int64) (*Tariff, error) {
	t := &Tariff{RoomID: roomID, Prices: map[organisation.Kind]int64{}}
	err := db.NewRaw(`SELECT unit, free_for_signatories, description, revision, created_at, updated_at
		FROM room_tariffs WHERE room_id = ?`, roomID).Scan(ctx, &t.Unit, &t.FreeForSignatories, &t.Description,
		&t.Revision, &t.CreatedAt, &t.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `SELECT org_kind, amount_ore FROM room_tariff_prices WHERE room_id = ?`, roomID)
	if err != nil {
		return nil, err
	}
	err = eachRow(rows, func() error {
		var k organisation.Kind
		var a int64
		if err := rows.Scan(&k, &a); err != nil {
			return err
		}
		t.Prices[k] = a
		return nil
	})
	return t, err
}

// tariffState is a tariff as audit state.
func tariffState(t *Tariff) map[string]any {
	if t == nil {
		return nil
	}
	return map[string]any{"unit": t.Unit, "free_for_signatories": t.FreeForSignatories,
		"description": t.Description, "prices_ore": t.Prices, "revision": t.Revision}
}

// SetTariff sets the room's tariff, for the owner's admins (access.UpdateRoom, the action
// that manages the room's settings). Each change increases the revision and is audited
// (tariff.update). Bookings already made keep their fee. It returns access errors and
// field errors.
func (s *Service) SetTariff(ctx context.Context, actor access.Actor, roomID int64, in TariffInput) (*Tariff, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	if err := s.validate.Struct(in); err != nil {
		return nil, validation.FieldErrors(err)
	}
	now := s.now()
	var out *Tariff
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		owner, _, err := lockRoomOwner(ctx, tx, roomID, access.UpdateRoom, actor)
		if err != nil {
			return err
		}
		before, err := findTariff(ctx, tx, roomID)
		if err != nil {
			return err
		}
		out = &Tariff{RoomID: roomID, Unit: in.Unit, FreeForSignatories: in.FreeForSignatories,
			Description: strings.TrimSpace(in.Description), Prices: in.prices(), Revision: 1, CreatedAt: now, UpdatedAt: now}
		if before != nil {
			out.Revision, out.CreatedAt = before.Revision+1, before.CreatedAt
		}
		_, err = tx.NewRaw(`INSERT INTO room_tariffs (room_id, unit, free_for_signatories, description, revision, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (room_id) DO UPDATE SET unit = EXCLUDED.unit, free_for_signatories = EXCLUDED.free_for_signatories,
				description = EXCLUDED.description, revision = EXCLUDED.revision, updated_at = EXCLUDED.updated_at`,
			roomID, out.Unit, out.FreeForSignatories, out.Description, out.Revision, out.CreatedAt, out.UpdatedAt).Exec(ctx)
		if err != nil {
			return fmt.Errorf("store tariff: %w", err)
		}
		for _, k := range organisation.Kinds {
			_, err := tx.NewRaw(`INSERT INTO room_tariff_prices (room_id, org_kind, amount_ore) VALUES (?, ?, ?)
				ON CONFLICT (room_id, org_kind) DO UPDATE SET amount_ore = EXCLUDED.amount_ore`, roomID, k, out.Prices[k]).Exec(ctx)
			if err != nil {
				return fmt.Errorf("store tariff price: %w", err)
			}
		}
		c := audit.Change{Action: "tariff.update", ObjectType: "room", ObjectID: roomID, OrganisationID: owner, After: tariffState(out)}
		if before != nil {
			c.Before = tariffState(before)
		}
		return audit.Record(ctx, tx, actor, now, c)
	})
	if err != nil {
		return nil, fmt.Errorf("set tariff of room %d: %w", roomID, err)
	}
	return out, nil
}

// RemoveTariff removes the room's tariff, making it free, for the owner's admins as
// SetTariff; audited (tariff.delete). Removing a tariff the room does not have changes
// nothing. Bookings already made keep their fee.
func (s *Service) RemoveTariff(ctx context.Context, actor access.Actor, roomID int64) error {
	if !actor.SignedIn() {
		return access.ErrUnauthenticated
	}
	now := s.now()
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		owner, _, err := lockRoomOwner(ctx, tx, roomID, access.UpdateRoom, actor)
		if err != nil {
			return err
		}
		before, err := findTariff(ctx, tx, roomID)
		if err != nil || before == nil {
			return err
		}
		if _, err := tx.NewRaw(`DELETE FROM room_tariffs WHERE room_id = ?`, roomID).Exec(ctx); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, now, audit.Change{Action: "tariff.delete", ObjectType: "room",
			ObjectID: roomID, OrganisationID: owner, Before: tariffState(before)})
	})
	if err != nil {
		return fmt.Errorf("remove tariff of room %d: %w", roomID, err)
	}
	return nil
}

// Fee is what an organisation pays for a booking, or would pay (Quote). Unit "" means no
// tariff applies: the booking is free.
type Fee struct {
	AmountOre   int64
	Currency    string
	Unit        FeeUnit
	RateOre     int64
	Description string
	// FreeReason says why the rate is 0 though the room has a tariff: "owner" (the room's
	// owner books its own room) or "signatory" (the tariff is free for Compact signatories).
	FreeReason string
}

// FeeOf returns the fee copied onto the booking.
func FeeOf(b *Booking) Fee {
	f := Fee{AmountOre: b.FeeOre, Currency: b.FeeCurrency, RateOre: b.FeeRateOre, Description: b.FeeDescription}
	if f.Currency == "" {
		f.Currency = Currency
	}
	if b.FeeUnit != nil {
		f.Unit = *b.FeeUnit
	}
	return f
}

// Quote returns what organisation org would pay for booking the room over [start, end) now:
// the same computation that a booking made now copies. A zero start and end quote the rate
// (AmountOre is then the rate for one occasion, or 0 per hour). Quotes are public, as
// tariffs are; it returns field errors for an unknown room or organisation.
func (s *Service) Quote(ctx context.Context, roomID, org int64, start, end time.Time) (Fee, error) {
	var (
		f                 Fee
		amount, rate      sql.NullInt64
		unit, desc, free  sql.NullString
		roomOK, orgExists bool
	)
	if end.Before(start) {
		end = start
	}
	err := s.db.NewRaw(`SELECT EXISTS (SELECT FROM rooms WHERE id = ?), EXISTS (SELECT FROM organisations WHERE id = ?), q.*
		FROM booking_fee(?, ?, ?, ?) q`, roomID, org, roomID, org, start, end).
		Scan(ctx, &roomOK, &orgExists, &amount, &rate, &unit, &desc, &free)
	switch {
	case err != nil:
		return f, fmt.Errorf("quote room %d: %w", roomID, err)
	case !roomOK:
		return f, errRoomNotFound
	case !orgExists:
		return f, errOrgNotFound
	}
	f = Fee{AmountOre: amount.Int64, Currency: Currency, Unit: FeeUnit(unit.String), RateOre: rate.Int64,
		Description: desc.String, FreeReason: free.String}
	return f, nil
}
