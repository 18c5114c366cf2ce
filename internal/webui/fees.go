package webui

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// Fees on the pages: the tariff form of the room settings page, the price shown on the room
// page and the booking form, and the invoicing basis (invoicing.go).

// tariffSpec names the tariff form's fields in page order; the service's prices in öre are
// the form's in kronor.
var tariffSpec = formSpec{
	order:  []string{"unit", "city_price", "association_price", "other_price", "free_for_signatories", "description"},
	groups: map[string]string{"free_for_signatories": "yes"},
	rename: func(s string) string {
		if base, ok := strings.CutSuffix(s, "_ore"); ok {
			return base + "_price"
		}
		return s
	},
}

// tariffUnits are the answers of the tariff form's unit: none makes the room free.
var tariffUnits = []string{"none", string(booking.PerHour), string(booking.PerOccasion)}

// tariffValues fills the tariff form from the stored tariff (nil: free).
func tariffValues(lang i18n.Lang, t *booking.Tariff) url.Values {
	if t == nil {
		return url.Values{"unit": {"none"}}
	}
	v := url.Values{"unit": {string(t.Unit)}, "description": {t.Description},
		"city_price":        {kronorText(lang, t.Prices[organisation.KindCity])},
		"association_price": {kronorText(lang, t.Prices[organisation.KindAssociation])},
		"other_price":       {kronorText(lang, t.Prices[organisation.KindOther])}}
	if t.FreeForSignatories {
		v.Set("free_for_signatories", "yes")
	}
	return v
}

