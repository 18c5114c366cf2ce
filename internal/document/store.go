package document

import (
	"context"
	"database/sql"
	"errors"

	"github.com/uptrace/bun"
)

// The query helpers below work on any owner's table through its model T, a struct that
// embeds Stored and names its table (see the package comment). ownerColumn is the column
// of the owner's id in that table, e.g. "agreement_id"; it is written by the caller's code,
// never taken from a request.

// List returns the owner's documents, oldest first, without their content.
func List[T any](ctx context.Context, db bun.IDB, ownerColumn string, ownerID int64) ([]T, error) {
	var out []T
	err := db.NewSelect().Model(&out).ExcludeColumn("content").
		Where("? = ?", bun.Ident(ownerColumn), ownerID).OrderExpr("id").Scan(ctx)
	return out, err
}

// Get returns the owner's document id with its content, or ok false when the owner has no
// such document.
func Get[T any](ctx context.Context, db bun.IDB, ownerColumn string, ownerID, id int64) (doc *T, ok bool, err error) {
	doc = new(T)
	err = db.NewSelect().Model(doc).Where("id = ?", id).Where("? = ?", bun.Ident(ownerColumn), ownerID).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return doc, true, nil
}

// Delete removes the owner's document id and returns it without its content (for the audit
// log), or ok false when the owner has no such document.
func Delete[T any](ctx context.Context, db bun.IDB, ownerColumn string, ownerID, id int64) (doc *T, ok bool, err error) {
	doc = new(T)
	err = db.NewDelete().Model(doc).Where("id = ?", id).Where("? = ?", bun.Ident(ownerColumn), ownerID).
		Returning("id, title, filename, content_type, size, sha256, created_at, created_by").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return doc, true, nil
}
