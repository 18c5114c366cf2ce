package booking

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"

	"github.com/borasstad/lokalbanken/internal/agreement"
)

// standing is what the rules of who may book ask about organisations: where each stands
// towards the active Compact, and what the premises-sharing agreements say about it as a
// partner of each room (pairs no agreement names are absent).
type standing struct {
	compact  map[int64]agreement.CompactStanding
	partners map[[2]int64]agreement.PremisesRight // {room, organisation}
}

// loadStanding reads the standing of orgs towards rooms on today (a date in the service's
// zone) in at most two queries, asking only what the rooms' rules need: a room the
// organisation owns, or whose rule is not compact or partners, asks nothing. It is the one
// place that reads the agreements for the rules.
func loadStanding(ctx context.Context, db bun.IDB, orgs []int64, rooms []*room, today time.Time) (standing, error) {
	st := standing{compact: map[int64]agreement.CompactStanding{}, partners: map[[2]int64]agreement.PremisesRight{}}
	var compact bool
	var partnerRooms []int64
	for _, r := range rooms {
		if !r.Bookable || (len(orgs) == 1 && orgs[0] == r.OwnerID) {
			continue
		}
		switch r.Rules.WhoMayBook {
		case WhoCompact:
			compact = true
		case WhoPartners:
			partnerRooms = append(partnerRooms, r.ID)
		}
	}
	if compact {
		signed, err := agreement.CompactStandings(ctx, db, orgs)
		if err != nil {
			return st, err
		}
		for _, s := range signed {
			st.compact[s.OrganisationID] = s
		}
	}
	if len(partnerRooms) > 0 {
		rights, err := agreement.PremisesRights(ctx, db, partnerRooms, orgs, today)
		if err != nil {
			return st, err
		}
		for _, pr := range rights {
			st.partners[[2]int64{pr.RoomID, pr.OrganisationID}] = pr
		}
	}
	return st, nil
}

// refusal returns nil when the room's rules let org book it, or a *RuleError naming the
// rule that refuses and, for the rules compact and partners, why. The owner may always book
// its own rooms. It is the one statement of the rule: a booking (mayBook), the free-room
// search, MayBookRooms and the bookings without a right all come here.
func (r *room) refusal(org int64, st standing) error {
	if org == r.OwnerID {
		return nil
	}
	if !r.Bookable {
		return &RuleError{Rule: RuleNotBookable}
	}
	switch r.Rules.WhoMayBook {
	case WhoAny:
		return nil
	case WhoOwner:
		return &RuleError{Rule: RuleOwner}
	case WhoCompact:
		cs, ok := st.compact[org]
		switch {
		case cs.Current:
			return nil
		case ok:
			return &RuleError{Rule: RuleCompact, Reason: agreement.SignatureWithdrawn, On: cs.WithdrawnOn}
		}
		return &RuleError{Rule: RuleCompact, Reason: agreement.NotSigned}
	case WhoPartners:
		pr, ok := st.partners[[2]int64{r.ID, org}]
		switch {
		case pr.Granted:
			return nil
		case ok:
			return &RuleError{Rule: RulePartners, Reason: pr.Reason, Agreement: pr.Title, AgreementID: pr.AgreementID, On: pr.On}
		}
		return &RuleError{Rule: RulePartners, Reason: agreement.NoAgreement}
	}
	return fmt.Errorf("unknown booking rule %q", r.Rules.WhoMayBook)
}

// refusals returns, for each room, nil when at least one of orgs may book it, else the
// *RuleError of its rule; the rules are the same for every organisation but the owner, so
// one refusal stands for all of them.
func refusals(ctx context.Context, db bun.IDB, orgs []int64, rooms []*room, today time.Time) (map[int64]*RuleError, error) {
	st, err := loadStanding(ctx, db, orgs, rooms, today)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*RuleError, len(rooms))
	for _, r := range rooms {
		out[r.ID] = &RuleError{Rule: RuleNotBookable}
		if r.Archived {
			continue
		}
		for _, org := range orgs {
			err := r.refusal(org, st)
			if err == nil {
				out[r.ID] = nil
				break
			}
			re, ok := err.(*RuleError)
			if !ok {
				return nil, err
			}
			out[r.ID] = re
		}
	}
	return out, nil
}

// MayBookRooms answers, for each of the rooms, whether any of the organisations orgs may
// book it under its owner's rules: the map holds nil for a room that at least one may book,
// and the *RuleError naming the rule that refuses them all otherwise (RuleNotBookable for
// an archived room or archived venue, or when orgs is empty). Rooms that do not exist are
// absent. It answers in at most three queries, whatever the number of rooms and
// organisations, and checks neither time nor size: that is FindFreeRooms' part.
func (s *Service) MayBookRooms(ctx context.Context, orgs, rooms []int64) (map[int64]*RuleError, error) {
	if len(rooms) == 0 {
		return map[int64]*RuleError{}, nil
	}
	rs, err := loadRoomRules(ctx, s.db, rooms)
	if err != nil {
		return nil, fmt.Errorf("may book rooms: %w", err)
	}
	out, err := refusals(ctx, s.db, orgs, rs, localDate(s.now(), s.loc))
	if err != nil {
		return nil, fmt.Errorf("may book rooms: %w", err)
	}
	return out, nil
}

// loadRoomRules reads of each room only what deciding who may book it needs (owner,
// bookable, archived, who may book), in one query; loadRooms reads much more.
func loadRoomRules(ctx context.Context, db bun.IDB, ids []int64) ([]*room, error) {
	var rows []struct {
		ID       int64
		OwnerID  int64
		Bookable bool
		Archived bool
		Who      Who
	}
	err := db.NewRaw(`SELECT r.id, v.owner_id, r.bookable, (r.archived_at IS NOT NULL OR v.archived_at IS NOT NULL) AS archived,
			coalesce(br.who_may_book, ?) AS who
		FROM rooms r JOIN venues v ON v.id = r.venue_id LEFT JOIN booking_rules br ON br.room_id = r.id
		WHERE r.id = ANY(?) ORDER BY r.id`, string(DefaultRules(0).WhoMayBook), pgdialect.Array(ids)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("load room rules: %w", err)
	}
	out := make([]*room, len(rows))
	for i, row := range rows {
		r := &room{ID: row.ID, OwnerID: row.OwnerID, Bookable: row.Bookable, Archived: row.Archived, Rules: DefaultRules(row.ID)}
		r.Rules.WhoMayBook = row.Who
		out[i] = r
	}
	return out, nil
}