// kronorText writes öre as kronor: whole kronor without decimals, else two, with a decimal
// comma in Swedish.
func kronorText(lang i18n.Lang, ore int64) string {
	s := strconv.FormatInt(ore/100, 10)
	if ore%100 != 0 {
		s = fmt.Sprintf("%d.%02d", ore/100, ore%100)
	}
	if lang != i18n.EN {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// money writes an amount in öre with its currency, in the visitor's language.
func money(lang i18n.Lang, ore int64) string {
	return i18n.T(lang, "ui.fee.amount", kronorText(lang, ore))
}

// parseKronor reads an amount in kronor ("150", "150,50", "1 500") as öre; ok is false for
// anything else, empty included.
func parseKronor(s string) (ore int64, ok bool) {
	f, ok := parseFloat(s)
	if !ok || f == nil || *f < 0 || *f > booking.MaxPriceOre/100 {
		return 0, false
	}
	r := math.Round(*f * 100)
	if math.Abs(r-*f*100) > 1e-6 {
		return 0, false // finer than an öre
	}
	return int64(r), true
}

// saveTariff stores the tariff form (unit none removes the tariff) and returns to the
// settings page.
func (p *Pages) saveTariff(c *gin.Context) {
	r, ok := p.roomToManage(c)
	if !ok {
		return
	}
	values := postedValues(c)
	ctx, actor := c.Request.Context(), p.actor(c)
	var errs fault.FieldErrors
	if values.Get("unit") == "none" {
		if err := p.bookings.RemoveTariff(ctx, actor, r.ID); err != nil {
			p.fail(c, err)
			return
		}
	} else {
		in := booking.TariffInput{Unit: booking.FeeUnit(values.Get("unit")), FreeForSignatories: values.Get("free_for_signatories") == "yes",
			Description: values.Get("description")}
		for _, k := range []struct {
			name string
			dst  **int64
		}{{"city_price", &in.CityOre}, {"association_price", &in.AssociationOre}, {"other_price", &in.OtherOre}} {
			ore, ok := parseKronor(values.Get(k.name))
			if !ok {
				errs = append(errs, fault.FieldError{Field: k.name, Code: "price"})
				continue
			}
			*k.dst = &ore
		}
		if len(errs) > 0 {
			errs = merge(p.validate, in, errs, tariffSpec.rename)
		} else {
			_, err := p.bookings.SetTariff(ctx, actor, r.ID, in)
			if errs = fault.Fields(err); err != nil && errs == nil {
				p.fail(c, err)
				return
			}
		}
	}
	if len(errs) > 0 {
		for i := range errs {
			errs[i].Field = tariffSpec.rename(fieldName(errs[i].Field))
		}
		f := newForm(values)
		f.addErrors(p.lang(c), tariffSpec, errs)
		p.showSettings(c, http.StatusUnprocessableEntity, r, settingsForms{tariff: f})
		return
	}
	c.Redirect(http.StatusSeeOther, settingsURL(r.ID, "taxa")+"#tariff-title")
}

// priceView is a room's price list as the room page and the booking form show it.
type priceView struct {
	// Free: the room has no tariff.
	Free bool
	// Unit is "per hour" or "per occasion"; Kinds the rate of each kind of organisation.
	Unit            string
	Kinds           []kindPrice
	SignatoriesFree bool
	Description     string
	// Yours is the price of each organisation the visitor may book for (at most
	// maxPriceOrgs of them, or the one chosen on the booking form).
	Yours []orgPrice
	// Estimate is the fee of the time chosen on the booking form for the organisation
	// chosen, "" when either is not chosen.
	Estimate string
}

type kindPrice struct{ Kind, Price string }

type orgPrice struct{ Organisation, Price string }

// maxPriceOrgs is how many of the visitor's organisations the price list names one by one.
const maxPriceOrgs = 6

// priceView builds the room's price list for the visitor: orgs are those they may book for,
// chosen the one chosen on the booking form (0: none) and start, end its time (zero: none).
func (p *Pages) priceView(ctx context.Context, lang i18n.Lang, r *venue.Room, orgs []organisation.Organisation, chosen int64, start, end time.Time) (*priceView, error) {
	t, err := p.bookings.FindTariff(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return &priceView{Free: true}, nil
	}
	unit := i18n.T(lang, "ui.fee.unit."+string(t.Unit))
	v := &priceView{Unit: unit, SignatoriesFree: t.FreeForSignatories, Description: t.Description}
	for _, k := range organisation.Kinds {
		v.Kinds = append(v.Kinds, kindPrice{Kind: capitalise(i18n.T(lang, "ui.fee.kind."+string(k))), Price: priceText(lang, t.Prices[k], unit)})
	}
	for _, o := range orgs {
		if len(orgs) > maxPriceOrgs && o.ID != chosen {
			continue
		}
		q, err := p.bookings.Quote(ctx, r.ID, o.ID, time.Time{}, time.Time{})
		if err != nil {
			return nil, err
		}
		price := priceText(lang, q.RateOre, unit)
		if q.FreeReason != "" {
			price = i18n.T(lang, "ui.fee.free_"+q.FreeReason)
		}
		v.Yours = append(v.Yours, orgPrice{Organisation: o.Name, Price: price})
		if o.ID == chosen && !start.IsZero() && end.After(start) {
			if q, err = p.bookings.Quote(ctx, r.ID, o.ID, start, end); err != nil {
				return nil, err
			}
			v.Estimate = i18n.T(lang, "ui.fee.estimate", o.Name, money(lang, q.AmountOre))
		}
	}
	return v, nil
}

// priceText is a rate with its unit, or "free" for 0.
func priceText(lang i18n.Lang, ore int64, unit string) string {
	if ore == 0 {
		return i18n.T(lang, "ui.fee.free")
	}
	return money(lang, ore) + " " + unit
}

// feeText is the fee copied onto a booking as the booking's page shows it.
func feeText(lang i18n.Lang, f booking.Fee) string {
	if f.Unit == "" {
		return i18n.T(lang, "ui.fee.free")
	}
	s := money(lang, f.AmountOre)
	if f.RateOre > 0 {
		s += " (" + priceText(lang, f.RateOre, i18n.T(lang, "ui.fee.unit."+string(f.Unit))) + ")"
	}
	return s
}
