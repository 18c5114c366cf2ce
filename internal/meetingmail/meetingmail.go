// Package meetingmail tells invited organisations of the Compact's meetings by mail, as
// invitations that calendars show as such: an iTIP message (RFC 5546, METHOD:REQUEST for an
// invitation or a change, CANCEL for a cancellation or a withdrawn invitation) with the
// organiser, one ATTENDEE per person told and the UID and SEQUENCE of the meetings feed, sent
// as the message's text/calendar part and as an .ics file. The people told are each invited
// organisation's admins; they answer with the signed link in the mail (/svar/{secret}, no
// login needed) or on their to-do page (/att-gora), either way as the organisation's meeting
// reply.
package meetingmail

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/calendar"
	"github.com/borasstad/lokalbanken/internal/feed"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/meeting"
	"github.com/borasstad/lokalbanken/internal/notify"
)

// Kind is the kind of the messages (account.KindMeeting): one may turn it off.
const Kind = "meeting"

// Composer composes the invitations of meeting changes.
type Composer struct {
	feeds *feed.Service
	loc   *time.Location
	from  string // the organiser's address in the invitations: the service's sender
}

// New returns a Composer; from is the address the invitations come from (LOKALBANKEN_MAIL_FROM).
func New(feeds *feed.Service, loc *time.Location, from string) *Composer {
	if from == "" {
		from = "lokalbanken@localhost"
	}
	return &Composer{feeds: feeds, loc: loc, from: from}
}

type meetingRow struct {
	Title        string    `bun:"title"`
	StartsAt     time.Time `bun:"starts_at"`
	EndsAt       time.Time `bun:"ends_at"`
	Place        string    `bun:"place"`
	Status       string    `bun:"status"`
	StatusReason string    `bun:"status_reason"`
	SeriesName   string    `bun:"series_name"`
	Organiser    string    `bun:"organiser"`
}

type person struct {
	ID    int64  `bun:"id"`
	Email string `bun:"email"`
	Name  string `bun:"name"`
	Lang  string `bun:"lang"`
}

// Compose is the notify.Composer of meeting.Topic.
func (c *Composer) Compose(ctx context.Context, tx bun.Tx, ev notify.Event) ([]notify.Message, error) {
	var ch meeting.Change
	if err := json.Unmarshal(ev.Payload, &ch); err != nil {
		return nil, fmt.Errorf("%w: unreadable meeting change: %v", notify.ErrGone, err)
	}
	var m meetingRow
	err := tx.NewRaw(`SELECT m.title, m.starts_at, m.ends_at, m.status, m.status_reason, se.name AS series_name, o.name AS organiser,
			coalesce(m.address, r.name || ', ' || v.name || ', ' || v.street_address || ', ' || v.postal_code || ' ' || v.town, m.online_url, '') AS place
		FROM meetings m JOIN meeting_series se ON se.id = m.series_id JOIN organisations o ON o.id = se.organiser_id
		LEFT JOIN rooms r ON r.id = m.room_id LEFT JOIN venues v ON v.id = r.venue_id
		WHERE m.id = ?`, ch.MeetingID).Scan(ctx, &m)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notify.ErrGone
	}
	if err != nil {
		return nil, fmt.Errorf("read meeting %d: %w", ch.MeetingID, err)
	}
	orgs := ch.OrganisationIDs
	if len(orgs) == 0 {
		if err := tx.NewRaw(`SELECT organisation_id FROM meeting_invitations WHERE meeting_id = ? ORDER BY organisation_id`, ch.MeetingID).Scan(ctx, &orgs); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("read invitations of meeting %d: %w", ch.MeetingID, err)
		}
	}
	if len(orgs) == 0 {
		return nil, nil
	}
	var people []person
	err = tx.NewRaw(`SELECT DISTINCT u.id, u.email, u.name, u.lang FROM users u JOIN memberships ms ON ms.user_id = u.id
		WHERE ms.organisation_id IN (?) AND ms.role = 'admin' ORDER BY u.id`, bun.List(orgs)).Scan(ctx, &people)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read contacts of meeting %d: %w", ch.MeetingID, err)
	}
	if len(people) == 0 {
		return nil, nil
	}
	method := "REQUEST"
	if ch.Kind == meeting.ChangeCancelled || ch.Kind == meeting.ChangeUninvited {
		method = "CANCEL"
	}
	attendees := make([]calendar.Party, len(people))
	for i, p := range people {
		attendees[i] = calendar.Party{Name: p.Name, Email: p.Email}
	}
	ics, err := c.feeds.MeetingInvitation(ctx, ch.MeetingID, method, calendar.Party{Name: m.Organiser, Email: c.from}, attendees)
	if err != nil {
		return nil, fmt.Errorf("invitation of meeting %d: %w", ch.MeetingID, err)
	}
	kind := string(ch.Kind)
	if m.Status == "cancelled" {
		kind = string(meeting.ChangeCancelled)
	}
	msgs := make([]notify.Message, 0, len(people))
	for _, p := range people {
		l, ok := i18n.FromTag(p.Lang)
		if !ok {
			l = i18n.Default
		}
		msg := notify.Message{
			Kind: Kind, Key: "meeting." + kind + ":" + strconv.FormatInt(ev.ID, 10), UserID: p.ID, To: p.Email, Lang: l,
			Subject:    i18n.T(l, "mail.meeting."+kind+".subject", m.Title),
			Paragraphs: []string{i18n.T(l, "mail.meeting."+kind+".body", m.Organiser, m.Title)},
			Facts: []notify.Fact{
				{Label: i18n.T(l, "mail.booking.fact.what"), Value: m.Title + " (" + m.SeriesName + ")"},
				{Label: i18n.T(l, "mail.booking.fact.when"), Value: c.when(l, m.StartsAt, m.EndsAt)},
				{Label: i18n.T(l, "mail.booking.fact.where"), Value: m.Place},
			},
			Attachments: []notify.Attachment{{Name: i18n.T(l, "mail.meeting.file") + ".ics",
				ContentType: "text/calendar; charset=utf-8; method=" + method, Method: method, Data: ics}},
		}
		if m.StatusReason != "" && kind == string(meeting.ChangeCancelled) {
			msg.Paragraphs = append(msg.Paragraphs, i18n.T(l, "mail.booking.note", m.StatusReason))
		}
		if method == "REQUEST" {
			msg.Paragraphs = append(msg.Paragraphs, i18n.T(l, "mail.meeting.reply"))
			// A link of the person's own answers without a login: the mail reached them.
			secret, err := meeting.NewReplyLink(ctx, tx, ch.MeetingID, p.ID, ev.At)
			if err != nil {
				return nil, err
			}
			msg.Action = &notify.Link{Label: i18n.T(l, "mail.meeting.action"), Path: "/svar/" + secret}
		}
		msgs = append(msgs, msg)
	}
	return msgs, nil
}

// when is a local time span: "tisdag 3 mars 2026, 18:00–20:00".
func (c *Composer) when(l i18n.Lang, start, end time.Time) string {
	s, e := start.In(c.loc), end.In(c.loc)
	weekday := int(s.Weekday())
	if weekday == 0 {
		weekday = 7
	}
	return i18n.T(l, "ui.weekday."+strconv.Itoa(weekday)) + " " + strconv.Itoa(s.Day()) + " " +
		i18n.T(l, "ui.month."+strconv.Itoa(int(s.Month()))) + " " + strconv.Itoa(s.Year()) + ", " + s.Format("15:04") + "–" + e.Format("15:04")
}
