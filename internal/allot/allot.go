// Package allot proposes a seasonal allocation: given the rooms a round offers and the sections
// of the applications (each wanting a number of weekly sessions of a given length, within wished
// weekly times, in ranked rooms), it decides which section gets which weekly time in which room.
// It is pure: no database, no clock, no randomness. The same Input always gives the same Result,
// whatever the order of maps in the caller (the package keeps none that it iterates).
//
// The rules every algorithm here follows:
//   - Sections are served in the round's priority order: Section.Rank compared element by element
//     (lower first; a shorter key that is a prefix of a longer one comes first), then AppliedAt
//     (earlier first), then ID. Callers that want another tie rule (last term's holder first)
//     fold it into Rank.
//   - A session lies inside one of the section's wishes and inside one of its room's Open
//     windows, starts on the Step grid (or exactly at the wish's start or end), never overlaps
//     another session in the same room, and a section's sessions fall on distinct weekdays.
//   - A room whose Capacity is below the section's Attendees is never used for it.
//   - A session's cost is (wish priority, rank of the room among the section's rooms): a lower
//     wish priority number always beats a better room. Each session gets the cheapest free time.
//   - Fixed slots (allocated by hand) are kept as they are, count towards their section's
//     sessions and weekdays, and block their room for everyone else.
//   - Priority is respected: a section never holds time that a section before it in the
//     priority order wanted at a lower cost and could otherwise have had.
//
// Greedy is one pass in priority order. Match adds augmenting paths, as in bipartite matching:
// when a section finds no free time, sessions already placed are moved to other times that cost
// them no more, so that it fits, and a move is undone if it would let a later section hold time
// an earlier one wanted (see match.go). Propose runs both and keeps the one that allocates more
// sessions (Match on a tie). On the benchmark round (500 applications, 100 rooms, seeded) Greedy
// allocates 866 of 1436 wanted sessions (60.3 %) and Match 902 (62.8 %); over six seeds Match
// gains 1.3–2.7 points; on 3000 small generated rounds Match allocated more than Greedy in
// 1738 and fewer in 13, hence Propose keeps the better of the two.
//
// Demands lists, per room and weekday, which sections want which times, with clashes, for the
// staff's demand view.
//
// Every Decision is explained with Reasons: a Code (the words are i18n keys
// ui.allot.reason.<code>, see i18n.AllotReason) and Args. Args values are plain strings:
// "room", "section", "organisation" hold ids (the caller replaces them with names), "weekday"
// holds 1–7, "start" and "end" hold "HH:MM", "criterion" holds the 0-based index into Rank of the
// first criterion by which the holder comes first, or "applied_at" or "id".
package allot

import "time"

// Window is a weekly time: Weekday 1 = Monday … 7 = Sunday, Start and End in minutes after local
// midnight (End > Start, at most 24*60).
type Window struct{ Weekday, Start, End int }

// Room is a room the round offers.
type Room struct {
	ID       int64
	Capacity int // most attendees; 0 = no limit
	// Open is when the round may allocate it (the caller subtracts what is not offered);
	// windows that overlap or touch are joined.
	Open []Window
}

// Wish is a wished weekly time; a session may be placed anywhere inside it.
type Wish struct {
	Window
	Priority int // 1 = most wanted; values below 1 count as 1
}

// Section is one part of an application: a group wanting SessionsPerWeek weekly sessions of
// MinutesPerSession each.
type Section struct {
	ID, ApplicationID, OrganisationID int64
	// Rank is the round's priority order as a key built by the caller; lower first, compared
	// lexicographically.
	Rank []int
	// AppliedAt breaks ties after Rank (then ID), unless the caller folds ties into Rank.
	AppliedAt time.Time
	// SessionsPerWeek counts from 1 to 7 (values outside are taken as the nearest); sessions
	// fall on distinct weekdays.
	Attendees, SessionsPerWeek, MinutesPerSession int
	// Rooms are ranked, most wanted first. Empty means any room of the round, in Input order.
	Rooms  []int64
	Wishes []Wish
}

// Slot is one allocated weekly session.
type Slot struct {
	SectionID, RoomID int64
	Window
}

// Input is everything an allocation depends on.
type Input struct {
	Rooms    []Room
	Sections []Section
	// Fixed slots are allocated by hand: kept as they are (even where they overlap each other
	// or lie outside the rooms' Open windows), others placed around them. A fixed slot of a
	// section not in Sections is in Result.Slots but has no Decision.
	Fixed []Slot
	Step  int // start-time granularity in minutes (0 = 15)
}

