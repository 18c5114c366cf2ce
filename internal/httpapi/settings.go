package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// The room owner's booking settings: rules, opening hours, closures and partners. The
// service checks who may change them and what is valid; this file only converts.

// roomRulesJSON is everything the owner has set for booking a room, as GET
// /rooms/{id}/rules shows it to anyone.
type roomRulesJSON struct {
	RoomID       int64              `json:"room_id"`
	Rules        rulesJSON          `json:"rules"`
	OpeningHours []openingHoursJSON `json:"opening_hours"`
	Closures     []closureJSON      `json:"closures"`
	Partners     []int64            `json:"partners"`
}

// rulesJSON is a room's booking rules in the units of booking.RulesInput, so that a client
// may PUT back what it fetched (a horizon kept in months is shown in days, see
// booking.Interval.Minutes).
type rulesJSON struct {
	WhoMayBook          string `json:"who_may_book"`
	NeedsApproval       bool   `json:"needs_approval"`
	MinNoticeMinutes    int    `json:"min_notice_minutes"`
	HorizonDays         int    `json:"horizon_days"`
	MaxDurationMinutes  int    `json:"max_duration_minutes"`
	CancelBeforeMinutes int    `json:"cancel_before_minutes"`
	HolidaysClosed      bool   `json:"holidays_closed"`
	Terms               string `json:"terms"`
	// Revision is 0 for a room whose owner has set no rules (it books under the defaults).
	Revision int `json:"revision"`
}

var rulesReadOnly = []string{"revision"}

// openingHoursJSON is one open period of a weekday, in local wall-clock time "HH:MM".
type openingHoursJSON struct {
	Weekday int    `json:"weekday"`
	Opens   string `json:"opens"`
	Closes  string `json:"closes"`
}

// closureJSON is a closed period of whole local days, on a room or on a whole venue.
type closureJSON struct {
	ID       int64  `json:"id"`
	VenueID  *int64 `json:"venue_id"`
	RoomID   *int64 `json:"room_id"`
	FirstDay string `json:"first_day"`
	LastDay  string `json:"last_day"`
	Reason   string `json:"reason"`
}

// hoursBody is the body of PUT /rooms/{id}/opening-hours and its answer. A pointer, so that
// a body without the member is refused rather than read as "open around the clock".
type hoursBody struct {
	OpeningHours *[]openingHoursJSON `json:"opening_hours"`
}

// closureBody is the body of POST /rooms/{id}/closures and /venues/{id}/closures; the path
// says what is closed.
type closureBody struct {
	FirstDay string `json:"first_day"`
	LastDay  string `json:"last_day"`
	Reason   string `json:"reason"`
}

var closureReadOnly = []string{"id", "venue_id", "room_id"}

func toRulesJSON(r *booking.Rules) rulesJSON {
	out := rulesJSON{
		WhoMayBook: string(r.WhoMayBook), NeedsApproval: r.NeedsApproval, MinNoticeMinutes: r.MinNotice.Minutes(),
		HorizonDays: r.Horizon.WholeDays(), CancelBeforeMinutes: r.CancelBefore.Minutes(),
		HolidaysClosed: r.HolidaysClosed, Terms: r.Terms, Revision: r.Revision,
	}
	if r.MaxDuration != nil {
		out.MaxDurationMinutes = r.MaxDuration.Minutes()
	}
	return out
}

func toHoursJSON(hours []booking.OpeningHours) []openingHoursJSON {
	out := make([]openingHoursJSON, 0, len(hours))
	for _, h := range hours {
		out = append(out, openingHoursJSON{Weekday: h.Weekday, Opens: clockString(h.Opens), Closes: clockString(h.Closes)})
	}
	return out
}

// clockString writes an offset from midnight as "HH:MM" ("24:00" for the end of the day),
// with seconds only when there are some.
func clockString(d time.Duration) string {
	s := int(d / time.Second)
	out := fmt.Sprintf("%02d:%02d", s/3600, s%3600/60)
	if s%60 != 0 {
		out += fmt.Sprintf(":%02d", s%60)
	}
	return out
}

func toClosureJSON(c *booking.Closure) closureJSON {
	return closureJSON{ID: c.ID, VenueID: c.VenueID, RoomID: c.RoomID,
		FirstDay: c.FirstDay.Format(time.DateOnly), LastDay: c.LastDay.Format(time.DateOnly), Reason: c.Reason}
}

func closureURL(c *booking.Closure) string {
	return "/api/v1/closures/" + strconv.FormatInt(c.ID, 10)
}

func toRoomRulesJSON(roomID int64, rr *booking.RoomRules) roomRulesJSON {
	out := roomRulesJSON{RoomID: roomID, Rules: toRulesJSON(&rr.Rules), OpeningHours: toHoursJSON(rr.Hours),
		Closures: make([]closureJSON, 0, len(rr.Closures)), Partners: rr.Partners}
	for i := range rr.Closures {
		out.Closures = append(out.Closures, toClosureJSON(&rr.Closures[i]))
	}
	if out.Partners == nil {
		out.Partners = []int64{}
	}
	return out
}

// inPath turns the service's "unknown room" (or venue) field error into the 404 of the
// resource the path names: the client sent no such field.
func inPath(err error, field string, notFound error) error {
	if fe := fault.Fields(err); len(fe) == 1 && fe[0].Field == field && fe[0].Code == "not_found" {
		return notFound
	}
	return err
}

