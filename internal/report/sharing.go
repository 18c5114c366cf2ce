// Package report computes the follow-up reports of the Compact from the bookings, venues,
// organisations and agreements: the sharing report of activity F (how much premises were
// lent and borrowed, by whom, where), compared with the same dates a year earlier.
//
// What a report may show of private bookings follows access.Sight: to a viewer who may see
// every booking (a city administrator) a private booking is counted like any other; to
// anyone else it is busy time of its room, and nothing may tie it to an organisation. So
// for them figures keyed by the place — the whole city, a district, a venue, an owner (whose
// rooms and busy time are public) — count it, but figures split by the borrower's kind (the
// flows, the kinds) do not: its hours are in Private instead, since a report of one day
// would otherwise tell whose a private booking in a venue's calendar was (the only
// organisation of its kind, or "the city"). A venue's or owner's row is never split by the
// borrower's kind, and the list of borrowers counts public bookings only, for every viewer,
// so that a report may be handed on.
package report

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// Flow is who lent premises to whom, by kind of organisation.
type Flow string

// The flows of the report. A booking by the owner of its venue is not lending and is not
// counted at all.
const (
	CityToAssociations         Flow = "city_to_associations"         // the city's premises, booked by associations
	AssociationsToCity         Flow = "associations_to_city"         // associations' premises, booked by the city
	AssociationsToAssociations Flow = "associations_to_associations" // associations' premises, booked by other associations
	OtherFlow                  Flow = "other"                        // the rest: organisations of kind other, or one city department in another's premises
)

// Flows lists the flows in the order a report shows them.
var Flows = []Flow{CityToAssociations, AssociationsToCity, AssociationsToAssociations, OtherFlow}

// Kinds are the kinds of organisation in the order a report shows them.
var Kinds = []string{"city", "association", "other"}

// Figures are booked hours and the number of bookings. Hours are elapsed time (an hour is
// an hour across a daylight-saving change), clipped to the period.
type Figures struct {
	Hours    float64
	Bookings int
}

func (f *Figures) add(g Figures) { f.Hours += g.Hours; f.Bookings += g.Bookings }

// Compared is a figure for the period and for the same dates a year earlier.
type Compared struct {
	This, Last Figures
}

// Change is the change of hours since the year before.
func (c Compared) Change() float64 { return c.This.Hours - c.Last.Hours }

// Count is a number for the period and for the same dates a year earlier.
type Count struct{ This, Last int }

// Period is a span of whole local days, From to To inclusive.
type Period struct{ From, To time.Time }

// Sharing is the sharing report for a period, compared with the same dates a year earlier.
type Sharing struct {
	Period, Previous Period
	ComputedAt       time.Time
	Flows            map[Flow]Compared
	Total            Compared // all hours lent, private ones included
	// Private is the hours lent in private bookings that the viewer may not see split by
	// kind (see the package comment); zero when PrivateSplit.
	Private         Compared
	PrivateSplit    bool     // the viewer sees every booking: private ones are in the flows and kinds
	Lenders         Count    // owners whose premises others booked
	Borrowers       Count    // organisations that booked others' premises
	Agreements      Count    // premises-sharing agreements in force during the period
	Cancelled       Compared // lent bookings cancelled, by the time they would have taken
	ByDistrict      []PlaceRow
	ByVenue         []PlaceRow
	ByOwner         []PlaceRow
	ByKind          []KindRow
	PublicBorrowers []BorrowerRow // public bookings only (see the package comment)
}

// PlaceRow is the lending at one place: a district, a venue or an owner.
type PlaceRow struct {
	ID       int64  // the venue's or owner's id; 0 for a district
	Name     string // the district, venue or owner; "" for venues without a district
	Owner    string // for a venue: its owner's name
	District string // for a venue: its district
	Compared
	Borrowers Count // how many organisations booked there
}

// KindRow is what organisations of one kind borrowed, over the whole city.
type KindRow struct {
	Kind string
	Compared
	Organisations Count
}

// BorrowerRow is what one organisation borrowed in public bookings during the period.
type BorrowerRow struct {
	ID   int64
	Name string
	Kind string
	Figures
}

// Service computes reports.
type Service struct {
	db  bun.IDB
	now func() time.Time
	loc *time.Location
}

