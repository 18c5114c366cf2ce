package round

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// RoundInput is what a client sends to open or change a round. The term's days are dates
// ("2027-01-10"); the application period is two instants. Priorities is the order the
// allocation follows, most important first (each one of Priorities, once); empty means
// only application time decides.
type RoundInput struct {
	OwnerID             int64     `json:"owner_id" form:"owner_id" validate:"required,gt=0"`
	Name                string    `json:"name" form:"name" validate:"required,notblank,max=200"`
	Criteria            string    `json:"criteria" form:"criteria" validate:"max=20000"`
	Terms               string    `json:"terms" form:"terms" validate:"max=20000"`
	RoomIDs             []int64   `json:"room_ids" form:"room_ids" validate:"required,min=1,max=500,unique,dive,gt=0"`
	ApplicationsOpenAt  time.Time `json:"applications_open_at" form:"applications_open_at" validate:"required"`
	ApplicationsCloseAt time.Time `json:"applications_close_at" form:"applications_close_at" validate:"required"`
	TermStartsOn        string    `json:"term_starts_on" form:"term_starts_on" validate:"required,max=10"`
	TermEndsOn          string    `json:"term_ends_on" form:"term_ends_on" validate:"required,max=10"`
	Priorities          []string  `json:"priorities" form:"priorities" validate:"max=10,unique,dive,oneof=children_youth compact_signatory association previous_holder"`
}

// ApplicationInput is an organisation's application: one or more sections.
type ApplicationInput struct {
	OrganisationID int64          `json:"organisation_id" form:"organisation_id" validate:"required,gt=0"`
	Note           string         `json:"note" form:"note" validate:"max=5000"`
	Sections       []SectionInput `json:"sections" validate:"required,min=1,max=20,dive"`
}

// SectionInput is one activity of an application: its purpose, age group and size, how many
// sessions a week of how many minutes it needs, the rooms it asks for (most wanted first)
// and the weekly times it wishes for.
type SectionInput struct {
	Purpose           string      `json:"purpose" validate:"required,notblank,max=200"`
	AgeGroup          string      `json:"age_group" validate:"required,oneof=children youth adults seniors mixed"`
	Attendees         int         `json:"attendees" validate:"required,gte=1,lte=10000"`
	SessionsPerWeek   int         `json:"sessions_per_week" validate:"required,gte=1,lte=7"`
	MinutesPerSession int         `json:"minutes_per_session" validate:"required,gte=15,lte=720"`
	RoomIDs           []int64     `json:"room_ids" validate:"required,min=1,max=20,unique,dive,gt=0"`
	Wishes            []WishInput `json:"wishes" validate:"required,min=1,max=50,dive"`
}

// WishInput is a wished weekly time: a weekday (1 = Monday … 7 = Sunday), a local start and
// end "HH:MM" (end "24:00" allowed), and a priority (1 = most wanted).
type WishInput struct {
	Weekday  int    `json:"weekday" validate:"required,gte=1,lte=7"`
	Starts   string `json:"starts" validate:"required,max=5"`
	Ends     string `json:"ends" validate:"required,max=5"`
	Priority int    `json:"priority" validate:"required,gte=1,lte=50"`
}

// AllocationInput is a weekly time staff allocate by hand to a section: a room, a weekday
// and local start and end "HH:MM".
type AllocationInput struct {
	SectionID int64  `json:"section_id" validate:"required,gt=0"`
	RoomID    int64  `json:"room_id" validate:"required,gt=0"`
	Weekday   int    `json:"weekday" validate:"required,gte=1,lte=7"`
	Starts    string `json:"starts" validate:"required,max=5"`
	Ends      string `json:"ends" validate:"required,max=5"`
}

// Filter selects rounds: of one owner, or in one status at the time of asking.
type Filter struct {
	OwnerID int64  `json:"owner_id" form:"owner_id" validate:"gte=0"`
	Status  string `json:"status" form:"status" validate:"omitempty,oneof=upcoming open allocating allocated published closed"`
	Limit   int    `json:"limit" form:"limit" validate:"gte=0"`
	Cursor  string `json:"cursor" form:"cursor"`
}

// ParseClock reads a local time of day "HH:MM" as minutes after midnight; "24:00" is 1440
// (an end). ok is false for anything else.
func ParseClock(s string) (minutes int, ok bool) {
	h, m, found := strings.Cut(strings.TrimSpace(s), ":")
	if !found || len(h) != 2 || len(m) != 2 {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh > 24 || hh == 24 && mm != 0 {
		return 0, false
	}
	return hh*60 + mm, true
}

// Clock writes minutes after midnight as "HH:MM".
func Clock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// parseDate reads a date "2006-01-02", or a field error named field.
func parseDate(field, s string) (time.Time, *fault.FieldError) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, &fault.FieldError{Field: field, Code: "date"}
	}
	return t, nil
}

