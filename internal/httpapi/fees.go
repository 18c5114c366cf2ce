package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/export"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// Fees: a room's tariff, the quote before booking and the invoicing basis. The service
// decides who may do what; this file only converts.

// tariffJSON is a room's tariff in the units of booking.TariffInput, so that a client may
// PUT back what it fetched.
type tariffJSON struct {
	RoomID             int64  `json:"room_id"`
	Unit               string `json:"unit"`
	FreeForSignatories bool   `json:"free_for_signatories"`
	Description        string `json:"description"`
	CityOre            int64  `json:"city_ore"`
	AssociationOre     int64  `json:"association_ore"`
	OtherOre           int64  `json:"other_ore"`
	Currency           string `json:"currency"`
	Revision           int    `json:"revision"`
}

var tariffReadOnly = []string{"room_id", "currency", "revision"}

func toTariffJSON(t *booking.Tariff) tariffJSON {
	return tariffJSON{RoomID: t.RoomID, Unit: string(t.Unit), FreeForSignatories: t.FreeForSignatories,
		Description: t.Description, CityOre: t.Prices[organisation.KindCity],
		AssociationOre: t.Prices[organisation.KindAssociation], OtherOre: t.Prices[organisation.KindOther],
		Currency: booking.Currency, Revision: t.Revision}
}

// feeJSON is a fee: copied onto a booking, or quoted. Unit is absent when no tariff
// applies (free).
type feeJSON struct {
	AmountOre   int64  `json:"amount_ore"`
	Currency    string `json:"currency"`
	Unit        string `json:"unit,omitempty"`
	RateOre     int64  `json:"rate_ore"`
	Description string `json:"description"`
	FreeReason  string `json:"free_reason,omitempty"`
}

func toFeeJSON(f booking.Fee) *feeJSON {
	return &feeJSON{AmountOre: f.AmountOre, Currency: f.Currency, Unit: string(f.Unit), RateOre: f.RateOre,
		Description: f.Description, FreeReason: f.FreeReason}
}

func (h *Handler) getTariff(c *gin.Context) {
	id, err := pathID(c, "id", venue.ErrRoomNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	t, err := h.Bookings.FindTariff(c.Request.Context(), id)
	switch {
	case err != nil:
		c.Error(inPath(err, "room_id", venue.ErrRoomNotFound))
	case t == nil:
		c.Error(booking.ErrNoTariff)
	default:
		c.JSON(http.StatusOK, toTariffJSON(t))
	}
}

// setTariff answers PUT /rooms/{id}/tariff.
func (h *Handler) setTariff() gin.HandlerFunc {
	return replace(venue.ErrRoomNotFound, tariffReadOnly, func(ctx context.Context, actor access.Actor, id int64, in booking.TariffInput) (*booking.Tariff, error) {
		t, err := h.Bookings.SetTariff(ctx, actor, id, in)
		return t, inPath(err, "room_id", venue.ErrRoomNotFound)
	}, toTariffJSON)
}

// removeTariff answers DELETE /rooms/{id}/tariff.
func (h *Handler) removeTariff(ctx context.Context, actor access.Actor, id int64) error {
	return inPath(h.Bookings.RemoveTariff(ctx, actor, id), "room_id", venue.ErrRoomNotFound)
}

// quote answers GET /rooms/{id}/quote?organisation_id=&starts_at=&ends_at=: what the
// organisation would pay for booking the room now (the times optional: without them the
// rate).
func (h *Handler) quote(c *gin.Context) {
	id, err := pathID(c, "id", venue.ErrRoomNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	var fe fault.FieldErrors
	org, err := strconv.ParseInt(c.Query("organisation_id"), 10, 64)
	if err != nil || org <= 0 {
		fe = append(fe, fault.FieldError{Field: "organisation_id", Code: "required"})
	}
	var start, end time.Time
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"starts_at", &start}, {"ends_at", &end}} {
		if v := c.Query(p.name); v != "" {
			if *p.dst, err = time.Parse(time.RFC3339, v); err != nil {
				fe = append(fe, fault.FieldError{Field: p.name, Code: "malformed"})
			}
		}
	}
	if start.IsZero() != end.IsZero() {
		fe = append(fe, fault.FieldError{Field: "ends_at", Code: "required"})
	} else if end.Before(start) {
		fe = append(fe, fault.FieldError{Field: "ends_at", Code: "gtfield", Param: "starts_at"})
	}
	if len(fe) > 0 {
		c.Error(fe)
		return
	}
	f, err := h.Bookings.Quote(c.Request.Context(), id, org, start, end)
	if err != nil {
		c.Error(inPath(err, "room_id", venue.ErrRoomNotFound))
		return
	}
	c.JSON(http.StatusOK, toFeeJSON(f))
}

