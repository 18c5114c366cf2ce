package booking

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// MaxInvoicingDays bounds an invoicing basis's period.
const MaxInvoicingDays = 400

// InvoicingFilter chooses an invoicing basis: the bookings that start on the local days
// From through To (dates; their clock and location are ignored) in the rooms of OwnerID's
// venues, or, with OwnerID 0, of every owner whose bookings the actor decides on.
type InvoicingFilter struct {
	From    time.Time
	To      time.Time
	OwnerID int64
}

// InvoiceLine is one booking of an invoicing basis with the fee copied onto it.
type InvoiceLine struct {
	BookingID int64
	RoomID    int64
	RoomName  string
	VenueName string
	OwnerID   int64
	Title     string
	StartsAt  time.Time
	EndsAt    time.Time
	Fee       Fee
}

// Duration is the booking's real length (an hour is an hour).
func (l InvoiceLine) Duration() time.Duration { return l.EndsAt.Sub(l.StartsAt) }

// InvoiceOrganisation is what one organisation is to be invoiced for.
type InvoiceOrganisation struct {
	OrganisationID int64
	Name           string
	OrgNumber      string
	Kind           string
	Lines          []InvoiceLine
	TotalOre       int64
	TotalDuration  time.Duration
}

// Invoicing is an invoicing basis: per organisation, in order of name, its bookings in
// order of start, and the totals.
type Invoicing struct {
	From, To      time.Time
	OwnerID       int64
	Organisations []InvoiceOrganisation
	TotalOre      int64
	TotalDuration time.Duration
}

// FindInvoicing returns the invoicing basis of the filter: every confirmed booking (not
// pending, rejected or cancelled) that a tariff applied to, made by an organisation other
// than the room's owner, with the fee copied onto it when it was made. It is for the
// owner's admins (access.ApproveBooking: those who decide on the rooms' bookings and so see
// every booking of them in full, private ones included, by access.BookingSight) and city
// administrators. It returns access errors and field errors (from, to).
func (s *Service) FindInvoicing(ctx context.Context, actor access.Actor, f InvoicingFilter) (*Invoicing, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	from, to := civil(f.From), civil(f.To)
	switch {
	case f.From.IsZero():
		return nil, fault.FieldErrors{{Field: "from", Code: "required"}}
	case f.To.IsZero():
		return nil, fault.FieldErrors{{Field: "to", Code: "required"}}
	case to.Before(from):
		return nil, fault.FieldErrors{{Field: "to", Code: CodeLastBeforeFirst}}
	case to.Sub(from) > MaxInvoicingDays*24*time.Hour:
		return nil, fault.FieldErrors{{Field: "to", Code: "max_days", Param: fmt.Sprint(MaxInvoicingDays)}}
	}
	var owners []int64
	if f.OwnerID != 0 {
		if err := access.Check(actor, access.ApproveBooking, f.OwnerID); err != nil {
			return nil, err
		}
		owners = []int64{f.OwnerID}
	} else if all, orgs := access.Scope(actor, access.ApproveBooking); !all {
		if len(orgs) == 0 {
			return nil, access.ErrForbidden
		}
		owners = orgs
	}
	start := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, s.loc)
	end := time.Date(to.Year(), to.Month(), to.Day()+1, 0, 0, 0, 0, s.loc)
	q := `SELECT b.id, b.organisation_id, o.name, coalesce(o.org_number, ''), o.kind, b.room_id, r.name, v.name,
			v.owner_id, b.public, b.title, b.starts_at, b.ends_at, b.fee_ore, b.fee_currency, b.fee_unit, b.fee_rate_ore, b.fee_description
		FROM bookings b JOIN rooms r ON r.id = b.room_id JOIN venues v ON v.id = r.venue_id
			JOIN organisations o ON o.id = b.organisation_id
		WHERE b.status = 'confirmed' AND b.fee_unit IS NOT NULL AND b.organisation_id <> v.owner_id
			AND b.span && tstzrange(?, ?) AND b.starts_at >= ? AND b.starts_at < ?`
	args := []any{start, end, start, end}
	if owners != nil {
		q += ` AND b.room_id = ANY(ARRAY(SELECT r2.id FROM rooms r2 JOIN venues v2 ON v2.id = r2.venue_id WHERE v2.owner_id = ANY(?)))`
		args = append(args, pgdialect.Array(owners))
	}
	q += ` ORDER BY o.name, o.id, b.starts_at, b.id`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("find invoicing: %w", err)
	}
	out := &Invoicing{From: from, To: to, OwnerID: f.OwnerID}
	err = eachRow(rows, func() error {
		var (
			l        InvoiceLine
			org      InvoiceOrganisation
			public   bool
			unit     sql.NullString
			currency string
		)
		if err := rows.Scan(&l.BookingID, &org.OrganisationID, &org.Name, &org.OrgNumber, &org.Kind, &l.RoomID, &l.RoomName,
			&l.VenueName, &l.OwnerID, &public, &l.Title, &l.StartsAt, &l.EndsAt, &l.Fee.AmountOre, &currency, &unit,
			&l.Fee.RateOre, &l.Fee.Description); err != nil {
			return err
		}
		// The scope above lets only those who see these bookings in full read them; the
		// policy is asked all the same, so that the basis can never say more than it allows.
		if access.BookingSight(actor, access.BookingFacts{Organisation: org.OrganisationID, RoomOwner: l.OwnerID, Public: public}) != access.SeeAll {
			return nil
		}
		l.Fee.Currency, l.Fee.Unit = currency, FeeUnit(unit.String)
		n := len(out.Organisations)
		if n == 0 || out.Organisations[n-1].OrganisationID != org.OrganisationID {
			out.Organisations = append(out.Organisations, org)
			n++
		}
		o := &out.Organisations[n-1]
		o.Lines = append(o.Lines, l)
		o.TotalOre += l.Fee.AmountOre
		o.TotalDuration += l.Duration()
		out.TotalOre += l.Fee.AmountOre
		out.TotalDuration += l.Duration()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find invoicing: %w", err)
	}
	return out, nil
}