// span reads a start and end "HH:MM" into minutes, with the field errors of prefix+"starts"
// and prefix+"ends".
func span(prefix, starts, ends string) (int, int, fault.FieldErrors) {
	var fe fault.FieldErrors
	st, ok1 := ParseClock(starts)
	if !ok1 || st >= 1440 {
		fe = append(fe, fault.FieldError{Field: prefix + "starts", Code: CodeTimeOfDay})
	}
	en, ok2 := ParseClock(ends)
	if !ok2 || en == 0 {
		fe = append(fe, fault.FieldError{Field: prefix + "ends", Code: CodeTimeOfDay})
	}
	if len(fe) == 0 && en <= st {
		fe = append(fe, fault.FieldError{Field: prefix + "ends", Code: CodeEndNotAfterStart})
	}
	return st, en, fe
}

// checkRound returns the round in asks for, or every field error the validator could not
// see: the dates, the order of the period and of the term.
func checkRound(in RoundInput) (*Round, fault.FieldErrors) {
	var fe fault.FieldErrors
	start, e1 := parseDate("term_starts_on", in.TermStartsOn)
	end, e2 := parseDate("term_ends_on", in.TermEndsOn)
	for _, e := range []*fault.FieldError{e1, e2} {
		if e != nil {
			fe = append(fe, *e)
		}
	}
	if e1 == nil && e2 == nil {
		switch {
		case end.Before(start):
			fe = append(fe, fault.FieldError{Field: "term_ends_on", Code: "last_before_first"})
		case end.Sub(start) > 366*24*time.Hour:
			fe = append(fe, fault.FieldError{Field: "term_ends_on", Code: "window_too_long", Param: "366"})
		}
	}
	if !in.ApplicationsCloseAt.After(in.ApplicationsOpenAt) {
		fe = append(fe, fault.FieldError{Field: "applications_close_at", Code: CodeEndNotAfterStart})
	}
	if len(fe) > 0 {
		return nil, fe
	}
	rooms := slices.Clone(in.RoomIDs)
	prio := in.Priorities
	if prio == nil {
		prio = []string{}
	}
	return &Round{OwnerID: in.OwnerID, Name: strings.TrimSpace(in.Name), Criteria: strings.TrimSpace(in.Criteria),
		Terms: strings.TrimSpace(in.Terms), ApplicationsOpenAt: in.ApplicationsOpenAt.UTC(), ApplicationsCloseAt: in.ApplicationsCloseAt.UTC(),
		TermStartsOn: start, TermEndsOn: end, Priorities: prio, RoomIDs: rooms}, nil
}

// checkSections returns the sections in asks for, or every field error the validator could
// not see: the wishes' times, wishes on fewer weekdays than sessions a week, a wish shorter
// than a session, rooms the round does not offer.
func checkSections(in []SectionInput, offered []int64) ([]Section, fault.FieldErrors) {
	var fe fault.FieldErrors
	out := make([]Section, 0, len(in))
	for i, s := range in {
		prefix := fmt.Sprintf("sections[%d].", i)
		sec := Section{Position: i + 1, Purpose: strings.TrimSpace(s.Purpose), AgeGroup: s.AgeGroup, Attendees: s.Attendees,
			SessionsPerWeek: s.SessionsPerWeek, MinutesPerSession: s.MinutesPerSession, RoomIDs: slices.Clone(s.RoomIDs)}
		for j, r := range s.RoomIDs {
			if !slices.Contains(offered, r) {
				fe = append(fe, fault.FieldError{Field: fmt.Sprintf("%sroom_ids[%d]", prefix, j), Code: CodeNotOffered})
			}
		}
		days := map[int]bool{}
		for j, w := range s.Wishes {
			wp := fmt.Sprintf("%swishes[%d].", prefix, j)
			st, en, wfe := span(wp, w.Starts, w.Ends)
			fe = append(fe, wfe...)
			if len(wfe) == 0 && en-st < s.MinutesPerSession {
				fe = append(fe, fault.FieldError{Field: wp + "ends", Code: CodeWishTooShort, Param: strconv.Itoa(s.MinutesPerSession)})
			}
			days[w.Weekday] = true
			sec.Wishes = append(sec.Wishes, Wish{Weekday: w.Weekday, Start: st, End: en, Priority: w.Priority})
		}
		if len(days) < s.SessionsPerWeek {
			fe = append(fe, fault.FieldError{Field: prefix + "wishes", Code: CodeTooFewWishes, Param: strconv.Itoa(s.SessionsPerWeek)})
		}
		out = append(out, sec)
	}
	return out, fe
}