func (h *Handler) getRoomRules(c *gin.Context) {
	id, err := pathID(c, "id", venue.ErrRoomNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	rr, err := h.Bookings.FindRules(c.Request.Context(), id)
	if err != nil {
		c.Error(inPath(err, "room_id", venue.ErrRoomNotFound))
		return
	}
	c.JSON(http.StatusOK, toRoomRulesJSON(id, rr))
}

// setRoomRules answers PUT /rooms/{id}/rules.
func (h *Handler) setRoomRules() gin.HandlerFunc {
	return replace(venue.ErrRoomNotFound, rulesReadOnly, func(ctx context.Context, actor access.Actor, id int64, in booking.RulesInput) (*booking.Rules, error) {
		r, err := h.Bookings.SetRules(ctx, actor, id, in)
		return r, inPath(err, "room_id", venue.ErrRoomNotFound)
	}, toRulesJSON)
}

// setOpeningHours answers PUT /rooms/{id}/opening-hours. Times that do not read as "HH:MM"
// are field errors named as the service names the others (opening_hours[2].closes).
func (h *Handler) setOpeningHours() gin.HandlerFunc {
	return replace(venue.ErrRoomNotFound, nil, func(ctx context.Context, actor access.Actor, id int64, in hoursBody) (*hoursBody, error) {
		hours, err := in.toHours()
		if err != nil {
			return nil, err
		}
		set, err := h.Bookings.SetOpeningHours(ctx, actor, id, hours)
		if err != nil {
			return nil, inPath(err, "room_id", venue.ErrRoomNotFound)
		}
		out := toHoursJSON(set)
		return &hoursBody{OpeningHours: &out}, nil
	}, func(b *hoursBody) hoursBody { return *b })
}

func (in hoursBody) toHours() ([]booking.OpeningHours, error) {
	if in.OpeningHours == nil {
		return nil, fault.FieldErrors{{Field: "opening_hours", Code: "required"}}
	}
	var fe fault.FieldErrors
	out := make([]booking.OpeningHours, 0, len(*in.OpeningHours))
	for i, j := range *in.OpeningHours {
		h := booking.OpeningHours{Weekday: j.Weekday}
		prefix := "opening_hours[" + strconv.Itoa(i) + "]."
		var ok bool
		if h.Opens, ok = parseClock(j.Opens); !ok {
			fe = append(fe, fault.FieldError{Field: prefix + "opens", Code: "malformed"})
		}
		if h.Closes, ok = parseClock(j.Closes); !ok {
			fe = append(fe, fault.FieldError{Field: prefix + "closes", Code: "malformed"})
		}
		out = append(out, h)
	}
	if len(fe) > 0 {
		return nil, fe
	}
	return out, nil
}

// roomPartnerJSON is an organisation that may book a room as a partner, with the
// premises-sharing agreement that lets it.
type roomPartnerJSON struct {
	OrganisationID   int64   `json:"organisation_id"`
	OrganisationName string  `json:"organisation_name"`
	AgreementID      int64   `json:"agreement_id"`
	AgreementTitle   string  `json:"agreement_title"`
	ValidTo          *string `json:"valid_to"`
}

// getRoomPartners answers GET /rooms/{id}/partners: the partners come from the active
// premises-sharing agreements, which city administrators keep through /agreements.
func (h *Handler) getRoomPartners(c *gin.Context) {
	id, err := pathID(c, "id", venue.ErrRoomNotFound)
	if err != nil {
		c.Error(err)
		return
	}
	ps, err := h.Bookings.FindPartners(c.Request.Context(), id)
	if err != nil {
		c.Error(inPath(err, "room_id", venue.ErrRoomNotFound))
		return
	}
	out := list[roomPartnerJSON]{Items: make([]roomPartnerJSON, 0, len(ps))}
	for _, p := range ps {
		out.Items = append(out.Items, roomPartnerJSON{OrganisationID: p.OrganisationID, OrganisationName: p.OrganisationName,
			AgreementID: p.AgreementID, AgreementTitle: p.Title, ValidTo: datePtr(p.ValidTo)})
	}
	c.JSON(http.StatusOK, out)
}

// addClosure answers POST /rooms/{id}/closures (room) or /venues/{id}/closures (!room).
func (h *Handler) addClosure(room bool) gin.HandlerFunc {
	notFound, field := venue.ErrRoomNotFound, "room_id"
	if !room {
		notFound, field = venue.ErrVenueNotFound, "venue_id"
	}
	return createUnder(notFound, closureReadOnly, func(ctx context.Context, actor access.Actor, id int64, in closureBody) (*booking.Closure, error) {
		ci, err := in.toInput()
		if err != nil {
			return nil, err
		}
		if room {
			ci.RoomID = id
		} else {
			ci.VenueID = id
		}
		cl, err := h.Bookings.AddClosure(ctx, actor, ci)
		return cl, inPath(err, field, notFound)
	}, toClosureJSON, closureURL)
}

func (in closureBody) toInput() (booking.ClosureInput, error) {
	out := booking.ClosureInput{Reason: in.Reason}
	var fe fault.FieldErrors
	for _, f := range []struct {
		name, s string
		dst     *time.Time
	}{{"first_day", in.FirstDay, &out.FirstDay}, {"last_day", in.LastDay, &out.LastDay}} {
		if f.s == "" {
			continue // the service reports it as required
		}
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(f.s))
		if err != nil {
			fe = append(fe, fault.FieldError{Field: f.name, Code: "malformed"})
			continue
		}
		*f.dst = t
	}
	if len(fe) > 0 {
		return out, fe
	}
	return out, nil
}

// parseClock reads a local time of day, "HH:MM" (24:00 allowed, for an end at midnight), as
// the offset from midnight.
func parseClock(s string) (time.Duration, bool) {
	h, m, found := strings.Cut(s, ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !found || len(h) != 2 || len(m) != 2 || err1 != nil || err2 != nil || hh < 0 || mm < 0 || hh > 24 || mm > 59 || hh == 24 && mm != 0 {
		return 0, false
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, true
}
