package access

// Sight is how much of a booking or a meeting a viewer may see. It is the one answer to
// "what may this viewer see of this booking or meeting": every surface (API items and
// lists, cursors, pages, feeds, downloads, availability, error bodies) shows what the Sight
// allows and nothing more.
//
// Of a booking:
//   - the booking organisation's members (admins and bookers), the room owner's admins
//     (who decide on its bookings) and city administrators see everything (SeeAll);
//   - anyone else sees a public booking as a public event announces it (SeePublic): room,
//     time, status, title, organisation and series; never its purpose, attendees, the
//     status note (a cancellation's reason or the owner's note) or who made it;
//   - anyone else sees a private booking only as busy time of its room (SeeBusy): room,
//     time and status, with nothing that ties it to an organisation, a title or a series.
//     Filtered by organisation it is not found at all: the filter would say whose it is.
//
// Surfaces that carry no credential (public room and venue feeds, availability, a single
// booking's .ics download) show everyone what an anonymous viewer may see.
//
// Of a meeting: a meeting of a public series is anyone's to see in full; one of another
// series only its organiser's members' and the invited organisations' members' (and city
// administrators'); to anyone else it does not exist (SeeNothing).
type Sight int

// The sights, from least to most.
const (
	// SeeNothing: the viewer may not learn that it exists.
	SeeNothing Sight = iota
	// SeeBusy: the room is busy: room, time and status only.
	SeeBusy
	// SeePublic: SeeBusy with the organisation, the title and the series.
	SeePublic
	// SeeAll: everything, purpose, attendees and status note included.
	SeeAll
)

// Organisation reports whether the sight shows whose it is and its title.
func (s Sight) Organisation() bool { return s >= SeePublic }

// Details reports whether the sight shows the purpose, attendees and status note.
func (s Sight) Details() bool { return s == SeeAll }

// BookingFacts is what the policy needs to know of a booking: its organisation, the owner
// of its room's venue and whether it is public.
type BookingFacts struct {
	Organisation int64
	RoomOwner    int64
	Public       bool
}

// BookingSight is the policy for bookings (see Sight).
func BookingSight(actor Actor, b BookingFacts) Sight {
	if Check(actor, Book, b.Organisation) == nil || Check(actor, ApproveBooking, b.RoomOwner) == nil {
		return SeeAll
	}
	if b.Public {
		return SeePublic
	}
	return SeeBusy
}

// BookingScope is BookingSight for queries: the bookings whose every detail the viewer may
// see are those of the organisations Orgs, those of the rooms of the owners Owners, and all
// when All; every other one is seen by the rule for outsiders.
type BookingScope struct {
	All    bool
	Orgs   []int64
	Owners []int64
}

// BookingScopeOf returns the actor's BookingScope; it agrees with BookingSight.
func BookingScopeOf(actor Actor) BookingScope {
	all, orgs := Scope(actor, Book)
	_, owners := Scope(actor, ApproveBooking)
	return BookingScope{All: all, Orgs: orgs, Owners: owners}
}

// MeetingFacts is what the policy needs to know of a meeting: its series' organiser, whether
// the series is public, and the organisations invited to it.
type MeetingFacts struct {
	Organiser int64
	Public    bool
	Invited   []int64
}

// MeetingSight is the policy for meetings (see Sight): SeeAll or SeeNothing.
func MeetingSight(actor Actor, m MeetingFacts) Sight {
	if m.Public || Check(actor, ViewMeetings, m.Organiser) == nil {
		return SeeAll
	}
	for _, org := range m.Invited {
		if actor.RoleIn(org) != "" {
			return SeeAll
		}
	}
	return SeeNothing
}
