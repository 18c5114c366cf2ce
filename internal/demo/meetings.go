package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/meeting"
)

// CouncilName is the demo's council series: on the first Wednesday of each month, 18:00–20:00
// in the city hall, for eight months from the next one (so across a change of daylight
// saving time), with the third meeting cancelled.
const CouncilName = "Samrådet"

// loadMeetings adds the Compact's demo meetings: the council, FRÖ meetings (two held, with
// replies, and two to come, one of them online) and the annual general meeting.
func loadMeetings(ctx context.Context, svc *meeting.Service, ids, rooms map[string]int64, now time.Time, loc *time.Location) error {
	council, err := svc.CreateSeries(ctx, access.System, meeting.SeriesInput{Kind: "samrad", Name: CouncilName, OrganiserID: ids["ks"],
		Public: true, InviteSignatories: true,
		Description: "Samrådet mellan Borås Stad och det idéburna följer upp Överenskommelsen och förbereder stormötet."})
	if err != nil {
		return fmt.Errorf("demo council: %w", err)
	}
	first := firstWednesdayAfter(now, loc)
	held, err := svc.CreateMeetings(ctx, access.System, council.ID, meeting.MeetingInput{Title: "Samråd", RoomID: rooms["Kommunstyrelsens sessionssal"],
		StartsAt: first, EndsAt: first.Add(2 * time.Hour), Attendees: 30,
		Agenda:     "1. Mötet öppnas\n2. Lokalbanken: hur används lokalerna?\n3. Inför stormötet\n4. Övriga frågor",
		Recurrence: &meeting.RecurrenceInput{RRule: "FREQ=MONTHLY;BYDAY=1WE;COUNT=8"}})
	if err != nil {
		return fmt.Errorf("demo council meetings: %w", err)
	}
	if _, err := svc.CancelMeeting(ctx, access.System, held[2].ID, meeting.CancelInput{Reason: "Ställs in på grund av lov."}); err != nil {
		return fmt.Errorf("demo cancelled council meeting: %w", err)
	}
	fro, err := svc.CreateSeries(ctx, access.System, meeting.SeriesInput{Kind: "fro", Name: "FRÖ-möten", OrganiserID: ids["fritid"], Public: true,
		Invitees:    []int64{ids["pro"], ids["rodakorset"], ids["studie"], ids["scout"]},
		Description: "Dialogmöten mellan förvaltningarna och föreningarna; handlingsplanen vill ha minst fyra om året."})
	if err != nil {
		return fmt.Errorf("demo FRÖ series: %w", err)
	}
	day := func(days, hour int) time.Time {
		d := now.In(loc).AddDate(0, 0, days)
		return booking.WallClock(d.Year(), d.Month(), d.Day(), hour, 0, 0, loc)
	}
	yes := true
	for i, m := range []meeting.MeetingInput{
		{Title: "FRÖ: lokaler för unga", StartsAt: day(-120, 9), EndsAt: day(-120, 11), Address: "Stora torget 1, Borås"},
		{Title: "FRÖ: tillgänglighet", StartsAt: day(-40, 9), EndsAt: day(-40, 11), Address: "Stora torget 1, Borås"},
		{Title: "FRÖ: bokningsregler", StartsAt: day(20, 9), EndsAt: day(20, 11), OnlineURL: "https://meet.example.org/fro"},
		{Title: "FRÖ: uppföljning", StartsAt: day(75, 13), EndsAt: day(75, 15), Address: "Stora torget 1, Borås", Agenda: "Uppföljning inför stormötet."},
	} {
		made, err := svc.CreateMeetings(ctx, access.System, fro.ID, m)
		if err != nil {
			return fmt.Errorf("demo FRÖ meeting: %w", err)
		}
		for _, org := range []string{"pro", "rodakorset"}[:min(2, i+1)] {
			if _, err := svc.Reply(ctx, access.System, made[0].ID, meeting.ReplyInput{OrganisationID: ids[org], Attending: &yes, Participants: 2}); err != nil {
				return fmt.Errorf("demo reply: %w", err)
			}
		}
	}
	agm, err := svc.CreateSeries(ctx, access.System, meeting.SeriesInput{Kind: "stormote", Name: "Stormötet", OrganiserID: ids["ks"], Public: true, InviteSignatories: true})
	if err != nil {
		return fmt.Errorf("demo AGM series: %w", err)
	}
	if _, err := svc.CreateMeetings(ctx, access.System, agm.ID, meeting.MeetingInput{Title: "Stormöte", StartsAt: day(100, 17), EndsAt: day(100, 20),
		Address: "Borås Kongress, Borås", Agenda: "Årets uppföljning av Överenskommelsen."}); err != nil {
		return fmt.Errorf("demo AGM: %w", err)
	}
	return nil
}

// firstWednesdayAfter is 18:00 local on the first Wednesday of the month after now's.
func firstWednesdayAfter(now time.Time, loc *time.Location) time.Time {
	n := now.In(loc)
	d := time.Date(n.Year(), n.Month()+1, 1, 12, 0, 0, 0, loc)
	for d.Weekday() != time.Wednesday {
		d = d.AddDate(0, 0, 1)
	}
	return booking.WallClock(d.Year(), d.Month(), d.Day(), 18, 0, 0, loc)
}
