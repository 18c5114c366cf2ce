package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
)

// ApprovalRoom is the demo room whose owner approves every request.
const ApprovalRoom = "Stora salen"

// SeriesTitle is the title of the demo's weekly series.
const SeriesTitle = "Körrepetition"

type bookingSpec struct {
	org, room, title string
	day              int // days after today
	from, to         [2]int
	attendees        int
	public           bool
	cancel           string // a reason: the booking is cancelled after it is made
}

var demoBookings = []bookingSpec{
	{org: "pro", room: "Samlingslokalen", title: "Årsmöte PRO Norrby", day: 10, from: [2]int{14, 0}, to: [2]int{16, 0}, attendees: 35, public: true},
	// Made while the room was open to all; its premises-sharing agreement has since ended
	// (see loadSharing), so PRO Norrby finds it among the bookings without a right.
	{org: "funktion", room: "Samlingslokalen", title: "Samtalsgrupp", day: 25, from: [2]int{18, 0}, to: [2]int{20, 0}, attendees: 12},
	{org: "rodakorset", room: "Konferensrum Ramnasjön", title: "Kurs i första hjälpen", day: 5, from: [2]int{9, 0}, to: [2]int{12, 0}, attendees: 15, public: true},
	{org: "kvinnojour", room: "Lilla mötesrummet", title: "Stödgrupp", day: 3, from: [2]int{17, 0}, to: [2]int{19, 0}, attendees: 6},
	{org: "somali", room: "Cirkelrum 2", title: "Läxhjälp", day: 7, from: [2]int{16, 0}, to: [2]int{18, 0}, attendees: 12, public: true},
	{org: "ifk", room: "Sammanträdesrum Viskan", title: "Styrelsemöte", day: 12, from: [2]int{18, 0}, to: [2]int{20, 0}, attendees: 9},
	{org: "studie", room: "Cirkelrum 1", title: "Studiecirkel i svenska", day: 4, from: [2]int{13, 0}, to: [2]int{15, 0}, attendees: 10, public: true},
	{org: "schack", room: "Studion", title: "Schackturnering", day: 40, from: [2]int{10, 0}, to: [2]int{17, 0}, attendees: 24, public: true},
	{org: "pro", room: ApprovalRoom, title: "Julfest", day: 20, from: [2]int{15, 0}, to: [2]int{19, 0}, attendees: 70, public: true},
	{org: "scout", room: ApprovalRoom, title: "Föräldramöte", day: 9, from: [2]int{18, 0}, to: [2]int{19, 30}, attendees: 40},
	{org: "hyresgast", room: "Kvarterslokalen", title: "Informationsmöte om renovering", day: 8, from: [2]int{18, 0}, to: [2]int{20, 0}, attendees: 25, public: true,
		cancel: "Mötet flyttas till våren."},
	{org: "funktion", room: "Samlingssalen", title: "Temadag om tillgänglighet", day: 15, from: [2]int{10, 0}, to: [2]int{15, 0}, attendees: 45, public: true,
		cancel: "För få anmälda."},
}

// loadBookings books the demo rooms over the coming months from today (in Stockholm): one-off
// bookings, some private, some cancelled, pending requests for a room whose owner approves
// them, and a choir's weekly series that crosses a daylight-saving change.
func loadBookings(ctx context.Context, svc *booking.Service, orgs, rooms map[string]int64, now time.Time) error {
	loc := svc.Location()
	today := now.In(loc)
	if _, err := svc.SetRules(ctx, access.System, rooms[ApprovalRoom], booking.RulesInput{
		WhoMayBook: booking.WhoAny, NeedsApproval: true, HorizonDays: 365,
		Terms: "Bokningar godkänns av Fritids- och folkhälsoförvaltningen. Nyckel hämtas i receptionen.",
	}); err != nil {
		return fmt.Errorf("demo rules: %w", err)
	}
	for _, b := range demoBookings {
		d := today.AddDate(0, 0, b.day)
		created, err := svc.CreateBooking(ctx, access.System, booking.Input{
			RoomID: rooms[b.room], OrganisationID: orgs[b.org], Title: b.title, Attendees: b.attendees, Public: b.public,
			StartsAt: booking.WallClock(d.Year(), d.Month(), d.Day(), b.from[0], b.from[1], 0, loc),
			EndsAt:   booking.WallClock(d.Year(), d.Month(), d.Day(), b.to[0], b.to[1], 0, loc),
		})
		if err != nil {
			return fmt.Errorf("demo booking %q: %w", b.title, err)
		}
		if b.cancel != "" {
			if _, err := svc.CancelBooking(ctx, access.System, created.ID, b.cancel); err != nil {
				return fmt.Errorf("demo cancellation %q: %w", b.title, err)
			}
		}
	}
	// Every Tuesday 18:00–20:30 from next Tuesday, 32 times: over seven months, so the
	// series always crosses a change of daylight-saving time.
	first := today.AddDate(0, 0, 1)
	for first.Weekday() != time.Tuesday {
		first = first.AddDate(0, 0, 1)
	}
	if _, err := svc.CreateSeries(ctx, access.System, booking.SeriesInput{
		RoomID: rooms["Röda rummet"], OrganisationID: orgs["kor"], Title: SeriesTitle, Attendees: 28, Public: true,
		Start:           time.Date(first.Year(), first.Month(), first.Day(), 18, 0, 0, 0, time.UTC),
		DurationMinutes: 150, RRule: "FREQ=WEEKLY;BYDAY=TU;COUNT=32", SkipUnavailable: true,
	}); err != nil {
		return fmt.Errorf("demo series: %w", err)
	}
	return nil
}
