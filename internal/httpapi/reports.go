package httpapi

import (
	"math"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/report"
)

// figuresJSON is hours (elapsed, clipped to the period, two decimals) and bookings.
type figuresJSON struct {
	Hours    float64 `json:"hours"`
	Bookings int     `json:"bookings"`
}

// comparedJSON is a figure for the period, for the same dates a year earlier, and the
// change of hours.
type comparedJSON struct {
	This        figuresJSON `json:"this"`
	Last        figuresJSON `json:"last"`
	ChangeHours float64     `json:"change_hours"`
}

type countJSON struct {
	This int `json:"this"`
	Last int `json:"last"`
}

type placeJSON struct {
	ID       int64  `json:"id,omitempty"`
	Name     string `json:"name"`
	Owner    string `json:"owner,omitempty"`
	District string `json:"district,omitempty"`
	comparedJSON
	Borrowers countJSON `json:"borrowers"`
}

type kindJSON struct {
	Kind string `json:"kind"`
	comparedJSON
	Organisations countJSON `json:"organisations"`
}

type borrowerJSON struct {
	OrganisationID int64  `json:"organisation_id"`
	Name           string `json:"name"`
	Kind           string `json:"kind"`
	figuresJSON
}

// sharingJSON is the sharing report (activity F) for a period.
type sharingJSON struct {
	From         string                  `json:"from"`
	To           string                  `json:"to"`
	PreviousFrom string                  `json:"previous_from"`
	PreviousTo   string                  `json:"previous_to"`
	ComputedAt   time.Time               `json:"computed_at"`
	Flows        map[string]comparedJSON `json:"flows"`
	Total        comparedJSON            `json:"total"`
	// Private is what private bookings lent, for a caller who may not see them split by
	// kind (all zero when private_split).
	Private      comparedJSON `json:"private"`
	PrivateSplit bool         `json:"private_split"`
	Lenders      countJSON    `json:"lenders"`
	Borrowers    countJSON    `json:"borrowers"`
	Agreements   countJSON    `json:"agreements_in_force"`
	Cancelled    comparedJSON `json:"cancelled"`
	ByDistrict   []placeJSON  `json:"by_district"`
	ByVenue      []placeJSON  `json:"by_venue"`
	ByOwner      []placeJSON  `json:"by_owner"`
	ByKind       []kindJSON   `json:"by_kind"`
	// PublicBorrowers counts public bookings only: a private booking is never tied to its
	// organisation.
	PublicBorrowers []borrowerJSON `json:"public_borrowers"`
}

func roundHours(h float64) float64 { return math.Round(h*100) / 100 }

func toFigures(f report.Figures) figuresJSON {
	return figuresJSON{Hours: roundHours(f.Hours), Bookings: f.Bookings}
}

func toCompared(c report.Compared) comparedJSON {
	return comparedJSON{This: toFigures(c.This), Last: toFigures(c.Last), ChangeHours: roundHours(c.Change())}
}

func toPlaces(rows []report.PlaceRow) []placeJSON {
	out := make([]placeJSON, 0, len(rows))
	for _, r := range rows {
		out = append(out, placeJSON{ID: r.ID, Name: r.Name, Owner: r.Owner, District: r.District,
			comparedJSON: toCompared(r.Compared), Borrowers: countJSON(r.Borrowers)})
	}
	return out
}

func toSharingJSON(r *report.Sharing) sharingJSON {
	out := sharingJSON{
		From: r.Period.From.Format(time.DateOnly), To: r.Period.To.Format(time.DateOnly),
		PreviousFrom: r.Previous.From.Format(time.DateOnly), PreviousTo: r.Previous.To.Format(time.DateOnly),
		ComputedAt: r.ComputedAt.UTC(), Flows: map[string]comparedJSON{}, Total: toCompared(r.Total),
		Private: toCompared(r.Private), PrivateSplit: r.PrivateSplit,
		Lenders: countJSON(r.Lenders), Borrowers: countJSON(r.Borrowers), Agreements: countJSON(r.Agreements),
		Cancelled: toCompared(r.Cancelled), ByDistrict: toPlaces(r.ByDistrict), ByVenue: toPlaces(r.ByVenue),
		ByOwner: toPlaces(r.ByOwner), PublicBorrowers: make([]borrowerJSON, 0, len(r.PublicBorrowers)),
	}
	for f, c := range r.Flows {
		out.Flows[string(f)] = toCompared(c)
	}
	for _, k := range r.ByKind {
		out.ByKind = append(out.ByKind, kindJSON{Kind: k.Kind, comparedJSON: toCompared(k.Compared), Organisations: countJSON(k.Organisations)})
	}
	for _, b := range r.PublicBorrowers {
		out.PublicBorrowers = append(out.PublicBorrowers, borrowerJSON{OrganisationID: b.ID, Name: b.Name, Kind: b.Kind, figuresJSON: toFigures(b.Figures)})
	}
	return out
}

