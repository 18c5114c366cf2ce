package round_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/round"
)

// TestRoundEndToEnd is the proof issue 16 asks for: 30 applications compete for 10 rooms
// over a term (5 October 2026 – 14 February 2027) that crosses the end of summer time (25
// October) and has public holidays (Christmas Day and New Year's Day on Fridays, Epiphany on
// a Wednesday) on which the rooms are closed, plus a closure and a booking made before. The
// proposal, run twice, gives the same allocation; nothing is booked before publishing; after
// publishing no two live bookings of a room overlap (a self-join in SQL), every allocated
// date is either booked at 18:00-style local wall-clock time or refused with its reason, and
// declining frees the series' future dates.
func TestRoundEndToEnd(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for len(f.rooms) < 10 {
		f.rooms = append(f.rooms, f.room(t, f.venue.ID, fmt.Sprintf("Sal %d", len(f.rooms)+1), 30))
	}
	for _, r := range f.rooms {
		f.exec(t, `INSERT INTO booking_rules (room_id, holidays_closed, created_at, updated_at) VALUES (?, true, ?, ?)`, r.ID, start, start)
	}
	// The autumn break closes the second room; a booking made before holds the first room on
	// one Tuesday evening.
	if _, err := f.bookings.AddClosure(ctx, access.System, booking.ClosureInput{RoomID: f.rooms[1].ID,
		FirstDay: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), LastDay: time.Date(2026, 11, 8, 0, 0, 0, 0, time.UTC), Reason: "Höstlov"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.bookings.CreateBooking(ctx, access.System, booking.Input{RoomID: f.rooms[0].ID, OrganisationID: f.other.ID,
		Title: "Årsmöte", Attendees: 10, StartsAt: at(2026, 11, 10, 18, 0), EndsAt: at(2026, 11, 10, 22, 0)}); err != nil {
		t.Fatal(err)
	}
	r := f.newRound(t)
	f.clock.set(at(2026, 9, 10, 12, 0))
	rng := rand.New(rand.NewPCG(16, 2026))
	var sections []int64
	for i := range 30 {
		kind := "association"
		if i%7 == 6 {
			kind = "other"
		}
		org := f.org(t, kind, fmt.Sprintf("Förening %02d", i))
		applicant := f.member(t, org.ID, access.RoleAdmin)
		sec := round.SectionInput{Purpose: fmt.Sprintf("Träning %02d", i), AgeGroup: round.AgeGroups[i%len(round.AgeGroups)],
			Attendees: 10 + rng.IntN(20), SessionsPerWeek: 1 + i%2, MinutesPerSession: 90}
		for _, k := range rng.Perm(len(f.rooms))[:3] {
			sec.RoomIDs = append(sec.RoomIDs, f.rooms[k].ID)
		}
		for p, d := range rng.Perm(5)[:3] {
			from := 16*60 + 30*rng.IntN(6)
			sec.Wishes = append(sec.Wishes, round.WishInput{Weekday: d + 1, Starts: round.Clock(from), Ends: round.Clock(from + 150), Priority: p + 1})
		}
		a, err := f.rounds.SubmitApplication(ctx, applicant, r.ID, round.ApplicationInput{OrganisationID: org.ID, Sections: []round.SectionInput{sec}})
		if err != nil {
			t.Fatalf("application %d: %v", i, err)
		}
		sections = append(sections, a.Sections[0].ID)
		f.clock.add(time.Minute)
	}
	if _, err := f.rounds.RunProposal(ctx, f.owner, r.ID); !errors.Is(err, round.ErrNotAllocating) {
		t.Fatalf("proposal while applications are open: %v, want ErrNotAllocating", err)
	}
	f.clock.set(at(2026, 10, 2, 9, 0))

	// By hand first: a Friday evening (Christmas Day, New Year's Day), a Tuesday in the
	// first room (the booking made before) and a Wednesday in the closed room (the break).
	hand := []round.AllocationInput{
		{SectionID: sections[0], RoomID: f.rooms[9].ID, Weekday: 5, Starts: "18:00", Ends: "19:30"},
		{SectionID: sections[1], RoomID: f.rooms[0].ID, Weekday: 2, Starts: "19:00", Ends: "20:30"},
		{SectionID: sections[2], RoomID: f.rooms[1].ID, Weekday: 3, Starts: "18:00", Ends: "19:30"},
	}
	for _, in := range hand {
		if _, err := f.rounds.AllocateByHand(ctx, f.owner, r.ID, in); err != nil {
			t.Fatalf("allocate by hand %+v: %v", in, err)
		}
	}
	if _, err := f.rounds.AllocateByHand(ctx, f.owner, r.ID, round.AllocationInput{SectionID: sections[3], RoomID: f.rooms[0].ID,
		Weekday: 2, Starts: "20:00", Ends: "21:00"}); !errors.Is(err, round.ErrAllocationTaken) {
		t.Errorf("overlapping hand allocation: %v, want ErrAllocationTaken", err)
	}

	first, err := f.rounds.RunProposal(ctx, f.owner, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	allocs1 := slots(t, f, r.ID)
	second, err := f.rounds.RunProposal(ctx, f.owner, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first.Decisions, second.Decisions); diff != "" {
		t.Errorf("the proposal's decisions differ between two runs (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(allocs1, slots(t, f, r.ID)); diff != "" {
		t.Errorf("the allocation differs between two runs (-first +second):\n%s", diff)
	}
	if first.Stats.SessionsAllocated == 0 || len(first.Decisions) != 30 {
		t.Fatalf("proposal: %+v", first.Stats)
	}
	t.Logf("proposal: %d of %d sessions allocated (%.0f %%), %d first choices",
		first.Stats.SessionsAllocated, first.Stats.SessionsWanted, 100*first.Stats.WishesMet(), first.Stats.FirstChoice)
	for _, d := range first.Decisions {
		if len(d.Reasons) == 0 {
			t.Errorf("section %d: no reason given", d.SectionID)
		}
	}
	if n := count(t, f, `SELECT count(*) FROM bookings`); n != 1 {
		t.Fatalf("%d bookings before publishing, want only the one made before", n)
	}

	res, err := f.rounds.Publish(ctx, f.owner, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Round.Status != round.StatusPublished || res.Booked == 0 || res.Refused == 0 {
		t.Fatalf("publish: status %s, %d booked, %d refused", res.Round.Status, res.Booked, res.Refused)
	}
	t.Logf("publish: %d allocations, %d occurrences booked, %d refused", len(res.Allocations), res.Booked, res.Refused)
	if n := count(t, f, `SELECT count(*) FROM bookings a JOIN bookings b ON a.room_id = b.room_id AND a.id < b.id
		AND a.status IN ('pending', 'confirmed') AND b.status IN ('pending', 'confirmed')
		AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)`); n != 0 {
		t.Errorf("%d pairs of live bookings overlap in a room", n)
	}
	if n := count(t, f, `SELECT count(*) FROM round_refusals WHERE code = '' OR code IS NULL`); n != 0 {
		t.Errorf("%d refused dates without a reason", n)
	}
	all, err := f.rounds.FindAllocations(ctx, f.owner, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range all {
		var booked []booking.Booking
		if a.SeriesID != nil {
			if err := f.db.NewSelect().Model(&booked).Where("series_id = ?", *a.SeriesID).Order("starts_at").Scan(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if got, want := len(booked)+len(a.Refusals), weeks(r, a.Weekday); got != want {
			t.Errorf("allocation %d (weekday %d): %d booked + %d refused, want %d dates", a.ID, a.Weekday, len(booked), len(a.Refusals), want)
		}
		for _, b := range booked {
			l := b.StartsAt.In(stockholm)
			if l.Hour()*60+l.Minute() != a.Start || b.Status != booking.StatusConfirmed || b.OrganisationID != a.OrganisationID {
				t.Errorf("allocation %d: booking at %s (%s), want %s local, confirmed", a.ID, l, b.Status, round.Clock(a.Start))
			}
		}
		for _, rf := range a.Refusals {
			seen[rf.StartsAt.In(stockholm).Format("2006-01-02")+" "+rf.Code] = true
		}
	}
	for _, want := range []string{"2026-12-25 holiday", "2027-01-01 holiday", "2026-11-10 booking_conflict", "2026-11-04 closed"} {
		if !seen[want] {
			t.Errorf("no refusal %q among %v", want, keys(seen))
		}
	}

	// The applicant sees its result, accepts one time and declines another.
	mine := f.member(t, all[0].OrganisationID, access.RoleBooker)
	got, err := f.rounds.FindAllocations(ctx, mine, r.ID)
	if err != nil || len(got) == 0 || slices.ContainsFunc(got, func(a round.Allocation) bool { return a.OrganisationID != all[0].OrganisationID }) {
		t.Fatalf("the applicant's allocations: %d, %v", len(got), err)
	}
	if _, err := f.rounds.DeclineAllocation(ctx, f.outsider, all[0].ID); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("an outsider declines: %v", err)
	}
	waiting, err := f.rounds.FindAllocationsToAnswer(ctx, mine)
	if err != nil || len(waiting) != len(got) {
		t.Errorf("allocations to answer: %d, %v; want %d", len(waiting), err, len(got))
	}
	declined, err := f.rounds.DeclineAllocation(ctx, mine, all[0].ID)
	if err != nil || *declined.Response != round.ResponseDeclined {
		t.Fatalf("decline: %v", err)
	}
	if declined.SeriesID != nil {
		if n := count(t, f, `SELECT count(*) FROM bookings WHERE series_id = ? AND status IN ('pending', 'confirmed')`, *declined.SeriesID); n != 0 {
			t.Errorf("%d occurrences of the declined series still hold the room", n)
		}
	}
	if again, _ := f.rounds.FindAllocationsToAnswer(ctx, mine); len(again) != len(got)-1 {
		t.Errorf("allocations to answer after declining one: %d, want %d", len(again), len(got)-1)
	}
	if _, err := f.rounds.AcceptAllocation(ctx, mine, all[0].ID); !errors.Is(err, round.ErrAlreadyAnswered) {
		t.Errorf("accept after declining: %v", err)
	}
	other := all[len(all)-1]
	accepted, err := f.rounds.AcceptAllocation(ctx, f.member(t, other.OrganisationID, access.RoleAdmin), other.ID)
	if err != nil || *accepted.Response != round.ResponseAccepted {
		t.Errorf("accept: %v", err)
	}
	if _, err := f.rounds.RunProposal(ctx, f.owner, r.ID); !errors.Is(err, round.ErrAlreadyPublished) {
		t.Errorf("proposal after publishing: %v", err)
	}
}

// slots are the round's allocations as comparable values.
func slots(t *testing.T, f *fixture, roundID int64) []string {
	t.Helper()
	all, err := f.rounds.FindAllocations(ctx, f.owner, roundID)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(all))
	for i, a := range all {
		out[i] = fmt.Sprintf("section %d room %d day %d %s–%s %s", a.SectionID, a.RoomID, a.Weekday, round.Clock(a.Start), round.Clock(a.End), a.Source)
	}
	return out
}

// weeks is how many times the weekday occurs in the round's term.
func weeks(r *round.Round, weekday int) int {
	n := 0
	for d := r.TermStartsOn; !d.After(r.TermEndsOn); d = d.AddDate(0, 0, 1) {
		if wd := int(d.Weekday()); wd == weekday || wd == 0 && weekday == 7 {
			n++
		}
	}
	return n
}

func count(t *testing.T, f *fixture, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.db.NewRaw(query, args...).Scan(ctx, &n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestDeclineNearTheStart: declining an hour before the first occurrence of a room whose
// rules let bookers cancel until 48 hours before cancels every later occurrence and keeps
// the first one, instead of refusing the whole answer.
func TestDeclineNearTheStart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	room := f.rooms[0]
	f.exec(t, `INSERT INTO booking_rules (room_id, cancel_before, created_at, updated_at) VALUES (?, '48 hours', ?, ?)`, room.ID, start, start)
	r := f.newRound(t)
	f.clock.set(at(2026, 9, 10, 12, 0))
	a, err := f.rounds.SubmitApplication(ctx, f.applicant, r.ID, round.ApplicationInput{OrganisationID: f.club.ID,
		Sections: []round.SectionInput{f.section("Basket U15")}})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.set(at(2026, 10, 2, 9, 0))
	al, err := f.rounds.AllocateByHand(ctx, f.owner, r.ID, round.AllocationInput{SectionID: a.Sections[0].ID, RoomID: room.ID, Weekday: 2, Starts: "18:00", Ends: "19:30"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.rounds.Publish(ctx, f.owner, r.ID); err != nil {
		t.Fatal(err)
	}
	f.clock.set(at(2026, 10, 6, 17, 0)) // the first Tuesday of the term, an hour before
	got, err := f.rounds.DeclineAllocation(ctx, f.applicant, al.ID)
	if err != nil {
		t.Fatalf("decline: %v", err)
	}
	if n := count(t, f, `SELECT count(*) FROM bookings WHERE series_id = ? AND status = 'confirmed'`, *got.SeriesID); n != 1 {
		t.Errorf("%d occurrences still booked, want the first one only", n)
	}
}
