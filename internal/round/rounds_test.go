package round_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/round"
	"github.com/borasstad/lokalbanken/internal/venue"
)

func TestCreateRound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	t.Run("OK", func(t *testing.T) {
		r := f.newRound(t)
		if r.ID == 0 || r.OwnerName != f.city.Name || !slices.Equal(r.RoomIDs, f.roomIDs()) || r.Revision != 1 {
			t.Fatalf("round = %+v", r)
		}
		if got := r.StatusAt(f.clock.now()); got != round.StatusUpcoming {
			t.Errorf("status before the period = %s, want upcoming", got)
		}
		if got := r.StatusAt(at(2026, 9, 10, 12, 0)); got != round.StatusOpen {
			t.Errorf("status within the period = %s, want open", got)
		}
		if got := r.StatusAt(at(2026, 10, 2, 12, 0)); got != round.StatusAllocating {
			t.Errorf("status after the period = %s, want allocating", got)
		}
		if r.TermStartsOn.Format(time.DateOnly) != "2026-10-05" || r.TermEndsOn.Format(time.DateOnly) != "2027-02-14" {
			t.Errorf("term %v – %v", r.TermStartsOn, r.TermEndsOn)
		}
	})
	t.Run("Forbidden", func(t *testing.T) {
		for _, a := range []access.Actor{f.applicant, f.outsider, f.member(t, f.city.ID, access.RoleBooker)} {
			if _, err := f.rounds.CreateRound(ctx, a, f.roundInput()); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("CreateRound as %+v = %v, want forbidden", a.Roles, err)
			}
		}
		if _, err := f.rounds.CreateRound(ctx, access.Anonymous("x"), f.roundInput()); !errors.Is(err, access.ErrUnauthenticated) {
			t.Errorf("anonymous: %v", err)
		}
	})
	t.Run("InvalidFields", func(t *testing.T) {
		otherVenue, err := f.venues.CreateVenue(ctx, access.System, venue.VenueInput{OwnerID: f.other.ID, Name: "Klubbstugan",
			StreetAddress: "Sjöbovägen 2", PostalCode: "50630", Town: "Borås"})
		if err != nil {
			t.Fatal(err)
		}
		foreign := f.room(t, otherVenue.ID, "Klubbrummet", 10)
		in := f.roundInput()
		in.RoomIDs = []int64{f.rooms[0].ID, foreign.ID, 999999}
		in.TermStartsOn, in.TermEndsOn = "2027-02-14", "2026-10-05"
		in.ApplicationsCloseAt = in.ApplicationsOpenAt
		_, err = f.rounds.CreateRound(ctx, f.owner, in)
		got := fields(err)
		for _, want := range []string{"term_ends_on", "applications_close_at"} {
			if !slices.Contains(got, want) {
				t.Errorf("fields %v, want %s among them", got, want)
			}
		}
		in = f.roundInput()
		in.RoomIDs = []int64{f.rooms[0].ID, foreign.ID, 999999}
		_, err = f.rounds.CreateRound(ctx, f.owner, in)
		if got := fields(err); !slices.Equal(got, []string{"room_ids[1]", "room_ids[2]"}) {
			t.Errorf("fields %v, want the foreign and the unknown room", got)
		}
		in = f.roundInput()
		in.Priorities = []string{"richest_first"}
		in.TermStartsOn = "5 oktober"
		_, err = f.rounds.CreateRound(ctx, f.owner, in)
		if got := fields(err); !slices.Contains(got, "priorities[0]") {
			t.Errorf("fields %v, want priorities[0]", got)
		}
	})
}

