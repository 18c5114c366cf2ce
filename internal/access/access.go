// Package access is the one place that decides who may do what. Every write of every
// capability asks Check before it changes anything; handlers never decide for themselves.
package access

import (
	"github.com/borasstad/lokalbanken/internal/fault"
)

// Role is a person's role in an organisation.
type Role string

// The roles.
const (
	RoleAdmin  Role = "admin"
	RoleBooker Role = "booker"
)

// Actor is who is asking: a signed-in person with their memberships, or anonymous (UserID 0).
type Actor struct {
	UserID    int64
	CityAdmin bool
	// Roles maps organisation id to the actor's role in it.
	Roles map[int64]Role
	// IP is the address the request came from, for the audit log.
	IP string
}

// Anonymous returns the actor of a request without credentials.
func Anonymous(ip string) Actor { return Actor{IP: ip} }

// System is the actor of the command line and the demo loader: the operator of the machine.
var System = Actor{CityAdmin: true, IP: "local"}

// SignedIn reports whether the actor proved who they are (a person, or the System).
func (a Actor) SignedIn() bool { return a.UserID != 0 || a.CityAdmin }

// RoleIn returns the actor's role in the organisation, or "".
func (a Actor) RoleIn(org int64) Role { return a.Roles[org] }

// Action names something an actor may want to do.
type Action string

// The actions. Reading public data needs no check.
const (
	CreateOrganisation  Action = "organisation.create"
	UpdateOrganisation  Action = "organisation.update"
	ArchiveOrganisation Action = "organisation.archive"
	CreateVenue         Action = "venue.create"
	UpdateVenue         Action = "venue.update"
	ArchiveVenue        Action = "venue.archive"
	CreateRoom          Action = "room.create"
	UpdateRoom          Action = "room.update"
	ArchiveRoom         Action = "room.archive"
	// ShareRoom is choosing the partner organisations that may book one of the owner's
	// rooms, in the owner's own premises-sharing agreement for it.
	ShareRoom     Action = "room.share"
	ManageMembers Action = "membership.manage"
	ViewMembers   Action = "membership.view"
	Book          Action = "booking.create"
	// CancelBooking is cancelling a booking of the organisation (its admins and bookers).
	CancelBooking Action = "booking.cancel"
	// ApproveBooking is deciding on bookings of the organisation's rooms: approving or
	// rejecting requests, and cancelling any booking of them (the owner's admins).
	ApproveBooking Action = "booking.approve"
	ManageUsers    Action = "user.manage"
	ReadAudit      Action = "audit.read"
	// ManageFeeds is creating, listing and revoking the organisation's private calendar feed
	// links (its admins and bookers: those who may see its bookings).
	ManageFeeds Action = "feed.manage"
	// ManageAgreements is creating and changing agreements and recording signatures and
	// their withdrawal: the Compact's records are kept by the city.
	ManageAgreements Action = "agreement.manage"
	// ManageMeetingSeries is creating, changing and deleting meeting series organised by the
	// organisation (its admins). Who may organise what is decided with the organiser's kind,
	// which Check does not know: the meeting service adds that the Compact's own bodies
	// (council, dialogue and FRÖ meetings, the annual general meeting) are organised by the
	// city — city administrators and the admins of a city department (an organisation of
	// kind city) — while any organisation's admins may organise networks and other series.
	ManageMeetingSeries Action = "meeting_series.manage"
	// ManageMeetings is creating, moving and cancelling the meetings of a series, setting
	// who is invited and reading the replies (the organiser organisation's admins).
	ManageMeetings Action = "meeting.manage"
	// ViewMeetings is reading the meetings of a series that is not public (the organiser's
	// members; organisations invited to a meeting see that meeting too).
	ViewMeetings Action = "meeting.view"
	// ReplyMeeting is answering an invitation to a meeting for the organisation (its admins
	// and bookers: those who may book for it).
	ReplyMeeting Action = "meeting.reply"
	// ReviewJoinRequests is reading requests to join the Compact, with their contacts'
	// personal data, and approving or rejecting them. Anyone may make a request.
	ReviewJoinRequests Action = "join_request.review"
	// ReadMessages is reading the outbox: every e-mail decided, sent or (without SMTP) only
	// kept, with its recipient and text.
	ReadMessages Action = "message.read"
	// ManageRounds is opening and running application rounds for weekly times in the
	// organisation's rooms: reading every application, allocating, publishing (its admins).
	ManageRounds Action = "round.manage"
	// Apply is applying in a round for the organisation, reading its applications and, once
	// published, its allocations, and accepting or declining them (its admins and bookers).
	Apply Action = "round.apply"
)

