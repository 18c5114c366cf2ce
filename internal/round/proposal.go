package round

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/allot"
	"github.com/borasstad/lokalbanken/internal/database"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// ErrProposalNotFound: no proposal has been run for the round.
var ErrProposalNotFound = fault.New(fault.NotFound, "proposal_not_found")

// Proposal is the last automatic proposal of a round: when and by whom it ran, what each
// section got and why (in the order decided, which is the priority order), and its figures.
// Its slots are the round's allocations of source proposal.
type Proposal struct {
	RoundID   int64
	RanBy     *int64
	RanAt     time.Time
	Decisions []Decision
	Stats     allot.Stats
}

// Decision is what a section got in a proposal and why.
type Decision struct {
	SectionID      int64      `json:"section_id"`
	ApplicationID  int64      `json:"application_id"`
	OrganisationID int64      `json:"organisation_id"`
	Slots          []SlotTime `json:"slots"`
	Reasons        []Reason   `json:"reasons"`
}

// SlotTime is a weekly time in a room.
type SlotTime struct {
	RoomID  int64 `json:"room_id"`
	Weekday int   `json:"weekday"`
	Start   int   `json:"start"`
	End     int   `json:"end"`
}

// proposalRow is a row of round_proposals.
type proposalRow struct {
	bun.BaseModel `bun:"table:round_proposals,alias:rp"`

	RoundID   int64       `bun:"round_id,pk"`
	RanBy     *int64      `bun:"ran_by"`
	RanAt     time.Time   `bun:"ran_at,notnull"`
	Decisions []Decision  `bun:"decisions,type:jsonb,notnull"`
	Stats     allot.Stats `bun:"stats,type:jsonb,notnull"`
}

// RunProposal proposes an allocation of the round's submitted applications with
// internal/allot, following the round's priority order (then the time each application was
// first submitted, then section id), and replaces the round's proposed allocations with it;
// allocations made by hand are kept and the proposal is made around them. Nothing is booked.
// The same applications, rooms and hand allocations always give the same proposal. For the
// owner's admins, after applications close and before publishing. It returns ErrNotFound,
// access errors, ErrNotAllocating or ErrAlreadyPublished.
func (s *Service) RunProposal(ctx context.Context, actor access.Actor, roundID int64) (*Proposal, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	var p *Proposal
	err := database.InTx(ctx, s.db, nil, func(ctx context.Context, tx bun.Tx) error {
		r, err := s.allocatingRound(ctx, tx, actor, roundID)
		if err != nil {
			return err
		}
		in, apps, err := s.allotInput(ctx, tx, r)
		if err != nil {
			return err
		}
		res := allot.Propose(in)
		now := s.now()
		if _, err := tx.NewDelete().Model((*Allocation)(nil)).Where("round_id = ? AND source = ?", roundID, SourceProposal).Exec(ctx); err != nil {
			return err
		}
		p = &Proposal{RoundID: roundID, RanBy: userID(actor), RanAt: now, Stats: res.Stats, Decisions: make([]Decision, 0, len(res.Decisions))}
		for _, d := range res.Decisions {
			dec := Decision{SectionID: d.SectionID, ApplicationID: apps[d.SectionID][0], OrganisationID: apps[d.SectionID][1],
				Slots: []SlotTime{}, Reasons: reasons(d.Reasons)}
			for _, sl := range d.Slots {
				dec.Slots = append(dec.Slots, SlotTime{RoomID: sl.RoomID, Weekday: sl.Weekday, Start: sl.Start, End: sl.End})
			}
			p.Decisions = append(p.Decisions, dec)
		}
		fixed := map[allot.Slot]bool{}
		for _, f := range in.Fixed {
			fixed[f] = true
		}
		why := map[int64][]Reason{}
		for _, d := range p.Decisions {
			why[d.SectionID] = d.Reasons
		}
		for _, sl := range res.Slots {
			if fixed[sl] {
				continue
			}
			a := &Allocation{RoundID: roundID, SectionID: sl.SectionID, RoomID: sl.RoomID, Weekday: sl.Weekday, Start: sl.Start,
				End: sl.End, Source: SourceProposal, Reasons: why[sl.SectionID], CreatedBy: userID(actor), CreatedAt: now}
			if _, err := tx.NewInsert().Model(a).ExcludeColumn("series_id", "response", "responded_at", "responded_by").Exec(ctx); err != nil {
				return fmt.Errorf("store proposed allocation: %w", err)
			}
		}
		row := &proposalRow{RoundID: roundID, RanBy: p.RanBy, RanAt: now, Decisions: p.Decisions, Stats: p.Stats}
		if _, err := tx.NewInsert().Model(row).On("CONFLICT (round_id) DO UPDATE").
			Set("ran_by = EXCLUDED.ran_by, ran_at = EXCLUDED.ran_at, decisions = EXCLUDED.decisions, stats = EXCLUDED.stats").Exec(ctx); err != nil {
			return err
		}
		return record(ctx, tx, actor, now, "round.proposal", "round", roundID, r.OwnerID, nil, p.Stats)
	})
	if err != nil {
		return nil, fmt.Errorf("propose for round %d: %w", roundID, err)
	}
	return p, nil
}

