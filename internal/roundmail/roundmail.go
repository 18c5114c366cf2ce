// Package roundmail writes the receipts of seasonal allocation to applicants: that an
// application was received (submitted or changed), and the result once the round is
// published, with each allocated weekly time and the dates that could not be booked. The
// messages go to the applying organisation's admins and bookers, each in their language,
// into the outbox (internal/notify) inside the transaction of the change. It implements
// round.Mailer; the round service calls it, never the pages.
package roundmail

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/notify"
	"github.com/borasstad/lokalbanken/internal/round"
)

// Kinds of the messages (notify.Message.Kind); both are essential: they answer the
// organisation's own application.
const (
	KindReceived  = "round.application_received"
	KindPublished = "round.result"
)

// Mail writes the messages and queues them in out.
type Mail struct {
	out *notify.Service
	loc *time.Location
}

// New returns Mail that queues in out and shows times in loc (Europe/Stockholm).
func New(out *notify.Service, loc *time.Location) *Mail { return &Mail{out: out, loc: loc} }

type person struct {
	ID    int64  `bun:"id"`
	Email string `bun:"email"`
	Name  string `bun:"name"`
	Lang  string `bun:"lang"`
}

// people are the organisation's admins and bookers.
func people(ctx context.Context, tx bun.IDB, org int64) ([]person, string, error) {
	var out []person
	err := tx.NewRaw(`SELECT DISTINCT u.id, u.email, u.name, u.lang FROM users u JOIN memberships ms ON ms.user_id = u.id
		WHERE ms.organisation_id = ? AND ms.role IN ('admin', 'booker') ORDER BY u.id`, org).Scan(ctx, &out)
	if err != nil {
		return nil, "", fmt.Errorf("round mail: people of organisation %d: %w", org, err)
	}
	var name string
	if err := tx.NewRaw(`SELECT name FROM organisations WHERE id = ?`, org).Scan(ctx, &name); err != nil {
		return nil, "", fmt.Errorf("round mail: organisation %d: %w", org, err)
	}
	return out, name, nil
}

func lang(tag string) i18n.Lang {
	if l, ok := i18n.FromTag(tag); ok {
		return l
	}
	return i18n.Default
}

// ApplicationReceived queues the receipt of an application, per revision.
func (m *Mail) ApplicationReceived(ctx context.Context, tx bun.IDB, r *round.Round, a *round.Application) error {
	ps, org, err := people(ctx, tx, a.OrganisationID)
	if err != nil || len(ps) == 0 {
		return err
	}
	msgs := make([]notify.Message, 0, len(ps))
	for _, p := range ps {
		lg := lang(p.Lang)
		var sections []string
		for _, s := range a.Sections {
			sections = append(sections, i18n.T(lg, "mail.round.section", s.Purpose, s.SessionsPerWeek, s.MinutesPerSession))
		}
		msgs = append(msgs, notify.Message{Kind: KindReceived, Key: fmt.Sprintf("round_application:%d:%d", a.ID, a.Revision),
			UserID: p.ID, To: p.Email, Lang: lg, Essential: true,
			Subject:    i18n.T(lg, "mail.round.received.subject", r.Name),
			Paragraphs: []string{i18n.T(lg, "mail.round.received.text", org, r.Name, r.ApplicationsCloseAt.In(m.loc).Format("2006-01-02 15:04"))},
			Facts: []notify.Fact{{Label: i18n.T(lg, "mail.fact.organisation"), Value: org},
				{Label: i18n.T(lg, "mail.round.fact.sections"), Value: strings.Join(sections, "; ")}},
			Action: &notify.Link{Label: i18n.T(lg, "mail.round.action"), Path: round.PagePath(r.ID)},
		})
	}
	return m.out.Enqueue(ctx, tx, msgs...)
}

// ResultPublished queues the result of the round to the organisation: each allocated time
// and its refused dates, or that nothing could be allocated.
func (m *Mail) ResultPublished(ctx context.Context, tx bun.IDB, r *round.Round, orgID int64, allocs []round.Allocation) error {
	ps, org, err := people(ctx, tx, orgID)
	if err != nil || len(ps) == 0 {
		return err
	}
	msgs := make([]notify.Message, 0, len(ps))
	for _, p := range ps {
		lg := lang(p.Lang)
		msg := notify.Message{Kind: KindPublished, Key: fmt.Sprintf("round:%d:result:%d", r.ID, orgID),
			UserID: p.ID, To: p.Email, Lang: lg, Essential: true,
			Subject: i18n.T(lg, "mail.round.result.subject", r.Name),
			Action:  &notify.Link{Label: i18n.T(lg, "mail.round.result.action"), Path: round.PagePath(r.ID)}}
		if len(allocs) == 0 {
			msg.Paragraphs = []string{i18n.T(lg, "mail.round.result.none", org, r.Name)}
		} else {
			msg.Paragraphs = []string{i18n.T(lg, "mail.round.result.text", org, r.Name)}
		}
		for _, a := range allocs {
			v := fmt.Sprintf("%s, %s %s–%s, %s", a.Purpose, i18n.T(lg, fmt.Sprintf("ui.weekday.%d", a.Weekday)), round.Clock(a.Start), round.Clock(a.End), a.RoomName)
			if n := len(a.Refusals); n > 0 {
				v += " " + i18n.T(lg, "mail.round.result.refused", n)
			}
			msg.Facts = append(msg.Facts, notify.Fact{Label: i18n.T(lg, "mail.round.fact.time"), Value: v})
		}
		msgs = append(msgs, msg)
	}
	return m.out.Enqueue(ctx, tx, msgs...)
}