// Errors returned by Check.
var (
	ErrUnauthenticated = fault.New(fault.Unauthenticated, "unauthenticated")
	ErrForbidden       = fault.New(fault.Forbidden, "forbidden")
)

// rule says which role in the object's organisation allows an action; cityOnly actions are
// for city administrators alone.
type rule struct {
	roles    []Role
	cityOnly bool
}

var rules = map[Action]rule{
	CreateOrganisation:  {cityOnly: true},
	ArchiveOrganisation: {cityOnly: true},
	UpdateOrganisation:  {roles: []Role{RoleAdmin}},
	CreateVenue:         {roles: []Role{RoleAdmin}},
	UpdateVenue:         {roles: []Role{RoleAdmin}},
	ArchiveVenue:        {roles: []Role{RoleAdmin}},
	CreateRoom:          {roles: []Role{RoleAdmin}},
	UpdateRoom:          {roles: []Role{RoleAdmin}},
	ArchiveRoom:         {roles: []Role{RoleAdmin}},
	ShareRoom:           {roles: []Role{RoleAdmin}},
	ManageMembers:       {roles: []Role{RoleAdmin}},
	ViewMembers:         {roles: []Role{RoleAdmin, RoleBooker}},
	Book:                {roles: []Role{RoleAdmin, RoleBooker}},
	CancelBooking:       {roles: []Role{RoleAdmin, RoleBooker}},
	ApproveBooking:      {roles: []Role{RoleAdmin}},
	ManageUsers:         {cityOnly: true},
	ReadAudit:           {cityOnly: true},
	ManageFeeds:         {roles: []Role{RoleAdmin, RoleBooker}},
	ManageAgreements:    {cityOnly: true},
	ManageMeetingSeries: {roles: []Role{RoleAdmin}},
	ManageMeetings:      {roles: []Role{RoleAdmin}},
	ViewMeetings:        {roles: []Role{RoleAdmin, RoleBooker}},
	ReplyMeeting:        {roles: []Role{RoleAdmin, RoleBooker}},
	ReviewJoinRequests:  {cityOnly: true},
	ReadMessages:        {cityOnly: true},
	ManageRounds:        {roles: []Role{RoleAdmin}},
	Apply:               {roles: []Role{RoleAdmin, RoleBooker}},
}

// Check returns nil when actor may do action to an object that belongs to organisation org
// (0 when the action concerns no organisation). It returns ErrUnauthenticated for an
// anonymous actor and ErrForbidden for a signed-in one who may not. City administrators may
// do everything. An action without a rule is refused: a new action must be given one.
func Check(actor Actor, action Action, org int64) error {
	if !actor.SignedIn() {
		return ErrUnauthenticated
	}
	if actor.CityAdmin {
		return nil
	}
	r, ok := rules[action]
	if !ok || r.cityOnly || org == 0 {
		return ErrForbidden
	}
	role := actor.RoleIn(org)
	for _, allowed := range r.roles {
		if role == allowed {
			return nil
		}
	}
	return ErrForbidden
}

// Scope returns, for filtering lists in a query, where Check lets actor do action: all
// when everywhere (a city administrator), else the organisations (in no set order).
func Scope(actor Actor, action Action) (all bool, orgs []int64) {
	if actor.CityAdmin {
		return true, nil
	}
	for org := range actor.Roles {
		if Check(actor, action, org) == nil {
			orgs = append(orgs, org)
		}
	}
	return false, orgs
}