// FindProposal returns the round's last proposal, for the owner's admins. It returns
// ErrNotFound, access errors or ErrProposalNotFound.
func (s *Service) FindProposal(ctx context.Context, actor access.Actor, roundID int64) (*Proposal, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	r, err := s.FindRoundByID(ctx, roundID)
	if err != nil {
		return nil, err
	}
	if err := access.Check(actor, access.ManageRounds, r.OwnerID); err != nil {
		return nil, err
	}
	row := new(proposalRow)
	err = s.db.NewSelect().Model(row).Where("rp.round_id = ?", roundID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrProposalNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find proposal of round %d: %w", roundID, err)
	}
	return &Proposal{RoundID: row.RoundID, RanBy: row.RanBy, RanAt: row.RanAt, Decisions: row.Decisions, Stats: row.Stats}, nil
}

func reasons(in []allot.Reason) []Reason {
	out := make([]Reason, len(in))
	for i, r := range in {
		out[i] = Reason{Code: r.Code, Args: r.Args}
	}
	return out
}

// allotInput reads what the proposal depends on: the offered rooms (capacity, opening
// hours), the sections of submitted applications ranked by the round's priorities, and the
// allocations made by hand. It returns, per section id, its application and organisation.
func (s *Service) allotInput(ctx context.Context, tx bun.IDB, r *Round) (allot.Input, map[int64][2]int64, error) {
	var in allot.Input
	rooms, err := roomWindows(ctx, tx, r.RoomIDs)
	if err != nil {
		return in, nil, err
	}
	in.Rooms = rooms
	var apps []Application
	if err := selectApplications(tx).Where("ap.round_id = ? AND ap.status = ?", r.ID, ApplicationSubmitted).OrderExpr("ap.id").Scan(ctx, &apps); err != nil {
		return in, nil, err
	}
	if err := loadSections(ctx, tx, apps); err != nil {
		return in, nil, err
	}
	ranks, err := s.rankers(ctx, tx, r, apps)
	if err != nil {
		return in, nil, err
	}
	owners := map[int64][2]int64{}
	for _, a := range apps {
		for _, sc := range a.Sections {
			sec := allot.Section{ID: sc.ID, ApplicationID: a.ID, OrganisationID: a.OrganisationID, AppliedAt: a.SubmittedAt,
				Attendees: sc.Attendees, SessionsPerWeek: sc.SessionsPerWeek, MinutesPerSession: sc.MinutesPerSession, Rooms: sc.RoomIDs}
			for _, rank := range ranks {
				sec.Rank = append(sec.Rank, rank(a, sc))
			}
			for _, w := range sc.Wishes {
				sec.Wishes = append(sec.Wishes, allot.Wish{Window: allot.Window{Weekday: w.Weekday, Start: w.Start, End: w.End}, Priority: w.Priority})
			}
			in.Sections = append(in.Sections, sec)
			owners[sc.ID] = [2]int64{a.ID, a.OrganisationID}
		}
	}
	var hand []Allocation
	if err := tx.NewSelect().Model(&hand).Where("al.round_id = ? AND al.source = ?", r.ID, SourceHand).OrderExpr("al.id").Scan(ctx); err != nil {
		return in, nil, err
	}
	for _, h := range hand {
		in.Fixed = append(in.Fixed, allot.Slot{SectionID: h.SectionID, RoomID: h.RoomID, Window: allot.Window{Weekday: h.Weekday, Start: h.Start, End: h.End}})
	}
	return in, owners, nil
}

