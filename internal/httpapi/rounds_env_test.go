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
