// Package round holds seasonal allocation ("säsongsbokning", "fördelning"): an owner's
// application round for weekly times in its rooms over a term, the organisations'
// applications, the allocation of weekly times (by hand, or proposed by internal/allot along
// the round's priority order), and publishing, which turns each allocation into an ordinary
// booking series through internal/booking — the same rules and the same exclusion
// constraint as every booking — keeping the dates that could not be booked as refusals with
// their reason. The applicant then accepts or declines each allocated time; declining
// cancels the series' future occurrences, which frees them for ordinary booking.
//
// The service's methods, each taking the access.Actor who asks (pages and the API call the
// same ones):
//
//	rounds:       CreateRound, UpdateRound, FindRoundByID, FindRounds, CloseRound
//	applications: SubmitApplication, UpdateApplication, WithdrawApplication,
//	              FindApplicationByID, FindApplications
//	allocation:   FindDemand (demand per room and weekly time, clashes counted),
//	              RunProposal, FindProposal, AllocateByHand, RemoveAllocation,
//	              FindAllocations, FindAllocationByID
//	publishing:   Publish, AcceptAllocation, DeclineAllocation, FindAllocationsToAnswer
//	in words:     FindNames + Names.Explain (a proposal's reasons), RefusalText (a refused
//	              date), AllocationTable (the export, for internal/export), PagePath
//
// A round's status (Round.Status, Round.StatusAt) follows its application period and its
// allocations until staff publish or close it; applications are changed only while it is
// open, allocations only after it closes and before publishing.
//
// Who may do what (internal/access): the round's owner's admins (access.ManageRounds; city
// administrators everywhere) open and run rounds and see every application; an
// organisation's admins and bookers (access.Apply) apply for it, see its own applications
// and, once the round is published, its allocations, and accept or decline them. Rounds
// themselves are public.
package round

import (
	"strconv"
	"time"

	"github.com/uptrace/bun"
)

// PagePath is the page of a round, where applicants apply and answer; messages link to it.
func PagePath(id int64) string { return "/sasongsbokning/" + strconv.FormatInt(id, 10) }

// Status is where a round stands. Upcoming, open and allocating follow from the application
// period; allocated from the allocations made; published and closed are what staff decided.
type Status string

// The statuses, in the order a round goes through them.
const (
	StatusUpcoming   Status = "upcoming"   // applications not yet open
	StatusOpen       Status = "open"       // applications may be made, changed and withdrawn
	StatusAllocating Status = "allocating" // applications closed, nothing allocated yet
	StatusAllocated  Status = "allocated"  // some times allocated, not yet published
	StatusPublished  Status = "published"  // allocations booked; applicants accept or decline
	StatusClosed     Status = "closed"     // finished
)

// The stored stages (rounds.stage).
const (
	stageCollecting = "collecting"
	stagePublished  = "published"
	stageClosed     = "closed"
)

// Priorities a round may order its allocation by, each a yes-or-no question about a
// section; sections for which it holds come first. After them come application time, then
// section id.
const (
	PriorityChildrenYouth    = "children_youth"    // the section's age group is children or youth
	PriorityCompactSignatory = "compact_signatory" // the organisation has signed the Compact
	PriorityAssociation      = "association"       // the organisation is an association
	PriorityPreviousHolder   = "previous_holder"   // held an accepted time in the owner's previous published round
)

// Priorities lists every priority, in the order a new round uses by default.
var Priorities = []string{PriorityChildrenYouth, PriorityCompactSignatory, PriorityAssociation, PriorityPreviousHolder}

// Age groups of a section.
var AgeGroups = []string{"children", "youth", "adults", "seniors", "mixed"}

// Round is a row of rounds, with the rooms it offers.
type Round struct {
	bun.BaseModel `bun:"table:rounds,alias:rd"`

	ID                  int64      `bun:"id,pk,autoincrement"`
	OwnerID             int64      `bun:"owner_id,notnull"`
	Name                string     `bun:"name,notnull"`
	Criteria            string     `bun:"criteria,notnull"`
	Terms               string     `bun:"terms,notnull"`
	ApplicationsOpenAt  time.Time  `bun:"applications_open_at,notnull"`
	ApplicationsCloseAt time.Time  `bun:"applications_close_at,notnull"`
	TermStartsOn        time.Time  `bun:"term_starts_on,notnull,type:date"`
	TermEndsOn          time.Time  `bun:"term_ends_on,notnull,type:date"`
	Priorities          []string   `bun:"priorities,array"`
	Stage               string     `bun:"stage,notnull"`
	PublishedAt         *time.Time `bun:"published_at"`
	Revision            int        `bun:"revision,notnull"`
	CreatedAt           time.Time  `bun:"created_at,notnull"`
	UpdatedAt           time.Time  `bun:"updated_at,notnull"`

	// RoomIDs are the rooms offered, in id order.
	RoomIDs []int64 `bun:"-"`
	// OwnerName is read with the round.
	OwnerName string `bun:"owner_name,scanonly"`
	// Allocated is how many allocations the round has, read with it.
	Allocated int `bun:"allocated,scanonly"`
	// Status is StatusAt the time it was read.
	Status Status `bun:"-"`
}