// rankers returns, for each of the round's priorities in order, the function that gives a
// section 0 when the priority holds for it and 1 otherwise.
func (s *Service) rankers(ctx context.Context, tx bun.IDB, r *Round, apps []Application) ([]func(Application, Section) int, error) {
	orgs := make([]int64, 0, len(apps))
	for _, a := range apps {
		orgs = append(orgs, a.OrganisationID)
	}
	yes := func(b bool) int {
		if b {
			return 0
		}
		return 1
	}
	var out []func(Application, Section) int
	for _, p := range r.Priorities {
		switch p {
		case PriorityChildrenYouth:
			out = append(out, func(_ Application, sc Section) int { return yes(sc.AgeGroup == "children" || sc.AgeGroup == "youth") })
		case PriorityCompactSignatory:
			signed, err := agreement.CurrentCompactSignatories(ctx, tx, orgs)
			if err != nil {
				return nil, err
			}
			out = append(out, func(a Application, _ Section) int { return yes(slices.Contains(signed, a.OrganisationID)) })
		case PriorityAssociation:
			var assoc []int64
			if err := tx.NewRaw(`SELECT id FROM organisations WHERE kind = 'association' AND id = ANY(?)`, pgdialect.Array(orgs)).Scan(ctx, &assoc); err != nil {
				return nil, err
			}
			out = append(out, func(a Application, _ Section) int { return yes(slices.Contains(assoc, a.OrganisationID)) })
		case PriorityPreviousHolder:
			var held []int64
			err := tx.NewRaw(`SELECT DISTINCT ap.organisation_id FROM round_allocations al
				JOIN round_sections sc ON sc.id = al.section_id JOIN round_applications ap ON ap.id = sc.application_id
				JOIN rounds rd ON rd.id = al.round_id
				WHERE rd.owner_id = ? AND rd.id <> ? AND rd.stage <> 'collecting' AND rd.term_starts_on < ? AND al.response = 'accepted'`,
				r.OwnerID, r.ID, r.TermStartsOn).Scan(ctx, &held)
			if err != nil {
				return nil, err
			}
			out = append(out, func(a Application, _ Section) int { return yes(slices.Contains(held, a.OrganisationID)) })
		}
	}
	return out, nil
}

// roomWindows reads the rooms' capacity and opening hours as weekly windows; a room without
// opening hours is open all week.
func roomWindows(ctx context.Context, tx bun.IDB, ids []int64) ([]allot.Room, error) {
	var rows []struct {
		ID       int64 `bun:"id"`
		Capacity int   `bun:"capacity"`
	}
	if err := tx.NewRaw(`SELECT id, capacity FROM rooms WHERE id = ANY(?) ORDER BY id`, pgdialect.Array(ids)).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	var hours []struct {
		RoomID  int64 `bun:"room_id"`
		Weekday int   `bun:"weekday"`
		Opens   int   `bun:"opens"`
		Closes  int   `bun:"closes"`
	}
	err := tx.NewRaw(`SELECT room_id, weekday, (extract(epoch FROM opens)::int / 60) AS opens, (extract(epoch FROM closes)::int / 60) AS closes
		FROM room_opening_hours WHERE room_id = ANY(?) ORDER BY room_id, weekday, opens`, pgdialect.Array(ids)).Scan(ctx, &hours)
	if err != nil {
		return nil, err
	}
	out := make([]allot.Room, 0, len(rows))
	for _, r := range rows {
		room := allot.Room{ID: r.ID, Capacity: r.Capacity}
		for _, h := range hours {
			if h.RoomID == r.ID {
				room.Open = append(room.Open, allot.Window{Weekday: h.Weekday, Start: h.Opens, End: h.Closes})
			}
		}
		if room.Open == nil {
			for d := 1; d <= 7; d++ {
				room.Open = append(room.Open, allot.Window{Weekday: d, Start: 0, End: 24 * 60})
			}
		}
		out = append(out, room)
	}
	return out, nil
}

