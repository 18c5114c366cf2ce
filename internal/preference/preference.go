// Package preference keeps each person's choices about the messages Lokalbanken sends them:
// which of the non-essential topics they want, the language of their mail, and how long
// before a booking they are reminded of it (not at all by default). It also keeps the
// secrets of the unsubscribe links that non-essential mail carries, which turn a topic off
// without signing in.
//
// Essential messages — a password reset, an invitation, the answer to one's own request —
// are not topics: they are always sent.
package preference

import (
	"slices"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// Topic is a kind of non-essential message a person may turn off (or, for those off by
// default, on).
type Topic string

// The topics, and whether each is wanted when the person has not chosen.
const (
	// TopicBookingRequests: a request for a room the person decides on waits (on).
	TopicBookingRequests Topic = "booking_requests"
	// TopicOrganisationBookings: copies, to an organisation's admins, of the decisions on
	// bookings that others of the organisation made (off).
	TopicOrganisationBookings Topic = "organisation_bookings"
	// TopicMeetings: invitations to the Compact's meetings, their changes and cancellations
	// (on).
	TopicMeetings Topic = "meetings"
	// TopicAgreements: an agreement of the person's organisation ends within 30 days (on).
	TopicAgreements Topic = "agreements"
	// TopicReminders: reminders before bookings, sent only when ReminderMinutes is set;
	// unsubscribing from them clears it.
	TopicReminders Topic = "reminders"
)

// Topics lists the topics a person chooses on the settings page, in the order shown.
// TopicReminders is chosen with the lead time instead.
var Topics = []Topic{TopicBookingRequests, TopicOrganisationBookings, TopicMeetings, TopicAgreements}

// defaultOn are the topics wanted when the person has not chosen.
var defaultOn = map[Topic]bool{TopicBookingRequests: true, TopicMeetings: true, TopicAgreements: true}

// Known reports whether t is a topic.
func Known(t Topic) bool { return t == TopicReminders || slices.Contains(Topics, t) }

// ReminderChoices are the lead times, in minutes, a person may choose for reminders.
var ReminderChoices = []int{60, 180, 1440, 2880}

// The languages of mail.
const (
	LangSV = "sv"
	LangEN = "en"
)

// Settings is a row of the person_settings table. A person without a row has Defaults.
type Settings struct {
	bun.BaseModel `bun:"table:person_settings,alias:ps"`

	UserID int64  `bun:"user_id,pk"`
	Lang   string `bun:"lang,notnull"`
	// ReminderMinutes is how long before a booking the person is reminded; nil for never.
	ReminderMinutes *int           `bun:"reminder_minutes"`
	Topics          map[Topic]bool `bun:"topics,type:jsonb,notnull"`
	UpdatedAt       time.Time      `bun:"updated_at,notnull"`
}

// Defaults returns the settings of a person who has chosen nothing: Swedish, no
// reminders, every topic at its default.
func Defaults(userID int64) Settings {
	return Settings{UserID: userID, Lang: LangSV, Topics: map[Topic]bool{}}
}

// Wants reports whether the person wants messages of topic t: their choice, else the
// topic's default. Reminders are wanted when a lead time is set.
func (s Settings) Wants(t Topic) bool {
	if t == TopicReminders {
		return s.ReminderMinutes != nil
	}
	if v, ok := s.Topics[t]; ok {
		return v
	}
	return defaultOn[t]
}

// Input is what a person sends from the settings page. Topics lists the topics wanted;
// those of Topics not listed are turned off. ReminderMinutes 0 means no reminders.
type Input struct {
	Lang            string   `form:"lang" validate:"required,oneof=sv en"`
	ReminderMinutes int      `form:"reminder_minutes" validate:"omitempty,oneof=60 180 1440 2880"`
	Topics          []string `form:"topics" validate:"max=10,dive,max=64"`
}

// unsubscribeToken is a row of the unsubscribe_tokens table.
type unsubscribeToken struct {
	bun.BaseModel `bun:"table:unsubscribe_tokens,alias:ut"`

	TokenHash []byte    `bun:"token_hash,pk"`
	UserID    int64     `bun:"user_id,notnull"`
	Topic     Topic     `bun:"topic,notnull"`
	CreatedAt time.Time `bun:"created_at,notnull"`
}

// UnsubscribeTTL is how long an unsubscribe link works: a year, long after anyone still
// reads the mail it came in. Purge forgets older ones.
const UnsubscribeTTL = 365 * 24 * time.Hour

// UnsubscribePath is the page an unsubscribe link opens, for its secret.
func UnsubscribePath(secret string) string { return "/avregistrera/" + secret }

// Errors of the package.
var (
	// ErrLinkInvalid: the unsubscribe link is unknown or too old.
	ErrLinkInvalid = fault.New(fault.NotFound, "unsubscribe_link_invalid")
	// ErrUnknownTopic: a topic that does not exist was asked for.
	ErrUnknownTopic = fault.New(fault.Invalid, "unknown_topic")
)
