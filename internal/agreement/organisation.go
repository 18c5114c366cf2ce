package agreement

import (
	"context"
	"fmt"

	"github.com/borasstad/lokalbanken/internal/access"
)

// FindOrganisationSignatures returns every signature the organisation has made, current
// and withdrawn, with the agreement's title and kind, newest first: which agreements it is
// part of, and was. Signatures of drafts are left out for anyone but city administrators,
// and so are the signer's name and role.
func (s *Service) FindOrganisationSignatures(ctx context.Context, actor access.Actor, orgID int64) ([]Signatory, error) {
	var rows []Signatory
	q := selectSignatories(s.db.NewSelect().Model(&rows)).
		ColumnExpr("a.title AS agreement_title, a.kind AS agreement_kind").
		Join("JOIN agreements AS a ON a.id = s.agreement_id").
		Where("s.organisation_id = ?", orgID)
	if !mayManage(actor) {
		q.Where("a.status <> ?", StatusDraft)
	}
	if err := q.OrderExpr("s.signed_on DESC, s.id DESC").Scan(ctx); err != nil {
		return nil, fmt.Errorf("find signatures of organisation %d: %w", orgID, err)
	}
	if !mayManage(actor) {
		for i := range rows {
			rows[i].SignerName, rows[i].SignerRole = "", ""
		}
	}
	return rows, nil
}