// NewService returns a Service over db; loc is the zone whose days a period counts
// (Europe/Stockholm).
func NewService(db bun.IDB, now func() time.Time, loc *time.Location) *Service {
	return &Service{db: db, now: now, loc: loc}
}

// Location is the zone of the periods' days.
func (s *Service) Location() *time.Location { return s.loc }

// ThisYear is the current calendar year by the service's clock, as a period.
func (s *Service) ThisYear() Period { return Year(s.now().In(s.loc).Year(), s.loc) }

// MaxDays is the longest period a report covers.
const MaxDays = 3 * 366

// Field error codes of a period.
const (
	CodeToBeforeFrom = "to_before_from"  // to
	CodeTooLong      = "period_too_long" // to; the longest period in days
)

// CheckPeriod returns field errors on from and to when the period is not a span of at most
// MaxDays days that ends on or after it begins.
func CheckPeriod(p Period) error {
	if p.To.Before(p.From) {
		return fault.FieldErrors{{Field: "to", Code: CodeToBeforeFrom}}
	}
	if p.To.Sub(p.From) > MaxDays*24*time.Hour {
		return fault.FieldErrors{{Field: "to", Code: CodeTooLong, Param: fmt.Sprint(MaxDays)}}
	}
	return nil
}

// Year is the calendar year y as a period.
func Year(y int, loc *time.Location) Period {
	return Period{From: time.Date(y, 1, 1, 0, 0, 0, 0, loc), To: time.Date(y, 12, 31, 0, 0, 0, 0, loc)}
}