// StatusAt is the round's status at now.
func (r *Round) StatusAt(now time.Time) Status {
	switch {
	case r.Stage == stageClosed:
		return StatusClosed
	case r.Stage == stagePublished:
		return StatusPublished
	case now.Before(r.ApplicationsOpenAt):
		return StatusUpcoming
	case now.Before(r.ApplicationsCloseAt):
		return StatusOpen
	case r.Allocated > 0:
		return StatusAllocated
	}
	return StatusAllocating
}

// Application status.
const (
	ApplicationSubmitted = "submitted"
	ApplicationWithdrawn = "withdrawn"
)

// Application is a row of round_applications, with its sections.
type Application struct {
	bun.BaseModel `bun:"table:round_applications,alias:ap"`

	ID             int64     `bun:"id,pk,autoincrement"`
	RoundID        int64     `bun:"round_id,notnull"`
	OrganisationID int64     `bun:"organisation_id,notnull"`
	Status         string    `bun:"status,notnull"`
	Note           string    `bun:"note,notnull"`
	CreatedBy      *int64    `bun:"created_by"`
	SubmittedAt    time.Time `bun:"submitted_at,notnull"`
	Revision       int       `bun:"revision,notnull"`
	CreatedAt      time.Time `bun:"created_at,notnull"`
	UpdatedAt      time.Time `bun:"updated_at,notnull"`

	OrganisationName string    `bun:"organisation_name,scanonly"`
	Sections         []Section `bun:"-"`
}

// Section is a row of round_sections with its ranked rooms and wishes.
type Section struct {
	bun.BaseModel `bun:"table:round_sections,alias:sc"`

	ID                int64  `bun:"id,pk,autoincrement"`
	ApplicationID     int64  `bun:"application_id,notnull"`
	Position          int    `bun:"position,notnull"`
	Purpose           string `bun:"purpose,notnull"`
	AgeGroup          string `bun:"age_group,notnull"`
	Attendees         int    `bun:"attendees,notnull"`
	SessionsPerWeek   int    `bun:"sessions_per_week,notnull"`
	MinutesPerSession int    `bun:"minutes_per_session,notnull"`

	// RoomIDs are the rooms asked for, most wanted first.
	RoomIDs []int64 `bun:"-"`
	Wishes  []Wish  `bun:"-"`
}

// Wish is a weekly time a section wishes for: Start and End are minutes after local midnight
// on Weekday (1 = Monday … 7 = Sunday); Priority 1 is the most wanted.
type Wish struct {
	Weekday  int `bun:"weekday"`
	Start    int `bun:"starts"`
	End      int `bun:"ends"`
	Priority int `bun:"priority"`
}

// Sources of an allocation.
const (
	SourceHand     = "hand"
	SourceProposal = "proposal"
)

// Responses of the applicant to a published allocation.
const (
	ResponsePending  = "pending"
	ResponseAccepted = "accepted"
	ResponseDeclined = "declined"
)

// Allocation is a row of round_allocations: a weekly time in a room given to a section.
type Allocation struct {
	bun.BaseModel `bun:"table:round_allocations,alias:al"`

	ID          int64      `bun:"id,pk,autoincrement"`
	RoundID     int64      `bun:"round_id,notnull"`
	SectionID   int64      `bun:"section_id,notnull"`
	RoomID      int64      `bun:"room_id,notnull"`
	Weekday     int        `bun:"weekday,notnull"`
	Start       int        `bun:"starts,notnull"`
	End         int        `bun:"ends,notnull"`
	Source      string     `bun:"source,notnull"`
	Reasons     []Reason   `bun:"reasons,type:jsonb,notnull"`
	CreatedBy   *int64     `bun:"created_by"`
	CreatedAt   time.Time  `bun:"created_at,notnull"`
	SeriesID    *int64     `bun:"series_id"`
	Response    *string    `bun:"response"`
	RespondedAt *time.Time `bun:"responded_at"`
	RespondedBy *int64     `bun:"responded_by"`

	// Read with the allocation.
	ApplicationID    int64  `bun:"application_id,scanonly"`
	OrganisationID   int64  `bun:"organisation_id,scanonly"`
	OrganisationName string `bun:"organisation_name,scanonly"`
	RoomName         string `bun:"room_name,scanonly"`
	Purpose          string `bun:"purpose,scanonly"`
	// Refusals are the dates that could not be booked, once published.
	Refusals []Refusal `bun:"-"`
}

// Reason explains a decision of the proposal: a code (texts ui.allot.reason.<code>) and its
// arguments.
type Reason struct {
	Code string            `json:"code"`
	Args map[string]string `json:"args,omitempty"`
}

// Refusal is a date of a published allocation that could not be booked, and why: Code is a
// booking field error code (closed, holiday, outside_opening_hours, in_past, …) or
// booking_conflict for a time another booking holds; Param its parameter.
type Refusal struct {
	bun.BaseModel `bun:"table:round_refusals,alias:rf"`

	AllocationID int64     `bun:"allocation_id,pk"`
	StartsAt     time.Time `bun:"starts_at,pk"`
	EndsAt       time.Time `bun:"ends_at,notnull"`
	Code         string    `bun:"code,notnull"`
	Param        string    `bun:"param,notnull"`
}
