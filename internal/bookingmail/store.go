package bookingmail

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// bookingRow is a booking with what a message says about it.
type bookingRow struct {
	ID               int64          `bun:"id"`
	Title            string         `bun:"title"`
	Purpose          string         `bun:"purpose"`
	Attendees        int            `bun:"attendees"`
	StartsAt         time.Time      `bun:"starts_at"`
	EndsAt           time.Time      `bun:"ends_at"`
	Status           booking.Status `bun:"status"`
	StatusReason     string         `bun:"status_reason"`
	CreatedBy        *int64         `bun:"created_by"`
	OrganisationID   int64          `bun:"organisation_id"`
	OrganisationName string         `bun:"organisation_name"`
	RoomName         string         `bun:"room_name"`
	VenueName        string         `bun:"venue_name"`
	StreetAddress    string         `bun:"street_address"`
	PostalCode       string         `bun:"postal_code"`
	Town             string         `bun:"town"`
	OwnerID          int64          `bun:"owner_id"`
	OwnerName        string         `bun:"owner_name"`
}

// loadBookings reads the bookings ids, in order of start.
func loadBookings(ctx context.Context, tx bun.IDB, ids []int64) ([]bookingRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []bookingRow
	err := tx.NewRaw(`SELECT b.id, b.title, b.purpose, b.attendees, b.starts_at, b.ends_at, b.status, b.status_reason,
			b.created_by, b.organisation_id, o.name AS organisation_name, r.name AS room_name, v.name AS venue_name,
			v.street_address, v.postal_code, v.town, v.owner_id, ow.name AS owner_name
		FROM bookings b JOIN rooms r ON r.id = b.room_id JOIN venues v ON v.id = r.venue_id
		JOIN organisations o ON o.id = b.organisation_id JOIN organisations ow ON ow.id = v.owner_id
		WHERE b.id IN (?) ORDER BY b.starts_at, b.id`, bun.List(ids)).Scan(ctx, &rows)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read bookings to tell: %w", err)
	}
	return rows, nil
}

// person is someone to tell.
type person struct {
	ID    int64  `bun:"id"`
	Email string `bun:"email"`
	Name  string `bun:"name"`
	Lang  string `bun:"lang"`
}

func (p person) lang() i18n.Lang {
	if l, ok := i18n.FromTag(p.Lang); ok {
		return l
	}
	return i18n.Default
}

// approvers are who decide on requests for the owner's rooms: its admins, and for a city
// organisation's rooms the city administrators too.
func approvers(ctx context.Context, tx bun.IDB, owner int64) ([]person, error) {
	var ps []person
	err := tx.NewRaw(`SELECT u.id, u.email, u.name, u.lang FROM users u
		WHERE u.id IN (SELECT m.user_id FROM memberships m WHERE m.organisation_id = ? AND m.role = 'admin')
			OR (u.city_admin AND (SELECT o.kind FROM organisations o WHERE o.id = ?) = 'city')
		ORDER BY u.id`, owner, owner).Scan(ctx, &ps)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read approvers: %w", err)
	}
	return ps, nil
}

// orgCopies are the organisation's admins who want the decisions on its bookings.
func orgCopies(ctx context.Context, tx bun.IDB, org int64) ([]person, error) {
	var ps []person
	err := tx.NewRaw(`SELECT u.id, u.email, u.name, u.lang FROM users u JOIN memberships m ON m.user_id = u.id
		WHERE m.organisation_id = ? AND m.role = 'admin' AND u.mail_org_bookings ORDER BY u.id`, org).Scan(ctx, &ps)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read admins to copy: %w", err)
	}
	return ps, nil
}

// findPerson reads one person, nil when the account is gone.
func findPerson(ctx context.Context, tx bun.IDB, id int64) (*person, error) {
	var ps []person
	err := tx.NewRaw(`SELECT id, email, name, lang FROM users WHERE id = ?`, id).Scan(ctx, &ps)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read person %d: %w", id, err)
	}
	if len(ps) == 0 {
		return nil, nil
	}
	return &ps[0], nil
}