// InvoicingColumns is how many columns InvoicingTable has.
const InvoicingColumns = 14

// InvoicingTable is the invoicing basis as one export table with the header given (of
// InvoicingColumns names): a row per booking (organisation, organisation number, local date,
// start and end, venue, room, title, hours, fee in kronor, unit, rate in kronor, the
// tariff's description, booking id), a row per organisation with its totals and a last row
// with the totals, both named by total.
func InvoicingTable(inv *Invoicing, loc *time.Location, header []string, total string) export.Table {
	t := export.Table{Title: "invoicing", Header: header}
	hours := func(d time.Duration) float64 { return float64(d/time.Second) / 3600 }
	kronor := func(ore int64) float64 { return float64(ore) / 100 }
	for _, o := range inv.Organisations {
		for _, l := range o.Lines {
			s, e := l.StartsAt.In(loc), l.EndsAt.In(loc)
			t.Rows = append(t.Rows, []any{o.Name, o.OrgNumber, export.Date(s.Format(time.DateOnly)), s.Format("15:04"), e.Format("15:04"),
				l.VenueName, l.RoomName, l.Title, hours(l.Duration()), kronor(l.Fee.AmountOre), string(l.Fee.Unit),
				kronor(l.Fee.RateOre), l.Fee.Description, l.BookingID})
		}
		t.Rows = append(t.Rows, []any{o.Name, o.OrgNumber, nil, nil, nil, nil, nil, total, hours(o.TotalDuration), kronor(o.TotalOre)})
	}
	t.Rows = append(t.Rows, []any{total, nil, nil, nil, nil, nil, nil, nil, hours(inv.TotalDuration), kronor(inv.TotalOre)})
	return t
}
