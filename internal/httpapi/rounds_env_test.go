package httpapi_test

import (
	"fmt"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/round"
)

// openRound makes, as the System, a round of owner's rooms whose applications are open now
// (from an hour ago for 30 days), for a term starting in 60 days.
func (e *env) openRound(owner int64, rooms ...int64) *round.Round {
	e.t.Helper()
	now := e.now()
	r, err := e.rounds.CreateRound(e.ctx(), access.System, round.RoundInput{OwnerID: owner, Name: "Terminstider",
		RoomIDs: rooms, ApplicationsOpenAt: now.Add(-time.Hour), ApplicationsCloseAt: now.Add(30 * 24 * time.Hour),
		TermStartsOn: now.AddDate(0, 0, 60).Format(time.DateOnly), TermEndsOn: now.AddDate(0, 0, 150).Format(time.DateOnly),
		Priorities: []string{round.PriorityChildrenYouth}})
	if err != nil {
		e.fail("open a round: %v", err)
	}
	return r
}

// applicationBody is an application of org with one section in room, Tuesdays 18–20.
func applicationBody(org, room int64) string {
	return fmt.Sprintf(`{"organisation_id":%d,"note":"Tack!","sections":[{"purpose":"Basket U15","age_group":"youth","attendees":20,
		"sessions_per_week":1,"minutes_per_session":90,"room_ids":[%d],"wishes":[{"weekday":2,"starts":"18:00","ends":"20:00","priority":1}]}]}`, org, room)
}

// roundBody is a round of owner's room whose applications are open now.
func (e *env) roundBody(owner, room int64) string {
	now := e.now()
	return fmt.Sprintf(`{"owner_id":%d,"name":"Hallar","criteria":"Barn och unga först","room_ids":[%d],"applications_open_at":%q,
		"applications_close_at":%q,"term_starts_on":%q,"term_ends_on":%q,"priorities":["children_youth","compact_signatory"]}`,
		owner, room, now.Add(-time.Hour).UTC().Format(time.RFC3339), now.Add(30*24*time.Hour).UTC().Format(time.RFC3339),
		now.AddDate(0, 0, 60).Format(time.DateOnly), now.AddDate(0, 0, 150).Format(time.DateOnly))
}

// apply submits, as the System, org's application in the round for room.
func (e *env) apply(roundID, org, room int64) *round.Application {
	e.t.Helper()
	a, err := e.rounds.SubmitApplication(e.ctx(), access.System, roundID, round.ApplicationInput{OrganisationID: org,
		Sections: []round.SectionInput{{Purpose: "Basket", AgeGroup: "youth", Attendees: 10, SessionsPerWeek: 1, MinutesPerSession: 90,
			RoomIDs: []int64{room}, Wishes: []round.WishInput{{Weekday: 2, Starts: "18:00", Ends: "20:00", Priority: 1}}}}})
	if err != nil {
		e.fail("apply: %v", err)
	}
	return a
}

// allocatingRound makes a round of owner's room in which org applied, and whose
// application period has then ended; it returns the round and the section's id.
func (e *env) allocatingRound(owner, room, org int64) (*round.Round, int64) {
	e.t.Helper()
	r := e.openRound(owner, room)
	a := e.apply(r.ID, org, room)
	if _, err := e.db.ExecContext(e.ctx(), `UPDATE rounds SET applications_open_at = ?, applications_close_at = ? WHERE id = ?`,
		e.now().Add(-48*time.Hour), e.now().Add(-time.Hour), r.ID); err != nil {
		e.fail("close applications: %v", err)
	}
	return r, a.Sections[0].ID
}

// allocation allocates, as the System, the section of org's application Tuesdays 18:00–19:30
// in a fresh round of owner's room, publishing the round when published, and returns it. A
// room is published in once: each publishing books the same weekly time.
func (e *env) allocation(owner, room, org int64, published bool) *round.Allocation {
	e.t.Helper()
	r, section := e.allocatingRound(owner, room, org)
	a, err := e.rounds.AllocateByHand(e.ctx(), access.System, r.ID, round.AllocationInput{SectionID: section, RoomID: room,
		Weekday: 2, Starts: "18:00", Ends: "19:30"})
	if err != nil {
		e.fail("allocate: %v", err)
	}
	if published {
		if _, err := e.rounds.Publish(e.ctx(), access.System, r.ID); err != nil {
			e.fail("publish: %v", err)
		}
	}
	return a
}
