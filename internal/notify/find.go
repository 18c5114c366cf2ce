package notify

import (
	"context"
	"fmt"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/listing"
)

// FindMessages returns the outbox, newest first, limit at a time from cursor: every message
// decided, sent or kept. Only city administrators may read it (access.ReadMessages); it
// returns access errors otherwise, and a field error on "cursor" for a cursor not made here.
// While mail is sent, the links' secrets are left out of the bodies (secret.go).
func (s *Service) FindMessages(ctx context.Context, actor access.Actor, limit int, cursor string) (listing.Page[Record], error) {
	if err := access.Check(actor, access.ReadMessages, 0); err != nil {
		return listing.Page[Record]{}, err
	}
	cur, err := listing.DecodeCursor(cursor)
	if err != nil {
		return listing.Page[Record]{}, err
	}
	limit = listing.Limit(limit)
	sel := s.db.NewSelect().Model((*Record)(nil))
	if cur != nil {
		sel.Where("id < ?", cur.ID)
	}
	var rows []Record
	if err := sel.OrderExpr("id DESC").Limit(int64(limit+1)).Scan(ctx, &rows); err != nil {
		return listing.Page[Record]{}, fmt.Errorf("find messages: %w", err)
	}
	return listing.Paginate(s.redacted(rows), limit, func(r Record) (string, int64) { return "", r.ID }), nil
}