func TestUpdateAndFindRounds(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.newRound(t)
	in := f.roundInput()
	in.Name = "Hallar hösten"
	in.RoomIDs = f.roomIDs()[:1]
	up, err := f.rounds.UpdateRound(ctx, f.owner, r.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if up.Name != "Hallar hösten" || up.Revision != 2 || !slices.Equal(up.RoomIDs, f.roomIDs()[:1]) {
		t.Errorf("updated = %+v", up)
	}
	if _, err := f.rounds.UpdateRound(ctx, f.outsider, r.ID, in); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("outsider update: %v", err)
	}
	if _, err := f.rounds.UpdateRound(ctx, f.owner, 999999, in); !errors.Is(err, round.ErrNotFound) {
		t.Errorf("unknown round: %v", err)
	}
	second := f.newRound(t)
	page, err := f.rounds.FindRounds(ctx, round.Filter{OwnerID: f.city.ID, Limit: 1})
	if err != nil || len(page.Items) != 1 || page.Next == nil {
		t.Fatalf("first page: %+v, %v", page, err)
	}
	next, err := f.rounds.FindRounds(ctx, round.Filter{OwnerID: f.city.ID, Limit: 1, Cursor: page.Next.Encode()})
	if err != nil || len(next.Items) != 1 || next.Items[0].ID == page.Items[0].ID {
		t.Fatalf("second page: %+v, %v", next, err)
	}
	for status, want := range map[round.Status]int{round.StatusUpcoming: 2, round.StatusOpen: 0} {
		p, err := f.rounds.FindRounds(ctx, round.Filter{Status: string(status)})
		if err != nil || len(p.Items) != want {
			t.Errorf("rounds %s: %d, %v; want %d", status, len(p.Items), err, want)
		}
	}
	f.clock.set(at(2026, 9, 15, 12, 0))
	if p, _ := f.rounds.FindRounds(ctx, round.Filter{Status: "open"}); len(p.Items) != 2 {
		t.Errorf("open rounds mid-period: %d", len(p.Items))
	}
	closed, err := f.rounds.CloseRound(ctx, f.owner, second.ID)
	if err != nil || closed.StatusAt(f.clock.now()) != round.StatusClosed {
		t.Fatalf("close: %+v, %v", closed, err)
	}
	if _, err := f.rounds.UpdateRound(ctx, f.owner, second.ID, in); !errors.Is(err, round.ErrAlreadyPublished) {
		t.Errorf("update closed round: %v", err)
	}
	if p, _ := f.rounds.FindRounds(ctx, round.Filter{Status: "closed"}); len(p.Items) != 1 || p.Items[0].ID != second.ID {
		t.Errorf("closed rounds: %+v", p.Items)
	}
}

// TestUpdateRoundKeepsAllocatedRooms: a room with allocations cannot be left out of the
// round, which would book it at publishing though no longer offered.
func TestUpdateRoundKeepsAllocatedRooms(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.newRound(t)
	f.clock.set(at(2026, 9, 10, 12, 0))
	a, err := f.rounds.SubmitApplication(ctx, f.applicant, r.ID, round.ApplicationInput{OrganisationID: f.club.ID,
		Sections: []round.SectionInput{f.section("Basket U15", f.rooms[1].ID)}})
	if err != nil {
		t.Fatal(err)
	}
	f.clock.set(at(2026, 10, 2, 9, 0))
	if _, err := f.rounds.AllocateByHand(ctx, f.owner, r.ID, round.AllocationInput{SectionID: a.Sections[0].ID, RoomID: f.rooms[1].ID,
		Weekday: 2, Starts: "18:00", Ends: "19:30"}); err != nil {
		t.Fatal(err)
	}
	in := f.roundInput()
	in.RoomIDs = f.roomIDs()[:1]
	if _, err := f.rounds.UpdateRound(ctx, f.owner, r.ID, in); !slices.Equal(fields(err), []string{"room_ids"}) {
		t.Errorf("leaving out an allocated room: %v", err)
	}
	in.RoomIDs = f.roomIDs()
	if _, err := f.rounds.UpdateRound(ctx, f.owner, r.ID, in); err != nil {
		t.Errorf("keeping it: %v", err)
	}
}
