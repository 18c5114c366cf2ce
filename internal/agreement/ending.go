package agreement

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// EndingWithin is how long before its last day an agreement's parties are told it ends.
const EndingWithin = 30 * 24 * time.Hour

// Ending is an active agreement whose last day is near, with one of the people to tell: an
// admin of one of its parties.
type Ending struct {
	AgreementID      int64     `bun:"agreement_id"`
	Title            string    `bun:"title"`
	ValidTo          time.Time `bun:"valid_to,type:date"`
	OrganisationName string    `bun:"organisation_name"`
	UserID           int64     `bun:"user_id"`
	Email            string    `bun:"email"`
	Name             string    `bun:"name"`
	Lang             string    `bun:"lang"`
}

// EndingMailer puts the message that an agreement ends soon into the outbox, in tx.
type EndingMailer interface {
	AgreementEnding(ctx context.Context, tx bun.IDB, e Ending) error
}

// RemindEnding tells the admins of the parties of every active agreement whose last day is
// within EndingWithin (today included) that it ends, and returns how many messages it
// decided. It runs on a timer in every instance: each agreement's end date is told once per
// person, because the outbox keeps one message per key and recipient.
func (s *Service) RemindEnding(ctx context.Context, m EndingMailer) (int, error) {
	today := s.today(s.now())
	var n int
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		var rows []Ending
		err := tx.NewRaw(`SELECT a.id AS agreement_id, a.title, a.valid_to, o.name AS organisation_name,
				u.id AS user_id, u.email, u.name, u.lang
			FROM agreements a
			JOIN agreement_parties p ON p.agreement_id = a.id
			JOIN organisations o ON o.id = p.organisation_id
			JOIN memberships ms ON ms.organisation_id = p.organisation_id AND ms.role = 'admin'
			JOIN users u ON u.id = ms.user_id
			WHERE a.status = 'active' AND a.valid_to BETWEEN ?::date AND ?::date
			ORDER BY a.id, u.id, o.name`, today, today.Add(EndingWithin)).Scan(ctx, &rows)
		if err != nil {
			return err
		}
		for _, e := range rows {
			if err := m.AgreementEnding(ctx, tx, e); err != nil {
				return err
			}
		}
		n = len(rows)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("remind of ending agreements: %w", err)
	}
	return n, nil
}
