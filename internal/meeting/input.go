package meeting

import (
	"net/url"
	"strings"
	"time"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
)

// SeriesInput is what a client sends to create or change a series.
type SeriesInput struct {
	Kind        string `json:"kind" validate:"required,oneof=samrad dialogue fro stormote network other"`
	Name        string `json:"name" validate:"required,notblank,max=200"`
	OrganiserID int64  `json:"organiser_id" validate:"required,gt=0"`
	Description string `json:"description" validate:"max=5000"`
	Public      bool   `json:"public"`
	// InviteSignatories invites the current signatories of the Compact to each new meeting;
	// otherwise Invitees are invited.
	InviteSignatories bool    `json:"invite_signatories"`
	Invitees          []int64 `json:"invitees" validate:"max=1000,unique,dive,gt=0"`
}

// MeetingInput is what a client sends to create or change a meeting: its place is exactly
// one of RoomID, Address and OnlineURL. Attendees is how many the room must hold (1 when
// not given). Recurrence, when creating, makes a meeting for each occurrence of the rule,
// starting from StartsAt, each at StartsAt's local clock time and lasting as long on the
// wall clock.
type MeetingInput struct {
	Title      string           `json:"title" validate:"required,notblank,max=200"`
	StartsAt   time.Time        `json:"starts_at" validate:"required"`
	EndsAt     time.Time        `json:"ends_at" validate:"required"`
	RoomID     int64            `json:"room_id" validate:"gte=0"`
	Address    string           `json:"address" validate:"max=500"`
	OnlineURL  string           `json:"online_url" validate:"max=500"`
	Agenda     string           `json:"agenda" validate:"max=20000"`
	Attendees  int              `json:"attendees" validate:"gte=0,lte=10000"`
	Recurrence *RecurrenceInput `json:"recurrence"`
}

// RecurrenceInput is a recurring pattern: an RRULE, weekly or monthly, bounded by UNTIL or
// COUNT (booking.Pattern).
type RecurrenceInput struct {
	RRule string `json:"rrule" validate:"required"`
}

// CancelInput is why a meeting is cancelled.
type CancelInput struct {
	Reason string `json:"reason" validate:"max=2000"`
}

// InvitationsInput is the whole set of organisations invited to a meeting.
type InvitationsInput struct {
	OrganisationIDs []int64 `json:"organisation_ids" validate:"max=1000,unique,dive,gt=0"`
}

// ReplyInput is an invited organisation's answer: whether it comes, and with how many.
type ReplyInput struct {
	OrganisationID int64 `json:"organisation_id" validate:"required,gt=0"`
	Attending      *bool `json:"attending" validate:"required"`
	Participants   int   `json:"participants" validate:"gte=0,lte=10000"`
}

// checkMeeting returns the field errors of in that the validator cannot see: the order of
// the times and the one place.
func checkMeeting(in *MeetingInput) fault.FieldErrors {
	var fe fault.FieldErrors
	if !in.EndsAt.After(in.StartsAt) {
		fe = append(fe, fault.FieldError{Field: "ends_at", Code: booking.CodeEndNotAfterStart})
	}
	return append(fe, CheckPlace(in)...)
}

// CheckPlace returns the field errors of in's place: none given, more than one, or an online
// link that is not http(s). A form that could not read the times uses it to report every
// problem at once.
func CheckPlace(in *MeetingInput) fault.FieldErrors {
	var fe fault.FieldErrors
	var given []string
	if in.RoomID != 0 {
		given = append(given, "room_id")
	}
	if strings.TrimSpace(in.Address) != "" {
		given = append(given, "address")
	}
	if strings.TrimSpace(in.OnlineURL) != "" {
		given = append(given, "online_url")
		if !isHTTPURL(strings.TrimSpace(in.OnlineURL)) {
			fe = append(fe, fault.FieldError{Field: "online_url", Code: CodeHTTPURL})
		}
	}
	switch {
	case len(given) == 0:
		fe = append(fe, fault.FieldError{Field: "place", Code: CodePlaceMissing})
	case len(given) > 1:
		for _, f := range given {
			fe = append(fe, fault.FieldError{Field: f, Code: CodePlaceExclusive})
		}
	}
	return fe
}

// isHTTPURL reports whether s is an absolute http or https URL with a host: what every
// calendar app and browser opens, and never javascript: or a file.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" &&
		!strings.ContainsAny(s, " \t\r\n")
}

// place sets m's place from in; a room is set by the caller, with its booking.
func place(m *Meeting, in *MeetingInput) {
	m.Address, m.OnlineURL = nil, nil
	if a := strings.TrimSpace(in.Address); a != "" {
		m.Address = &a
	}
	if u := strings.TrimSpace(in.OnlineURL); u != "" {
		m.OnlineURL = &u
	}
}
