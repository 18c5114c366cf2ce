package webui

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// roomSettingsPage is the owner's booking settings of a room: the rules, the opening hours,
// the closed days and the partner organisations, each a form of its own that posts on its
// own; the form that came back with errors keeps what the visitor typed.
type roomSettingsPage struct {
	Room     *venue.Room
	Notice   string
	Rules    *form
	Hours    *form
	Days     []dayHours
	Closure  *form
	Closures []closureView
	// Partners are those the premises-sharing agreements let book the room today; the
	// agreements are kept by the city, not on this page.
	Partners []agreement.RoomPartner
	// Who and Scope are the select fields of the rules and closure forms.
	Who, Scope field
	// Share is the owner's choice of partners (room_partners.go); nil for those who may not.
	Share *shareView
	// Tariff is the room's price list (fees.go); Unit its select of the unit.
	Tariff *form
	Unit   field
}

// settingsForms are the forms of the settings page in the state to show; nil ones are
// filled from what is stored.
type settingsForms struct {
	rules, hours, closure, share, tariff *form
}

// dayHours is one weekday of the opening hours form: its open periods, each an opening and
// a closing time field.
type dayHours struct {
	Label   string
	Periods [][2]field
	Closed  bool // no period has a time
}

// closureView is a closure as the settings page and the room page list it.
type closureView struct {
	ID     int64
	Days   string
	Reason string
	Venue  bool
}

// periodsPerDay is how many open periods of each weekday the form offers (more when more
// are stored, up to i18n.MaxPeriodLabels).
const periodsPerDay = 2

// roomSettings shows the settings page to the owner's admins and city administrators.
func (p *Pages) roomSettings(c *gin.Context) {
	r, ok := p.roomToManage(c)
	if !ok {
		return
	}
	p.showSettings(c, http.StatusOK, r, settingsForms{})
}

// roomToManage loads the room of the path for a visitor who may change its settings.
func (p *Pages) roomToManage(c *gin.Context) (*venue.Room, bool) {
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
		return nil, false
	}
	r, err := p.venues.FindRoomByID(c.Request.Context(), id)
	if err == nil && r.Venue == nil {
		err = fmt.Errorf("room %d without its venue", id)
	}
	if err == nil {
		err = access.Check(p.actor(c), access.UpdateRoom, r.Venue.OwnerID)
	}
	if err != nil {
		p.fail(c, err)
		return nil, false
	}
	return r, true
}

// showSettings renders the settings page with status and the forms given.
func (p *Pages) showSettings(c *gin.Context, status int, r *venue.Room, f settingsForms) {
	ctx, lang := c.Request.Context(), p.lang(c)
	rr, err := p.bookings.FindRules(ctx, r.ID)
	if err != nil {
		p.fail(c, err)
		return
	}
	if f.rules == nil {
		f.rules = newForm(rulesValues(lang, &rr.Rules))
	}
	if f.hours == nil {
		f.hours = newForm(hoursValues(rr.Hours))
	}
	if f.closure == nil {
		f.closure = newForm(url.Values{"scope": {"room"}})
	}
	page := roomSettingsPage{Room: r, Notice: p.notice(c), Rules: f.rules, Hours: f.hours, Days: hoursForm(lang, f.hours),
		Closure: f.closure, Closures: closureViews(rr.Closures)}
	if page.Partners, err = p.bookings.FindPartners(ctx, r.ID); err != nil {
		p.fail(c, err)
		return
	}
	if page.Share, err = p.shareView(c, r, f.share); err != nil {
		p.fail(c, err)
		return
	}
	if f.tariff == nil {
		t, err := p.bookings.FindTariff(ctx, r.ID)
		if err != nil {
			p.fail(c, err)
			return
		}
		f.tariff = newForm(tariffValues(lang, t))
	}
	page.Tariff = f.tariff
	page.Unit = selectField(lang, f.tariff, "unit", "ui.fee.unit_choice.", tariffUnits, "", "required")
	page.Who = selectField(lang, f.rules, "who_may_book", "ui.settings.who.", whoValues, "", "required", "hint:ui.settings.who_hint")
	page.Scope = selectField(lang, f.closure, "scope", "ui.settings.scope.", []string{"room", "venue"}, r.Venue.Name, "required")
	p.render(c, status, "room_settings", "venues", page)
}

// whoValues are the answers to who may book, in the order the form offers them.
var whoValues = []string{string(booking.WhoAny), string(booking.WhoCompact), string(booking.WhoPartners), string(booking.WhoOwner)}

// selectField builds a select of values labelled by the texts prefix+value (with arg, when
// given, put into them).
func selectField(lang i18n.Lang, f *form, name, prefix string, values []string, arg string, opts ...string) field {
	fl := newField(lang, f, name, opts)
	for _, v := range values {
		label := i18n.T(lang, prefix+v)
		if arg != "" && strings.Contains(label, "%s") {
			label = i18n.T(lang, prefix+v, arg)
		}
		fl.Options = append(fl.Options, option{Value: v, Label: label, Checked: fl.Value == v})
	}
	return fl
}