// invoicingJSON is an invoicing basis.
type invoicingJSON struct {
	From          string                    `json:"from"`
	To            string                    `json:"to"`
	OwnerID       *int64                    `json:"owner_id,omitempty"`
	Currency      string                    `json:"currency"`
	TotalOre      int64                     `json:"total_ore"`
	TotalHours    float64                   `json:"total_hours"`
	Organisations []invoiceOrganisationJSON `json:"organisations"`
}

type invoiceOrganisationJSON struct {
	OrganisationID int64             `json:"organisation_id"`
	Name           string            `json:"name"`
	OrgNumber      string            `json:"org_number"`
	Kind           string            `json:"kind"`
	TotalOre       int64             `json:"total_ore"`
	TotalHours     float64           `json:"total_hours"`
	Bookings       []invoiceLineJSON `json:"bookings"`
}

type invoiceLineJSON struct {
	BookingID int64     `json:"booking_id"`
	RoomID    int64     `json:"room_id"`
	Room      string    `json:"room"`
	Venue     string    `json:"venue"`
	Title     string    `json:"title"`
	StartsAt  time.Time `json:"starts_at"`
	EndsAt    time.Time `json:"ends_at"`
	Hours     float64   `json:"hours"`
	Fee       *feeJSON  `json:"fee"`
}

func hours(d time.Duration) float64 { return float64(d/time.Second) / 3600 }

func toInvoicingJSON(in *booking.Invoicing) invoicingJSON {
	out := invoicingJSON{From: in.From.Format(time.DateOnly), To: in.To.Format(time.DateOnly), Currency: booking.Currency,
		TotalOre: in.TotalOre, TotalHours: hours(in.TotalDuration), Organisations: []invoiceOrganisationJSON{}}
	if in.OwnerID != 0 {
		id := in.OwnerID
		out.OwnerID = &id
	}
	for _, o := range in.Organisations {
		oj := invoiceOrganisationJSON{OrganisationID: o.OrganisationID, Name: o.Name, OrgNumber: o.OrgNumber, Kind: o.Kind,
			TotalOre: o.TotalOre, TotalHours: hours(o.TotalDuration)}
		for _, l := range o.Lines {
			oj.Bookings = append(oj.Bookings, invoiceLineJSON{BookingID: l.BookingID, RoomID: l.RoomID, Room: l.RoomName,
				Venue: l.VenueName, Title: l.Title, StartsAt: utc(l.StartsAt), EndsAt: utc(l.EndsAt),
				Hours: hours(l.Duration()), Fee: toFeeJSON(l.Fee)})
		}
		out.Organisations = append(out.Organisations, oj)
	}
	return out
}

// invoicingFilter reads from, to (YYYY-MM-DD) and owner_id.
func invoicingFilter(c *gin.Context) (booking.InvoicingFilter, error) {
	var f booking.InvoicingFilter
	var fe fault.FieldErrors
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"from", &f.From}, {"to", &f.To}} {
		v := c.Query(p.name)
		if v == "" {
			fe = append(fe, fault.FieldError{Field: p.name, Code: "required"})
			continue
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			fe = append(fe, fault.FieldError{Field: p.name, Code: "malformed"})
		}
		*p.dst = t
	}
	if v := c.Query("owner_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			fe = append(fe, fault.FieldError{Field: "owner_id", Code: "malformed"})
		}
		f.OwnerID = id
	}
	if len(fe) > 0 {
		return f, fe
	}
	return f, nil
}

// invoicing answers GET /reports/invoicing as JSON, or with format as a download.
func (h *Handler) invoicing(format export.Format) gin.HandlerFunc {
	return func(c *gin.Context) {
		f, err := invoicingFilter(c)
		if err != nil {
			c.Error(err)
			return
		}
		inv, err := h.Bookings.FindInvoicing(c.Request.Context(), Actor(c), f)
		if err != nil {
			c.Error(err)
			return
		}
		if format == "" {
			c.JSON(http.StatusOK, toInvoicingJSON(inv))
			return
		}
		// The status is sent; a write error means the client went away, and there is no one to tell.
		_ = export.Send(c.Writer, fmt.Sprintf("fakturaunderlag-%s-%s", inv.From.Format(time.DateOnly), inv.To.Format(time.DateOnly)),
			format, booking.InvoicingTable(inv, h.Bookings.Location(), invoicingHeader, "total"))
	}
}

// invoicingHeader names the columns of the API's downloads.
var invoicingHeader = []string{"organisation", "org_number", "date", "starts", "ends", "venue", "room", "title", "hours", "fee_sek", "unit", "rate_sek", "description", "booking_id"}