// sharingReport answers the sharing report for from–to (dates, both included; the current
// year by default, either end defaulting to its end of that year), open to anyone: it holds
// no more of private bookings than their busy time does (see internal/report).
func (h *Handler) sharingReport(c *gin.Context) {
	p := h.Reports.ThisYear()
	q := query{c: c}
	q.date("from", &p.From)
	q.date("to", &p.To)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	r, err := h.Reports.FindSharing(c.Request.Context(), Actor(c), p)
	if err != nil {
		c.Error(err)
		return
	}
	c.JSON(http.StatusOK, toSharingJSON(r))
}

// useJSON is booked hours (two decimals), bookings and their attendees summed.
type useJSON struct {
	Hours     float64 `json:"hours"`
	Bookings  int     `json:"bookings"`
	Attendees int     `json:"attendees"`
}

type roomUseJSON struct {
	ID   int64  `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
	useJSON
	OpenHours float64 `json:"open_hours"`
}

type orgUseJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	useJSON
}

type usageJSON struct {
	VenueID       int64         `json:"venue_id"`
	Venue         string        `json:"venue"`
	From          string        `json:"from"`
	To            string        `json:"to"`
	Rooms         []roomUseJSON `json:"rooms"`
	Total         roomUseJSON   `json:"total"`
	Heat          [][]float64   `json:"heat"`
	Organisations []orgUseJSON  `json:"organisations"`
	Private       useJSON       `json:"private"`
	PrivateSplit  bool          `json:"private_split"`
}

func toUseJSON(f report.UseFigures) useJSON {
	return useJSON{Hours: math.Round(f.Hours*100) / 100, Bookings: f.Bookings, Attendees: f.Attendees}
}

func toRoomUseJSON(r report.RoomUsage) roomUseJSON {
	return roomUseJSON{ID: r.ID, Name: r.Name, useJSON: toUseJSON(r.UseFigures), OpenHours: math.Round(r.OpenHours*100) / 100}
}

func toUsageJSON(u *report.Usage) usageJSON {
	out := usageJSON{VenueID: u.VenueID, Venue: u.VenueName, From: u.Period.From.Format(time.DateOnly), To: u.Period.To.Format(time.DateOnly),
		Rooms: []roomUseJSON{}, Total: toRoomUseJSON(u.Total), Organisations: []orgUseJSON{},
		Private: toUseJSON(u.Private), PrivateSplit: u.PrivateSplit}
	for _, r := range u.Rooms {
		out.Rooms = append(out.Rooms, toRoomUseJSON(r))
	}
	for _, day := range u.Heat {
		row := make([]float64, len(day))
		for h, v := range day {
			row[h] = math.Round(v*100) / 100
		}
		out.Heat = append(out.Heat, row)
	}
	for _, o := range u.ByOrg {
		out.Organisations = append(out.Organisations, orgUseJSON{ID: o.ID, Name: o.Name, useJSON: toUseJSON(o.UseFigures)})
	}
	return out
}

// usageReport answers the use statistics of a venue for from–to (dates, both included; the
// current year by default), open to anyone: private bookings are busy time and, to anyone
// but a city administrator, tied to no organisation (see internal/report).
func (h *Handler) usageReport(c *gin.Context) {
	p := h.Reports.ThisYear()
	var venue int64
	q := query{c: c}
	q.int64("venue", &venue)
	q.date("from", &p.From)
	q.date("to", &p.To)
	if err := q.err(); err != nil {
		c.Error(err)
		return
	}
	if venue <= 0 {
		c.Error(fault.FieldErrors{{Field: "venue", Code: "required"}})
		return
	}
	u, err := h.Reports.FindUsage(c.Request.Context(), Actor(c), venue, p)
	if err != nil {
		c.Error(err)
		return
	}
	c.JSON(http.StatusOK, toUsageJSON(u))
}
