// Package notify is Lokalbanken's outbox: the e-mail a change causes is decided and stored in
// the same transaction as the change (Enqueue), and delivered afterwards by a River job over
// SMTP, with retries and backoff. A message is never lost (it commits or rolls back with its
// change) and never queued twice (its key and recipient are unique); a kill between the SMTP
// server's acceptance and the commit that marks it sent is the one window in which a message
// can go out twice, and then with the same Message-ID (see Service.deliver).
//
// Without SMTP configured nothing is sent: messages are only kept, and city administrators
// read them on a page.
package notify

import (
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/i18n"
)

// Message is one e-mail to one recipient, as a change decides it. Enqueue renders it, in
// Lang, into plain text and accessible HTML with absolute links.
type Message struct {
	// Kind names what the message is about ("booking.request", "booking.decision"); it is
	// what a person may opt out of when the message is not Essential.
	Kind string
	// Key names the change that causes it ("booking:12:decided:3"). With To it is unique:
	// a second Enqueue of the same key to the same address is skipped.
	Key string
	// UserID is the recipient's account, 0 for an address without one.
	UserID int64
	To     string
	Lang   i18n.Lang
	// Essential messages (about one's own booking, a password reset) carry no unsubscribe
	// link; the others carry one, and a List-Unsubscribe header.
	Essential bool

	Subject    string
	Paragraphs []string
	Facts      []Fact // shown as a two-column table: what, when, where
	Action     *Link  // the one thing to do, as a link to a page
	// Attachments go with the message; a text/calendar one with a Method is also sent as
	// the message's calendar part, which calendars show as an invitation.
	Attachments []Attachment
}

// Fact is one labelled line of a message ("Rum": "Stora salen").
type Fact struct{ Label, Value string }

// Link is a link into Lokalbanken; Path is made absolute with the base URL.
type Link struct{ Label, Path string }

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	// Method is the iTIP method (REQUEST, CANCEL, PUBLISH) of a text/calendar attachment.
	Method string `json:"method,omitempty"`
	Data   []byte `json:"data"`
}

// Record is a message as kept in the outbox: what was (or will be) sent, to whom and when.
type Record struct {
	bun.BaseModel `bun:"table:messages"`

	ID               int64        `bun:"id,pk,autoincrement"`
	Kind             string       `bun:"kind"`
	DedupeKey        string       `bun:"dedupe_key"`
	UserID           int64        `bun:"user_id,nullzero"`
	ToAddress        string       `bun:"to_address"`
	Lang             string       `bun:"lang"`
	Subject          string       `bun:"subject"`
	TextBody         string       `bun:"text_body"`
	HTMLBody         string       `bun:"html_body"`
	Attachments      []Attachment `bun:"attachments,type:jsonb"`
	Essential        bool         `bun:"essential"`
	UnsubscribeToken string       `bun:"unsubscribe_token,nullzero"`
	CreatedAt        time.Time    `bun:"created_at"`
	SentAt           bun.NullTime `bun:"sent_at"`
	Attempts         int          `bun:"attempts"`
	LastError        string       `bun:"last_error"`
}