// YearBefore is the same dates a year earlier (29 February becomes 28 February).
func (p Period) YearBefore() Period {
	back := func(t time.Time) time.Time {
		d := time.Date(t.Year()-1, t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
		if d.Month() != t.Month() {
			d = time.Date(t.Year()-1, t.Month()+1, 0, 0, 0, 0, 0, t.Location())
		}
		return d
	}
	return Period{From: back(p.From), To: back(p.To)}
}

// bounds are the instants the period covers: from its first local midnight to the
// midnight after its last day.
func (p Period) bounds(loc *time.Location) (time.Time, time.Time) {
	from := time.Date(p.From.Year(), p.From.Month(), p.From.Day(), 0, 0, 0, 0, loc)
	to := time.Date(p.To.Year(), p.To.Month(), p.To.Day()+1, 0, 0, 0, 0, loc)
	return from.UTC(), to.UTC()
}

// FindSharing computes the sharing report for p (which CheckPeriod must accept) and the
// same dates a year earlier, as actor may see it (see the package comment). Hours count
// confirmed bookings, cancellations the cancelled ones, each clipped to the period; pending
// and rejected requests are not counted. Anyone may read it; it returns field errors on
// from and to for a period CheckPeriod refuses.
//
// Computing it reads every booking of both periods (seconds over a million bookings), so a
// report is kept in report_snapshots and answered from there while it is younger than
// MaxAge; ComputedAt says when it was computed. RefreshSharing computes the usual periods
// ahead.
func (s *Service) FindSharing(ctx context.Context, actor access.Actor, p Period) (*Sharing, error) {
	if err := CheckPeriod(p); err != nil {
		return nil, err
	}
	split := access.BookingScopeOf(actor).All
	if r, err := s.snapshot(ctx, p, split); err != nil || r != nil {
		return r, err
	}
	return s.ComputeSharing(ctx, p, split)
}

// ComputeSharing computes the sharing report for p now, whatever snapshot there is, and
// keeps it as the snapshot; split says whether private bookings are split by kind (see
// the package comment).
func (s *Service) ComputeSharing(ctx context.Context, p Period, split bool) (*Sharing, error) {
	if err := CheckPeriod(p); err != nil {
		return nil, err
	}
	prev := p.YearBefore()
	r := &Sharing{Period: p, Previous: prev, ComputedAt: s.now(), Flows: map[Flow]Compared{},
		PrivateSplit: split}
	orgs, venues, err := s.register(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.lent(ctx, p, prev)
	if err != nil {
		return nil, err
	}
	r.Agreements, err = s.agreementsInForce(ctx, p, prev)
	if err != nil {
		return nil, err
	}
	r.build(rows, orgs, venues)
	if err := s.keep(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

type org struct {
	Name, Kind string
}

type venueInfo struct {
	Name, District string
	OwnerID        int64
}

func (s *Service) register(ctx context.Context) (map[int64]org, map[int64]venueInfo, error) {
	var os []struct {
		ID         int64
		Name, Kind string
	}
	if err := s.db.NewRaw(`SELECT id, name, kind FROM organisations`).Scan(ctx, &os); err != nil {
		return nil, nil, fmt.Errorf("sharing report: organisations: %w", err)
	}
	orgs := make(map[int64]org, len(os))
	for _, o := range os {
		orgs[o.ID] = org{Name: o.Name, Kind: o.Kind}
	}
	var vs []struct {
		ID             int64
		Name, District string
		OwnerID        int64
	}
	if err := s.db.NewRaw(`SELECT id, name, district, owner_id FROM venues`).Scan(ctx, &vs); err != nil {
		return nil, nil, fmt.Errorf("sharing report: venues: %w", err)
	}
	venues := make(map[int64]venueInfo, len(vs))
	for _, v := range vs {
		venues[v.ID] = venueInfo{Name: v.Name, District: v.District, OwnerID: v.OwnerID}
	}
	return orgs, venues, nil
}

// lentRow is the lending of one venue to one organisation, public or not, confirmed or
// cancelled, in both periods.
type lentRow struct {
	VenueID    int64   `bun:"venue_id"`
	BorrowerID int64   `bun:"borrower_id"`
	Public     bool    `bun:"public"`
	Status     string  `bun:"status"`
	ThisN      int     `bun:"this_n"`
	ThisSec    float64 `bun:"this_sec"`
	LastN      int     `bun:"last_n"`
	LastSec    float64 `bun:"last_sec"`
}

// lent reads, in one pass over the bookings that touch either period (bookings_span_idx),
// the seconds and bookings each organisation had in each venue it does not own.
func (s *Service) lent(ctx context.Context, p, prev Period) ([]lentRow, error) {
	f1, t1 := p.bounds(s.loc)
	f0, t0 := prev.bounds(s.loc)
	lo, hi := f0, t1
	if f1.Before(lo) {
		lo = f1
	}
	if t0.After(hi) {
		hi = t0
	}
	var rows []lentRow
	err := s.db.NewRaw(`
		SELECT r.venue_id, b.organisation_id AS borrower_id, b.public, b.status,
			count(*) FILTER (WHERE b.starts_at < ?1 AND b.ends_at > ?0) AS this_n,
			coalesce(sum(extract(epoch FROM least(b.ends_at, ?1) - greatest(b.starts_at, ?0)))
				FILTER (WHERE b.starts_at < ?1 AND b.ends_at > ?0), 0) AS this_sec,
			count(*) FILTER (WHERE b.starts_at < ?3 AND b.ends_at > ?2) AS last_n,
			coalesce(sum(extract(epoch FROM least(b.ends_at, ?3) - greatest(b.starts_at, ?2)))
				FILTER (WHERE b.starts_at < ?3 AND b.ends_at > ?2), 0) AS last_sec
		FROM bookings b
		JOIN rooms r ON r.id = b.room_id
		JOIN venues v ON v.id = r.venue_id
		WHERE b.span && tstzrange(?4, ?5) AND b.status IN ('confirmed', 'cancelled')
			AND b.organisation_id <> v.owner_id
		GROUP BY r.venue_id, b.organisation_id, b.public, b.status`,
		f1, t1, f0, t0, lo, hi).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("sharing report: bookings: %w", err)
	}
	return rows, nil
}

// agreementsInForce counts the premises-sharing agreements in force on some day of each
// period: active ones whose dates overlap it, and ended ones whose dates (an end date
// given) did.
func (s *Service) agreementsInForce(ctx context.Context, p, prev Period) (Count, error) {
	var c Count
	err := s.db.NewRaw(`
		SELECT count(*) FILTER (WHERE (valid_from IS NULL OR valid_from <= ?1) AND (valid_to IS NULL OR valid_to >= ?0)),
			count(*) FILTER (WHERE (valid_from IS NULL OR valid_from <= ?3) AND (valid_to IS NULL OR valid_to >= ?2))
		FROM agreements
		WHERE kind = 'premises_sharing' AND (status = 'active' OR (status = 'ended' AND valid_to IS NOT NULL))`,
		p.From.Format(time.DateOnly), p.To.Format(time.DateOnly), prev.From.Format(time.DateOnly), prev.To.Format(time.DateOnly)).
		Scan(ctx, &c.This, &c.Last)
	if err != nil {
		return c, fmt.Errorf("sharing report: agreements: %w", err)
	}
	return c, nil
}

// FlowOf is the flow of a booking by an organisation of kind borrower in premises of an
// owner of kind owner.
func FlowOf(owner, borrower string) Flow {
	switch {
	case owner == "city" && borrower == "association":
		return CityToAssociations
	case owner == "association" && borrower == "city":
		return AssociationsToCity
	case owner == "association" && borrower == "association":
		return AssociationsToAssociations
	}
	return OtherFlow
}

// build adds the rows up into the report's figures.
func (r *Sharing) build(rows []lentRow, orgs map[int64]org, venues map[int64]venueInfo) {
	type set = map[int64]struct{}
	type place struct {
		row                  PlaceRow
		thisBorrow, lastBorr set
	}
	districts, byVenue, byOwner := map[string]*place{}, map[int64]*place{}, map[int64]*place{}
	kinds := map[string]*KindRow{}
	kindOrgs := map[string][2]set{}
	lenders, borrowers := [2]set{{}, {}}, [2]set{{}, {}}
	public := map[int64]*BorrowerRow{}
	get := func(m map[int64]*place, id int64, mk func() PlaceRow) *place {
		pl, ok := m[id]
		if !ok {
			pl = &place{row: mk(), thisBorrow: set{}, lastBorr: set{}}
			m[id] = pl
		}
		return pl
	}
	for _, k := range Kinds {
		kinds[k] = &KindRow{Kind: k}
		kindOrgs[k] = [2]set{{}, {}}
	}
	for _, f := range Flows {
		r.Flows[f] = Compared{}
	}
	for _, row := range rows {
		v := venues[row.VenueID]
		owner, borrower := orgs[v.OwnerID], orgs[row.BorrowerID]
		this := Figures{Hours: row.ThisSec / 3600, Bookings: row.ThisN}
		last := Figures{Hours: row.LastSec / 3600, Bookings: row.LastN}
		if row.Status == "cancelled" {
			r.Cancelled.This.add(this)
			r.Cancelled.Last.add(last)
			continue
		}
		r.Total.This.add(this)
		r.Total.Last.add(last)
		byKind := row.Public || r.PrivateSplit
		if byKind {
			flow := FlowOf(owner.Kind, borrower.Kind)
			fc := r.Flows[flow]
			fc.This.add(this)
			fc.Last.add(last)
			r.Flows[flow] = fc
		} else {
			r.Private.This.add(this)
			r.Private.Last.add(last)
		}

		d, ok := districts[v.District]
		if !ok {
			d = &place{row: PlaceRow{Name: v.District}, thisBorrow: set{}, lastBorr: set{}}
			districts[v.District] = d
		}
		vp := get(byVenue, row.VenueID, func() PlaceRow {
			return PlaceRow{ID: row.VenueID, Name: v.Name, Owner: owner.Name, District: v.District}
		})
		op := get(byOwner, v.OwnerID, func() PlaceRow { return PlaceRow{ID: v.OwnerID, Name: owner.Name} })
		for _, pl := range []*place{d, vp, op} {
			pl.row.This.add(this)
			pl.row.Last.add(last)
			if this.Bookings > 0 {
				pl.thisBorrow[row.BorrowerID] = struct{}{}
			}
			if last.Bookings > 0 {
				pl.lastBorr[row.BorrowerID] = struct{}{}
			}
		}
		if k, ok := kinds[borrower.Kind]; ok && byKind {
			k.This.add(this)
			k.Last.add(last)
			if this.Bookings > 0 {
				kindOrgs[borrower.Kind][0][row.BorrowerID] = struct{}{}
			}
			if last.Bookings > 0 {
				kindOrgs[borrower.Kind][1][row.BorrowerID] = struct{}{}
			}
		}
		if this.Bookings > 0 {
			lenders[0][v.OwnerID] = struct{}{}
			borrowers[0][row.BorrowerID] = struct{}{}
		}
		if last.Bookings > 0 {
			lenders[1][v.OwnerID] = struct{}{}
			borrowers[1][row.BorrowerID] = struct{}{}
		}
		if row.Public && this.Bookings > 0 {
			b, ok := public[row.BorrowerID]
			if !ok {
				b = &BorrowerRow{ID: row.BorrowerID, Name: borrower.Name, Kind: borrower.Kind}
				public[row.BorrowerID] = b
			}
			b.Figures.add(this)
		}
	}
	r.Lenders = Count{This: len(lenders[0]), Last: len(lenders[1])}
	r.Borrowers = Count{This: len(borrowers[0]), Last: len(borrowers[1])}
	rowsOf := func(places []*place) []PlaceRow {
		out := make([]PlaceRow, 0, len(places))
		for _, pl := range places {
			pl.row.Borrowers = Count{This: len(pl.thisBorrow), Last: len(pl.lastBorr)}
			out = append(out, pl.row)
		}
		// Most hours first; ties by name, so the order is stable.
		slices.SortFunc(out, func(a, b PlaceRow) int {
			if c := cmp.Compare(b.This.Hours, a.This.Hours); c != 0 {
				return c
			}
			return cmp.Compare(a.Name, b.Name)
		})
		return out
	}
	var ds, vs, os []*place
	for _, d := range districts {
		ds = append(ds, d)
	}
	for _, v := range byVenue {
		vs = append(vs, v)
	}
	for _, o := range byOwner {
		os = append(os, o)
	}
	r.ByDistrict, r.ByVenue, r.ByOwner = rowsOf(ds), rowsOf(vs), rowsOf(os)
	for _, k := range Kinds {
		row := kinds[k]
		row.Organisations = Count{This: len(kindOrgs[k][0]), Last: len(kindOrgs[k][1])}
		r.ByKind = append(r.ByKind, *row)
	}
	for _, b := range public {
		r.PublicBorrowers = append(r.PublicBorrowers, *b)
	}
	slices.SortFunc(r.PublicBorrowers, func(a, b BorrowerRow) int {
		if c := cmp.Compare(b.Hours, a.Hours); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
}

// MaxAge is how long a computed report is answered before it is computed again.
const MaxAge = time.Hour

func snapshotKey(p Period, split bool) string {
	return fmt.Sprintf("sharing:%s:%s:%t", p.From.Format(time.DateOnly), p.To.Format(time.DateOnly), split)
}

// snapshot returns the kept report for p if it is younger than MaxAge, or nil.
func (s *Service) snapshot(ctx context.Context, p Period, split bool) (*Sharing, error) {
	var data []byte
	err := s.db.NewRaw(`SELECT data FROM report_snapshots WHERE key = ? AND computed_at > ?`,
		snapshotKey(p, split), s.now().Add(-MaxAge).UTC()).Scan(ctx, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sharing report: read snapshot: %w", err)
	}
	r := new(Sharing)
	if err := json.Unmarshal(data, r); err != nil {
		// A snapshot of an older shape: compute it again.
		return nil, nil
	}
	// Dates come back in UTC; the period's days are the zone's.
	r.Period = Period{From: inZone(r.Period.From, s.loc), To: inZone(r.Period.To, s.loc)}
	r.Previous = Period{From: inZone(r.Previous.From, s.loc), To: inZone(r.Previous.To, s.loc)}
	return r, nil
}

func inZone(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// keep stores r as the snapshot of its period.
func (s *Service) keep(ctx context.Context, r *Sharing) error {
	data, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("sharing report: encode: %w", err)
	}
	_, err = s.db.NewRaw(`INSERT INTO report_snapshots (key, computed_at, data) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET computed_at = excluded.computed_at, data = excluded.data`,
		snapshotKey(r.Period, r.PrivateSplit), r.ComputedAt.UTC(), string(data)).Exec(ctx)
	if err != nil {
		return fmt.Errorf("sharing report: keep snapshot: %w", err)
	}
	return nil
}

// RefreshSharing computes ahead, for both kinds of viewer, the periods people ask for most:
// this year, last year and their spring and autumn terms. Serve calls it hourly.
func (s *Service) RefreshSharing(ctx context.Context) error {
	y := s.ThisYear().From.Year()
	for _, year := range []int{y, y - 1} {
		for _, p := range []Period{
			Year(year, s.loc),
			{From: time.Date(year, 1, 1, 0, 0, 0, 0, s.loc), To: time.Date(year, 6, 30, 0, 0, 0, 0, s.loc)},
			{From: time.Date(year, 7, 1, 0, 0, 0, 0, s.loc), To: time.Date(year, 12, 31, 0, 0, 0, 0, s.loc)},
		} {
			for _, split := range []bool{false, true} {
				if _, err := s.ComputeSharing(ctx, p, split); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