// rulesValues fills the rules form from stored rules; durations in hours, the horizon in days.
func rulesValues(lang i18n.Lang, r *booking.Rules) url.Values {
	v := url.Values{
		"who_may_book":        {string(r.WhoMayBook)},
		"min_notice_hours":    {hoursText(lang, r.MinNotice)},
		"horizon_days":        {strconv.Itoa(r.Horizon.WholeDays())},
		"max_duration_hours":  {"0"},
		"cancel_before_hours": {hoursText(lang, r.CancelBefore)},
		"terms":               {r.Terms},
	}
	if r.MaxDuration != nil {
		v.Set("max_duration_hours", hoursText(lang, *r.MaxDuration))
	}
	if r.NeedsApproval {
		v.Set("needs_approval", "yes")
	}
	if r.HolidaysClosed {
		v.Set("holidays_closed", "yes")
	}
	return v
}

// hoursText writes an interval in hours, with a decimal comma in Swedish ("1,5").
func hoursText(lang i18n.Lang, i booking.Interval) string {
	s := strconv.FormatFloat(float64(i.Minutes())/60, 'f', -1, 64)
	if lang != i18n.EN {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// hoursValues fills the opening hours form: the n-th period of weekday wd in opens_wd_n and
// closes_wd_n.
func hoursValues(hours []booking.OpeningHours) url.Values {
	v := url.Values{}
	count := map[int]int{}
	for _, h := range hours {
		count[h.Weekday]++
		n := count[h.Weekday]
		v.Set(periodField("opens", h.Weekday, n), clock(h.Opens))
		v.Set(periodField("closes", h.Weekday, n), clock(h.Closes))
	}
	return v
}

func periodField(kind string, weekday, n int) string {
	return fmt.Sprintf("%s_%d_%d", kind, weekday, n)
}

// periods is how many periods of weekday the form holds: periodsPerDay, or as many as f
// has values for.
func periods(f *form, weekday int) int {
	n := periodsPerDay
	for n < i18n.MaxPeriodLabels && (f.Value(periodField("opens", weekday, n+1)) != "" || f.Value(periodField("closes", weekday, n+1)) != "") {
		n++
	}
	return n
}

// hoursForm lays the opening hours form out by weekday.
func hoursForm(lang i18n.Lang, f *form) []dayHours {
	days := make([]dayHours, 0, 7)
	for wd := 1; wd <= 7; wd++ {
		d := dayHours{Label: capitalise(i18n.T(lang, fmt.Sprintf("ui.weekday.%d", wd))), Closed: true}
		for n := 1; n <= periods(f, wd); n++ {
			opens := newField(lang, f, periodField("opens", wd, n), []string{"quiet", "auto:off", "width:short"})
			closes := newField(lang, f, periodField("closes", wd, n), []string{"quiet", "auto:off", "width:short"})
			d.Periods = append(d.Periods, [2]field{opens, closes})
			d.Closed = d.Closed && opens.Value == "" && closes.Value == ""
		}
		days = append(days, d)
	}
	return days
}

// closureViews lists closures by their days.
func closureViews(cs []booking.Closure) []closureView {
	out := make([]closureView, 0, len(cs))
	for _, c := range cs {
		days := c.FirstDay.Format(time.DateOnly)
		if !c.LastDay.Equal(c.FirstDay) {
			days += " – " + c.LastDay.Format(time.DateOnly)
		}
		out = append(out, closureView{ID: c.ID, Days: days, Reason: c.Reason, Venue: c.VenueID != nil})
	}
	return out
}

// settingsURL is the settings page of a room, with the notice of what was done.
func settingsURL(roomID int64, notice string) string {
	return fmt.Sprintf("/rum/%d/installningar?klart=%s", roomID, notice)
}

// publicRules is what the room page shows everyone of the owner's rules.
type publicRules struct {
	Who            string
	NeedsApproval  bool
	HolidaysClosed bool
	// Hours are the opening hours by weekday ("måndag 08:00–12:00, 13:00–22:00"); none
	// means open around the clock.
	Hours    []string
	Closures []closureView
	Terms    string
}

func (p *Pages) publicRules(ctx context.Context, lang i18n.Lang, roomID int64) (*publicRules, error) {
	rr, err := p.bookings.FindRules(ctx, roomID)
	if err != nil {
		return nil, err
	}
	out := &publicRules{Who: i18n.T(lang, "ui.settings.who."+string(rr.Rules.WhoMayBook)), NeedsApproval: rr.Rules.NeedsApproval,
		HolidaysClosed: rr.Rules.HolidaysClosed, Closures: closureViews(rr.Closures), Terms: rr.Rules.Terms}
	for wd := 1; wd <= 7; wd++ {
		var spans []string
		for _, h := range rr.Hours {
			if h.Weekday == wd {
				spans = append(spans, clock(h.Opens)+"–"+clock(h.Closes))
			}
		}
		if len(spans) == 0 {
			spans = []string{i18n.T(lang, "ui.settings.day_closed")}
		}
		if len(rr.Hours) > 0 {
			out.Hours = append(out.Hours, capitalise(i18n.T(lang, fmt.Sprintf("ui.weekday.%d", wd)))+" "+strings.Join(spans, ", "))
		}
	}
	return out, nil
}
