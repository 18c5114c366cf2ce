package access_test

import (
	"slices"
	"testing"

	"github.com/borasstad/lokalbanken/internal/access"
)

// TestBookingSight is the policy's table: who sees what of a booking of organisation 1 in a
// room owned by organisation 2, public or private, and that BookingScopeOf (the policy in
// SQL) agrees with it for every actor.
func TestBookingSight(t *testing.T) {
	const org, owner, other = 1, 2, 3
	actors := []struct {
		name  string
		actor access.Actor
		all   bool
	}{
		{"anonymous", access.Anonymous("127.0.0.1"), false},
		{"booker of the organisation", access.Actor{UserID: 10, Roles: map[int64]access.Role{org: access.RoleBooker}}, true},
		{"admin of the organisation", access.Actor{UserID: 11, Roles: map[int64]access.Role{org: access.RoleAdmin}}, true},
		{"booker of another", access.Actor{UserID: 12, Roles: map[int64]access.Role{other: access.RoleBooker}}, false},
		{"admin of the room's owner", access.Actor{UserID: 13, Roles: map[int64]access.Role{owner: access.RoleAdmin}}, true},
		{"booker of the room's owner", access.Actor{UserID: 14, Roles: map[int64]access.Role{owner: access.RoleBooker}}, false},
		{"city administrator", access.Actor{UserID: 15, CityAdmin: true}, true},
	}
	for _, a := range actors {
		for _, public := range []bool{true, false} {
			got := access.BookingSight(a.actor, access.BookingFacts{Organisation: org, RoomOwner: owner, Public: public})
			want := access.SeeBusy
			switch {
			case a.all:
				want = access.SeeAll
			case public:
				want = access.SeePublic
			}
			if got != want {
				t.Errorf("%s, public %v: sight %d, want %d", a.name, public, got, want)
			}
			sc := access.BookingScopeOf(a.actor)
			inScope := sc.All || slices.Contains(sc.Orgs, org) || slices.Contains(sc.Owners, owner)
			if inScope != (got == access.SeeAll) {
				t.Errorf("%s: the scope says all %v, the sight is %d", a.name, inScope, got)
			}
		}
	}
	if s := access.SeeBusy; s.Organisation() || s.Details() {
		t.Error("busy time shows whose it is")
	}
	if s := access.SeePublic; !s.Organisation() || s.Details() {
		t.Error("a public booking's outsiders' view: want organisation and title, no details")
	}
}

func TestMeetingSight(t *testing.T) {
	const organiser, invited, other = 1, 2, 3
	member := func(org int64) access.Actor {
		return access.Actor{UserID: org * 10, Roles: map[int64]access.Role{org: access.RoleBooker}}
	}
	closed := access.MeetingFacts{Organiser: organiser, Invited: []int64{invited}}
	for _, tc := range []struct {
		name  string
		actor access.Actor
		m     access.MeetingFacts
		want  access.Sight
	}{
		{"anonymous, public series", access.Anonymous(""), access.MeetingFacts{Organiser: organiser, Public: true}, access.SeeAll},
		{"anonymous, closed series", access.Anonymous(""), closed, access.SeeNothing},
		{"organiser's member", member(organiser), closed, access.SeeAll},
		{"invited organisation's member", member(invited), closed, access.SeeAll},
		{"another organisation's member", member(other), closed, access.SeeNothing},
		{"city administrator", access.Actor{UserID: 1, CityAdmin: true}, closed, access.SeeAll},
	} {
		if got := access.MeetingSight(tc.actor, tc.m); got != tc.want {
			t.Errorf("%s: sight %d, want %d", tc.name, got, tc.want)
		}
	}
}