// Reason explains part of a Decision. Words come from the i18n keys ui.allot.reason.<Code>.
type Reason struct {
	Code string
	Args map[string]string
}

// The reason codes.
const (
	// ReasonFixed: the slot was allocated by hand. Args room, weekday, start, end.
	ReasonFixed = "fixed"
	// ReasonFirstChoice: allocated in the first-ranked room within a wish of priority 1.
	// Args room, weekday, start, end.
	ReasonFirstChoice = "first_choice"
	// ReasonAllocated: allocated elsewhere than first choice. Args room, weekday, start, end,
	// wish (its priority), room_rank (1 = first-ranked). Usually followed by the reason a
	// better time was not given (held_by, held_by_hand, room_closed).
	ReasonAllocated = "allocated"
	// ReasonHeldBy: a better time was held by a section before this one in the priority order.
	// Args room, weekday, start, end (the holder's slot), section, organisation, criterion.
	ReasonHeldBy = "held_by"
	// ReasonHeldByHand: a better time was held by a slot allocated by hand.
	// Args room, weekday, start, end.
	ReasonHeldByHand = "held_by_hand"
	// ReasonRoomClosed: a better room is not offered during a wished time.
	// Args room, weekday, start, end (the wish).
	ReasonRoomClosed = "room_closed"
	// ReasonRoomTooSmall: a ranked room holds fewer than the section's attendees.
	// Args room, capacity, attendees.
	ReasonRoomTooSmall = "room_too_small"
	// ReasonNotAllocated: sessions could not be given any time within the wishes.
	// Args sessions (how many). Usually followed by a reason (held_by, …).
	ReasonNotAllocated = "not_allocated"
	// ReasonNoWishes: the section has no usable wished time. No args.
	ReasonNoWishes = "no_wishes"
	// ReasonNoRooms: none of the section's rooms is offered by the round and big enough. No args.
	ReasonNoRooms = "no_rooms"
	// ReasonNoOpenTime: the section's rooms are not offered during any of its wishes. No args.
	ReasonNoOpenTime = "no_open_time"
	// ReasonInvalid: the section asks for no time (minutes per session below 1). No args.
	ReasonInvalid = "invalid"
)

// ReasonCodes lists every reason code, for completeness tests of the texts.
var ReasonCodes = []string{
	ReasonFixed, ReasonFirstChoice, ReasonAllocated, ReasonHeldBy, ReasonHeldByHand,
	ReasonRoomClosed, ReasonRoomTooSmall, ReasonNotAllocated, ReasonNoWishes, ReasonNoRooms,
	ReasonNoOpenTime, ReasonInvalid,
}

// Decision is what a section got and why.
type Decision struct {
	SectionID int64
	Slots     []Slot // sorted by weekday, start; fixed ones included
	Reasons   []Reason
}

// Result is a proposed allocation.
type Result struct {
	Slots     []Slot     // every allocated session, sorted (room, weekday, start)
	Decisions []Decision // one per section, in the order decided (the priority order), each explained
	Stats     Stats
}

// Stats sums up a Result.
type Stats struct {
	Algorithm string // "greedy" or "match"
	Sections  int
	// SectionsFull got every session, SectionsPartial some, SectionsNone none.
	SectionsFull, SectionsPartial, SectionsNone int
	// SessionsWanted is the sum of the sections' sessions per week (fixed slots included);
	// SessionsAllocated how many of them got a time, SessionsFixed how many by hand.
	SessionsWanted, SessionsAllocated, SessionsFixed int
	// ByWishPriority[p-1] counts sessions placed within a wish of priority p (fixed excluded).
	ByWishPriority []int
	// ByRoomRank[r-1] counts sessions placed in the section's r-th ranked room (fixed excluded).
	ByRoomRank []int
	// FirstChoice counts sessions in the first-ranked room within a priority-1 wish.
	FirstChoice int
}

// WishesMet is the share of wanted sessions that got a time within a wish (0 when none wanted).
func (s Stats) WishesMet() float64 {
	if s.SessionsWanted == 0 {
		return 0
	}
	return float64(s.SessionsAllocated) / float64(s.SessionsWanted)
}

// Propose is the allocation to offer staff: Match, or Greedy when Greedy allocates more
// sessions. Both follow every rule of the package doc; Stats.Algorithm says which was kept.
func Propose(in Input) Result {
	m := Match(in)
	if g := Greedy(in); g.Stats.SessionsAllocated > m.Stats.SessionsAllocated {
		return g
	}
	return m
}
