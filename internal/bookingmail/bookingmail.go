// Package bookingmail says what people are told when bookings change. The booking service
// announces each change (booking.Change) in the change's transaction; internal/notify's
// relay takes it (Take) and runs Compose for it once, and Compose decides who is told what: a request goes to the room's
// approvers (the owner's admins, and city administrators for the city's rooms); an approval,
// a rejection, a move or a cancellation by someone else goes to the person who booked
// (essential), and a copy to the organisation's admins who asked for one. A series is one
// message per decision, never one per occurrence. Approvals, moves and cancellations carry
// the booking or the series as an .ics file with the feeds' UIDs.
package bookingmail

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/feed"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/notify"
)

// The kinds of message, which a person may opt out of unless essential (the same as
// account.KindBookingRequest and account.KindBookingCopy, which the settings read).
const (
	KindRequest  = "booking.request"  // to approvers
	KindDecision = "booking.decision" // to the person who booked: essential
	KindCopy     = "booking.copy"     // to the organisation's admins who asked for copies
)

// Composer composes the messages of booking changes.
type Composer struct {
	feeds *feed.Service
	loc   *time.Location
}

// New returns a Composer; feeds writes the .ics attachments, loc is the zone times are told in.
func New(feeds *feed.Service, loc *time.Location) *Composer {
	return &Composer{feeds: feeds, loc: loc}
}

// Take is the notify.Source of booking.Topic: the changes the booking service announced.
func Take(ctx context.Context, tx bun.Tx, limit int) ([]any, error) {
	cs, err := booking.TakeChanges(ctx, tx, limit)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(cs))
	for i := range cs {
		out[i] = cs[i]
	}
	return out, nil
}