// DemandWish is one wished weekly time for a room, as the demand view shows it.
type DemandWish struct {
	SectionID        int64
	ApplicationID    int64
	OrganisationID   int64
	OrganisationName string
	Purpose          string
	AgeGroup         string
	Attendees        int
	Weekday          int
	Start, End       int
	Priority         int
	// RoomRank is the room's rank among the section's rooms (1 = most wanted).
	RoomRank int
	// Clashes is how many other sections wish for time in the room overlapping this wish.
	Clashes int
}

// RoomDemand is what the applications ask of one room, by weekday and start.
type RoomDemand struct {
	RoomID   int64
	RoomName string
	Wishes   []DemandWish
}

// FindDemand returns, for each room the round offers, every wish of the submitted
// applications that names it, by weekday and start, each with how many other sections'
// wishes overlap it (clashes), for the owner's admins. It returns ErrNotFound or access
// errors.
func (s *Service) FindDemand(ctx context.Context, actor access.Actor, roundID int64) ([]RoomDemand, error) {
	if !actor.SignedIn() {
		return nil, access.ErrUnauthenticated
	}
	r, err := s.FindRoundByID(ctx, roundID)
	if err != nil {
		return nil, err
	}
	if err := access.Check(actor, access.ManageRounds, r.OwnerID); err != nil {
		return nil, err
	}
	var rooms []struct {
		ID   int64  `bun:"id"`
		Name string `bun:"name"`
	}
	if err := s.db.NewRaw(`SELECT id, name FROM rooms WHERE id = ANY(?) ORDER BY name, id`, pgdialect.Array(r.RoomIDs)).Scan(ctx, &rooms); err != nil {
		return nil, fmt.Errorf("demand of round %d: %w", roundID, err)
	}
	var apps []Application
	if err := selectApplications(s.db).Where("ap.round_id = ? AND ap.status = ?", roundID, ApplicationSubmitted).OrderExpr("ap.id").Scan(ctx, &apps); err != nil {
		return nil, fmt.Errorf("demand of round %d: %w", roundID, err)
	}
	if err := loadSections(ctx, s.db, apps); err != nil {
		return nil, fmt.Errorf("demand of round %d: %w", roundID, err)
	}
	out := make([]RoomDemand, 0, len(rooms))
	for _, room := range rooms {
		d := RoomDemand{RoomID: room.ID, RoomName: room.Name, Wishes: []DemandWish{}}
		for _, a := range apps {
			for _, sc := range a.Sections {
				rank := slices.Index(sc.RoomIDs, room.ID)
				if rank < 0 {
					continue
				}
				for _, w := range sc.Wishes {
					d.Wishes = append(d.Wishes, DemandWish{SectionID: sc.ID, ApplicationID: a.ID, OrganisationID: a.OrganisationID,
						OrganisationName: a.OrganisationName, Purpose: sc.Purpose, AgeGroup: sc.AgeGroup, Attendees: sc.Attendees,
						Weekday: w.Weekday, Start: w.Start, End: w.End, Priority: w.Priority, RoomRank: rank + 1})
				}
			}
		}
		slices.SortStableFunc(d.Wishes, func(a, b DemandWish) int {
			if a.Weekday != b.Weekday {
				return a.Weekday - b.Weekday
			}
			return a.Start - b.Start
		})
		for i := range d.Wishes {
			for j := range d.Wishes {
				a, b := d.Wishes[i], d.Wishes[j]
				if a.SectionID != b.SectionID && a.Weekday == b.Weekday && a.Start < b.End && b.Start < a.End {
					d.Wishes[i].Clashes++
				}
			}
		}
		out = append(out, d)
	}
	return out, nil
}
