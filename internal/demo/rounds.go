package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/round"
)

// RoundName is the demo's application round: the leisure administration's sports hall and
// meeting hall in Hässleholmen, open for applications from a week ago for three weeks,
// for a term of seventeen weeks starting on the first Monday eight weeks from now.
const RoundName = "Veckotider i Hässleholmens aktivitetshus"

// loadRounds adds the demo round and four associations' applications to it, two of which
// wish for the same Monday evening in the sports hall.
func loadRounds(ctx context.Context, svc *round.Service, ids, rooms map[string]int64, now time.Time, loc *time.Location) error {
	hall, meetingHall := rooms["Idrottshallen"], rooms["Samlingssalen"]
	start := now.In(loc).AddDate(0, 0, 56)
	for start.Weekday() != time.Monday {
		start = start.AddDate(0, 0, 1)
	}
	r, err := svc.CreateRound(ctx, access.System, round.RoundInput{OwnerID: ids["fritid"], Name: RoundName,
		Criteria: "Barn- och ungdomsverksamhet går först, sedan föreningar som har skrivit under Överenskommelsen. Lika prioriterade ansökningar avgörs av vem som sökte först.",
		Terms:    "Tiderna gäller hela terminen. Meddela Fritids- och folkhälsoförvaltningen om en tid inte används.",
		RoomIDs:  []int64{hall, meetingHall}, Priorities: round.Priorities,
		ApplicationsOpenAt: now.AddDate(0, 0, -7), ApplicationsCloseAt: now.AddDate(0, 0, 21),
		TermStartsOn: start.Format(time.DateOnly), TermEndsOn: start.AddDate(0, 0, 17*7-3).Format(time.DateOnly)})
	if err != nil {
		return fmt.Errorf("demo round: %w", err)
	}
	wish := func(day int, from, to string, prio int) round.WishInput {
		return round.WishInput{Weekday: day, Starts: from, Ends: to, Priority: prio}
	}
	for _, a := range []struct {
		org string
		s   round.SectionInput
	}{
		{"ifk", round.SectionInput{Purpose: "Innebandy, pojkar 12 år", AgeGroup: "children", Attendees: 18, SessionsPerWeek: 2, MinutesPerSession: 90,
			RoomIDs: []int64{hall}, Wishes: []round.WishInput{wish(1, "17:00", "20:00", 1), wish(3, "17:00", "20:00", 2), wish(4, "17:00", "20:00", 3)}}},
		{"rodakorset", round.SectionInput{Purpose: "Läxhjälp", AgeGroup: "youth", Attendees: 15, SessionsPerWeek: 1, MinutesPerSession: 120,
			RoomIDs: []int64{meetingHall}, Wishes: []round.WishInput{wish(2, "16:00", "19:00", 1), wish(4, "16:00", "19:00", 2)}}},
		{"studie", round.SectionInput{Purpose: "Studiecirkel i släktforskning", AgeGroup: "adults", Attendees: 10, SessionsPerWeek: 1, MinutesPerSession: 120,
			RoomIDs: []int64{meetingHall}, Wishes: []round.WishInput{wish(2, "17:00", "20:00", 1)}}},
		{"pro", round.SectionInput{Purpose: "Sittgympa", AgeGroup: "seniors", Attendees: 25, SessionsPerWeek: 1, MinutesPerSession: 60,
			RoomIDs: []int64{hall, meetingHall}, Wishes: []round.WishInput{wish(1, "17:30", "19:00", 1), wish(3, "10:00", "12:00", 2)}}},
	} {
		if _, err := svc.SubmitApplication(ctx, access.System, r.ID, round.ApplicationInput{OrganisationID: ids[a.org],
			Sections: []round.SectionInput{a.s}}); err != nil {
			return fmt.Errorf("demo application of %s: %w", a.org, err)
		}
	}
	return nil
}