// Compose is the notify.Composer of booking.Topic.
func (c *Composer) Compose(ctx context.Context, tx bun.Tx, ev notify.Event) ([]notify.Message, error) {
	var ch booking.Change
	if err := json.Unmarshal(ev.Payload, &ch); err != nil {
		return nil, fmt.Errorf("%w: unreadable booking change: %v", notify.ErrGone, err)
	}
	ids := ch.BookingIDs
	if ch.BookingID != 0 {
		ids = []int64{ch.BookingID}
	}
	bs, err := loadBookings(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	if len(bs) == 0 {
		return nil, notify.ErrGone
	}
	d := &draft{c: c, ev: ev, ch: ch, bs: bs, first: &bs[0]}
	switch ch.Kind {
	case booking.ChangeRequested:
		return d.request(ctx, tx, false)
	case booking.ChangeApproved, booking.ChangeRejected:
		return d.decision(ctx, tx)
	case booking.ChangeCancelled, booking.ChangeMoved:
		var msgs []notify.Message
		if d.first.CreatedBy == nil || *d.first.CreatedBy != ch.ActorUserID {
			// Told only when someone else did it: one's own change needs no message.
			if msgs, err = d.decision(ctx, tx); err != nil {
				return nil, err
			}
		}
		if ch.Kind == booking.ChangeMoved && d.anyPending() {
			more, err := d.request(ctx, tx, true)
			if err != nil {
				return nil, err
			}
			msgs = append(msgs, more...)
		}
		return msgs, nil
	}
	return nil, fmt.Errorf("%w: unknown booking change %q", notify.ErrGone, ch.Kind)
}

// draft is one change being put into words.
type draft struct {
	c     *Composer
	ev    notify.Event
	ch    booking.Change
	bs    []bookingRow // the bookings changed, by start
	first *bookingRow
}

func (d *draft) series() bool { return d.ch.SeriesID != 0 }

func (d *draft) anyPending() bool {
	for i := range d.bs {
		if d.bs[i].Status == booking.StatusPending {
			return true
		}
	}
	return false
}

// key is the idempotency key of the messages of this change (with each recipient's address).
func (d *draft) key(kind string) string {
	return kind + ":" + string(d.ch.Kind) + ":" + strconv.FormatInt(d.ev.ID, 10)
}

// request tells the room's approvers that a booking (a series: once) waits for them.
func (d *draft) request(ctx context.Context, tx bun.Tx, moved bool) ([]notify.Message, error) {
	people, err := approvers(ctx, tx, d.first.OwnerID)
	if err != nil {
		return nil, err
	}
	b := d.first
	var msgs []notify.Message
	for _, p := range people {
		if p.ID == d.ch.ActorUserID {
			continue
		}
		l := p.lang()
		m := d.message(p, KindRequest, false)
		if moved {
			m.Subject = i18n.T(l, "mail.booking.moved_request.subject", b.Title)
			m.Paragraphs = []string{i18n.T(l, "mail.booking.moved_request.body", b.OrganisationName, b.RoomName, b.VenueName)}
		} else {
			m.Subject = i18n.T(l, "mail.booking.request.subject", b.Title)
			m.Paragraphs = []string{i18n.T(l, "mail.booking.request.body", b.OrganisationName, b.RoomName, b.VenueName)}
		}
		if d.series() {
			m.Paragraphs = append(m.Paragraphs, i18n.T(l, "mail.booking.request.series", len(d.bs),
				d.c.day(l, d.first.StartsAt), d.c.day(l, d.bs[len(d.bs)-1].StartsAt)))
		}
		if b.Purpose != "" {
			m.Facts = append(m.Facts, notify.Fact{Label: i18n.T(l, "mail.booking.fact.purpose"), Value: b.Purpose})
		}
		m.Facts = append(m.Facts, notify.Fact{Label: i18n.T(l, "mail.booking.fact.attendees"), Value: strconv.Itoa(b.Attendees)})
		m.Action = &notify.Link{Label: i18n.T(l, "mail.booking.action.decide"), Path: "/bokningar/" + strconv.FormatInt(b.ID, 10)}
		msgs = append(msgs, m)
	}
	return msgs, nil
}

// decision tells the person who booked, and the organisation's admins who asked for copies,
// what was decided or done.
func (d *draft) decision(ctx context.Context, tx bun.Tx) ([]notify.Message, error) {
	var booker *person
	if d.first.CreatedBy != nil {
		p, err := findPerson(ctx, tx, *d.first.CreatedBy)
		if err != nil {
			return nil, err
		}
		booker = p
	}
	copies, err := orgCopies(ctx, tx, d.first.OrganisationID)
	if err != nil {
		return nil, err
	}
	actor := ""
	if d.ch.ActorUserID != 0 {
		if p, err := findPerson(ctx, tx, d.ch.ActorUserID); err != nil {
			return nil, err
		} else if p != nil {
			actor = p.Name
		}
	}
	var file []byte
	if d.ch.Kind != booking.ChangeRejected {
		// The calendar file follows the booking: approved, moved or gone.
		bookingID, seriesID := d.first.ID, int64(0)
		if d.series() {
			bookingID, seriesID = 0, d.ch.SeriesID
		}
		if file, err = d.c.feeds.BookingFile(ctx, bookingID, seriesID); err != nil {
			return nil, fmt.Errorf("calendar file: %w", err)
		}
	}
	var msgs []notify.Message
	seen := map[int64]bool{}
	add := func(p *person, kind string, essential bool) {
		if p == nil || seen[p.ID] || p.ID == d.ch.ActorUserID && kind == KindCopy {
			return
		}
		seen[p.ID] = true
		msgs = append(msgs, d.told(p, kind, essential, actor, file))
	}
	add(booker, KindDecision, true)
	for i := range copies {
		add(&copies[i], KindCopy, false)
	}
	return msgs, nil
}

// told is the message of a decision or change to one person.
func (d *draft) told(p *person, kind string, essential bool, actor string, file []byte) notify.Message {
	l, b := p.lang(), d.first
	m := d.message(*p, kind, essential)
	name := string(d.ch.Kind)
	m.Subject = i18n.T(l, "mail.booking."+name+".subject", b.Title)
	by := actor
	if d.ch.Kind == booking.ChangeApproved || d.ch.Kind == booking.ChangeRejected || by == "" {
		by = b.OwnerName
	}
	m.Paragraphs = []string{i18n.T(l, "mail.booking."+name+".body", by, b.RoomName, b.VenueName)}
	if d.series() {
		m.Paragraphs = append(m.Paragraphs, i18n.T(l, "mail.booking.series", len(d.bs),
			d.c.day(l, d.first.StartsAt), d.c.day(l, d.bs[len(d.bs)-1].StartsAt)))
	}
	if b.StatusReason != "" && d.ch.Kind != booking.ChangeMoved {
		m.Paragraphs = append(m.Paragraphs, i18n.T(l, "mail.booking.note", b.StatusReason))
	}
	if kind == KindCopy {
		m.Paragraphs = append(m.Paragraphs, i18n.T(l, "mail.booking.copy", b.OrganisationName))
	}
	if file != nil {
		m.Paragraphs = append(m.Paragraphs, i18n.T(l, "mail.booking.attached"))
		m.Attachments = []notify.Attachment{{
			Name: i18n.T(l, "mail.booking.file") + ".ics", ContentType: "text/calendar; charset=utf-8; method=PUBLISH", Data: file,
		}}
	}
	m.Action = &notify.Link{Label: i18n.T(l, "mail.booking.action.view"), Path: "/bokningar/" + strconv.FormatInt(b.ID, 10)}
	return m
}

// message is what every message about the change has: recipient, key and the facts of the
// (first) booking.
func (d *draft) message(p person, kind string, essential bool) notify.Message {
	l, b := p.lang(), d.first
	when := d.c.when(l, b.StartsAt, b.EndsAt)
	if d.series() && len(d.bs) > 1 {
		when = i18n.T(l, "mail.booking.first", when)
	}
	return notify.Message{
		Kind: kind, Key: d.key(kind), UserID: p.ID, To: p.Email, Lang: l, Essential: essential,
		Facts: []notify.Fact{
			{Label: i18n.T(l, "mail.booking.fact.what"), Value: b.Title},
			{Label: i18n.T(l, "mail.booking.fact.when"), Value: when},
			{Label: i18n.T(l, "mail.booking.fact.where"), Value: b.RoomName + ", " + b.VenueName + ", " + b.StreetAddress + ", " + b.PostalCode + " " + b.Town},
			{Label: i18n.T(l, "mail.booking.fact.organisation"), Value: b.OrganisationName},
			{Label: i18n.T(l, "mail.booking.fact.status"), Value: i18n.T(l, "booking.status."+string(b.Status))},
		},
	}
}

// when is a local time span: "tisdag 3 mars 2026, 18:00–20:00".
func (c *Composer) when(l i18n.Lang, start, end time.Time) string {
	s, e := start.In(c.loc), end.In(c.loc)
	weekday := int(s.Weekday())
	if weekday == 0 {
		weekday = 7
	}
	span := s.Format("15:04") + "–" + e.Format("15:04")
	if e.YearDay() != s.YearDay() || e.Year() != s.Year() {
		span = s.Format("15:04") + " – " + c.day(l, e) + " " + e.Format("15:04")
	}
	return i18n.T(l, "ui.weekday."+strconv.Itoa(weekday)) + " " + c.day(l, s) + ", " + span
}

// day is a local date: "3 mars 2026".
func (c *Composer) day(l i18n.Lang, t time.Time) string {
	t = t.In(c.loc)
	return strconv.Itoa(t.Day()) + " " + i18n.T(l, "ui.month."+strconv.Itoa(int(t.Month()))) + " " + strconv.Itoa(t.Year())
}
